"""A councillor reads the dashboard, follows a red figure to its actions, asks the lead a
question; the lead answers; the councillor reads the answer and closes the challenge; then
reads the dashboard on a tablet, as at a past date. One test, so the demo loads once."""

import datetime as dt
import re

from tests.e2e.conftest import assert_no_axe_violations, screenshot, sign_in

QUESTION = "Why has this slipped, and what will be different by the next meeting?"
ANSWER = "The supplier's release moved; the interim template covers 85% of plans meanwhile."
OFFICER_NAME = "Hannah Okafor"  # the demo officer, officer@example.org


def test_scrutiny_member_challenges_an_off_track_action_and_reads_the_answer(new_page):
    member = new_page()
    sign_in(member, "scrutiny@example.org")
    member.get_by_role("link", name="Dashboard", exact=True).click()
    member.wait_for_load_state()
    assert member.locator("h1").inner_text() == "Where the improvement plans stand"
    assert member.locator("#status-chart-title").count() == 1
    assert_no_axe_violations(member)
    screenshot(member, "dashboard-scrutiny-1280")

    # The red figure: off track (overdue actions included), linked to the list behind it.
    red = member.locator(".app-stat--off_track .app-stat__link").first
    figure = int(re.match(r"\d+", red.inner_text()).group())
    assert figure > 0
    red.click()
    member.wait_for_load_state()
    assert "status=off_track" in member.url
    assert f"{figure} action" in member.locator("main").inner_text()

    # An action the demo officer leads, opened from the list.
    row = member.locator("tbody tr").filter(has_text=OFFICER_NAME).first
    row.locator("a").first.click()
    member.wait_for_load_state()
    action_url = member.url
    member.get_by_label("Ask the action's leads a question").fill(QUESTION)
    member.get_by_role("button", name="Send your question").click()
    member.wait_for_load_state()
    assert "Your question has been sent to the action's leads" in member.content().replace(
        "&#x27;", "'"
    )
    assert QUESTION in member.locator("main").inner_text()

    # The officer who leads it answers from the action's page.
    officer = new_page()
    sign_in(officer, "officer@example.org")
    officer.goto(action_url)
    card = officer.locator(".govuk-summary-card").filter(has_text=QUESTION)
    card.get_by_role("link", name="Answer this challenge").click()
    officer.wait_for_load_state()
    assert QUESTION in officer.locator("main").inner_text()
    officer.get_by_label("Your answer").fill(ANSWER)
    officer.get_by_role("button", name="Send answer").click()
    officer.wait_for_load_state()
    assert "Your answer has been sent" in officer.content()

    # The member reads the answer on their challenges page and closes the challenge.
    member.get_by_role("link", name="Challenges", exact=True).click()
    member.wait_for_load_state()
    card = member.locator(".govuk-summary-card").filter(has_text=QUESTION)
    assert ANSWER in card.inner_text()
    assert OFFICER_NAME in card.inner_text()
    assert_no_axe_violations(member)
    card.get_by_role("button", name=re.compile("Close this challenge")).click()
    member.wait_for_load_state()
    assert "The challenge is closed" in member.content()
    closed = member.locator(".govuk-summary-card").filter(has_text=QUESTION)
    assert "Closed" in closed.inner_text()

    # On a tablet: no sideways scrolling, no accessibility failures, and a past date works.
    tablet = new_page(width=820, height=1180)
    sign_in(tablet, "scrutiny@example.org")
    tablet.goto("/dashboard/")
    assert tablet.evaluate("document.documentElement.scrollWidth") <= 820
    assert_no_axe_violations(tablet)
    screenshot(tablet, "dashboard-scrutiny-820")
    tablet.get_by_role("link", name=re.compile("Improvement Plan 2025-27")).first.click()
    tablet.wait_for_load_state()
    past = dt.date.today() - dt.timedelta(days=60)
    as_at = tablet.get_by_role("group", name="Status as at")  # GOV.UK date input
    as_at.get_by_label("Day").fill(str(past.day))
    as_at.get_by_label("Month").fill(str(past.month))
    as_at.get_by_label("Year").fill(str(past.year))
    tablet.get_by_role("button", name="Show figures").click()
    tablet.wait_for_load_state()
    assert f"Status as at {past.day} {past:%B %Y}" in tablet.locator("main").inner_text()
    assert tablet.locator(".govuk-error-summary").count() == 0  # "changes since" follows it
    assert_no_axe_violations(tablet)
    screenshot(tablet, "plan-dashboard-past-820")
    tablet.goto(tablet.url.split("?")[0] + "?as_at=2026-02-31")
    assert "must be a real date" in tablet.locator(".govuk-error-summary").inner_text()
