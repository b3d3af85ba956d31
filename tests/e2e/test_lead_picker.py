"""The lead-officer type-ahead on the action form: find an officer by part of a name."""

from django.urls import reverse
from playwright.sync_api import expect

from improvement.models import Action, Priority
from tests.e2e.conftest import assert_no_axe_violations, screenshot, sign_in


def test_typing_part_of_a_name_offers_the_officer_and_saves_the_lead(new_page):
    priority = Priority.objects.filter(plan__status="active").first()
    for width in (1280, 390):
        page = new_page(width=width)
        sign_in(page, "manager@example.org")
        page.goto(reverse("action_create", args=[priority.pk]))
        combobox = page.get_by_role("combobox", name="Lead officers")
        combobox.fill("okaf")
        option = page.get_by_role("option", name="Hannah Okafor, Team Manager, Child Protection")
        expect(option).to_be_visible()
        assert page.get_by_role("option", name="Cllr Margaret Ellison").count() == 0
        assert_no_axe_violations(page)
        screenshot(page, f"lead-picker-{width}")
        option.click()
        expect(page.get_by_role("button", name="Remove Hannah Okafor")).to_be_visible()
        screenshot(page, f"lead-picker-chosen-{width}")
        page.get_by_label("Action", exact=True).fill(f"Picker check at {width}")
        assert_no_axe_violations(page)
        page.get_by_role("button", name="Save action").click()
        page.wait_for_load_state()
        action = Action.objects.get(description=f"Picker check at {width}")
        assert [lead.email for lead in action.lead_officers.all()] == ["officer@example.org"]
