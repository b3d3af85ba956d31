"""Tests for inspections.working_days (pure Python; run with ``-p no:django``)."""

from datetime import date, timedelta

import pytest

from inspections.working_days import (
    MAX_YEAR,
    MIN_YEAR,
    ONE_OFF_CHANGES,
    add_working_days,
    easter_sunday,
    england_bank_holidays,
    is_working_day,
    working_days_between,
)

try:
    from hypothesis import given
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - hypothesis is a dev dependency
    given = None

# Published England & Wales bank holidays (gov.uk/bank-holidays and proclamations).
PUBLISHED = {
    2012: [
        date(2012, 1, 2),  # New Year's Day (substitute: 1 Jan was a Sunday)
        date(2012, 4, 6),  # Good Friday
        date(2012, 4, 9),  # Easter Monday
        date(2012, 5, 7),  # Early May
        date(2012, 6, 4),  # Spring bank holiday (moved from 28 May)
        date(2012, 6, 5),  # Diamond Jubilee
        date(2012, 8, 27),  # Summer
        date(2012, 12, 25),
        date(2012, 12, 26),
    ],
    2020: [
        date(2020, 1, 1),
        date(2020, 4, 10),
        date(2020, 4, 13),
        date(2020, 5, 8),  # Early May moved to Friday for VE Day 75
        date(2020, 5, 25),
        date(2020, 8, 31),
        date(2020, 12, 25),
        date(2020, 12, 28),  # Boxing Day (substitute: 26 Dec was a Saturday)
    ],
    2022: [
        date(2022, 1, 3),  # New Year's Day (substitute: 1 Jan was a Saturday)
        date(2022, 4, 15),
        date(2022, 4, 18),
        date(2022, 5, 2),
        date(2022, 6, 2),  # Spring bank holiday moved to Thursday
        date(2022, 6, 3),  # Platinum Jubilee
        date(2022, 8, 29),
        date(2022, 9, 19),  # State funeral of Queen Elizabeth II
        date(2022, 12, 26),  # Boxing Day
        date(2022, 12, 27),  # Christmas Day (substitute: 25 Dec was a Sunday)
    ],
    2023: [
        date(2023, 1, 2),
        date(2023, 4, 7),
        date(2023, 4, 10),
        date(2023, 5, 1),
        date(2023, 5, 8),  # Coronation of King Charles III
        date(2023, 5, 29),
        date(2023, 8, 28),
        date(2023, 12, 25),
        date(2023, 12, 26),
    ],
    2024: [
        date(2024, 1, 1),
        date(2024, 3, 29),
        date(2024, 4, 1),
        date(2024, 5, 6),
        date(2024, 5, 27),
        date(2024, 8, 26),
        date(2024, 12, 25),
        date(2024, 12, 26),
    ],
    2025: [
        date(2025, 1, 1),
        date(2025, 4, 18),
        date(2025, 4, 21),
        date(2025, 5, 5),
        date(2025, 5, 26),
        date(2025, 8, 25),
        date(2025, 12, 25),
        date(2025, 12, 26),
    ],
    2026: [
        date(2026, 1, 1),
        date(2026, 4, 3),
        date(2026, 4, 6),
        date(2026, 5, 4),
        date(2026, 5, 25),
        date(2026, 8, 31),
        date(2026, 12, 25),
        date(2026, 12, 28),  # Boxing Day (substitute: 26 Dec is a Saturday)
    ],
    2027: [
        date(2027, 1, 1),
        date(2027, 3, 26),
        date(2027, 3, 29),
        date(2027, 5, 3),
        date(2027, 5, 31),
        date(2027, 8, 30),
        date(2027, 12, 27),  # Christmas Day (substitute: 25 Dec is a Saturday)
        date(2027, 12, 28),  # Boxing Day (substitute)
    ],
}


@pytest.mark.parametrize("year", sorted(PUBLISHED))
def test_bank_holidays_match_published_dates(year):
    assert england_bank_holidays(year) == frozenset(PUBLISHED[year])


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (1995, {date(1995, 5, 8)}),
        (1999, {date(1999, 12, 31)}),
        (2002, {date(2002, 6, 3), date(2002, 6, 4)}),
        (2011, {date(2011, 4, 29)}),
    ],
)
def test_older_one_off_days_present(year, expected):
    assert expected <= england_bank_holidays(year)


def test_moved_holidays_are_not_also_kept():
    assert date(1995, 5, 1) not in england_bank_holidays(1995)
    assert date(2002, 5, 27) not in england_bank_holidays(2002)
    assert date(2022, 5, 30) not in england_bank_holidays(2022)
    assert date(2020, 5, 4) not in england_bank_holidays(2020)
    # 2023's coronation was an extra day: the usual early May holiday stayed.
    assert date(2023, 5, 1) in england_bank_holidays(2023)


def test_one_off_table_is_consistent():
    for change in ONE_OFF_CHANGES:
        if change.removed is not None:
            # Every move so far has been of a May bank holiday (always a Monday),
            # within the same year.
            assert change.removed.year == change.added.year
            assert (change.removed.month, change.removed.weekday()) == (5, 0)
            assert change.removed not in england_bank_holidays(change.removed.year)
        assert change.added.weekday() < 5, change


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2021, {date(2021, 12, 27), date(2021, 12, 28)}),  # Christmas on Saturday
        (2022, {date(2022, 12, 26), date(2022, 12, 27)}),  # Christmas on Sunday
        (2020, {date(2020, 12, 25), date(2020, 12, 28)}),  # Boxing Day on Saturday
        (2024, {date(2024, 12, 25), date(2024, 12, 26)}),  # midweek, no substitute
    ],
)
def test_christmas_substitute_days(year, expected):
    december = {d for d in england_bank_holidays(year) if d.month == 12 and d.day > 20}
    assert december == expected


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2022, date(2022, 1, 3)),  # Saturday 1 Jan -> Monday 3 Jan
        (2023, date(2023, 1, 2)),  # Sunday 1 Jan -> Monday 2 Jan
        (2025, date(2025, 1, 1)),  # Wednesday, no substitute
    ],
)
def test_new_year_substitute(year, expected):
    january = {d for d in england_bank_holidays(year) if d.month == 1}
    assert january == {expected}


@pytest.mark.parametrize(
    "easter",
    [
        date(1995, 4, 16),
        date(2000, 4, 23),
        date(2008, 3, 23),  # early
        date(2011, 4, 24),  # late
        date(2019, 4, 21),
        date(2024, 3, 31),
        date(2038, 4, 25),  # latest possible
    ],
)
def test_easter_sunday(easter):
    assert easter_sunday(easter.year) == easter


@pytest.mark.parametrize("year", range(MIN_YEAR, MAX_YEAR + 1))
def test_every_year_is_plausible(year):
    holidays = england_bank_holidays(year)
    assert all(d.year == year for d in holidays)
    assert all(d.weekday() < 5 for d in holidays), "substitutes must land on weekdays"
    assert 8 <= len(holidays) <= 10


@pytest.mark.parametrize("year", [MIN_YEAR - 1, MAX_YEAR + 1])
def test_years_out_of_range_are_rejected(year):
    with pytest.raises(ValueError):
        england_bank_holidays(year)


def test_is_working_day():
    assert is_working_day(date(2026, 1, 2))  # Friday
    assert not is_working_day(date(2026, 1, 3))  # Saturday
    assert not is_working_day(date(2026, 1, 4))  # Sunday
    assert not is_working_day(date(2026, 1, 1))  # New Year's Day
    assert not is_working_day(date(2026, 4, 3))  # Good Friday
    assert is_working_day(date(2026, 12, 29))  # Tuesday after substitute Boxing Day


def test_70_working_days_across_easter_and_may():
    # Report published Monday 2 March 2026 (the start day does not count).
    # Counting by hand, week by week (holidays in brackets):
    #   Tue 3 - Fri 6 Mar                       4  (running total 4)
    #   weeks of 9, 16, 23 Mar                 15  (19)
    #   week of 30 Mar  [Good Friday 3 Apr]     4  (23)
    #   week of 6 Apr   [Easter Monday 6 Apr]   4  (27)
    #   weeks of 13, 20, 27 Apr                15  (42)
    #   week of 4 May   [Early May 4 May]       4  (46)
    #   weeks of 11, 18 May                    10  (56)
    #   week of 25 May  [Spring 25 May]         4  (60)
    #   week of 1 Jun                           5  (65)
    #   Mon 8, Tue 9, Wed 10, Thu 11, Fri 12 Jun -> day 70 is Friday 12 June.
    # Check: 70 weekdays alone would be 14 weeks -> Mon 8 Jun; 4 holidays push it 4 days.
    start = date(2026, 3, 2)
    assert add_working_days(start, 70) == date(2026, 6, 12)
    assert working_days_between(start, date(2026, 6, 12)) == 70
    assert working_days_between(start, date(2026, 6, 11)) == 69


def test_70_working_days_across_christmas():
    # Report published Monday 2 November 2026.
    #   Tue 3 - Fri 6 Nov                                    4  (4)
    #   weeks of 9, 16, 23, 30 Nov, 7, 14 Dec               30  (34)
    #   week of 21 Dec  [Christmas Fri 25 Dec]               4  (38)
    #   week of 28 Dec  [Boxing Day sub Mon 28; Fri 1 Jan]   3  (41)
    #   weeks of 4, 11, 18, 25 Jan, 1 Feb 2027              25  (66)
    #   Mon 8, Tue 9, Wed 10, Thu 11 Feb -> day 70 is Thursday 11 February 2027.
    # Check: 14 weeks of weekdays -> Mon 8 Feb; 3 holidays push it to Thu 11 Feb.
    start = date(2026, 11, 2)
    assert add_working_days(start, 70) == date(2027, 2, 11)
    assert working_days_between(start, date(2027, 2, 11)) == 70


def test_20_working_days_priority_action_draft():
    # Focused visit letter published Wednesday 15 April 2026 (after Easter, before May).
    # Thu 16, Fri 17 (2); weeks of 20 and 27 Apr (12); week of 4 May less Early May (16);
    # Mon 11, Tue 12, Wed 13, Thu 14 May (20).
    assert add_working_days(date(2026, 4, 15), 20) == date(2026, 5, 14)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2026, 1, 9), 1, date(2026, 1, 12)),  # Friday -> Monday
        (date(2026, 1, 9), 5, date(2026, 1, 16)),  # Friday -> next Friday
        (date(2026, 1, 10), 1, date(2026, 1, 12)),  # Saturday -> Monday
        (date(2026, 1, 11), 1, date(2026, 1, 12)),  # Sunday -> Monday
        (date(2026, 1, 11), 5, date(2026, 1, 16)),  # Sunday -> Friday
        (date(2026, 4, 3), 1, date(2026, 4, 7)),  # Good Friday -> Tuesday after Easter
        (date(2026, 4, 2), 1, date(2026, 4, 7)),  # Maundy Thursday -> Tuesday
        (date(2026, 12, 24), 1, date(2026, 12, 29)),  # Christmas Eve -> Tue 29 Dec
        (date(2026, 12, 31), 1, date(2027, 1, 4)),  # crosses year and New Year's Day
        (date(2026, 1, 10), 0, date(2026, 1, 10)),  # n == 0 returns start, even Saturday
        (date(2026, 1, 12), -1, date(2026, 1, 9)),  # backwards: Monday -> Friday
        (date(2026, 4, 7), -1, date(2026, 4, 2)),  # backwards over Easter
    ],
)
def test_add_working_days(start, n, expected):
    assert add_working_days(start, n) == expected


def test_working_days_between_conventions():
    friday, saturday, monday = date(2026, 1, 9), date(2026, 1, 10), date(2026, 1, 12)
    assert working_days_between(friday, friday) == 0
    assert working_days_between(friday, saturday) == 0
    assert working_days_between(friday, monday) == 1
    assert working_days_between(saturday, monday) == 1
    assert working_days_between(monday, friday) == -1
    # Calendar year 2026: 261 weekdays (52 weeks + Thursday 31 Dec) less 8 bank holidays.
    assert working_days_between(date(2025, 12, 31), date(2026, 12, 31)) == 253


def test_round_trip_many_n():
    starts = [date(2026, 1, 1) + timedelta(days=k) for k in range(0, 365, 11)]
    starts += [date(2022, 5, 28), date(2022, 12, 24), date(2012, 6, 1)]
    for start in starts:
        for n in range(0, 300, 7):
            end = add_working_days(start, n)
            assert working_days_between(start, end) == n, (start, n)
            if n:
                assert is_working_day(end)


if given is not None:

    @given(
        start=st.dates(min_value=date(MIN_YEAR, 1, 1), max_value=date(MAX_YEAR - 2, 12, 31)),
        n=st.integers(min_value=0, max_value=400),
    )
    def test_round_trip_property(start, n):
        end = add_working_days(start, n)
        assert working_days_between(start, end) == n
        assert end >= start
        # The result is a working day and strictly later than the (n-1)th one.
        if n:
            assert is_working_day(end)
            assert add_working_days(start, n - 1) < end

    @given(
        start=st.dates(min_value=date(MIN_YEAR + 2, 1, 1), max_value=date(MAX_YEAR, 12, 31)),
        n=st.integers(min_value=1, max_value=400),
    )
    def test_backwards_round_trip_from_working_day(start, n):
        start = add_working_days(start, 1)  # make sure start is a working day
        if start.year > MAX_YEAR:
            return
        earlier = add_working_days(start, -n)
        assert working_days_between(earlier, start) == n
        assert working_days_between(start, earlier) == -n

    @given(
        a=st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31)),
        b=st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31)),
        c=st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31)),
    )
    def test_between_is_additive(a, b, c):
        assert working_days_between(a, b) + working_days_between(b, c) == (
            working_days_between(a, c)
        )
