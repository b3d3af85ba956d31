"""The role-by-URL table of DESIGN.md section 5, gathered from one module per area.

Every named URL pattern must have at least one row, or tests/test_url_permissions.py
fails. The vocabulary (Row, answers, only, LOGIN, ALLOWED) is in url_table_vocabulary.py.
"""

from tests.url_table_vocabulary import (  # noqa: F401
    ALLOWED,
    EVERYONE,
    LOGIN,
    PUBLIC,
    ROLES,
    SIGNED_IN,
    Row,
    answers,
    only,
)
from tests.url_tables import (
    actions,
    api,
    audit,
    dashboard,
    io,
    jobs,
    measures,
    meetings,
    packs,
    plans,
)

CORE_ROWS = [
    Row("home", EVERYONE),
    Row("login", answers(302, anonymous=200)),
    Row("logout", answers(405)),
    Row("logout", answers(302, anonymous=302), method="post"),
    Row("profile", EVERYONE),
    Row("profile", answers(ALLOWED), method="post", data={"wants_reminders": "on"}),
    Row("password_change", EVERYONE),
    Row("two_factor", only("admin")),
    Row("two_factor", only("admin", ok=ALLOWED), method="post", data={"token": "000000"}),
    Row("two_factor_remove", answers(405)),
    Row(
        "two_factor_remove",
        only("admin", ok=ALLOWED),
        method="post",
        data={"remove-current_token": "000000"},
    ),
    Row("password_reset", PUBLIC),
    Row("password_reset_done", PUBLIC),
    Row("password_reset_confirm", PUBLIC, args=("uid", "token")),
    Row("invitation_accept", PUBLIC, args=("uid", "token")),
    Row("password_reset_complete", PUBLIC),
    Row("accessibility", PUBLIC),
    # Single sign-on: with OIDC_ISSUER unset (as here) the provider's pages do not exist;
    # tests/accounts/test_sso_flow.py covers them with a provider.
    Row("oidc_start", answers(404, anonymous=404)),
    Row("oidc_callback", answers(404, anonymous=404)),
    Row("no_access", EVERYONE),
    Row("healthz", PUBLIC),
]

ROWS = (
    CORE_ROWS
    + actions.ROWS
    + plans.ROWS
    + io.ROWS
    + dashboard.ROWS
    + audit.ROWS
    + api.ROWS
    + jobs.ROWS
    + measures.ROWS
    + meetings.ROWS
    + packs.ROWS
)
