"""A person makes an API token on their profile, uses it, and revokes it; the API's
documentation page loads its scripts and styles from the app, within the CSP."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, screenshot, sign_in


@pytest.mark.parametrize("width", [1280, 390])
def test_an_officer_makes_uses_and_revokes_a_token(new_page, width):
    page = new_page(width=width)
    sign_in(page, "officer@example.org")
    page.goto("/profile/")
    page.get_by_role("link", name="API tokens for Power BI, Excel and other systems").click()
    expect(page.get_by_role("heading", name="API tokens")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_label("Name").fill("Power BI board pack")
    page.get_by_label("Days until it stops working (optional)").fill("90")
    page.get_by_role("button", name="Create token").click()
    expect(page.get_by_role("heading", name="Token created")).to_be_visible()
    key = page.locator("#new-token").inner_text().strip()
    assert key.startswith("ipt_")
    assert_no_axe_violations(page)
    screenshot(page, f"api-token-created-{width}")
    width_used = page.evaluate("document.documentElement.scrollWidth")
    assert width_used <= width

    answer = page.request.get("/api/v1/actions/", headers={"Authorization": f"Bearer {key}"})
    assert answer.status == 200 and "results" in answer.json()

    page.get_by_role("button", name="Revoke Power BI board pack").click()
    expect(page.get_by_text("has been revoked")).to_be_visible()
    assert_no_axe_violations(page)
    answer = page.request.get("/api/v1/actions/", headers={"Authorization": f"Bearer {key}"})
    assert answer.status == 401


def test_the_documentation_page_works_within_the_csp(browser, live_server, demo):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    page = context.new_page()
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text)
            if "Content Security Policy" in message.text or "Refused" in message.text
            else None
        ),
    )
    sign_in(page, "manager@example.org")
    page.goto("/api/v1/docs/")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "Improvement plan tracker read API" in page.locator(".swagger-ui .info").inner_text()
    page.locator(".opblock-summary-path", has_text="/api/v1/actions/").first.wait_for()
    screenshot(page, "api-docs-1280")
    assert not refused, refused
    context.close()
