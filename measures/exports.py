"""Every value of the measures in one tidy CSV (or .xlsx): one row per value, the
neighbours' average computed from the neighbours with a figure, and each council row with
its target. `import_measures` then `export_measures` gives the same values and symbols.
"""

from collections.abc import Iterator
from decimal import Decimal
from io import BytesIO

from core.formula import neutralise_formula
from measures.models import AreaType, Measure
from measures.selectors import Cell, PeriodFigures, figures_for

COLUMNS = (
    "measure_reference",
    "measure_title",
    "time_period",
    "time_identifier",
    "period_start",
    "period_end",
    "area_type",
    "area_code",
    "area_name",
    "value",
    "symbol",
    "target",
)
CHUNK = 200


def number(value: Decimal | None) -> str:
    """A stored figure as written in the file: no trailing zeros, no exponent."""
    if value is None:
        return ""
    return format(value.normalize(), "f")


def _row(measure, figures: PeriodFigures, area, code, name, cell: Cell, target="") -> list:
    period = figures.period
    return [
        neutralise_formula(measure.reference),
        neutralise_formula(measure.title),
        period.time_period,
        period.time_identifier,
        period.start.isoformat(),
        period.end.isoformat(),
        area,
        code,
        neutralise_formula(name),
        number(cell.value),
        cell.symbol,
        target,
    ]


def _period_rows(measure, figures: PeriodFigures) -> Iterator[list]:
    if figures.council:
        target = number(figures.target.value) if figures.target else ""
        cell = figures.council
        yield _row(measure, figures, AreaType.COUNCIL, cell.area_code, cell.area_name, cell, target)
    for area, cell in ((AreaType.NATIONAL, figures.england), (AreaType.REGIONAL, figures.region)):
        if cell:
            yield _row(measure, figures, area, cell.area_code, cell.area_name, cell)
    for code, cell in sorted(figures.neighbours.items()):
        yield _row(measure, figures, AreaType.NEIGHBOUR, code, cell.area_name, cell)
    average = figures.average
    if average is not None and average.value is not None:
        name = f"Average of {average.used} of {average.of} statistical neighbours with a figure"
        yield _row(measure, figures, AreaType.NEIGHBOURS_AVERAGE, "", name, Cell(average.value, ""))


def tidy_rows(measures) -> Iterator[list]:
    """The export's rows, a chunk of measures at a time (three queries a chunk)."""
    measures = list(measures.order_by("reference"))
    for start in range(0, len(measures), CHUNK):
        chunk = measures[start : start + CHUNK]
        figures = figures_for(chunk)
        for measure in chunk:
            for period in figures[measure.pk].periods:
                yield from _period_rows(measure, period)


def all_measures(reference: str | None = None):
    measures = Measure.objects.all()
    return measures.filter(reference=reference) if reference else measures


def tidy_xlsx(measures) -> BytesIO:
    """The same rows as the CSV in one sheet, figures as numbers (written a row at a time:
    a generated set has 260,000 figures)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Measures")
    sheet.append(list(COLUMNS))
    value_at = COLUMNS.index("value")
    target_at = COLUMNS.index("target")
    for row in tidy_rows(measures):
        for index in (value_at, target_at):
            row[index] = Decimal(row[index]) if row[index] else None
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer
