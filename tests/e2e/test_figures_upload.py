"""A plan manager uploads the council's own figures: a file with a problem is shown row by
row and nothing is saved; the corrected file is previewed and saved. axe finds no
violation on the upload page or either preview."""

import datetime as dt

from measures.models import MeasureValue
from tests.e2e.conftest import assert_no_axe_violations, screenshot, sign_in


def _file(rows: list[str]) -> dict:
    text = "measure_reference,period,value,target,note\r\n" + "".join(r + "\r\n" for r in rows)
    return {"name": "figures.csv", "mimeType": "text/csv", "buffer": text.encode()}


WIDER_THAN_WINDOW = """[...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > 320)
  .map(e => e.tagName + '.' + e.className).slice(0, 10)"""


def assert_reflows(page):
    page.set_viewport_size({"width": 320, "height": 900})
    wide = page.evaluate(WIDER_THAN_WINDOW)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, wide
    page.set_viewport_size({"width": 390, "height": 900})


def test_upload_preview_and_confirm_the_councils_figures(new_page):
    last_month = dt.date.today().replace(day=1) - dt.timedelta(days=1)
    month = last_month.strftime("%B %Y")
    page = new_page(width=390)
    sign_in(page, "manager@example.org")
    page.goto("/measures/")
    page.get_by_role("link", name="Upload the council's figures").click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)
    assert_reflows(page)

    page.get_by_label("File of figures (.csv or .xlsx)").set_input_files(
        _file([f"CSC04,{month},97.5,95,Checked", "NOPE,Smarch 2026,lots,,"])
    )
    page.get_by_role("button", name="Upload and preview").click()
    page.wait_for_load_state()
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Row 3, measure_reference: No measure has the reference “NOPE”" in summary
    assert page.get_by_role("button", name="Save these figures").count() == 0
    assert_no_axe_violations(page)
    screenshot(page, "figures-upload-problems-390")
    assert_reflows(page)

    page.get_by_role("link", name="Upload another file").click()
    page.get_by_label("File of figures (.csv or .xlsx)").set_input_files(
        _file([f"CSC04,{month},97.5,95,Checked"])
    )
    page.get_by_role("button", name="Upload and preview").click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert "Check the figures before they are saved" in main and month in main
    assert_no_axe_violations(page)
    screenshot(page, "figures-upload-preview-390")
    assert_reflows(page)

    page.get_by_role("button", name="Save these figures").click()
    page.wait_for_load_state()
    assert "Imported" in page.locator("main").inner_text()
    saved = MeasureValue.objects.get(
        measure__reference="CSC04",
        area_type="council",
        period__time_identifier=last_month.strftime("%B"),
        period__time_period=str(last_month.year),
    )
    assert saved.value == 97.5 and saved.note == "Checked"
