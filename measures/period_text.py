"""A period as a council officer types it in an upload of the council's own figures.

Read against the measure's frequency, because "2025-26" means one thing for a measure
reported by the year to 31 March and nothing certain for a calendar-year one:

- a month: "March 2026", "Mar 2026", "Mar-26", "2026-03", "03/2026", or a date cell
  (the month it falls in);
- a quarter: "Q1 2025-26" or "2025-26 Q1" (financial year: Q1 is April to June), or
  "Q1 2025" (calendar year: Q1 is January to March);
- a year: "2025-26", "2025/26" or "202526" for a measure reported by the year to 31 March
  (it is "2026 Reporting year"); "2025" for a calendar-year measure;
- the label as the measure's page shows it: "2026 Reporting year", "2024/25 Financial
  year", "2024/25 Financial year Q1", "April 2025".

The result is (time_period, time_identifier) as the published files write them, checked
with `period_dates`; PeriodError says what was wrong in words.
"""

import re
from datetime import date, datetime

from measures.models import Measure
from measures.periods import MONTHS, QUARTER_IDENTIFIERS, PeriodError, period_dates

SHORT_MONTHS = {name[:3]: number for name, number in MONTHS.items()} | {"sept": 9}
MONTH_NAMES = {number: name.capitalize() for name, number in MONTHS.items()}
IDENTIFIERS = (
    "calendar year",
    "reporting year",
    "financial year",
    "academic year",
    "tax year",
    *QUARTER_IDENTIFIERS,
)
CANONICAL = {kind: kind.capitalize().replace(" q", " Q") for kind in IDENTIFIERS}
KINDS = {
    Measure.Frequency.MONTHLY: ("a month", "March 2026"),
    Measure.Frequency.QUARTERLY: ("a quarter", "Q1 2025-26"),
    Measure.Frequency.ANNUAL: ("a calendar year", "2025"),
    Measure.Frequency.REPORTING_YEAR: ("a year to 31 March", "2025-26"),
}
FITS = {
    Measure.Frequency.MONTHLY: lambda kind: kind in MONTHS,
    Measure.Frequency.QUARTERLY: lambda kind: kind in QUARTER_IDENTIFIERS,
    Measure.Frequency.ANNUAL: lambda kind: kind in ("calendar year", "academic year", "tax year"),
    Measure.Frequency.REPORTING_YEAR: lambda kind: kind in ("reporting year", "financial year"),
}
SPAN = r"(\d{4})\s*[-/–]?\s*(\d{2})"


def _span(first: str, second: str) -> str:
    if int(second) != (int(first) + 1) % 100:
        raise PeriodError(f"“{first}-{second}” does not span two consecutive years")
    return f"{first}{second}"


def _year(text: str) -> int:
    year = int(text)
    return 2000 + year if len(text) == 2 else year


def _month(text: str) -> tuple[str, str] | None:
    for pattern in (r"([a-z]+)[\s\-/]+(\d{4}|\d{2})", r"(\d{4})-(\d{1,2})", r"(\d{1,2})/(\d{4})"):
        found = re.fullmatch(pattern, text)
        if not found:
            continue
        first, second = found.groups()
        if first.isalpha():
            month = MONTHS.get(first) or SHORT_MONTHS.get(first)
            year = _year(second)
        elif len(first) == 4:
            year, month = int(first), int(second)
        else:
            month, year = int(first), int(second)
        if month in MONTH_NAMES:
            return str(year), MONTH_NAMES[month]
    return None


def _quarter(text: str) -> tuple[str, str] | None:
    found = re.fullmatch(rf"q([1-4])\s+{SPAN}", text) or re.fullmatch(rf"{SPAN}\s+q([1-4])", text)
    if found:
        parts = found.groups()
        if len(parts[0]) == 1:
            quarter, first, second = parts
        else:
            first, second, quarter = parts
        return _span(first, second), f"Financial year Q{quarter}"
    found = re.fullmatch(r"q([1-4])\s+(\d{4})", text) or re.fullmatch(r"(\d{4})\s+q([1-4])", text)
    if found:
        first, second = found.groups()
        quarter, year = (first, second) if len(first) == 1 else (second, first)
        return year, f"Calendar year Q{quarter}"
    return None


def _label(text: str) -> tuple[str, str] | None:
    found = re.fullmatch(r"(\d{4}(?:\s*[-/]\s*\d{2}|\d{2})?)\s+([a-z][a-z ]*[a-z1-4])", text)
    if not found or found.group(2) not in IDENTIFIERS:
        return None
    digits = re.sub(r"\D", "", found.group(1))
    if len(digits) == 6:
        _span(digits[:4], digits[4:])
    return digits, CANONICAL[found.group(2)]


def _year_text(text: str, frequency: str) -> tuple[str, str] | None:
    found = re.fullmatch(SPAN, text)
    if found and frequency == Measure.Frequency.REPORTING_YEAR:
        return str(int(_span(*found.groups())[:4]) + 1), "Reporting year"
    if re.fullmatch(r"\d{4}", text) and frequency == Measure.Frequency.ANNUAL:
        return text, "Calendar year"
    return None


def read_period(cell, frequency: str) -> tuple[str, str]:
    """(time_period, time_identifier) for a cell of the period column."""
    if isinstance(cell, datetime | date):
        found = (str(cell.year), MONTH_NAMES[cell.month])
        text = cell.strftime("%d/%m/%Y")
    else:
        text = re.sub(r"\s+", " ", str(cell or "")).strip()
        if not text:
            raise PeriodError("Enter the period, for example " + KINDS[frequency][1])
        lowered = text.lower()
        found = _label(lowered) or _quarter(lowered)
        if frequency == Measure.Frequency.REPORTING_YEAR:  # "2011-12" is a year, not a month
            found = found or _year_text(lowered, frequency) or _month(lowered)
        else:
            found = found or _month(lowered) or _year_text(lowered, frequency)
    if found is None:
        what, example = KINDS[frequency]
        raise PeriodError(f"“{text[:40]}” is not {what}: write it like {example}")
    return checked(*found, frequency=frequency, text=text)


def checked(time_period: str, time_identifier: str, *, frequency: str, text: str = ""):
    """The period if it is real and of the measure's frequency, its identifier written as
    the files write it ("reporting year" is "Reporting year"); PeriodError if not."""
    time_period, kind = time_period.strip(), time_identifier.strip().lower()
    time_identifier = CANONICAL.get(kind) or MONTH_NAMES.get(MONTHS.get(kind), time_identifier)
    period_dates(time_period, time_identifier)
    if not FITS[frequency](time_identifier.lower()):
        what, example = KINDS[frequency]
        shown = text or f"{time_period} {time_identifier}"
        raise PeriodError(f"“{shown[:40]}”: this measure's figures are for {what}, like {example}")
    return time_period, time_identifier
