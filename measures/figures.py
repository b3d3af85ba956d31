"""A file of the council's own figures (.csv or .xlsx), read into checked rows.

One header row, then one row per measure and period. The columns, in any order, named
in any case with spaces, hyphens or underscores:

- `measure_reference` (or `reference`): the measure's reference, as on its page;
- `period`: as an officer writes it (measures/period_text.py), or instead the pair
  `time_period` and `time_identifier` as the measures export writes them;
- `value`: a number, or one of the DfE's symbols (c, low, u, x, z, :) or "not supplied";
- optional `symbol`, `target` (a number), `note`, and `area_type` (rows other than the
  council's are left out, so the measures export reads back in). Other columns are
  ignored.

No database here: the service (measures/services/figures.py) matches references and
periods. Whole-file problems raise FileProblem; a row's problems are listed by row and
column; such a row is kept (its reference and period are checked too) but marked not ok.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from improvement.importing.limits import FileProblem
from improvement.importing.reader import is_blank, read_rows
from improvement.importing.values import clean_text
from measures.models import AreaType
from measures.opendata import Problem
from measures.symbols import PUBLISHED, Symbol

ALIASES = {
    "measure_reference": "reference",
    "measure_ref": "reference",
    "reference": "reference",
    "ref": "reference",
    "period": "period",
    "time_period": "time_period",
    "time_identifier": "time_identifier",
    "value": "value",
    "figure": "value",
    "symbol": "symbol",
    "target": "target",
    "note": "note",
    "notes": "note",
    "area_type": "area_type",
}
NOT_SUPPLIED = {"not supplied", "not yet supplied"}
COLUMNS_HELP = (
    "The first row must name the columns: measure_reference, period and value, and, if "
    "you have them, target and note"
)
SYMBOLS_HELP = "a number, or one of the symbols c, low, u, x, z, : or “not supplied”"
MAX_PLACES = 6
TOO_LARGE = Decimal(10) ** 10
MAX_NOTE = 2_000


@dataclass
class FigureRow:
    line: int
    reference: str
    period: object  # the cell as read: text, or a date from a workbook
    time_period: str = ""
    time_identifier: str = ""
    value: Decimal | None = None
    symbol: str = ""
    target: Decimal | None = None
    note: str = ""
    ok: bool = True  # False: a cell has a problem (its reference and period are still checked)


@dataclass
class FiguresFile:
    rows: list[FigureRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)  # our name -> the file's
    ignored_columns: list[str] = field(default_factory=list)
    rows_left_out: int = 0  # other areas' rows (from the measures export)


def _header(cell) -> str:
    return "_".join(clean_text(cell).lower().replace("-", " ").split())


def _headers(cells: list) -> tuple[dict[str, int], dict[str, str], list[str]]:
    index, shown, ignored = {}, {}, []
    for number, cell in enumerate(cells):
        name = ALIASES.get(_header(cell))
        if name and name not in index:
            index[name], shown[name] = number, clean_text(cell)
        elif not is_blank(cell):
            ignored.append(clean_text(cell))
    has_period = "period" in index or {"time_period", "time_identifier"} <= index.keys()
    missing = [
        label
        for label, there in (
            ("measure_reference", "reference" in index),
            ("period", has_period),
            ("value", "value" in index),
        )
        if not there
    ]
    if missing:
        raise FileProblem(f"The file has no {' or '.join(missing)} column. {COLUMNS_HELP}")
    return index, shown, ignored


def read_number(cell) -> Decimal:
    """A number cell: text ("1,234", "12.5%", "£40") or a workbook's number. ValueError."""
    if isinstance(cell, bool | datetime | date):
        raise ValueError("is not a number")
    if isinstance(cell, int | float):
        number = Decimal(f"{cell:.15g}")
    else:
        text = clean_text(cell).replace(",", "").removesuffix("%").removeprefix("£").strip()
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"“{clean_text(cell)[:40]}” is not a number") from None
    if not number.is_finite():
        raise ValueError(f"“{clean_text(cell)[:40]}” is not a number")
    if abs(number) >= TOO_LARGE:
        raise ValueError("is too large: enter a figure below 10,000,000,000")
    if -number.as_tuple().exponent > MAX_PLACES:
        raise ValueError(f"has more than {MAX_PLACES} decimal places")
    return number


def read_symbol(cell) -> str:
    """A symbol's stored code, or "" if the cell is not one."""
    text = clean_text(cell).lower() if isinstance(cell, str) else ""
    if text in NOT_SUPPLIED:
        return Symbol.NOT_SUPPLIED.value
    symbol = PUBLISHED.get(text)
    return symbol.value if symbol else ""


class _Row:
    """One data row being read: its cells by our column names, and its problems."""

    def __init__(self, line, cells, index, shown, problems):
        self.line, self.shown, self.problems = line, shown, problems
        self.cells = {name: cells[at] if at < len(cells) else None for name, at in index.items()}
        self.ok = True

    def text(self, name: str) -> str:
        cell = self.cells.get(name)
        return "" if is_blank(cell) else clean_text(cell)

    def problem(self, name: str, message: str) -> None:
        self.problems.append(Problem(self.line, self.shown.get(name, name), message))
        self.ok = False

    def number(self, name: str) -> Decimal | None:
        cell = self.cells.get(name)
        if is_blank(cell):
            return None
        try:
            return read_number(cell)
        except ValueError as error:
            message = str(error)
            self.problem(name, message if message.startswith("“") else f"The {name} {message}")
            return None


def _figure(row: _Row, figure: FigureRow) -> None:
    cell = row.cells.get("value")
    symbol = read_symbol(cell)
    if symbol:
        figure.symbol = symbol
    elif not is_blank(cell):
        try:
            figure.value = read_number(cell)
        except ValueError as error:
            message = str(error)
            if message.startswith("“"):
                message = f"{message}: enter {SYMBOLS_HELP}"
            row.problem("value", message if message.startswith("“") else f"The value {message}")
    given = row.cells.get("symbol")
    if is_blank(given):
        return
    if not read_symbol(given):
        row.problem("symbol", f"“{row.text('symbol')[:40]}” is not one of the DfE's symbols")
    elif not is_blank(cell):
        row.problem("symbol", "Give a figure or a symbol, not both")
    else:
        figure.symbol = read_symbol(given)


def _read_row(row: _Row) -> FigureRow:
    figure = FigureRow(line=row.line, reference=row.text("reference"), period=None)
    if not figure.reference:
        row.problem("reference", "Enter the measure's reference")
    if "period" in row.cells:
        cell = row.cells["period"]
        figure.period = cell if isinstance(cell, date) else row.text("period")
    else:
        figure.time_period = row.text("time_period")
        figure.time_identifier = row.text("time_identifier")
    _figure(row, figure)
    figure.target = row.number("target")
    figure.note = row.text("note")
    if len(figure.note) > MAX_NOTE:
        row.problem("note", f"The note must be {MAX_NOTE:,} characters or fewer")
    if row.ok and figure.value is None and not figure.symbol and figure.target is None:
        row.problem("value", f"Enter {SYMBOLS_HELP}, or a target")
    figure.ok = row.ok
    return figure


def read_figures(data: bytes, filename: str = "") -> FiguresFile:
    """Every row of the file, checked cell by cell. FileProblem for an unreadable file."""
    rows = read_rows(data, filename)
    if not rows:
        raise FileProblem("The file is empty")
    (_, header), *records = rows
    index, shown, ignored = _headers(header)
    parsed = FiguresFile(headers=shown, ignored_columns=ignored)
    if not records:
        raise FileProblem("The file has a header row but no figures")
    for line, cells in records:
        row = _Row(line, cells, index, shown, parsed.problems)
        area = row.text("area_type").lower()
        if area and area != AreaType.COUNCIL:
            parsed.rows_left_out += 1
            continue
        parsed.rows.append(_read_row(row))
    return parsed
