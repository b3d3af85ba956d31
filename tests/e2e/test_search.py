"""Search from the header, as a scrutiny member: accessible (axe) and no sideways scroll at
320 px."""

from tests.e2e.conftest import assert_no_axe_violations, screenshot, sign_in


def test_search_from_the_header_at_1280_and_320(new_page):
    page = new_page()
    sign_in(page, "scrutiny@example.org")
    page.get_by_label("Search inspections, recommendations, plans, actions and updates").fill(
        "plan"
    )
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_load_state()
    assert page.url.endswith("/search/?q=plan")
    assert page.locator("h2#actions, h2#plans").count() >= 1
    assert_no_axe_violations(page)
    screenshot(page, "search-scrutiny-1280")

    phone = new_page(width=320, height=700)
    sign_in(phone, "scrutiny@example.org")
    for url in ("/search/?q=plan", "/search/?q=a", "/"):
        phone.goto(url)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{url} is {width} px wide at 320 px"
    phone.goto("/search/?q=plan")
    assert_no_axe_violations(phone)
    screenshot(phone, "search-scrutiny-320")
