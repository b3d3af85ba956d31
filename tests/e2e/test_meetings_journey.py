"""A plan manager adds a meeting of Northdale's improvement board and records it:
attendance, a decision, an action arising (owner through the type-ahead), the challenges
raised; the officer who owns it closes it from their home page; a scrutiny member sees
their panel's next meeting, follow-ups and calendar address. axe finds no violation on any
meetings page. One test, so the demo loads once."""

from datetime import timedelta

from core import clock
from tests.e2e.conftest import assert_no_axe_violations, screenshot, sign_in

BOARD = "Northdale Children's Improvement Board"


def _fill_date(page, prefix, day):
    page.locator(f"#id_{prefix}_0").fill(str(day.day))
    page.locator(f"#id_{prefix}_1").fill(str(day.month))
    page.locator(f"#id_{prefix}_2").fill(str(day.year))


def _go(page, link):
    page.get_by_role("link", name=link, exact=True).first.click()
    page.wait_for_load_state()


def test_meetings_pages_record_a_meeting_and_pass_axe(new_page):
    manager = new_page()
    sign_in(manager, "manager@example.org")
    _go(manager, "Meetings")
    assert manager.locator("h1").inner_text() == "Meetings"
    assert_no_axe_violations(manager)
    manager.goto("/bodies/")
    assert_no_axe_violations(manager)
    _go(manager, BOARD)
    assert "Upcoming meetings" in manager.locator("main").inner_text()
    assert_no_axe_violations(manager)
    screenshot(manager, "body-detail-1280")

    _go(manager, "Add a meeting")
    day = clock.today() + timedelta(days=40)
    _fill_date(manager, "date", day)
    _fill_date(manager, "papers_date", day - timedelta(days=7))
    manager.get_by_label("Start time (optional)").fill("14:00")
    manager.get_by_label("Venue (optional)").fill("Civic Centre, room 2")
    assert_no_axe_violations(manager)
    manager.get_by_role("button", name="Save meeting").click()
    manager.wait_for_load_state()
    assert f"Meeting on {day.day} {day:%B %Y}" in manager.locator("h1").inner_text()
    meeting_url = manager.url

    _go(manager, "Record attendance")
    manager.get_by_label("Others attending (optional)").fill("Democratic services officer")
    assert_no_axe_violations(manager)
    manager.get_by_role("button", name="Save attendance").click()
    manager.wait_for_load_state()

    _go(manager, "Add a decision")
    manager.get_by_label("Decision").fill("The board agreed the revised dates.")
    manager.get_by_role("button", name="Add decision").click()
    manager.wait_for_load_state()

    _go(manager, "Add an action arising")
    manager.get_by_label("Action arising").fill("Bring caseload figures by team.")
    manager.get_by_role("combobox", name="Owner").fill("okaf")
    manager.get_by_role("option", name="Hannah Okafor, Team Manager, Child Protection").click()
    _fill_date(manager, "due_on", day + timedelta(days=21))
    assert_no_axe_violations(manager)
    manager.get_by_role("button", name="Add action arising").click()
    manager.wait_for_load_state()

    _go(manager, "Choose the challenges raised at this meeting")
    assert_no_axe_violations(manager)
    manager.get_by_role("button", name="Save challenges").click()
    manager.wait_for_load_state()
    main = manager.locator("main").inner_text()
    assert "The board agreed the revised dates." in main
    assert "Bring caseload figures by team." in main
    assert "Democratic services officer" in main
    assert_no_axe_violations(manager)
    screenshot(manager, "meeting-detail-1280")

    officer = new_page(width=390)
    sign_in(officer, "officer@example.org")
    tray = officer.locator("main")
    assert "Actions arising you own" in tray.inner_text()
    officer.get_by_role("link", name="Close this action arising").first.click()
    officer.wait_for_load_state()
    assert_no_axe_violations(officer)
    officer.get_by_role("button", name="Close action arising").click()
    officer.wait_for_load_state()
    assert "Enter a closing note" in officer.locator("main").inner_text()

    member = new_page(width=390)
    sign_in(member, "scrutiny@example.org")
    home = member.locator("main").inner_text()
    assert "Your boards and panels" in home and "Follow-ups outstanding" in home
    assert_no_axe_violations(member)
    member.goto(meeting_url)
    assert_no_axe_violations(member)
    member.goto("/bodies/")
    _go(member, "Northdale Children's Scrutiny Panel")
    address = member.get_by_label("Your calendar address").input_value()
    assert "/calendar/" in address and address.endswith(".ics")
    assert_no_axe_violations(member)
    screenshot(member, "body-calendar-390")
    feed = member.request.get(address)
    assert feed.status == 200 and feed.headers["content-type"].startswith("text/calendar")
