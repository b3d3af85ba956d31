"""Plan sign-off in the browser: the plan manager puts the plan to sign-off naming the
director with the user picker, the director approves it from their home page, and the
inspection page shows "Plan approved on ... (version N)" linking to the frozen version.
axe finds no violation on any sign-off page. One test, so the demo loads once."""

from django.urls import reverse

from core.clock import today
from improvement.models import Plan, PlanVersion
from tests.e2e.conftest import assert_no_axe_violations, screenshot, sign_in

DIRECTOR = "gillian.forde@northdale.example.org"


def test_a_plan_is_put_to_sign_off_approved_and_shown_on_its_inspection(new_page):
    plan = Plan.objects.filter(status="active").order_by("pk").first()
    inspection = plan.inspections.order_by("pk").first()

    manager = new_page()
    sign_in(manager, "manager@example.org")
    manager.goto(reverse("plan_detail", args=[plan.pk]))
    manager.get_by_role("link", name="Versions and sign-off").click()
    manager.wait_for_load_state()
    assert manager.locator("h1").inner_text() == "Versions and sign-off"
    assert_no_axe_violations(manager)
    manager.get_by_role("link", name="Put this plan to sign-off").click()
    manager.wait_for_load_state()
    assert_no_axe_violations(manager)
    manager.get_by_label("Title of this version").fill("Version for cabinet, June 2026")
    manager.get_by_role("combobox", name="Approvers").fill("forde")
    manager.get_by_role("option", name="Gillian Forde, Director of Children's Services").click()
    manager.get_by_role("button", name="Put this version to sign-off").click()
    manager.wait_for_load_state()
    main = manager.locator("main").inner_text()
    assert "has been put to sign-off" in main
    assert "This version is awaiting sign-off" in main
    assert_no_axe_violations(manager)
    version = PlanVersion.objects.get(plan=plan, state=PlanVersion.State.AWAITING)

    director = new_page(width=390)
    sign_in(director, DIRECTOR)
    assert "Waiting for your sign-off" in director.locator("main").inner_text()
    director.get_by_role("link", name=f"version {version.number}: ", exact=False).first.click()
    director.wait_for_load_state()
    director.get_by_role("link", name="Approve or return this version").click()
    director.wait_for_load_state()
    assert_no_axe_violations(director)
    director.get_by_role("button", name="Save decision").click()  # nothing chosen
    director.wait_for_load_state()
    assert "Select whether you approve or return" in director.locator("main").inner_text()
    assert_no_axe_violations(director)
    director.get_by_label("Approve this version").check()
    director.get_by_role("button", name="Save decision").click()
    director.wait_for_load_state()
    day = today().strftime("%-d %B %Y")
    assert f"This is the plan as approved on {day}" in director.locator("main").inner_text()
    screenshot(director, "plan-version-approved-390")

    manager.goto(reverse("inspection_detail", args=[inspection.pk]))
    link = manager.get_by_role("link", name=f"Plan approved on {day} (version {version.number})")
    assert link.count() == 1
    assert_no_axe_violations(manager)
    link.click()
    manager.wait_for_load_state()
    assert manager.url.endswith(version.get_absolute_url())
    assert_no_axe_violations(manager)
    screenshot(manager, "plan-version-approved-1280")
