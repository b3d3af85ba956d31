"""The DfE's open-data CSV files (Explore Education Statistics "tidy" layout), read into
rows and columns. Pure functions: no database (docs/measures.md, formats/ees-open-data.md).

What a real file may do, and this reads: a byte-order mark or none; columns in any order;
empty cells as nothing or `""`; symbols in place of numbers; any number of filter columns;
four- and six-digit years. A companion `name.meta.csv`, where given, names the indicators
and filters and gives their units and decimal places.
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from measures.periods import PeriodError, period_dates
from measures.symbols import PUBLISHED

TIME_COLUMNS = {"time_period", "time_identifier"}
GEOGRAPHY_COLUMNS = {
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "new_la_code",
    "old_la_code",
    "la_name",
}
# Other geographies a file may carry beside these; this product ignores their rows.
OTHER_GEOGRAPHY_PREFIXES = (
    "lad_",
    "pcon_",
    "lsip_",
    "local_enterprise_partnership_",
    "english_devolved_area_",
    "opportunity_area_",
    "ward_",
    "trust_",
    "sponsor_",
    "school_",
    "provider_",
    "institution_",
    "planning_area_",
    "rsc_region_",
)
REQUIRED = ("time_period", "time_identifier", "geographic_level")
LEVELS = {"national": "national", "regional": "regional", "local authority": "local_authority"}
MAX_ROWS = 200_000


@dataclass(frozen=True)
class Problem:
    row: int | None  # the file's line number (the header is line 1)
    column: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}, " if self.row else ""
        return f"{where}{self.column}: {self.message}" if self.column else f"{where}{self.message}"


@dataclass(frozen=True)
class Indicator:
    column: str
    label: str
    unit: str = ""
    decimal_places: int | None = None


@dataclass
class Row:
    line: int
    time_period: str
    time_identifier: str
    level: str  # national, regional, local_authority, or the file's word for another level
    geography: dict[str, str]
    filters: dict[str, str]
    cells: dict[str, str]


@dataclass
class OpenDataFile:
    indicators: list[Indicator] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)  # column -> its values
    filter_labels: dict[str, str] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def periods(self) -> list[tuple[str, str]]:
        return sorted({(row.time_period, row.time_identifier) for row in self.rows})


def decode(data: bytes) -> str:
    """UTF-8, with or without a byte-order mark."""
    return data.decode("utf-8-sig")


def read_cell(text: str) -> tuple[Decimal | None, str] | None:
    """A cell as (number, "") or (None, symbol); None for an empty cell.
    ValueError for anything else."""
    text = (text or "").strip()
    if not text:
        return None
    symbol = PUBLISHED.get(text.lower())
    if symbol is not None:
        return None, symbol.value
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"“{text[:40]}” is neither a number nor a symbol") from None
    if not number.is_finite():
        raise ValueError(f"“{text[:40]}” is not a number")
    return number, ""


def _is_figure(text: str) -> bool:
    try:
        return read_cell(text) is not None
    except ValueError:
        return False


def _is_geography(column: str) -> bool:
    return column in GEOGRAPHY_COLUMNS or column.startswith(OTHER_GEOGRAPHY_PREFIXES)


def read_meta(data: bytes) -> dict[str, dict[str, str]]:
    """The metadata file's rows by column name."""
    reader = csv.DictReader(io.StringIO(decode(data)))
    return {
        (row.get("col_name") or "").strip(): {k: (v or "").strip() for k, v in row.items() if k}
        for row in reader
        if (row.get("col_name") or "").strip()
    }


def _classify(header: list[str], records: list[list[str]], meta: dict) -> tuple[list, list]:
    """Indicator and filter columns: from the metadata where given; otherwise a column whose
    non-empty cells are mostly numbers or symbols is an indicator (so a stray word in one
    is reported, not taken for a filter)."""
    indicators, filters = [], []
    for index, column in enumerate(header):
        if column in TIME_COLUMNS or _is_geography(column):
            continue
        described = meta.get(column)
        if described:
            if described.get("col_type", "").lower() == "indicator":
                places = described.get("indicator_dp", "")
                indicators.append(
                    Indicator(
                        column,
                        described.get("label") or column,
                        described.get("indicator_unit", ""),
                        int(places) if places.isdigit() else None,
                    )
                )
            else:
                filters.append(column)
            continue
        cells = [record[index] for record in records if index < len(record)]
        filled = [cell for cell in cells if cell.strip()]
        # Mostly figures: an indicator, whose stray words are reported as problems.
        if filled and sum(map(_is_figure, filled)) * 2 > len(filled):
            indicators.append(Indicator(column, column.replace("_", " ").capitalize()))
        else:
            filters.append(column)
    return indicators, filters


def read_open_data(data: bytes, meta_data: bytes | None = None) -> OpenDataFile:
    """Read a file; what is wrong with it is in `problems`, row and column named."""
    result = OpenDataFile()
    try:
        text = decode(data)
    except UnicodeDecodeError:
        result.problems.append(Problem(None, "", "The file is not UTF-8 text: save it as CSV"))
        return result
    records = list(csv.reader(io.StringIO(text)))
    if not records:
        result.problems.append(Problem(None, "", "The file is empty"))
        return result
    header = [name.strip() for name in records[0]]
    body = [record for record in records[1:] if any(cell.strip() for cell in record)]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        result.problems.append(
            Problem(1, "", f"The file has no {', '.join(missing)} column: is it open data?")
        )
        return result
    if len(body) > MAX_ROWS:
        result.problems.append(Problem(None, "", f"The file has over {MAX_ROWS:,} rows"))
        return result
    meta = read_meta(meta_data) if meta_data else {}
    indicators, filters = _classify(header, body, meta)
    result.indicators = indicators
    result.filter_labels = {name: meta.get(name, {}).get("label") or name for name in filters}
    if not indicators:
        result.problems.append(Problem(1, "", "The file has no indicator column"))
    values: dict[str, set[str]] = {name: set() for name in filters}
    for line, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            result.problems.append(
                Problem(line, "", f"has {len(record)} cells, the header {len(header)}")
            )
            continue
        cells = dict(zip(header, (cell.strip() for cell in record), strict=True))
        row = Row(
            line=line,
            time_period=cells["time_period"],
            time_identifier=cells["time_identifier"],
            level=LEVELS.get(cells["geographic_level"].lower(), cells["geographic_level"]),
            geography={name: cells.get(name, "") for name in GEOGRAPHY_COLUMNS},
            filters={name: cells[name] for name in filters},
            cells={ind.column: cells[ind.column] for ind in indicators},
        )
        for name in filters:
            values[name].add(cells[name])
        result.rows.append(row)
    result.filters = {name: sorted(found) for name, found in values.items()}
    return result


def check_periods(parsed: OpenDataFile, problems: list[Problem]) -> dict[tuple[str, str], tuple]:
    """Each period's dates; a period not understood is a problem on its first row."""
    dates, reported = {}, set()
    for row in parsed.rows:
        key = (row.time_period, row.time_identifier)
        if key in dates or key in reported:
            continue
        try:
            dates[key] = period_dates(*key)
        except PeriodError as error:
            reported.add(key)
            problems.append(Problem(row.line, "time_period", str(error)))
    return dates
