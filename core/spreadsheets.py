"""Workbooks that print as a committee clerk expects.

Landscape, every column fitted to the paper's width (as many pages down as needed), the
header row repeated on every page, grid lines, wrapped rows sized to their text, and the
document's name, marking and "Page x of y" in the header and footer.
"""

from openpyxl.worksheet.page import PageMargins

# A tracker of twenty columns is read on A3: fitted to A4 its text would print at 5 pt.
PAPER_A3 = 8
LINE_POINTS = 15  # one line of 11 pt Calibri
MAX_ROW_POINTS = 409  # Excel's tallest row
# Prose fits about this many characters to a unit of column width (a "0" in 11 pt Calibri).
CHARS_PER_UNIT = 1.15


def print_layout(
    sheet, *, title: str = "", marking: str = "", title_rows: int = 1, grid: bool = True
) -> None:
    """Set `sheet` to print landscape on A3, fitted to the width, repeating its first
    `title_rows` rows, with `title` and `marking` in the header and footer (and grid lines
    unless `grid` is false: a page of prose needs none)."""
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = PAPER_A3
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = grid
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.7, bottom=0.7)
    if title_rows:
        sheet.print_title_rows = f"1:{title_rows}"
    if marking:
        sheet.oddHeader.center.text = _header_text(marking)
        sheet.oddFooter.center.text = _header_text(marking)
    if title:
        sheet.oddFooter.left.text = _header_text(title)
    sheet.oddFooter.right.text = "Page &P of &N"


def row_points(values: list, widths: list[float]) -> float | None:
    """The height, in points, that shows every wrapped line of a row's text; None for a
    row of one line (left to the default)."""
    lines = 1
    for value, width in zip(values, widths, strict=False):
        if isinstance(value, str) and value:
            lines = max(lines, wrapped_lines(value, max(1, int(width * CHARS_PER_UNIT))))
    if lines == 1:
        return None
    return min(MAX_ROW_POINTS, lines * LINE_POINTS + 3)


def wrapped_lines(text: str, per_line: int) -> int:
    """How many lines `text` takes wrapped at word breaks into lines of `per_line`
    characters; a word longer than a line is broken across lines, as spreadsheets do."""
    lines = 0
    for paragraph in text.split("\n"):
        lines, used = lines + 1, 0
        for word in paragraph.split():
            if used and used + 1 + len(word) <= per_line:
                used += 1 + len(word)
                continue
            if used:
                lines += 1
            extra, used = divmod(len(word), per_line)
            lines += extra - (1 if used == 0 and extra else 0)
            used = used or (per_line if extra else 0)
    return lines


def _header_text(text: str) -> str:
    """Text for a print header or footer: "&" starts a code there, so it is doubled."""
    return text.replace("&", "&&")[:200]
