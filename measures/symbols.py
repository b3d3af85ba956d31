"""The reasons a figure is missing, as the DfE's open-data files write them.

A symbol stands in place of a number and is never a zero: it is stored and shown with
what it means.
"""

from django.db import models


class Symbol(models.TextChoices):
    SUPPRESSED = "c", "suppressed to protect confidential information"
    LOW = "low", "a positive figure that rounds to zero"
    UNRELIABLE = "u", "low reliability"
    UNAVAILABLE = "x", "not available for another reason"
    NOT_APPLICABLE = "z", "not applicable"
    NOT_AVAILABLE = ":", "not available"
    NOT_SUPPLIED = "not supplied", "not yet supplied"


# The symbols a published file may hold (case-insensitive, spaces trimmed).
PUBLISHED = {symbol.value: symbol for symbol in Symbol if symbol != Symbol.NOT_SUPPLIED}


def meaning(code: str) -> str:
    """What a stored symbol means, in words ("" for none)."""
    try:
        return Symbol(code).label
    except ValueError:
        return ""
