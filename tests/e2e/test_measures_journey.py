"""A councillor follows a red measure from the register to its page, reads its table and
opens a linked action; a plan manager opens the import and the figure form. axe finds no
violation on any measures page. One test, so the demo loads once."""

from tests.e2e.conftest import assert_no_axe_violations, screenshot, sign_in


def test_measures_pages_read_well_and_pass_axe(new_page):
    member = new_page()
    sign_in(member, "scrutiny@example.org")
    member.get_by_role("link", name="Measures", exact=True).click()
    member.wait_for_load_state()
    assert member.locator("h1").inner_text() == "Measures"
    assert_no_axe_violations(member)

    # A red measure, off target in words as well as colour.
    row = member.locator("tbody tr").filter(has_text="Off target").first
    row.locator("a").first.click()
    member.wait_for_load_state()
    main = member.locator("main").inner_text()
    assert "Off target" in main
    assert "Every figure, newest period first" in main
    assert "suppressed to protect confidential information" in main.lower()
    assert member.locator("#measure-chart-title").count() == 1
    assert_no_axe_violations(member)
    screenshot(member, "measure-scrutiny-1280")

    # A linked action, opened from the measure.
    member.locator("table", has_text="Actions meant to move this measure").locator(
        "a"
    ).first.click()
    member.wait_for_load_state()
    assert "/actions/" in member.url

    manager = new_page(width=390)
    sign_in(manager, "manager@example.org")
    manager.goto("/measures/")
    manager.get_by_role("link", name="Import published statistics").click()
    manager.wait_for_load_state()
    assert_no_axe_violations(manager)
    manager.goto("/measures/")
    manager.locator("tbody a").first.click()
    manager.get_by_role("link", name="Enter a figure").click()
    manager.wait_for_load_state()
    manager.get_by_role("button", name="Save the figure").click()
    manager.wait_for_load_state()
    assert "Enter the figure, or choose why there is none" in manager.locator("main").inner_text()
    assert_no_axe_violations(manager)
    screenshot(manager, "measure-figure-form-390")
