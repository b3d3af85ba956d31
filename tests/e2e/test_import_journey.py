"""A plan manager imports a spreadsheet from the web: problems shown, corrected, confirmed."""

from playwright.sync_api import expect

from improvement.models import Action, Plan
from tests.e2e.conftest import assert_no_axe_violations, screenshot, sign_in
from tests.improvement.import_files import xlsx_bytes

HEADER = ["Priority", "Ref", "Recommendation", "Action", "Lead", "Target date", "RAG"]
CORRECT = [
    HEADER,
    ["1. Front door", "R1", "Hold strategy discussions promptly", "Daily strategy meeting",
     "Aisha Rahman and Sam Whitlock", "30/07/2027", "G"],
    ["", "", "", "Out of hours protocol", "Emergency Duty Team Manager", "March 2027", "A"],
    ["2. Children in care", "R2", "More local homes", "Recruit foster carers",
     "Ben Castle / Ruth Adeyemi", "Nov 2027", "In progress"],
    ["", "", "", "Open a children's home", "Ruth Adeyemi", "Immediate", "Not started"],
]  # fmt: skip
WITH_TWO_BAD_ROWS = [
    CORRECT[0],
    CORRECT[1],
    [*CORRECT[2][:5], "31/13/2027", "A"],
    CORRECT[3],
    [*CORRECT[4][:6], "Purple"],
]


def upload(page, path, title=None):
    """Upload on the import page already open; `title` names a new plan."""
    page.get_by_label("Spreadsheet").set_input_files(str(path))
    if title is not None:
        page.get_by_label("Title of the new plan").fill(title)
    page.get_by_role("button", name="Upload and check").click()
    page.wait_for_load_state()


def test_manager_corrects_two_bad_rows_and_imports_the_plan(new_page, tmp_path):
    bad, good = tmp_path / "plan.xlsx", tmp_path / "plan-corrected.xlsx"
    bad.write_bytes(xlsx_bytes(WITH_TWO_BAD_ROWS))
    good.write_bytes(xlsx_bytes(CORRECT))
    page = new_page()
    sign_in(page, "manager@example.org")

    page.get_by_role("link", name="Actions", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Actions"
    assert_no_axe_violations(page)
    screenshot(page, "action-list-manager")

    page.goto("/plans/import/")
    assert_no_axe_violations(page)
    screenshot(page, "import-upload-manager")
    upload(page, bad, "Northdale refreshed plan 2027")

    summary = page.locator(".govuk-error-summary").first
    assert "2 rows in the file have problems" in summary.inner_text()
    assert "Row 3, Target date: Enter a real date" in summary.inner_text()
    assert "Row 5, RAG: Status must be one of" in summary.inner_text()
    expect(page.get_by_label("Skip the 2 rows with problems")).to_be_visible()
    expect(page.locator("#row-3").get_by_text("1 problem")).to_be_visible()
    assert_no_axe_violations(page)
    screenshot(page, "import-preview-with-problems")
    assert not Plan.objects.filter(title="Northdale refreshed plan 2027").exists()

    page.get_by_role("link", name="Upload a corrected file").click()
    page.wait_for_load_state()
    assert page.get_by_label("Title of the new plan").input_value() == (
        "Northdale refreshed plan 2027"
    )
    upload(page, good)

    assert page.locator(".govuk-error-summary").count() == 0
    assert "Aisha Rahman, Ben Castle, Ruth Adeyemi, Sam Whitlock" in page.inner_text("main")
    screenshot(page, "import-preview-clean")
    page.get_by_role("button", name="Import the plan").click()
    page.wait_for_load_state()

    assert "Created plan “Northdale refreshed plan 2027”" in page.inner_text("main")
    plan = Plan.objects.get(title="Northdale refreshed plan 2027")
    assert f"plan={plan.pk}" in page.url or f"/plans/{plan.pk}/" in page.url
    assert "Recruit foster carers" in page.inner_text("main")
    assert Action.objects.filter(priority__plan=plan).count() == 4
    assert_no_axe_violations(page)
    screenshot(page, "import-done")


def test_manager_chooses_what_to_do_with_a_priority_numbered_like_the_plans(new_page, tmp_path):
    """Issue 18 item 4: the clash is shown by row and column and waits for a choice."""
    plan = Plan.objects.exclude(status=Plan.State.CLOSED).order_by("-start_date").first()
    existing = plan.priorities.get(number=1)
    path = tmp_path / "front-door.xlsx"
    path.write_bytes(
        xlsx_bytes([["Priority", "Action"], ["1. Safer front door", "Daily strategy meeting"]])
    )
    for width in (390, 1280):
        page = new_page(width=width)
        sign_in(page, "manager@example.org")
        page.goto("/plans/import/")
        page.get_by_label("Or add the actions to an existing plan").select_option(str(plan.pk))
        upload(page, path)

        summary = page.locator(".govuk-error-summary").first
        assert (
            f"Row 2, Priority: The plan’s priority 1 is “{existing.title}” but the file calls "
            "priority 1 “Safer front door”."
        ) in summary.inner_text()
        assert_no_axe_violations(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        screenshot(page, f"import-preview-priority-clash-{width}")

    page.get_by_role("button", name="Import the plan").click()
    page.wait_for_load_state()
    assert "Choose what to do with priority 1 “Safer front door”" in page.inner_text("main")
    page.get_by_label("Rename the plan’s priority 1 to “Safer front door”").check()
    page.get_by_role("button", name="Import the plan").click()
    page.wait_for_load_state()

    assert "priority 1 renamed “Safer front door”" in page.inner_text("main")
    existing.refresh_from_db()
    assert existing.title == "Safer front door"
    assert existing.actions.filter(description="Daily strategy meeting").count() == 1
