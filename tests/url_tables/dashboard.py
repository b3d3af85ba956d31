"""Role-by-URL rows for the dashboard area (see tests/url_table.py for the vocabulary).

Dashboards, report packs and the challenge list are open to every role; a plan answering
only a confidential inspection answers 404 to scrutiny members, and a report pack that
includes confidential items ("restricted") answers 403 to them. Only scrutiny members
raise challenges, and only the member who raised one closes it (nobody in the table did).
"""

from tests.url_table_vocabulary import *  # noqa: F403

HIDDEN_FROM_SCRUTINY = answers(200, scrutiny=404)  # noqa: F405
RESTRICTED = "audience=restricted"
QUESTION = {"question": "How do you know this is working?"}

ROWS = [
    Row("dashboard", EVERYONE),  # noqa: F405
    Row("dashboard", EVERYONE, query="as_at=2026-02-30"),  # noqa: F405 - a bad date is no 500
    Row("challenge_list", EVERYONE),  # noqa: F405
    Row("search", EVERYONE),  # noqa: F405
    Row("search", EVERYONE, query="q=plan"),  # noqa: F405
    Row("search", EVERYONE, query="q=a"),  # noqa: F405 - too short: a message, no search
]
for name in ("plan_dashboard", "report_pack", "report_pdf", "report_xlsx"):
    ROWS += [
        Row(name, EVERYONE, args=("plan",)),  # noqa: F405
        Row(name, HIDDEN_FROM_SCRUTINY, args=("secret_plan",)),  # noqa: F405
    ]
for name in ("report_pack", "report_pdf", "report_xlsx"):
    ROWS += [
        Row(name, answers(200, scrutiny=403), args=("plan",), query=RESTRICTED),  # noqa: F405
        Row(name, HIDDEN_FROM_SCRUTINY, args=("secret_plan",), query=RESTRICTED),  # noqa: F405
    ]
# A POST prepares the pack's file in the background (jobs/) and leads to Your downloads.
for name in ("report_pdf", "report_xlsx"):
    ROWS += [
        Row(name, answers(302), args=("plan",), method="post"),  # noqa: F405
        Row(name, answers(302, scrutiny=403), args=("plan",), query=RESTRICTED, method="post"),  # noqa: F405
        Row(name, answers(302, scrutiny=404), args=("secret_plan",), method="post"),  # noqa: F405
    ]
for name, public, secret in (
    ("challenge_raise_action", "action", "secret_action"),
    ("challenge_raise_recommendation", "recommendation", "secret_recommendation"),
):
    ROWS += [
        Row(name, only("scrutiny"), args=(public,)),  # noqa: F405
        Row(name, only("scrutiny", ok=ALLOWED), args=(public,), method="post", data=QUESTION),  # noqa: F405
        Row(name, answers(403, scrutiny=404), args=(secret,)),  # noqa: F405
        Row(name, answers(403, scrutiny=404), args=(secret,), method="post", data=QUESTION),  # noqa: F405
    ]
ROWS += [
    Row("challenge_close", answers(405), args=("challenge",)),  # noqa: F405
    Row("challenge_close", answers(403), args=("challenge",), method="post"),  # noqa: F405
    Row("challenge_close", answers(403, scrutiny=404), args=("secret_challenge",), method="post"),  # noqa: F405
]
