"""Single sign-on in Chromium against the real OpenID provider (tests/oidc/provider.mjs):
the whole redirect flow, roles kept in step with the claim, the no-access page, and every
refusal a clear, accessible page and a failed sign-in in the audit trail."""

from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from accounts.models import User
from audit.models import SignInEvent
from core import roles
from tests import sso_provider
from tests.e2e.conftest import CHROMIUM_ARGS, assert_no_axe_violations, screenshot

pytestmark = pytest.mark.browser

OLU = sso_provider.ACCOUNTS["olu"]


@pytest.fixture(scope="session")
def oidc_live(live_server):
    yield from sso_provider.start(live_server.url)


@pytest.fixture
def sso_page(browser, live_server, transactional_db, settings, oidc_live):
    """A fresh browser (own cookies, at the provider too) on the app, signed in nowhere."""
    assert CHROMIUM_ARGS  # the browser fixture launches with the closed-network flags
    settings.AXES_ENABLED = False
    oidc_live.reset()
    oidc_live.settings(settings)
    contexts = []

    def open_page(width=1280):
        context = browser.new_context(
            viewport={"width": width, "height": 900}, bypass_csp=True, base_url=live_server.url
        )
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def through_provider(page, account: str, rewrite=None) -> list[str]:
    """From the sign-in page, sign in at the provider as `account`; the callback URLs seen.

    `rewrite` changes the callback address on its way back to the app (a tampered state,
    a replayed code). Chromium does not route redirects, so the provider's answer to the
    sign-in form is fetched here, its redirects followed to the callback address, and the
    browser sent on to the rewritten address.
    """
    seen = []
    page.on("request", lambda request: _note_callback(request.url, seen))
    if rewrite:

        def answer_with_rewritten_callback(route):
            answer = route.fetch(max_redirects=0)
            resume = urljoin(route.request.url, answer.headers["location"])
            callback = page.context.request.get(resume, max_redirects=0).headers["location"]
            route.fulfill(status=303, headers={"location": rewrite(callback)})

        page.route("**/interaction/*/login", answer_with_rewritten_callback)
    page.goto("/sign-in/")
    page.get_by_role("button", name="Sign in with your council account").click()
    page.get_by_label("Account name").fill(account)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    return seen


def _note_callback(url: str, seen: list[str]) -> None:
    if "/oidc/callback/" in url:
        seen.append(url)


def held_roles(email: str) -> set[str]:
    return set(User.objects.get(email=email).groups.values_list("name", flat=True))


def test_first_sign_in_creates_the_person_and_the_claim_keeps_roles_in_step(sso_page, oidc_live):
    page = sso_page()
    page.goto("/sign-in/")
    assert_no_axe_violations(page)
    screenshot(page, "sso-sign-in-1280")
    through_provider(page, "olu")
    assert "here is what needs you" in page.locator("h1").inner_text()
    assert held_roles(OLU["email"]) == {roles.OFFICER}
    event = SignInEvent.objects.get(kind="signed_in")
    assert (event.method, event.amr) == ("provider", "pwd")

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    assert page.url.startswith(oidc_live.issuer), page.url  # the provider's end-session page
    page.goto("/")
    assert "/sign-in/" in page.url

    oidc_live.set_account("olu", **{**OLU, "roles": ["Tracker.Manager"]})
    through_provider(sso_page(), "olu")
    assert held_roles(OLU["email"]) == {roles.PLAN_MANAGER}

    oidc_live.set_account("olu", **{**OLU, "roles": []})
    page = sso_page()
    through_provider(page, "olu")
    assert held_roles(OLU["email"]) == set()
    expect(page.get_by_role("heading", name="You do not have access yet")).to_be_visible()


@pytest.mark.parametrize("width", [390, 320])
def test_the_sign_in_page_with_a_council_account_button_is_accessible(sso_page, width):
    page = sso_page(width)
    page.goto("/sign-in/")
    expect(page.get_by_role("button", name="Sign in with your council account")).to_be_visible()
    expect(page.get_by_label("E-mail address")).to_be_visible()
    assert_no_axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"sso-sign-in-{width}")


@pytest.mark.parametrize("width", [1280, 390])
def test_an_unmapped_claim_gets_the_accessible_no_access_page(sso_page, width):
    page = sso_page(width)
    through_provider(page, "nia")
    assert page.url.endswith("/no-access/")
    expect(page.get_by_role("heading", name="You do not have access yet")).to_be_visible()
    assert_no_axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"sso-no-access-{width}")


def test_a_person_deactivated_in_admin_cannot_sign_in_through_the_provider(sso_page):
    through_provider(sso_page(), "olu")
    User.objects.filter(email=OLU["email"]).update(is_active=False)
    page = sso_page()
    through_provider(page, "olu")
    expect(page.get_by_role("heading", name="Your account is switched off")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto("/")
    assert "/sign-in/" in page.url
    assert SignInEvent.objects.filter(kind="failed", reason="inactive").count() == 1


def refused(page, code: str, width: int = 1280) -> None:
    assert "You have not been signed in" in page.content(), page.content()
    assert_no_axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    event = SignInEvent.objects.filter(kind="failed").latest("pk")
    assert event.method == "provider" and event.reason.split(":")[0] == code
    assert (
        not SignInEvent.objects.filter(kind="signed_in", user__isnull=False)
        .exclude(user__email=OLU["email"])
        .exists()
    )


@pytest.mark.parametrize(
    ("mode", "code"),
    [("wrong_audience", "audience"), ("expired", "expired"), ("unknown_key", "unknown_key")],
)
def test_bad_id_tokens_from_the_provider_are_refused_with_a_clear_page(
    sso_page, oidc_live, mode, code
):
    oidc_live.set_mode(mode)
    page = sso_page(320)
    through_provider(page, "olu")
    refused(page, code, width=320)
    screenshot(page, f"sso-refused-{code}-320")
    assert not User.objects.filter(email=OLU["email"]).exists()


def test_a_tampered_state_is_refused(sso_page):
    page = sso_page()
    through_provider(page, "olu", rewrite=lambda url: url.replace("state=", "state=tampered"))
    refused(page, "state")
    assert not User.objects.filter(email=OLU["email"]).exists()


def test_a_replayed_code_is_refused(sso_page):
    page = sso_page()
    first = through_provider(page, "olu")
    old_code = first[0].split("code=")[1].split("&")[0]
    User.objects.all().delete()
    page = sso_page()

    def replay(url):
        new_code = url.split("code=")[1].split("&")[0]
        return url.replace(new_code, old_code)

    through_provider(page, "olu", rewrite=replay)
    refused(page, "code")
