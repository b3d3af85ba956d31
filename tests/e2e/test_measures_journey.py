"""A councillor follows a red measure from the dashboard's scorecard to its page, reads its
table, opens a linked action and raises a challenge on the measure; a plan manager opens
the import and the figure form. axe finds no violation on any measures page. One test, so
the demo loads once."""

from tests.e2e.conftest import assert_no_axe_violations, screenshot, sign_in


def test_measures_pages_read_well_and_pass_axe(new_page):
    member = new_page()
    sign_in(member, "scrutiny@example.org")
    member.get_by_role("link", name="Measures", exact=True).click()
    member.wait_for_load_state()
    assert member.locator("h1").inner_text() == "Measures"
    assert_no_axe_violations(member)

    # On the dashboard's scorecard, a red measure: off target in words as well as colour.
    member.get_by_role("link", name="Dashboard", exact=True).click()
    member.wait_for_load_state()
    scorecard = member.locator("#scorecard ~ div table")
    row = scorecard.locator("tbody tr").filter(has_text="Off target").first
    figure = row.locator("td").first.inner_text().split("\n")[0]
    row.locator("a").first.click()
    member.wait_for_load_state()
    main = member.locator("main").inner_text()
    measure_url = member.url
    assert "Off target" in main and figure in main  # the scorecard's figure, on the page
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

    # Back on the measure, a question for its lead.
    member.goto(measure_url)
    member.get_by_role("link", name="Ask the measure's lead a question").click()
    member.wait_for_load_state()
    assert_no_axe_violations(member)
    member.get_by_label("Your question for the measure's lead").fill("What will turn this round?")
    member.get_by_role("button", name="Send your question").click()
    member.wait_for_load_state()
    assert "What will turn this round?" in member.locator("#challenges ~ div").first.inner_text()

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
