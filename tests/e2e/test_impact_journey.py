"""An auditor judges the impact of an action already verified in the demo, on its own page;
the action page then shows the judgement."""

from playwright.sync_api import expect

from improvement.models import Action
from improvement.status import Status
from tests.e2e.conftest import assert_no_axe_violations, screenshot, sign_in


def test_auditor_records_the_impact_of_a_verified_action(new_page):
    action = (
        Action.objects.filter(declared_status=Status.VERIFIED)
        .select_related("priority")
        .order_by("priority__number", "order")
        .first()
    )
    page = new_page()
    sign_in(page, "auditor@example.org")
    page.goto(action.get_absolute_url())
    page.get_by_role("link", name="Change the judgement of its impact").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == f"Impact of action {action.reference}"
    assert_no_axe_violations(page)

    # "Not evidenced" needs a note: the error is shown beside the field.
    page.get_by_label("Not evidenced").check()
    page.get_by_label("About the impact").fill("")
    page.get_by_role("button", name="Record impact").click()
    page.wait_for_load_state()
    expect(page.get_by_role("link", name="Enter what would show the impact")).to_be_visible()
    assert_no_axe_violations(page)
    screenshot(page, "auditor-impact-error")

    page.get_by_label("Not evidenced").check()
    page.get_by_label("About the impact").fill("Re-referrals have not moved in two quarters.")
    page.get_by_role("button", name="Record impact").click()
    page.wait_for_load_state()
    assert f"The impact of action {action.reference} has been recorded" in page.content()
    assert "Re-referrals have not moved in two quarters." in page.content()
