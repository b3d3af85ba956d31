"""Read the bytes of an uploaded .xlsx or .csv file into numbered rows of cell values."""

from __future__ import annotations

import codecs
import csv
import io
import warnings
import zipfile

from .headers import count_known_headers
from .limits import (
    MAX_COLUMNS,
    MAX_EMPTY_RUN,
    MAX_ROWS,
    FileProblem,
    check_deadline,
    deadline_from_now,
    too_many_columns,
)
from .xlsx import xlsx_rows

NOT_A_SPREADSHEET = "The file must be a spreadsheet saved as .xlsx or .csv"
EMPTY_FILE = "The file is empty"

Row = tuple[int, list]  # (row number as the user sees it, cell values)

_SIGNATURES = (
    (b"%PDF", "This file is a PDF."),
    (b"\x89PNG", "This file is a PNG image."),
    (b"\xff\xd8\xff", "This file is a JPEG image."),
    (b"GIF8", "This file is a GIF image."),
    (
        b"\xd0\xcf\x11\xe0",
        "This file looks like an old-style Excel (.xls) file or a password-protected "
        "workbook. Save it as .xlsx or .csv without a password and try again.",
    ),
    (b"{\\rtf", "This file is a Rich Text (RTF) document."),
)


_OTHER_SPREADSHEETS = ("xls", "ods", "numbers", "xlsb")


def _not_a_spreadsheet(detail: str = "") -> FileProblem:
    return FileProblem(f"{detail} {NOT_A_SPREADSHEET}".strip())


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_rows(data: bytes, filename: str = "") -> list[Row]:
    """All rows that have something in them, numbered as in the spreadsheet.

    The format is decided by the content; ``filename`` only improves the messages.
    Raises :class:`FileProblem` when the file cannot be read.
    """
    try:
        return _read_rows(data)
    except FileProblem as error:
        extension = filename.rpartition(".")[2].lower() if "." in filename else ""
        if str(error) == NOT_A_SPREADSHEET and extension in _OTHER_SPREADSHEETS:
            raise _not_a_spreadsheet(f"Files saved as .{extension} cannot be read.") from None
        raise


def _read_rows(data: bytes) -> list[Row]:
    if not data or not data.strip(b" \t\r\n\x00" + codecs.BOM_UTF8):
        raise FileProblem(EMPTY_FILE)
    for signature, detail in _SIGNATURES:
        if data.startswith(signature):
            raise _not_a_spreadsheet(detail)
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data)
    if data.startswith(b"PK"):
        raise _not_a_spreadsheet()
    return _read_csv(_decode(data))


def _keep(rows, number_and_cells):
    """Collect non-empty rows, trimming trailing empty cells; enforce limits.

    Refuses a row with something past MAX_COLUMNS, and stops after MAX_EMPTY_RUN empty
    rows (counting rows a workbook leaves out between two numbers) or at the deadline."""
    empty_run = previous = 0
    deadline = deadline_from_now()
    for number, cells in number_and_cells:
        check_deadline(deadline)
        empty_run += max(number - previous - 1, 0)
        previous = number
        if empty_run >= MAX_EMPTY_RUN:
            break
        cells = _within_columns(number, cells)
        while cells and is_blank(cells[-1]):
            cells.pop()
        if not cells:
            empty_run += 1
            if empty_run >= MAX_EMPTY_RUN:
                break
            continue
        empty_run = 0
        rows.append((number, cells))
        if len(rows) > MAX_ROWS:
            raise FileProblem(
                f"The file has more than {MAX_ROWS:,} rows. Check it is the right file, "
                "or split it into smaller files."
            )
    return rows


def _within_columns(number: int, cells) -> list:
    for column in range(len(cells) - 1, MAX_COLUMNS - 1, -1):
        if not is_blank(cells[column]):
            raise too_many_columns(number, column + 1)
    return list(cells[:MAX_COLUMNS])


# --------------------------------------------------------------------------------------
# .xlsx
# --------------------------------------------------------------------------------------


def _read_xlsx(data: bytes) -> list[Row]:
    rows: list[Row] = []
    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it ignores (data validation, styles, ...).
            warnings.simplefilter("ignore")
            # Streamed, and read past any (possibly wrong) dimensions the sheet states.
            _keep(rows, xlsx_rows(data, deadline_from_now()))
    except FileProblem:
        raise
    except MemoryError:
        raise _not_a_spreadsheet("The file is too big to read.") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile):
        raise _not_a_spreadsheet("The file is damaged or is not an Excel workbook.") from None
    except Exception:  # openpyxl raises many different errors for damaged files
        raise _not_a_spreadsheet(
            "The file could not be read as an Excel workbook. It may be damaged, or be "
            "another kind of file (for example Word or OpenDocument)."
        ) from None
    return rows


# --------------------------------------------------------------------------------------
# .csv
# --------------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise _not_a_spreadsheet() from None
    else:
        if data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8) :]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                raise _not_a_spreadsheet() from None
    _check_looks_like_text(text)
    return text


def _check_looks_like_text(text: str) -> None:
    sample = text[:65_536]
    if "\x00" in sample:
        raise _not_a_spreadsheet()
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\x0b\x0c")
    if controls > max(2, len(sample) // 100):
        raise _not_a_spreadsheet()
    start = sample.lstrip().lower()
    if start.startswith(("<!doctype", "<html", "<?xml", "<table")):
        raise _not_a_spreadsheet("This file is a web page or XML document.")


def _csv_rows(text: str, delimiter: str, limit: int | None = None):
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for number, cells in enumerate(reader, start=1):
        if limit is not None and number > limit:
            return
        yield number, cells


def _pick_delimiter(text: str) -> str:
    """Comma, unless semicolons or tabs pick out more known headers in the first rows."""
    best, best_score = ",", -1
    for delimiter in (",", ";", "\t"):
        try:
            score = max(
                (count_known_headers(cells) for _, cells in _csv_rows(text, delimiter, 20)),
                default=0,
            )
        except csv.Error:
            continue
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(text: str) -> list[Row]:
    try:
        return _keep([], _csv_rows(text, _pick_delimiter(text)))
    except csv.Error:
        raise _not_a_spreadsheet(
            "The file could not be read as CSV. A cell may be far too long, or a quotation "
            "mark may not be closed."
        ) from None
