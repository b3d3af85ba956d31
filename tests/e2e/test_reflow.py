"""WCAG 1.4.10 Reflow: at 320 px no page scrolls sideways as a whole, for any role.

Every page of the role-by-URL table (tests/url_table.py) that answers a role with an HTML
page is opened in Chromium at 320 px wide, signed in as that role, and the document must
be no wider than the window. Tables may scroll inside their own wrappers; the page may not,
and a scrolling table's caption wraps within its wrapper rather than being cut at its edge.
"""

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import UserFactory
from tests.test_url_permissions import build_world, url_for
from tests.url_table import ROLES, ROWS

WIDTH = 320
# A scrolling table's caption wider than its wrapper is cut at the wrapper's edge (the
# wrapper must keep a width: it is the captions' container).
CUT_CAPTIONS = """() => [...document.querySelectorAll('.app-table-wrapper')].flatMap(w => {
  const caption = w.querySelector(':scope > table > caption');
  if (w.clientWidth === 0) return ['a table wrapper with no width'];
  const wide = caption && caption.getBoundingClientRect().width > w.clientWidth + 1;
  return wide ? [`caption cut: ${caption.innerText.slice(0, 60)}`] : [];
})"""


def html_pages_for(role: str, objects, users) -> list[str]:
    """The GET URLs answering `role` 200 with an HTML page (downloads are left out)."""
    client = Client()
    if users[role]:
        client.force_login(users[role])
    urls = []
    for row in ROWS:
        if row.method != "get" or row.expect[role] != 200:
            continue
        url = url_for(row, objects)
        response = client.get(url)
        html = response.get("Content-Type", "").startswith("text/html")
        if response.status_code == 200 and html and url not in urls:
            urls.append(url)
    return urls


def signed_in_context(browser, live_server, user):
    """A browser context carrying a session for `user` (one sign-in per role)."""
    context = browser.new_context(
        viewport={"width": WIDTH, "height": 640}, bypass_csp=True, base_url=live_server.url
    )
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return context


@pytest.mark.browser
@pytest.mark.parametrize("role", ROLES)
def test_no_page_scrolls_sideways_at_320_px(role, browser, live_server, transactional_db, settings):
    """One test per role, so that parallel workers share the walk."""
    settings.AXES_ENABLED = False
    objects, users = build_world()
    urls = html_pages_for(role, objects, users)
    assert len(urls) > 5  # the table really was walked
    context = signed_in_context(browser, live_server, users[role])
    page = context.new_page()
    too_wide = []
    for url in urls:
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            too_wide.append(f"{role} {url}: {width} px")
        too_wide += [f"{role} {url}: {problem}" for problem in page.evaluate(CUT_CAPTIONS)]
    context.close()
    assert not too_wide, "Pages wider than 320 px:\n" + "\n".join(too_wide)


@pytest.mark.browser
def test_the_authenticator_qr_code_fits_320_px_for_a_long_address(
    browser, live_server, transactional_db
):
    """The QR code holds the user's e-mail address, so a long one makes a bigger code."""
    long_address = "firstname.middlename.lastname.children-services@a-long-council-name.gov.uk"
    admin = UserFactory(email=long_address, is_staff=True, is_superuser=True)
    context = signed_in_context(browser, live_server, admin)
    page = context.new_page()
    page.goto("/profile/two-factor/")
    natural = page.evaluate("document.querySelector('img[alt^=QR]').naturalWidth")
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert natural > WIDTH  # the code really is wider than the screen unless it shrinks
    assert width <= WIDTH
