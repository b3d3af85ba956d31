"""Read the first sheet of an .xlsx workbook a row at a time, within fixed limits.

openpyxl (even read-only) builds each row's whole XML element, and its shared-strings
table, before anyone can look at them: a 112 KB file whose one row holds a million cells
took 31 s and nearly 1 GB. Here the sheet and the shared strings are read with a
streaming parser that throws each cell away once its value is taken, and stops at the
first value past the column limit, past the time limit or past the size limits. openpyxl
still reads the small parts (the workbook, its styles) and turns each cell into a value,
so dates, numbers and text come out exactly as they did before.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from defusedxml.ElementTree import iterparse
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS

from .limits import (
    EXCEL_MAX_COLUMNS,
    MAX_CELL_PARTS,
    MAX_COLUMNS,
    MAX_SHARED_STRINGS,
    MAX_SMALL_PART_BYTES,
    MAX_STREAMED_PART_BYTES,
    FileProblem,
    check_deadline,
    too_many_columns,
)

ROW = f"{{{SHEET_MAIN_NS}}}row"
CELL = f"{{{SHEET_MAIN_NS}}}c"
STRING_ITEM = f"{{{SHEET_MAIN_NS}}}si"
SHEET_DATA = f"{{{SHEET_MAIN_NS}}}sheetData"
TEXT = f"{{{SHEET_MAIN_NS}}}t"
RUN = f"{{{SHEET_MAIN_NS}}}r"
TOO_BIG = "The file is too big to read. Check it is the right file, or split it into smaller files."
CHECK_EVERY = 4096  # elements between looks at the clock


def xlsx_rows(data: bytes, deadline: float) -> Iterator[tuple[int, list]]:
    """(row number, cell values up to MAX_COLUMNS) for each row of the first worksheet.

    Raises FileProblem for a file past a limit, and lets openpyxl's errors through for
    a damaged one (the caller words those)."""
    reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True)
    archive = reader.archive
    reader.read_manifest()
    strings_part = reader.package.find(SHARED_STRINGS)
    strings_path = strings_part.PartName[1:] if strings_part is not None else None
    _check_sizes(archive, strings_path)
    reader.read_workbook()
    apply_stylesheet(archive, reader.wb)
    sheet_path = _first_worksheet(reader)
    if sheet_path is None:
        return
    strings = []
    if strings_path and strings_path in reader.valid_files:
        with archive.open(strings_path) as source:
            strings = _shared_strings(source, deadline)
    cells = WorkSheetParser(
        None,
        strings,
        data_only=True,
        epoch=reader.wb.epoch,
        date_formats=reader.wb._date_formats,
        timedelta_formats=reader.wb._timedelta_formats,
    )
    with archive.open(sheet_path) as source:
        yield from _sheet_rows(source, cells, deadline)


def _check_sizes(archive, strings_path: str | None) -> None:
    """Refuse XML parts too big to read. zipfile inflates no more than a part's declared
    size, so checking that bounds what is read; only sheets and strings are streamed."""
    for info in archive.infolist():
        if not info.filename.endswith((".xml", ".rels")):
            continue
        streamed = info.filename == strings_path or info.filename.startswith("xl/worksheets/")
        if info.file_size > (MAX_STREAMED_PART_BYTES if streamed else MAX_SMALL_PART_BYTES):
            raise FileProblem(TOO_BIG)


def _first_worksheet(reader) -> str | None:
    for _, rel in reader.parser.find_sheets():
        if rel.target in reader.valid_files and "chartsheet" not in rel.Type:
            return rel.target
    return None


def _shared_strings(source, deadline: float) -> list[str]:
    """The shared-strings table, each item kept as text and its element dropped."""
    strings: list[str] = []
    for element in _items(source, deadline, item_depth=1):
        if element.tag == STRING_ITEM:
            strings.append(_string_text(element))
            if len(strings) > MAX_SHARED_STRINGS:
                raise FileProblem(TOO_BIG)
    return strings


def _string_text(item) -> str:
    """A shared string's text without its formatting, as openpyxl's Text.content gives it
    (the plain text and each run's, phonetic guides left out), at a fraction of the cost."""
    parts = []
    for child in item:
        if child.tag == TEXT:
            parts.append(child.text or "")
        elif child.tag == RUN:
            parts.extend(text.text or "" for text in child.iterfind(TEXT))
    return "".join(parts).replace("x005F_", "")


def _sheet_rows(source, cells: WorkSheetParser, deadline: float) -> Iterator[tuple[int, list]]:
    row: list = []
    for element in _items(source, deadline, item_depth=3, on_start=_row_start(cells)):
        if element.tag == CELL:
            _take_cell(row, cells.parse_cell(element), cells.row_counter)
        elif element.tag == ROW:
            check_deadline(deadline)
            yield cells.row_counter, row
            row = []
        elif element.tag == SHEET_DATA:
            return


def _row_start(cells: WorkSheetParser):
    def start(element) -> None:
        if element.tag == ROW:
            number = element.get("r")
            cells.row_counter = int(float(number)) if number else cells.row_counter + 1
            cells.col_counter = 0

    return start


def _take_cell(row: list, cell: dict, number: int) -> None:
    column, value = cell["column"], cell["value"]
    if value is None or (isinstance(value, str) and not value.strip()):
        if column > EXCEL_MAX_COLUMNS:
            raise too_many_columns(number, column)
        return
    if column > MAX_COLUMNS:
        raise too_many_columns(number, column)
    if column > len(row):
        row.extend([None] * (column - len(row)))
    row[column - 1] = value


def _items(source, deadline: float, *, item_depth: int, on_start=None):
    """Each finished element from depth 1 to `item_depth` (the root is 0), which is then
    dropped from its parent, so memory holds one item at a time.

    Elements deeper than an item (a cell's value, a string's runs) stay with it until it
    ends, but no more than MAX_CELL_PARTS of them per item."""
    stack = []
    seen = parts = 0
    for event, element in iterparse(source, events=("start", "end")):
        seen += 1
        if seen % CHECK_EVERY == 0:
            check_deadline(deadline)
        if event == "start":
            stack.append(element)
            depth = len(stack) - 1
            if depth == item_depth:
                parts = 0
            elif depth > item_depth:
                parts += 1
                if parts > MAX_CELL_PARTS:
                    raise FileProblem(TOO_BIG)
            if on_start is not None and depth <= item_depth:
                on_start(element)
            continue
        stack.pop()
        if stack and len(stack) <= item_depth:
            yield element
            stack[-1].remove(element)
