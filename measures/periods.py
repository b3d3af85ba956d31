"""Periods as the open-data files write them (`time_period`, `time_identifier`) and as dates.

A four-digit period is one year: "Calendar year" January to December, "Reporting year" (in
children's social care, the year ending 31 March). A six-digit period spans two years
("202425": academic, financial or tax year 2024/25). Months ("April") and quarters
("Financial year Q1") name their year. Anything else is refused, not guessed.
"""

import calendar
from datetime import date, timedelta

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
QUARTER_IDENTIFIERS = {
    "financial year q1": (4, 0),
    "financial year q2": (7, 0),
    "financial year q3": (10, 0),
    "financial year q4": (1, 1),
    "calendar year q1": (1, 0),
    "calendar year q2": (4, 0),
    "calendar year q3": (7, 0),
    "calendar year q4": (10, 0),
}


class PeriodError(ValueError):
    pass


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _first_year(time_period: str, *, six_digits: bool | None) -> int:
    text = (time_period or "").strip()
    if not text.isdigit() or len(text) not in (4, 6):
        raise PeriodError(f"“{time_period}” is not a year (2025) or a span of years (202425)")
    if six_digits is True and len(text) != 6:
        raise PeriodError(f"“{time_period}” should be six digits (202425) for this identifier")
    if six_digits is False and len(text) != 4:
        raise PeriodError(f"“{time_period}” should be four digits (2025) for this identifier")
    first = int(text[:4])
    if len(text) == 6 and int(text[4:]) != (first + 1) % 100:
        raise PeriodError(f"“{time_period}” does not span two consecutive years")
    return first


def period_dates(time_period: str, time_identifier: str) -> tuple[date, date]:
    """The first and last day of a published period; PeriodError if it is not understood."""
    kind = (time_identifier or "").strip().lower()
    text = (time_period or "").strip()
    if kind in ("academic year", "financial year", "tax year"):
        year = _first_year(text, six_digits=None)
        if len(text) == 4:
            year -= 1  # "2025 Financial year": the one ending in 2025
        if kind == "academic year":
            return date(year, 9, 1), date(year + 1, 8, 31)
        if kind == "financial year":
            return date(year, 4, 1), date(year + 1, 3, 31)
        return date(year, 4, 6), date(year + 1, 4, 5)
    if kind == "calendar year":
        year = _first_year(text, six_digits=False)
        return date(year, 1, 1), date(year, 12, 31)
    if kind == "reporting year":
        year = _first_year(text, six_digits=False)
        return date(year - 1, 4, 1), date(year, 3, 31)
    if kind in MONTHS:
        year = _first_year(text, six_digits=False)
        return date(year, MONTHS[kind], 1), _month_end(year, MONTHS[kind])
    if kind in QUARTER_IDENTIFIERS:
        month, offset = QUARTER_IDENTIFIERS[kind]
        year = _first_year(text, six_digits=None) + offset
        return date(year, month, 1), _month_end(year, month + 2)
    raise PeriodError(f"The time identifier “{time_identifier}” is not one this service reads")


def period_label(time_period: str, time_identifier: str) -> str:
    """How a period reads: "2024/25 Financial year", "April 2025", "2025 Reporting year"."""
    text = (time_period or "").strip()
    kind = (time_identifier or "").strip()
    if len(text) == 6 and text.isdigit():
        text = f"{text[:4]}/{text[4:]}"
    if kind.lower() in MONTHS:
        return f"{kind.capitalize()} {text}"
    return f"{text} {kind}".strip()


def month_period(day: date) -> tuple[str, str, date, date]:
    """The calendar month holding `day`, as the files would label it."""
    start = day.replace(day=1)
    return str(day.year), calendar.month_name[day.month], start, _month_end(day.year, day.month)


def previous_day(day: date) -> date:
    return day - timedelta(days=1)


def recent_periods(frequency: str, *, today: date, count: int = 13) -> list[tuple[str, str]]:
    """The latest `count` periods of a frequency that have started, newest first, as
    (time_period, time_identifier): what a lead may enter a figure for."""
    found = []
    if frequency == "monthly":
        year, month = today.year, today.month
        for _ in range(count):
            found.append((str(year), calendar.month_name[month]))
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        return found
    if frequency == "quarterly":
        first_year = today.year if today.month >= 4 else today.year - 1
        quarter = ((today.month - 4) % 12) // 3 + 1
        for _ in range(count):
            found.append(
                (f"{first_year}{(first_year + 1) % 100:02d}", f"Financial year Q{quarter}")
            )
            first_year, quarter = (first_year, quarter - 1) if quarter > 1 else (first_year - 1, 4)
        return found
    if frequency == "annual":
        return [(str(today.year - n), "Calendar year") for n in range(count)]
    ending = today.year + 1 if today.month >= 4 else today.year
    return [(str(ending - n), "Reporting year") for n in range(count)]
