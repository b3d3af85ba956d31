"""The demo auditor's journey: the verification queue, verifying one action and returning
another, the audit trail and the exceptions; then the officer sees the action returned."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.models import User
from improvement.models import Action
from improvement.services.actions import progress_update_post
from improvement.status import Status
from tests.e2e.conftest import assert_no_axe_violations, screenshot, sign_in

REASON = "The audit report is a draft. Attach the signed-off version with the sample results."


@pytest.fixture
def officers_complete_action(demo):
    """One of the demo officer's actions, declared complete with a link as evidence."""
    officer = User.objects.get(email="officer@example.org")
    action = (
        Action.objects.filter(lead_officers=officer, declared_status=Status.ON_TRACK)
        .select_related("priority")
        .order_by("priority__number", "order")
        .first()
    )
    progress_update_post(
        action=action,
        author=officer,
        narrative="Forty strategy discussions audited; findings shared with the partnership.",
        status=Status.COMPLETE,
        links=["https://intranet.northdale.example.org/audits/strategy-discussions.pdf"],
    )
    return action


def test_auditor_verifies_one_action_returns_another_and_the_officer_sees_it(
    new_page, officers_complete_action
):
    returned = officers_complete_action
    page = new_page()
    sign_in(page, "auditor@example.org")

    # Home: the queue and the exceptions come first.
    expect(page.get_by_role("heading", name="Waiting to be verified")).to_be_visible()
    expect(page.get_by_role("heading", name="Exceptions")).to_be_visible()
    page.get_by_role("link", name="Open the verification queue").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Verification queue"
    assert_no_axe_violations(page)
    screenshot(page, "auditor-verification-queue")

    # Verify the first action in the queue (the one waiting longest), not the officer's.
    first_link = page.locator("tbody tr").first.get_by_role("link", name="Check and decide")
    verified_reference = first_link.inner_text().split("on action ")[-1].strip()
    assert verified_reference != returned.reference
    first_link.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == f"Verify action {verified_reference}"
    assert_no_axe_violations(page)
    screenshot(page, "auditor-verify-action")
    page.get_by_label("What did you check?").fill("Sampled ten records against the tracker.")
    page.get_by_label("Too early to tell").check()
    page.get_by_label("About the impact").fill("Re-referral figures for the next quarter.")
    page.get_by_role("button", name="Verify action").click()
    page.wait_for_load_state()
    assert f"Action {verified_reference} has been verified" in page.content()
    assert not page.get_by_role(
        "link", name=f"Check and decide on action {verified_reference}"
    ).count()

    # Return the officer's action: the reason is required and is shown beside the field.
    page.get_by_role("link", name=f"Check and decide on action {returned.reference}").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Return to the leads").click()
    page.wait_for_load_state()
    assert "Enter why you are returning the action" in page.content()
    assert_no_axe_violations(page)
    page.get_by_label("Why are you returning it?").fill(REASON)
    page.get_by_role("button", name="Return to the leads").click()
    page.wait_for_load_state()
    assert f"Action {returned.reference} has been returned to its leads" in page.content()
    returned_list = page.locator("h2:has-text('Returned to their leads') + p + ul")
    assert returned.reference in returned_list.inner_text()
    # Only the action's e-mail: a plan version returned in the demo e-mails its manager too.
    returned_mail = [m.to for m in mail.outbox if "has been returned to you" in m.subject]
    assert returned_mail == [["officer@example.org"]]

    # The audit trail shows who returned it, why, and from where.
    page.get_by_role("link", name="Audit trail").first.click()
    page.wait_for_load_state()
    newest = page.locator("tbody tr").first
    assert "Changed" in newest.inner_text()
    assert "Sarah Quinn" in newest.inner_text()
    assert REASON in newest.inner_text()
    assert_no_axe_violations(page)
    screenshot(page, "auditor-audit-trail")

    page.goto("/exceptions/")
    assert page.locator("h1").inner_text() == "Exceptions"
    assert_no_axe_violations(page)
    screenshot(page, "auditor-exceptions")

    # The officer opens the action and sees that it was returned, and why.
    officer_page = new_page()
    sign_in(officer_page, "officer@example.org")
    officer_page.goto(f"/actions/{returned.pk}/")
    assert "Returned" in officer_page.locator("#verification").inner_text()
    assert REASON in officer_page.content()
    assert_no_axe_violations(officer_page)
    screenshot(officer_page, "officer-returned-action")
