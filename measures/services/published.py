"""Import published statistics from an open-data file: all or nothing.

`published_import_plan` works out, without writing, which cells of the file become which
measure's values (the preview and `--dry-run` show it); `published_import` writes that
plan in one transaction. Both are built from the same `ImportPlan`, so the preview never
promises what the import does not do. A progress callback is told (done, total) as values
are written, for a caller that runs it as a background job.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.text import slugify

from measures.models import ENGLAND_CODE, AreaType, CouncilProfile, Measure
from measures.opendata import OpenDataFile, Problem, check_periods

Progress = Callable[[int, int], None]

FREQUENCIES = {
    "calendar year": Measure.Frequency.ANNUAL,
    "reporting year": Measure.Frequency.REPORTING_YEAR,
    "financial year": Measure.Frequency.REPORTING_YEAR,
    "academic year": Measure.Frequency.ANNUAL,
    "tax year": Measure.Frequency.ANNUAL,
}
UNITS = {"%": Measure.Unit.PERCENTAGE, "£": Measure.Unit.MONEY}


@dataclass
class ImportChoices:
    """What to take from a file: the council's code (old or new), indicator columns (None:
    all), filter values by column (a column left out: all its values), and series keys
    mapped to existing or new measure references."""

    la_code: str
    indicators: list[str] | None = None
    filters: dict[str, list[str]] = field(default_factory=dict)
    measures: dict[str, str] = field(default_factory=dict)
    publication: str = ""


@dataclass(frozen=True)
class Series:
    key: str  # "indicator_column|filter=value|..."
    indicator: str
    name: str
    unit: str
    decimal_places: int | None
    frequency: str


@dataclass(frozen=True)
class Cell:
    series: str
    period: tuple[str, str]
    area_type: str
    area_code: str
    area_name: str
    value: Decimal | None
    symbol: str


@dataclass
class ImportPlan:
    council_name: str = ""
    council_codes: tuple[str, str] = ("", "")
    region: tuple[str, str] = ("", "")
    series: dict[str, Series] = field(default_factory=dict)
    periods: dict[tuple[str, str], tuple[date, date]] = field(default_factory=dict)
    cells: list[Cell] = field(default_factory=list)
    neighbours_found: set[str] = field(default_factory=set)
    neighbours_expected: int = 0
    rows_ignored: int = 0
    problems: list[Problem] = field(default_factory=list)

    def count_by_area(self) -> Counter:
        return Counter(cell.area_type for cell in self.cells)

    def symbols(self) -> Counter:
        return Counter(cell.symbol for cell in self.cells if cell.symbol)


def series_key(indicator: str, filters: tuple[tuple[str, str], ...]) -> str:
    return "|".join([indicator, *(f"{name}={value}" for name, value in filters)])


def _council_row(parsed: OpenDataFile, code: str):
    code = code.strip().upper()
    for row in parsed.rows:
        geography = row.geography
        if row.level == "local_authority" and code in (
            geography["old_la_code"].upper(),
            geography["new_la_code"].upper(),
        ):
            return row
    return None


def _area(row, plan: ImportPlan, council_codes: set[str], neighbours: dict[str, str]):
    """(area type, code, name) of a row, or None for a row this product ignores."""
    geography = row.geography
    if row.level == "national":
        if geography["country_code"] in (ENGLAND_CODE, ""):
            return AreaType.NATIONAL, ENGLAND_CODE, geography["country_name"] or "England"
        return None
    if row.level == "regional":
        if geography["region_code"] and geography["region_code"] == plan.region[0]:
            return AreaType.REGIONAL, plan.region[0], geography["region_name"]
        return None
    if row.level != "local_authority":
        return None
    old, new = geography["old_la_code"], geography["new_la_code"]
    if {old.upper(), new.upper()} & council_codes:
        return AreaType.COUNCIL, old or new, geography["la_name"]
    if old in neighbours:
        return AreaType.NEIGHBOUR, old, geography["la_name"] or neighbours[old]
    return None


def _chosen_filters(parsed: OpenDataFile, choices: ImportChoices, plan: ImportPlan) -> dict:
    for name, values in choices.filters.items():
        if name not in parsed.filters:
            plan.problems.append(Problem(None, name, "The file has no such filter column"))
            continue
        unknown = set(values) - set(parsed.filters[name])
        if unknown:
            plan.problems.append(
                Problem(None, name, f"The file has no value “{sorted(unknown)[0]}” in it")
            )
    return {name: set(choices.filters.get(name) or found) for name, found in parsed.filters.items()}


def _chosen_indicators(parsed: OpenDataFile, choices: ImportChoices, plan: ImportPlan) -> list:
    known = {indicator.column: indicator for indicator in parsed.indicators}
    if choices.indicators is None:
        return list(known.values())
    for column in choices.indicators:
        if column not in known:
            plan.problems.append(Problem(None, column, "The file has no such indicator column"))
    return [known[column] for column in choices.indicators if column in known]


def _frequency(time_identifier: str) -> str:
    kind = time_identifier.lower()
    if kind in FREQUENCIES:
        return FREQUENCIES[kind]
    return Measure.Frequency.QUARTERLY if " q" in kind else Measure.Frequency.MONTHLY


def _series_for(indicator, filters: tuple, time_identifier: str) -> Series:
    values = [value for _, value in filters]
    name = indicator.label + (f" ({', '.join(values)})" if values else "")
    return Series(
        key=series_key(indicator.column, filters),
        indicator=indicator.column,
        name=name[:300],
        unit=UNITS.get(indicator.unit, ""),
        decimal_places=indicator.decimal_places,
        frequency=_frequency(time_identifier),
    )


def published_import_plan(
    parsed: OpenDataFile, choices: ImportChoices, profile: CouncilProfile | None = None
) -> ImportPlan:
    """Which cells become which values; nothing is written. Problems name row and column."""
    from measures.opendata import read_cell

    plan = ImportPlan(problems=list(parsed.problems))
    if plan.problems:
        return plan
    council = _council_row(parsed, choices.la_code)
    if council is None:
        plan.problems.append(
            Problem(None, "old_la_code", f"No local-authority row has the code {choices.la_code}")
        )
        return plan
    geography = council.geography
    plan.council_name = geography["la_name"]
    plan.council_codes = (geography["old_la_code"], geography["new_la_code"])
    plan.region = (geography["region_code"], geography["region_name"])
    neighbours = {}
    if profile is not None:
        neighbours = {n.old_la_code: n.name for n in profile.neighbours.all()}
    plan.neighbours_expected = len(neighbours)
    codes = {code.upper() for code in plan.council_codes if code}
    plan.periods = check_periods(parsed, plan.problems)
    indicators = _chosen_indicators(parsed, choices, plan)
    kept = _chosen_filters(parsed, choices, plan)
    seen = set()
    for row in parsed.rows:
        area = _area(row, plan, codes, neighbours)
        period = (row.time_period, row.time_identifier)
        if area is None or period not in plan.periods:
            plan.rows_ignored += area is None
            continue
        if any(value not in kept[name] for name, value in row.filters.items()):
            continue
        if area[0] == AreaType.NEIGHBOUR:
            plan.neighbours_found.add(area[1])
        filters = tuple(row.filters.items())
        for indicator in indicators:
            try:
                cell = read_cell(row.cells[indicator.column])
            except ValueError as error:
                plan.problems.append(Problem(row.line, indicator.column, str(error)))
                continue
            if cell is None:
                continue  # an empty cell: no value, not a zero
            series = _series_for(indicator, filters, row.time_identifier)
            plan.series.setdefault(series.key, series)
            where = (series.key, period, area[0], area[1])
            if where in seen:
                plan.problems.append(
                    Problem(row.line, indicator.column, "repeats a figure given on an earlier row")
                )
                continue
            seen.add(where)
            plan.cells.append(Cell(series.key, period, *area, *cell))
    return plan


def reference_for(series: Series, taken: set[str]) -> str:
    """A new measure's reference, from its series: "REREFERRAL-PERCENT-REFERRALS"."""
    base = slugify(series.key.replace("|", "-").replace("=", "-")).upper()[:44] or "MEASURE"
    reference, number = base, 1
    while reference in taken:
        number += 1
        reference = f"{base}-{number}"
    taken.add(reference)
    return reference
