"""Turn single spreadsheet cell values into clean Python values.

Pure functions of plain values, so the model layer and the importer can both use them.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta

from core.formula import unneutralise_formula

BAD_DATE_MESSAGE = "Enter a real date, like 30/07/2027 or July 2027"
BAD_STATUS_MESSAGE = (
    "Status must be one of: Not started, On track, At risk, Off track, Complete (or R, A, G, Blue)"
)

# Earliest and latest years accepted as a target date. Anything outside is a typo or an
# Excel artefact (for example the 0 January 1900 "date" of an empty formula).
MIN_YEAR = 1990
MAX_YEAR = 2099

# --------------------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------------------


def format_number(value: int | float) -> str:
    """``15`` and ``15.0`` -> ``"15"``; ``1.5`` -> ``"1.5"``."""
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    return str(value)


def cell_text(value: object) -> str:
    """Any cell value as trimmed text, with line breaks normalised to ``\\n``."""
    if value is None:
        return ""
    if isinstance(value, str):
        text = value
    elif isinstance(value, bool):
        text = "TRUE" if value else "FALSE"
    elif isinstance(value, int | float):
        text = format_number(value)
    elif isinstance(value, datetime):
        if value.time() == time(0, 0):
            text = value.strftime("%d/%m/%Y")
        else:
            text = value.strftime("%d/%m/%Y %H:%M")
    elif isinstance(value, date):
        text = value.strftime("%d/%m/%Y")
    elif isinstance(value, time):
        text = value.strftime("%H:%M")
    else:
        text = str(value)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        text = text.replace("\x00", "")
    return text.strip()


def clean_text(value: object) -> str:
    """Cell value as text, with a formula-guard apostrophe from our own export removed."""
    return unneutralise_formula(cell_text(value))


# --------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------

MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}

_TIME = r"(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_SEP = r"[\s/.\-]*"
_ISO_RE = re.compile(rf"(\d{{4}})[-/.](\d{{1,2}})[-/.](\d{{1,2}}){_TIME}")
_DMY_RE = re.compile(rf"(\d{{1,2}})[/.\-](\d{{1,2}})[/.\-](\d{{4}}|\d{{2}}){_TIME}")
_MY_NUM_RE = re.compile(r"(\d{1,2})[/.\-](\d{4})")
_YM_NUM_RE = re.compile(r"(\d{4})-(\d{1,2})")
_D_MON_Y_RE = re.compile(
    rf"(\d{{1,2}})(?:st|nd|rd|th)?{_SEP}([a-z]+)\.?,?{_SEP}'?(\d{{4}}|\d{{2}})"
)
_MON_D_Y_RE = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_MON_Y_RE = re.compile(r"([a-z]+)\.?[\s/.,\-]*'?(\d{4}|\d{2})")
_PREFIX_RE = re.compile(r"^(?:(?:by|before|no later than)\b)?\s*(?:the\s+)?(?:end\s+(?:of\s+)?)?")
# A financial or academic year ("2013/14", "2013-2014") is a timescale, not a date.
_YEAR_SPAN_RE = re.compile(r"(\d{4})\s*[/\-]\s*(\d{4}|\d{2})")
_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# Text that was clearly meant as a date but is not one (13/13/2013, 30 Juy 2013).
_DATE_LIKE_RE = re.compile(
    r"\d{1,4}\s*[/.\-]\s*\d{1,2}(?:\s*[/.\-]\s*\d{1,4})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?{_SEP}[a-z]+\.?,?{_SEP}\d{{2,4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?{_SEP}{_MONTH_WORD}"
)


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def _checked(year: int, month: int, day: int | None) -> date:
    """A real date (or the last day of the month when ``day`` is None), else ValueError."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(BAD_DATE_MESSAGE)
    try:
        if day is None:
            return _month_end(year, month)
        return date(year, month, day)
    except ValueError:
        raise ValueError(BAD_DATE_MESSAGE) from None


def _month(word: str) -> int | None:
    return MONTHS.get(word)


def _parse_date_text(text: str) -> date | None:
    """Parse the written forms of a date. None if the text is not a date form at all."""
    if m := _ISO_RE.fullmatch(text):
        return _checked(int(m[1]), int(m[2]), int(m[3]))
    if m := _DMY_RE.fullmatch(text):
        return _checked(_year(m[3]), int(m[2]), int(m[1]))
    if m := _MY_NUM_RE.fullmatch(text):
        return _checked(int(m[2]), int(m[1]), None)
    if m := _YM_NUM_RE.fullmatch(text):
        return _checked(int(m[1]), int(m[2]), None)
    if (m := _D_MON_Y_RE.fullmatch(text)) and (month := _month(m[2])):
        return _checked(_year(m[3]), month, int(m[1]))
    if (m := _MON_D_Y_RE.fullmatch(text)) and (month := _month(m[1])):
        return _checked(int(m[3]), month, int(m[2]))
    if (m := _MON_Y_RE.fullmatch(text)) and (month := _month(m[1])):
        return _checked(_year(m[2]), month, None)
    return None


def _excel_serial(number: float) -> date:
    if not math.isfinite(number):
        raise ValueError(BAD_DATE_MESSAGE)
    try:
        day = date(1899, 12, 30) + timedelta(days=int(number))
    except OverflowError:
        raise ValueError(BAD_DATE_MESSAGE) from None
    return _checked(day.year, day.month, day.day)


def parse_date_value(value: object) -> tuple[date | None, str | None]:
    """Read a target-date cell.

    Returns ``(date, None)`` for a date, ``(None, text)`` when the cell holds a timescale
    such as "Immediate" or "3 months", and ``(None, None)`` when it is empty. Month-only
    dates ("June 2013", "Aug-12") mean the last day of that month. Raises ``ValueError``
    with a message for the user when the value looks like a date but is not a real one.
    """
    if value is None:
        return None, None
    if isinstance(value, datetime):
        return _checked(value.year, value.month, value.day), None
    if isinstance(value, date):
        return _checked(value.year, value.month, value.day), None
    if isinstance(value, bool | time | timedelta):
        raise ValueError(BAD_DATE_MESSAGE)
    if isinstance(value, int | float):
        return _excel_serial(value), None
    text = clean_text(value)
    if not text:
        return None, None
    key = " ".join(text.casefold().split()).rstrip(".")
    key = _PREFIX_RE.sub("", key, count=1)
    if (span := _YEAR_SPAN_RE.fullmatch(key)) and int(span[2]) % 100 == (int(span[1]) + 1) % 100:
        return None, text
    parsed = _parse_date_text(key)
    if parsed is not None:
        return parsed, None
    if _DATE_LIKE_RE.fullmatch(key):
        raise ValueError(BAD_DATE_MESSAGE)
    return None, text


# --------------------------------------------------------------------------------------
# Statuses
# --------------------------------------------------------------------------------------

STATUS_KEYS = ("not_started", "on_track", "at_risk", "off_track", "complete", "closed")

_STATUS_WORDS = {
    "complete": (
        "complete",
        "completed",
        "done",
        "blue",
        "b",
        "verified",
        "achieved",
    ),
    "on_track": ("in progress", "on track", "on target", "green", "g"),
    "at_risk": ("behind schedule", "at risk", "amber", "a", "slipping"),
    "off_track": ("off track", "red", "r", "not achieved", "overdue"),
    "not_started": ("not started", "not yet started", "grey", "gray"),
}


def _status_key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


STATUS_ALIASES = {_status_key(word): key for key, words in _STATUS_WORDS.items() for word in words}
_STATUS_SUFFIX_RE = re.compile(r"\s+[-\u2013\u2014]\s+|\s*[:(]")


def parse_status(value: object) -> str:
    """Map a status cell ("Green", "Behind schedule", "B", "Complete") to a status key.

    Empty means ``"not_started"``. Raises ``ValueError`` with a message for the user.
    """
    text = clean_text(value)
    if not text:
        return "not_started"
    key = _status_key(text)
    if key in STATUS_ALIASES:
        return STATUS_ALIASES[key]
    if key == "closed":  # an exported closed action comes back closed
        return "closed"
    # "Green - on track", "Amber (some slippage)", "R: overdue"
    first = _status_key(_STATUS_SUFFIX_RE.split(text, maxsplit=1)[0])
    if first in STATUS_ALIASES:
        return STATUS_ALIASES[first]
    raise ValueError(BAD_STATUS_MESSAGE)


# --------------------------------------------------------------------------------------
# Leads
# --------------------------------------------------------------------------------------

_LEAD_SPLIT_RE = re.compile(r"\s+and\s+|[,;/&\n\r\u2028]", re.IGNORECASE)
_BULLETS = "-\u2022\u00b7*\u2013 \t"


def split_leads(text: object) -> list[str]:
    """Split a lead cell into names: commas, semicolons, " and ", "&", "/", line breaks.

    Duplicates (ignoring case) are dropped, keeping the first spelling and the order.
    """
    names: list[str] = []
    seen: set[str] = set()
    for part in _LEAD_SPLIT_RE.split(clean_text(text)):
        name = " ".join(part.strip(_BULLETS).split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


# --------------------------------------------------------------------------------------
# Priorities
# --------------------------------------------------------------------------------------

_PRIORITY_WORD_RE = re.compile(
    r"(?:priority|p)\s*(?:no\.?|number)?\s*(\d{1,3})(?!\d)(?:\s*[.):\-\u2013\u2014]+)?\s*(.*)",
    re.IGNORECASE | re.DOTALL,
)
_PRIORITY_NUMBER_RE = re.compile(
    r"(\d{1,3})(?:\s*[.):\-\u2013\u2014]+(?!\d)\s*(.*)|\s*)",
    re.DOTALL,
)


def parse_priority_text(text: str) -> tuple[int | None, str]:
    """``"1. Ensure a timely response"`` -> ``(1, "Ensure a timely response")``.

    Also "Priority 1: ...", "1) ...", "1 - ...", and a bare "1". A title with no number
    gives ``(None, title)``.
    """
    text = text.strip()
    match = _PRIORITY_WORD_RE.fullmatch(text) or _PRIORITY_NUMBER_RE.fullmatch(text)
    if match and int(match[1]) > 0:
        return int(match[1]), (match[2] or "").strip()
    return None, text
