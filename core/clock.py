"""The one clock: today and the day boundaries, in Europe/London.

Every rule asks here for the date, so tests can fix it and the clock changes are
handled once.
"""

from datetime import date, datetime, time, timedelta

from django.utils import dateformat, timezone


def today() -> date:
    """Today in Europe/London: the one place the app asks for the date, so tests can fix it."""
    return timezone.localdate()


def now() -> datetime:
    """The current moment (aware, UTC): for timestamps a rule compares, such as expiry."""
    return timezone.now()


def local_date(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def start_of_day(day: date) -> datetime:
    """Local midnight at the start of `day`, as an aware datetime (clock changes included)."""
    return timezone.make_aware(datetime.combine(day, time.min))


def end_of_day(day: date) -> datetime:
    return start_of_day(day + timedelta(days=1))


def day_in_words(value: date | datetime | None, form: str = "j F Y") -> str:
    """A day as the app writes it, "1 December 2026" (or in another date filter `form`, such
    as a table's "j M Y"); a moment gives its day in Europe/London (as the templates' date
    filter does); "" for none."""
    if value is None:
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = local_date(value)
    return dateformat.format(value, form)
