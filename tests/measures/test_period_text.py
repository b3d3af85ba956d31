"""Periods as an officer types them, read against the measure's frequency."""

from datetime import date, datetime

import pytest

from measures.period_text import read_period
from measures.periods import PeriodError


@pytest.mark.parametrize(
    ("text", "frequency", "expected"),
    [
        ("2025-26", "reporting_year", ("2026", "Reporting year")),
        ("2025/26", "reporting_year", ("2026", "Reporting year")),
        ("202526", "reporting_year", ("2026", "Reporting year")),
        ("2011-12", "reporting_year", ("2012", "Reporting year")),
        ("2026 Reporting year", "reporting_year", ("2026", "Reporting year")),
        ("2024/25 Financial year", "reporting_year", ("202425", "Financial year")),
        ("Q1 2025-26", "quarterly", ("202526", "Financial year Q1")),
        ("2025/26 q4", "quarterly", ("202526", "Financial year Q4")),
        ("2024/25 Financial year Q1", "quarterly", ("202425", "Financial year Q1")),
        ("Q2 2025", "quarterly", ("2025", "Calendar year Q2")),
        ("March 2026", "monthly", ("2026", "March")),
        ("  mar   2026 ", "monthly", ("2026", "March")),
        ("Sept 2025", "monthly", ("2025", "September")),
        ("Mar-26", "monthly", ("2026", "March")),
        ("2026-03", "monthly", ("2026", "March")),
        ("03/2026", "monthly", ("2026", "March")),
        (date(2026, 3, 1), "monthly", ("2026", "March")),
        (datetime(2026, 3, 31, 0, 0), "monthly", ("2026", "March")),
        ("2025", "annual", ("2025", "Calendar year")),
    ],
)
def test_an_officers_period_is_read(text, frequency, expected):
    assert read_period(text, frequency) == expected


@pytest.mark.parametrize(
    ("text", "frequency", "message"),
    [
        ("", "monthly", "Enter the period, for example March 2026"),
        ("Smarch 2026", "monthly", "is not a month: write it like March 2026"),
        ("13/2026", "monthly", "is not a month"),
        ("2025", "reporting_year", "is not a year to 31 March: write it like 2025-26"),
        ("2025-27", "reporting_year", "does not span two consecutive years"),
        ("March 2026", "annual", "this measure's figures are for a calendar year"),
        ("2025-26", "monthly", "is not a month"),
        ("Q5 2025-26", "quarterly", "is not a quarter"),
        (date(2026, 3, 1), "quarterly", "this measure's figures are for a quarter"),
    ],
)
def test_a_period_that_does_not_fit_says_why(text, frequency, message):
    with pytest.raises(PeriodError, match=message):
        read_period(text, frequency)


def test_the_exports_columns_are_written_as_the_files_write_them():
    from measures.period_text import checked

    assert checked(" 2026", "reporting YEAR ", frequency="reporting_year") == (
        "2026",
        "Reporting year",
    )
    assert checked("2026", "march", frequency="monthly") == ("2026", "March")
    with pytest.raises(PeriodError, match="not one this service reads"):
        checked("2026", "Fortnight", frequency="monthly")
