"""Row heights for wrapped text, and the print set-up every workbook gets."""

from openpyxl import Workbook

from core.spreadsheets import LINE_POINTS, print_layout, row_points, wrapped_lines


def test_text_wraps_at_word_breaks_and_breaks_words_longer_than_a_line():
    assert wrapped_lines("abc def", 7) == 1
    assert wrapped_lines("abc def", 6) == 2
    assert wrapped_lines("Recommendation ref", 11) == 2  # "Recommendati" / "on ref"
    assert wrapped_lines("x" * 10, 5) == 2
    assert wrapped_lines("x" * 10 + " y", 5) == 3
    assert wrapped_lines("first\n\nthird", 20) == 3  # a blank line is a line


def test_a_row_is_as_tall_as_its_longest_cell_and_one_line_rows_are_left_alone():
    assert row_points(["short", 12, None], [10, 10, 10]) is None
    assert row_points(["one two three four", "x"], [5, 5]) == 4 * LINE_POINTS + 3
    assert row_points(["word " * 2_000], [10]) == 409  # Excel's tallest row


def test_print_layout_is_landscape_fitted_to_width_with_titles_and_a_safe_footer():
    sheet = Workbook().active
    print_layout(sheet, title="Plan A & B", marking="OFFICIAL")
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.oddFooter.left.text == "Plan A && B"  # "&" alone would start a code
    assert sheet.oddHeader.center.text == sheet.oddFooter.center.text == "OFFICIAL"
