"""The day a benchmark run measures as: a fixed "today", and month ends."""

from contextlib import contextmanager
from datetime import date, timedelta
from unittest import mock

from django.utils import timezone


def last_month_end(day: date) -> date:
    """`day` if it is the last day of its month, else the last day of the month before."""
    return day if (day + timedelta(days=1)).day == 1 else day.replace(day=1) - timedelta(days=1)


@contextmanager
def today_is(day: date | None):
    """Run with core.clock's "today" fixed at `day` (None: the real date)."""
    if day is None:
        yield
        return
    original = timezone.localdate

    def localdate(value=None, timezone=None):
        return day if value is None else original(value, timezone)

    with mock.patch("django.utils.timezone.localdate", localdate):
        yield


def page_today(page, run_today: date | None) -> date | None:
    """The day a page is measured as: a month end for month-end pages."""
    if page.month_end:
        return last_month_end(run_today or timezone.localdate())
    return run_today
