"""Browser tests: Playwright drives Debian's Chromium headless against a live server.

They are skipped, with a plain message, when Chromium is not installed, unless
REQUIRE_BROWSER is set (CI sets it, so a missing browser fails the run).
"""

import os
import shutil

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; Django's live server and ORM
# calls from these tests are still synchronous, so allow them here and only here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DEMO_PASSWORD = "demo-password-1"  # noqa: S105 - the published demo sign-in


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
    # Playwright keeps an event loop running in this thread for the rest of the session,
    # which would leak into ordinary tests: run the browser tests last.
    items.sort(key=lambda item: "tests/e2e/" in str(item.path).replace(os.sep, "/"))
    if shutil.which(CHROMIUM) or os.path.exists(CHROMIUM):
        return
    if os.environ.get("REQUIRE_BROWSER"):
        raise pytest.UsageError(f"REQUIRE_BROWSER is set but Chromium is missing at {CHROMIUM}")
    skip = pytest.mark.skip(
        reason=f"Browser tests skipped: Chromium is not installed at {CHROMIUM} "
        "(apt-get install chromium)"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def demo(transactional_db, settings):
    """The demo council, loaded into the live server's database."""
    settings.AXES_ENABLED = False
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def new_page(browser, live_server, demo):
    """Open a fresh browser context (own cookies) at a given width."""
    contexts = []

    def open_page(width=1280, height=900):
        context = browser.new_context(
            viewport={"width": width, "height": height}, bypass_csp=True, base_url=live_server.url
        )
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def sign_in(page, email: str, password: str = DEMO_PASSWORD):
    page.goto("/sign-in/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def assert_no_axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    # After a click that opened a page, the click returns once the page has started
    # loading: let it finish, so axe reads the whole page and not half of it.
    page.wait_for_load_state()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, results.generate_report()


def screenshot(page, name: str):
    """Save a screenshot under test-artifacts/ for people to look at."""
    os.makedirs("test-artifacts", exist_ok=True)
    page.screenshot(path=f"test-artifacts/{name}.png", full_page=True)
