"""Random input at every form: never a server error, and a refused form writes nothing.

The forms are found, not listed: every POST row of the role-by-URL table that some role
may use, with the field names read from the form the GET request shows.
"""

import re

import pytest
from django.apps import apps
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_url_permissions import url_for, world  # noqa: F401 - the world fixture
from tests.url_table import ALLOWED, ROWS

WRITERS = ("manager", "lead", "scrutiny", "auditor", "admin", "officer")
FIELD_NAME = re.compile(r'<(?:input|textarea|select)[^>]*\bname="([^"]+)"')
SKIP_FIELDS = {"csrfmiddlewaretoken"}
# Pages whose own form is a button alone (start a background job): nothing to fuzz.
BUTTON_ONLY = {"audit_trail_export"}


def form_rows():
    """(row, role) for each POST URL, as the first role the table lets use it."""
    seen, found = set(), []
    for row in ROWS:
        if row.method != "post" or row.url in seen or any(a.startswith("secret") for a in row.args):
            continue
        role = next((r for r in WRITERS if row.expect.get(r) in (ALLOWED, 200, 302)), None)
        if role:
            seen.add(row.url)
            found.append(pytest.param(row, role, id=f"{row.url}-{role}"))
    return found


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


# Text that trips naive code: empty, whitespace, huge, NUL bytes, markup, formulas, numbers.
NASTY = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["", " ", "\x00", "<script>alert(1)</script>", "=HYPERLINK(\"x\")", "-1", "101",
         "31/02/2026", "9999-99-99", "1e309", "NaN", "../../etc/passwd", "☃" * 20]
    ),
    st.integers(min_value=10_001, max_value=60_000).map(lambda n: "a" * n),  # overlong
)  # fmt: skip


@pytest.mark.parametrize(("row", "role"), form_rows())
def test_random_input_never_breaks_a_form(row, role, world, client):  # noqa: F811
    objects, users = world
    client.force_login(users[role])
    url = url_for(row, objects)
    page = client.get(url)
    # An export's GET may be the file itself (its POST prepares it in the background).
    is_html = not page.streaming and page.get("Content-Type", "").startswith("text/html")
    html = page.content.decode() if is_html else ""
    fields = sorted(set(FIELD_NAME.findall(html)) - SKIP_FIELDS)
    # Every page has the header's sign-out form; a second POST form is the page's own.
    if page.status_code == 200 and html.count('method="post"') > 1 and row.url not in BUTTON_ONLY:
        assert fields, f"{url} shows a form but no fields were found to fuzz"

    @settings(
        max_examples=12,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.fixed_dictionaries({name: NASTY for name in fields}) if fields else st.just({}))
    def post_random(data):
        before = row_counts()
        response = client.post(url, data)
        assert response.status_code < 500, (url, data)
        if response.status_code in (200, 400, 403, 404, 409):  # refused: nothing written
            changed = {k: v for k, v in row_counts().items() if v != before[k]}
            assert not changed, (url, data, changed)

    post_random()
