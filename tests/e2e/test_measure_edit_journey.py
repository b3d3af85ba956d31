"""A plan manager adds a measure outside admin, edits it, sets a target and removes it,
and links it to an action from the action's page; every form reports bad input beside its
field, and axe finds no violation on any of the new pages. One test, so the demo loads
once."""

from tests.e2e.conftest import assert_no_axe_violations, screenshot, sign_in


def test_a_manager_adds_edits_and_links_a_measure(new_page):
    page = new_page()
    sign_in(page, "manager@example.org")
    page.goto("/measures/")
    page.get_by_role("link", name="Add a measure").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Save measure").click()
    page.wait_for_load_state()
    assert "Enter a reference" in page.locator(".govuk-error-summary").inner_text()
    assert_no_axe_violations(page)

    page.get_by_label("Reference").fill("CSC99")
    page.get_by_label("Title").fill("Children seen alone at each visit")
    page.get_by_label("Decimal places").fill("1")
    page.get_by_role("button", name="Save measure").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Children seen alone at each visit"

    page.get_by_role("link", name="Edit measure CSC99").click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)
    screenshot(page, "measure-edit-1280")
    page.get_by_label("Title").fill("Children seen alone at every visit")
    page.get_by_role("button", name="Save measure").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Children seen alone at every visit"

    page.get_by_role("link", name="Set or change targets").click()
    page.wait_for_load_state()
    page.get_by_label("From a date on").check()
    page.locator("[name=from_date_0]").fill("1")
    page.locator("[name=from_date_1]").fill("4")
    page.locator("[name=from_date_2]").fill("2025")
    page.get_by_label("Target", exact=True).fill("90")
    page.get_by_label("Percentage of the target").check()
    page.get_by_label("Tolerance band").fill("150")
    page.get_by_role("button", name="Save the target").click()
    page.wait_for_load_state()
    assert "from 0 to 100" in page.locator(".govuk-error-summary").inner_text()
    assert_no_axe_violations(page)
    page.get_by_label("Tolerance band").fill("5")
    page.get_by_role("button", name="Save the target").click()
    page.wait_for_load_state()
    assert "5% of the target" in page.locator("main").inner_text()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Remove the target from 1 April 2025").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Remove the target from 1 April 2025?"
    assert_no_axe_violations(page)
    screenshot(page, "measure-target-remove-1280")
    page.get_by_role("button", name="Remove the target").click()
    page.wait_for_load_state()
    assert "The target from 1 April 2025 was removed" in page.locator("main").inner_text()
    assert "No target has been set yet" in page.locator("main").inner_text()

    page.goto("/actions/")
    page.locator("tbody a").first.click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Link or unlink measures").click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)
    page.get_by_label("Find a measure by its reference or title").fill("csc99")
    page.get_by_role("button", name="Find").click()
    page.wait_for_load_state()
    assert "1 measure matches “csc99”" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    screenshot(page, "action-measures-found-1280")
    page.get_by_label("CSC99: Children seen alone at every visit").check()
    page.get_by_role("button", name="Save linked measures").click()
    page.wait_for_load_state()
    assert "1 linked" in page.locator("main").inner_text()

    narrow = new_page(width=320)
    sign_in(narrow, "manager@example.org")
    narrow.goto("/measures/new/")
    assert_no_axe_violations(narrow)
    screenshot(narrow, "measure-new-320")
