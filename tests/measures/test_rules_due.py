"""When a measure's figure is due: the period has ended and its reporting lag has passed."""

from datetime import date

import pytest

from measures.rules_due import is_due, latest_period_end


@pytest.mark.parametrize(
    ("frequency", "today", "lag", "expected"),
    [
        ("monthly", date(2025, 5, 31), 30, date(2025, 4, 30)),  # lag of April ends 30 May
        ("monthly", date(2025, 5, 30), 30, date(2025, 3, 31)),  # 30 May: still within it
        ("quarterly", date(2025, 8, 1), 31, date(2025, 6, 30)),
        ("quarterly", date(2025, 7, 31), 31, date(2025, 3, 31)),
        ("annual", date(2026, 2, 1), 30, date(2025, 12, 31)),
        ("reporting_year", date(2025, 11, 1), 200, date(2025, 3, 31)),
        ("reporting_year", date(2025, 10, 17), 200, date(2024, 3, 31)),
    ],
)
def test_latest_period_expected(frequency, today, lag, expected):
    assert latest_period_end(frequency, today=today, lag_days=lag) == expected


def test_due_when_the_latest_expected_period_has_no_figure():
    today = date(2025, 6, 15)
    assert is_due("monthly", today=today, lag_days=10, last_supplied_end=date(2025, 4, 30))
    assert not is_due("monthly", today=today, lag_days=10, last_supplied_end=date(2025, 5, 31))
    assert is_due("monthly", today=today, lag_days=10, last_supplied_end=None)
