"""Role-by-URL rows for the read API and its token pages (vocabulary: tests/url_table.py).

The API answers with status codes, never a sign-in redirect: 401 without a token, 404 for
a record the token's user may not see. A session alone opens nothing in it.
"""

from tests.url_table_vocabulary import ALLOWED, EVERYONE, Row, answers

TOKEN_READERS = answers(200, anonymous=401)
HIDDEN_FROM_SCRUTINY = answers(200, anonymous=401, scrutiny=404)

# (list URL name, detail URL name, world object, its confidential twin)
RESOURCES = [
    ("api:plan-list", "api:plan-detail", "plan", "secret_plan"),
    ("api:priority-list", "api:priority-detail", "priority", None),
    ("api:action-list", "api:action-detail", "action", "secret_action"),
    ("api:update-list", "api:update-detail", "update", None),
    ("api:date-change-list", "api:date-change-detail", "date_change", "secret_date_change"),
    ("api:date-request-list", "api:date-request-detail", "date_request", "secret_date_request"),
    ("api:challenge-list", "api:challenge-detail", "challenge", "secret_challenge"),
    (
        "api:recommendation-list",
        "api:recommendation-detail",
        "recommendation",
        "secret_recommendation",
    ),
    ("api:inspection-list", "api:inspection-detail", "inspection", "secret_inspection"),
    ("api:judgement-list", "api:judgement-detail", "judgement", "secret_judgement"),
    ("api:measure-list", "api:measure-detail", "measure", None),
    ("api:measure-value-list", "api:measure-value-detail", "measure_value", None),
]


def _resource_rows() -> list[Row]:
    rows = []
    for list_name, detail_name, subject, secret in RESOURCES:
        rows += [
            Row(list_name, TOKEN_READERS, auth="token"),
            Row(list_name, TOKEN_READERS, auth="token", query="format=csv"),
            Row(list_name, TOKEN_READERS, auth="token", query="updated_since=2026-01-01"),
            Row(list_name, answers(400, anonymous=401), auth="token", query="updated_since=x"),
            Row(list_name, answers(405, anonymous=401), auth="token", method="post"),
            # Signed in to the site but no token: the API does not take the session.
            Row(list_name, answers(401, anonymous=401)),
            Row(detail_name, TOKEN_READERS, args=(subject,), auth="token"),
        ]
        if secret:
            rows.append(Row(detail_name, HIDDEN_FROM_SCRUTINY, args=(secret,), auth="token"))
    return rows


ROWS = [
    *_resource_rows(),
    Row("api:action-list", TOKEN_READERS, auth="token", query="status=off_track&overdue=1"),
    Row("api:action-list", answers(400, anonymous=401), auth="token", query="plan=nonsense"),
    Row("api:measure-list", TOKEN_READERS, auth="token", query="source=local&priority=1"),
    Row(
        "api:measure-value-list",
        TOKEN_READERS,
        auth="token",
        query="as_at=2026-03-31&area_type=council&period_from=2025-04-01&reference=M01",
    ),
    Row("api:measure-value-list", answers(400, anonymous=401), auth="token", query="as_at=x"),
    Row("api:measure-value-list", TOKEN_READERS, auth="token", query="format=csv&as_at=2026-03-31"),
    Row("api:plan-status", TOKEN_READERS, args=("plan",), auth="token", query="as_at=2026-03-31"),
    Row("api:plan-status", HIDDEN_FROM_SCRUTINY, args=("secret_plan",), auth="token"),
    Row(
        "api:plan-status",
        answers(400, anonymous=401),
        args=("plan",),
        auth="token",
        query="as_at=x",
    ),
    Row("api:evidence-download", TOKEN_READERS, args=("file_evidence",), auth="token"),
    Row(
        "api:evidence-download",
        HIDDEN_FROM_SCRUTINY,
        args=("secret_file_evidence",),
        auth="token",
    ),
    Row("api:evidence-download", answers(401, anonymous=401), args=("file_evidence",)),
    Row("api:schema", TOKEN_READERS, auth="token"),
    Row("api:schema", answers(401, anonymous=401)),
    Row("api:docs", EVERYONE),
    Row("api:docs", EVERYONE, query="script"),
    Row("api:docs-schema", EVERYONE),
    Row("api_tokens", EVERYONE),
    Row("api_tokens", answers(ALLOWED), method="post", data={"name": "Power BI"}),
    Row("api_tokens", answers(200), method="post", data={"name": ""}),
    Row("api_token_revoke", answers(405), args=("api_token",)),
    Row("api_token_revoke", answers(404, lead=302), args=("api_token",), method="post"),
]
