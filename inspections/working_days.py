"""Working-day arithmetic for statutory deadlines after an Ofsted inspection.

Section 137 of the Education and Inspections Act 2006 requires a local authority to
publish a written statement of the action it proposes to take after an inspection of
its children's services. Ofsted expects the statement within 70 working days of the
inspection report being published (or an early draft within 20 working days after a
focused visit that identifies areas for priority action).

A *working day* is any day that is not a Saturday, a Sunday or an England & Wales
bank holiday. Bank holidays are computed by rule (plus a small table of one-off
changes) for the years ``MIN_YEAR`` to ``MAX_YEAR`` inclusive; outside that range the
functions raise ``ValueError`` rather than guess.

This module is pure Python and deliberately has no Django imports.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from typing import NamedTuple

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "ONE_OFF_CHANGES",
    "OneOffChange",
    "add_working_days",
    "easter_sunday",
    "england_bank_holidays",
    "is_working_day",
    "working_days_between",
]

MIN_YEAR = 1995
MAX_YEAR = 2100

_ONE_DAY = timedelta(days=1)
_MON, _FRI, _SAT, _SUN = 0, 4, 5, 6


class OneOffChange(NamedTuple):
    """A one-off change to the usual bank holidays, made by royal proclamation.

    ``removed`` is the rule-based holiday that did not happen (``None`` if nothing was
    taken away); ``added`` is the day that was a bank holiday instead / as well.
    """

    removed: date | None
    added: date
    reason: str


# One-off changes to England & Wales bank holidays, oldest first.
#
# To add a future change (e.g. a new jubilee or state occasion), append a row:
#   - an extra day off:           OneOffChange(None, date(YYYY, M, D), "why")
#   - a usual holiday moved:      OneOffChange(date(old), date(new), "why")
# Check the dates against https://www.gov.uk/bank-holidays before committing, and add
# the year's published dates to the tests.
ONE_OFF_CHANGES: tuple[OneOffChange, ...] = (
    OneOffChange(date(1995, 5, 1), date(1995, 5, 8), "Early May moved: VE Day 50th anniversary"),
    OneOffChange(None, date(1999, 12, 31), "Millennium celebrations"),
    OneOffChange(date(2002, 5, 27), date(2002, 6, 4), "Spring moved: Golden Jubilee"),
    OneOffChange(None, date(2002, 6, 3), "Queen's Golden Jubilee"),
    OneOffChange(None, date(2011, 4, 29), "Royal wedding"),
    OneOffChange(date(2012, 5, 28), date(2012, 6, 4), "Spring moved: Diamond Jubilee"),
    OneOffChange(None, date(2012, 6, 5), "Queen's Diamond Jubilee"),
    OneOffChange(date(2020, 5, 4), date(2020, 5, 8), "Early May moved: VE Day 75th anniversary"),
    OneOffChange(date(2022, 5, 30), date(2022, 6, 2), "Spring moved: Platinum Jubilee"),
    OneOffChange(None, date(2022, 6, 3), "Queen's Platinum Jubilee"),
    OneOffChange(None, date(2022, 9, 19), "State funeral of Queen Elizabeth II"),
    OneOffChange(None, date(2023, 5, 8), "Coronation of King Charles III"),
)


def easter_sunday(year: int) -> date:
    """Return Western (Gregorian) Easter Sunday, by the anonymous Gregorian algorithm."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _first_monday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(_MON - first.weekday()) % 7)


def _last_monday(year: int, month: int) -> date:
    last = date(year, month + 1, 1) - _ONE_DAY  # month is never December here
    return last - timedelta(days=(last.weekday() - _MON) % 7)


def _next_weekday(d: date) -> date:
    while d.weekday() >= _SAT:
        d += _ONE_DAY
    return d


def _christmas_and_boxing_day(year: int) -> set[date]:
    christmas = date(year, 12, 25)
    if christmas.weekday() == _SAT:  # Sat 25, Sun 26 -> Mon 27 and Tue 28
        return {date(year, 12, 27), date(year, 12, 28)}
    if christmas.weekday() == _SUN:  # Sun 25 -> Boxing Day Mon 26, Christmas substitute Tue 27
        return {date(year, 12, 26), date(year, 12, 27)}
    if christmas.weekday() == _FRI:  # Boxing Day Sat 26 -> Mon 28
        return {christmas, date(year, 12, 28)}
    return {christmas, date(year, 12, 26)}


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(
            f"England & Wales bank holidays are only computed for {MIN_YEAR}-{MAX_YEAR}, not {year}"
        )


@cache
def england_bank_holidays(year: int) -> frozenset[date]:
    """Return the England & Wales bank holidays (as actually observed) in ``year``.

    Substitute days are included in place of holidays that fall at a weekend, so every
    returned date is a Monday-Friday. Raises ``ValueError`` outside MIN_YEAR-MAX_YEAR.
    """
    _check_year(year)
    easter = easter_sunday(year)
    holidays = {
        _next_weekday(date(year, 1, 1)),  # New Year's Day (or substitute)
        easter - timedelta(days=2),  # Good Friday
        easter + _ONE_DAY,  # Easter Monday
        _first_monday(year, 5),  # Early May bank holiday
        _last_monday(year, 5),  # Spring bank holiday
        _last_monday(year, 8),  # Summer bank holiday
        *_christmas_and_boxing_day(year),
    }
    for change in ONE_OFF_CHANGES:
        if change.removed is not None and change.removed.year == year:
            holidays.discard(change.removed)
        if change.added.year == year:
            holidays.add(change.added)
    return frozenset(holidays)


def is_working_day(d: date) -> bool:
    """True unless ``d`` is a Saturday, a Sunday or an England & Wales bank holiday."""
    return d.weekday() < _SAT and d not in england_bank_holidays(d.year)


def add_working_days(start: date, n: int) -> date:
    """Return the date ``n`` working days after ``start``.

    Convention: ``start`` itself never counts, whether or not it is a working day. Day 1
    is the first working day strictly after ``start``, and the result is the n-th such
    day, so the result is always a working day when ``n != 0``. For example a report
    published on Friday 9 January 2026 gives ``add_working_days(start, 1)`` == Monday
    12 January 2026; the same result comes from a Saturday or Sunday start.

    ``n == 0`` returns ``start`` unchanged (even if it is not a working day).
    Negative ``n`` counts backwards symmetrically: the |n|-th working day strictly
    before ``start``.

    When ``n >= 0``, ``working_days_between(start, add_working_days(start, n)) == n``
    for every ``start``; for negative ``n`` this also holds when ``start`` is a working
    day.
    """
    step = _ONE_DAY if n >= 0 else -_ONE_DAY
    remaining = abs(n)
    d = start
    while remaining:
        d += step
        if is_working_day(d):
            remaining -= 1
    return d


def working_days_between(start: date, end: date) -> int:
    """Count working days after ``start`` up to and including ``end``.

    ``start`` is excluded and ``end`` included, matching ``add_working_days``. If
    ``end < start`` the result is minus the number of working days after ``end`` up to
    and including ``start``, so ``working_days_between(a, b) == -working_days_between(b,
    a)`` and counts add up: ``between(a, b) + between(b, c) == between(a, c)``.
    """
    if end < start:
        return -working_days_between(end, start)
    count = 0
    d = start
    while d < end:
        d += _ONE_DAY
        if is_working_day(d):
            count += 1
    return count
