"""Role-by-URL rows for the bodies and meetings pages (see tests/url_table.py for the
vocabulary).

Bodies and meetings are plan data every role reads; plan managers and administrators run
bodies and record meetings; an action arising's owner (the world's is the lead) closes it
too; a member (the world's scrutiny member) renews their calendar address. The calendar
feed is the one page open to anonymous visitors, and only with a member's current token.
"""

from tests.url_table_vocabulary import *  # noqa: F403

MANAGERS = ("manager", "admin")
MEETING = ("meeting",)


def managed(url, args=(), data=None):
    """A manager's page: the form for managers, 403 for others; posted empty, its errors."""
    return [
        Row(url, only(*MANAGERS), args=args),  # noqa: F405
        Row(url, only(*MANAGERS, ok=ALLOWED), args=args, method="post", data=data or {}),  # noqa: F405
    ]


ROWS = [
    Row("body_list", EVERYONE),  # noqa: F405
    Row("body_detail", EVERYONE, args=("body",)),  # noqa: F405
    Row("meeting_list", EVERYONE),  # noqa: F405
    Row("meeting_list", EVERYONE, query="page=2"),  # noqa: F405
    Row("meeting_detail", EVERYONE, args=MEETING),  # noqa: F405
    *managed("body_create"),
    *managed("body_edit", ("body",)),
    *managed("body_member_add", ("body",)),
    *managed("meeting_create", ("body",)),
    *managed("meeting_edit", MEETING),
    *managed("meeting_attendance", MEETING),
    *managed("meeting_decision_add", MEETING),
    *managed("meeting_arising_add", MEETING),
    # Plan managers link any challenge; the scrutiny member sits on the world's body.
    Row("meeting_challenges", only("scrutiny", *MANAGERS), args=MEETING),  # noqa: F405
    Row(  # noqa: F405
        "meeting_challenges",
        only("scrutiny", *MANAGERS, ok=ALLOWED),  # noqa: F405
        args=MEETING,
        method="post",
    ),
    Row("meeting_status", answers(405), args=MEETING),  # noqa: F405
    Row(  # noqa: F405
        "meeting_status",
        only(*MANAGERS, ok=ALLOWED),  # noqa: F405
        args=MEETING,
        method="post",
        data={"status": "minutes_approved"},  # not the next step: refused with a message
    ),
    Row("body_member_remove", answers(405), args=("body_member",)),  # noqa: F405
    # The manager removes the member; by the administrator's turn it is gone (404).
    Row(  # noqa: F405
        "body_member_remove",
        answers(403, manager=ALLOWED, admin=404),  # noqa: F405
        args=("body_member",),
        method="post",
    ),
    Row("body_calendar_renew", answers(405), args=("body",)),  # noqa: F405
    Row(  # noqa: F405
        "body_calendar_renew",
        only("lead", "scrutiny", ok=ALLOWED),  # noqa: F405 (both are members)
        args=("body",),
        method="post",
    ),
    Row("arising_close", only("lead", *MANAGERS), args=("action_arising",)),  # noqa: F405
    Row(  # noqa: F405
        "arising_close",
        only("lead", *MANAGERS, ok=ALLOWED),  # noqa: F405
        args=("action_arising",),
        method="post",
    ),
    # Calendar apps cannot sign in: a member's current token opens the feed to anyone.
    Row("body_calendar", PUBLIC, args=("feed_token",)),  # noqa: F405
    Row("body_calendar", answers(404, anonymous=404), args=("revoked_feed_token",)),  # noqa: F405
    Row("body_calendar", answers(404, anonymous=404), args=("token",)),  # noqa: F405
]
