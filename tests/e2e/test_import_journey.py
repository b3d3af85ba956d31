"""A plan manager imports a spreadsheet from the web: problems shown, corrected, confirmed."""

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
    assert page.get_by_label("Skip the 2 rows with problems").is_visible()
    assert page.locator("#row-3").get_by_text("1 problem").is_visible()
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
