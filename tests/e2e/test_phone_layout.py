"""At 390 px on the demo council (issue 18, items 14 and 16): what a person must press is
on the screen, not scrolled off it sideways; status tags keep their shape; a scrutiny member
finds "Ask a question" at the top of a long action page."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, sign_in

PHONE = 390


def right_edge(locator) -> float:
    box = locator.bounding_box()
    assert box is not None, "not displayed"
    return box["x"] + box["width"]


@pytest.mark.browser
def test_decisions_and_tags_fit_a_phone(new_page):
    manager = new_page(PHONE, 844)
    sign_in(manager, "manager@example.org")
    assert manager.evaluate("document.documentElement.scrollWidth") <= PHONE
    requests = manager.locator("#date-requests + .app-table-wrapper tbody tr")
    assert requests.count() >= 1
    first = requests.first
    for control in (
        first.get_by_role("button", name="Approve"),
        first.get_by_role("link", name="Decline"),
    ):
        control.scroll_into_view_if_needed()
        assert right_edge(control) <= PHONE
    screenshot(manager, "manager-home-390")

    manager.goto("/verification/")
    assert manager.evaluate("document.documentElement.scrollWidth") <= PHONE
    row = manager.locator("tbody tr").first
    for control in (
        row.locator("td[data-label='Evidence']"),
        row.get_by_role("link", name="Check and decide"),
    ):
        control.scroll_into_view_if_needed()
        assert right_edge(control) <= PHONE
    screenshot(manager, "verification-queue-390")

    member = new_page(1280, 900)
    sign_in(member, "scrutiny@example.org")
    member.goto("/challenges/")
    for tag in member.locator(".govuk-summary-card__actions .govuk-tag").all():
        height = tag.bounding_box()["height"]
        assert height < 40, f"a tag {height} px high is stretched"

    # A long action page: "Ask a question" beside the heading and in "On this page".
    member.goto("/actions/")
    member.locator("tbody tr a").first.click()
    member.wait_for_load_state()
    ask = member.locator("main").get_by_role("button", name="Ask a question")
    assert ask.bounding_box()["y"] < 600
    member.get_by_role("navigation", name="On this page").get_by_role(
        "link", name="Ask a question"
    ).click()
    question = member.get_by_label("Ask the action's leads a question")
    expect(question).to_be_visible()
