"""When a measure's next figure is due.

A measure is due when a period it reports on has ended, its reporting lag has passed, and
the council has no figure for it (a "not yet supplied" symbol is no figure; any other
symbol is the publisher's answer and counts).
"""

from datetime import date, timedelta

from measures.periods import _month_end

MONTHLY, QUARTERLY, ANNUAL, REPORTING_YEAR = "monthly", "quarterly", "annual", "reporting_year"


def latest_period_end(frequency: str, *, today: date, lag_days: int) -> date:
    """The end of the latest period whose figure should be in by today."""
    cutoff = today - timedelta(days=lag_days + 1)  # the lag's last day must have passed
    if frequency == MONTHLY:
        end = _month_end(cutoff.year, cutoff.month)
        return end if end <= cutoff else cutoff.replace(day=1) - timedelta(days=1)
    if frequency == QUARTERLY:  # quarters end in June, September, December and March
        month = ((cutoff.month - 1) // 3) * 3 + 3
        end = _month_end(cutoff.year, month)
        if end > cutoff:
            start = date(cutoff.year, month - 2, 1)
            end = start - timedelta(days=1)
        return end
    if frequency == ANNUAL:
        end = date(cutoff.year, 12, 31)
        return end if end <= cutoff else date(cutoff.year - 1, 12, 31)
    end = date(cutoff.year, 3, 31)  # reporting year, to 31 March
    return end if end <= cutoff else date(cutoff.year - 1, 3, 31)


def is_due(frequency: str, *, today: date, lag_days: int, last_supplied_end: date | None) -> bool:
    """Whether the council owes a figure: its latest supplied period ends before the latest
    period that should be in by today."""
    expected = latest_period_end(frequency, today=today, lag_days=lag_days)
    return last_supplied_end is None or last_supplied_end < expected
