"""Role-by-URL rows for the plans area: plans, priorities, the plan manager's action forms,
date decisions, and the inspections and recommendations registers.

Reading is for every role (scrutiny gets 404 for anything confidential); writing is for plan
managers and administrators only (403 for everyone else).
"""

from tests.url_table_vocabulary import ALLOWED, EVERYONE, Row, answers, only

MANAGERS = ("manager", "admin")


def managers(ok=200, **by_role):
    """Only plan managers and administrators; everyone else 403 unless named."""
    expect = only(*MANAGERS, ok=ok)
    expect.update(by_role)
    return expect


READS = [
    Row("plan_list", EVERYONE),
    Row("plan_detail", EVERYONE, args=("plan",)),
    Row("plan_detail", answers(200, scrutiny=404), args=("secret_plan",)),
    Row("plan_versions", EVERYONE, args=("plan",)),
    Row("plan_versions", answers(200, scrutiny=404), args=("secret_plan",)),
    Row("plan_version_detail", EVERYONE, args=("plan_version",)),
    Row("plan_version_detail", answers(200, scrutiny=404), args=("secret_plan_version",)),
    Row("inspection_list", EVERYONE),
    Row("inspection_list", EVERYONE, query="kind=ilacs_standard&year=2026&confidential=yes"),
    Row("inspection_detail", EVERYONE, args=("inspection",)),
    Row("inspection_detail", answers(200, scrutiny=404), args=("secret_inspection",)),
    Row("recommendation_list", EVERYONE),
    Row("recommendation_list", EVERYONE, query="q=oversight&status=no_actions"),
    Row("recommendation_detail", EVERYONE, args=("recommendation",)),
    Row(
        "recommendation_detail",
        answers(200, scrutiny=404),
        args=("secret_recommendation",),
    ),
]

# Forms: GET shows the form; POST with nothing filled in answers the form with its errors.
FORMS = [
    ("plan_create", ()),
    ("plan_edit", ("plan",)),
    ("plan_refresh", ("plan",)),
    ("priority_create", ("plan",)),
    ("priority_edit", ("priority",)),
    ("action_create", ("priority",)),
    ("action_edit", ("action",)),
    ("action_change_target_date", ("action",)),
    ("action_close", ("action",)),
    ("inspection_create", ()),
    ("inspection_edit", ("inspection",)),
    ("recommendation_create", ()),
    ("recommendation_edit", ("recommendation",)),
    ("recommendation_close", ("recommendation",)),
    ("date_request_decide", ("date_request",)),
    ("plan_version_create", ("plan",)),
    ("plan_version_ofsted", ("plan_version",)),
]
SECRET_FORMS = [
    ("plan_edit", ("secret_plan",)),
    ("plan_refresh", ("secret_plan",)),
    ("priority_create", ("secret_plan",)),
    ("action_edit", ("secret_action",)),
    ("action_change_target_date", ("secret_action",)),
    ("action_close", ("secret_action",)),
    ("inspection_edit", ("secret_inspection",)),
    ("recommendation_edit", ("secret_recommendation",)),
    ("recommendation_close", ("secret_recommendation",)),
    ("date_request_decide", ("secret_date_request",)),
    ("plan_version_create", ("secret_plan",)),
    ("plan_version_ofsted", ("secret_plan_version",)),
]

WRITES = (
    [Row(url, managers(), args=args) for url, args in FORMS]
    + [Row(url, managers(ok=ALLOWED), args=args, method="post") for url, args in FORMS]
    + [Row(url, managers(scrutiny=404), args=args) for url, args in SECRET_FORMS]
    + [
        Row(url, managers(ok=ALLOWED, scrutiny=404), args=args, method="post")
        for url, args in SECRET_FORMS
    ]
    + [
        Row("priority_move", answers(405), args=("priority",)),
        Row(
            "priority_move",
            managers(ok=302),
            args=("priority",),
            method="post",
            data={"direction": "down"},
        ),
    ]
)

# Only a named approver who has not yet decided may sign a version off (the officer, in
# the world); plan managers and administrators included, everyone else is refused.
SIGN_OFF = [
    Row("plan_version_decide", only("officer"), args=("plan_version",)),
    Row("plan_version_decide", only("officer", ok=ALLOWED), args=("plan_version",), method="post"),
    Row(
        "plan_version_decide",
        answers(403, officer=200, scrutiny=404),
        args=("secret_plan_version",),
    ),
    Row(
        "plan_version_decide",
        answers(403, officer=ALLOWED, scrutiny=404),
        args=("secret_plan_version",),
        method="post",
    ),
]

ROWS = READS + WRITES + SIGN_OFF
