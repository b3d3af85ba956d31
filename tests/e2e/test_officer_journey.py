"""The demo officer's journey: tray, action page, posting an update with a PDF."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, screenshot, sign_in

NARRATIVE = "Audited 40 strategy discussions this quarter.\nAll were held within one working day."


@pytest.fixture
def small_pdf(tmp_path):
    path = tmp_path / "audit-summary.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    return path


def test_officer_posts_an_update_with_a_pdf_and_sees_it_at_the_top(new_page, small_pdf):
    page = new_page()
    sign_in(page, "officer@example.org")

    # The work tray is the officer's home page.
    expect(page.get_by_role("heading", name="Your actions")).to_be_visible()
    expect(page.locator("#tray-overdue")).to_be_visible()
    assert_no_axe_violations(page)
    screenshot(page, "officer-tray-1280")

    # Open the most urgent action.
    first = page.locator("#tray-overdue + p + ul h4 a").first
    title = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().endswith(title.split(" ", 1)[1])
    assert_no_axe_violations(page)
    screenshot(page, "officer-action-1280")

    # Post an update from the action page with a PDF.
    page.get_by_role("link", name="Post an update").first.click()
    page.get_by_label("What has happened since the last update?").fill(NARRATIVE)
    page.get_by_role("radio", name="At risk").check()
    page.get_by_label("Percent complete (optional)").fill("65")
    page.locator("#id_files").set_input_files(str(small_pdf))
    page.get_by_role("button", name="Post update").click()
    page.wait_for_load_state()

    assert "Your update has been posted" in page.content()
    # It lands at the top with the success banner focused, not lower down at #progress.
    assert "#" not in page.url
    banner = page.locator(".govuk-notification-banner--success")
    banner.wait_for()
    page.wait_for_function("document.activeElement.classList.contains('govuk-notification-banner')")
    assert banner.bounding_box()["y"] < 900
    newest = page.locator("#progress ~ .govuk-summary-card").first
    assert "Audited 40 strategy discussions this quarter." in newest.inner_text()
    assert "All were held within one working day." in newest.inner_text()
    assert "At risk" in newest.locator(".app-status").inner_text()
    assert "65%" in newest.inner_text()
    download = newest.get_by_role("link", name="audit-summary.pdf")
    expect(download).to_be_visible()
    status = page.locator(".govuk-summary-list").first
    assert "At risk" in status.inner_text()
    assert_no_axe_violations(page)

    # The evidence downloads as an attachment.
    with page.expect_download() as info:
        download.click()
    assert info.value.suggested_filename == "audit-summary.pdf"


def test_an_invalid_update_is_explained_and_accessible(new_page):
    page = new_page()
    sign_in(page, "officer@example.org")
    page.locator("#tray-overdue + p + ul h4 a").first.click()
    page.wait_for_load_state()
    page.get_by_label("Percent complete (optional)").fill("140")
    page.get_by_role("button", name="Post update").click()
    page.wait_for_load_state()
    summary = page.locator(".govuk-error-summary")
    assert "Enter what has happened since the last update" in summary.inner_text()
    assert "Select a status" in summary.inner_text()
    assert "Percent complete must be 100 or less" in summary.inner_text()
    assert_no_axe_violations(page)


@pytest.mark.parametrize("width", [1280, 390])
def test_tray_and_action_page_fit_the_screen(new_page, width):
    page = new_page(width=width, height=900)
    sign_in(page, "officer@example.org")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"officer-tray-{width}")
    page.locator("#tray-overdue + p + ul h4 a").first.click()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"officer-action-{width}")
    if width == 390:
        assert_no_axe_violations(page)
