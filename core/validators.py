"""Text that must stay on one line: it reaches an e-mail subject or another header."""

import unicodedata

from django.core.exceptions import ValidationError


def _is_control(ch: str) -> bool:
    # Cc: C0 and C1 controls (CR, LF, tab, NUL, ...); Zl and Zp: the Unicode line and
    # paragraph separators, which some mail software also breaks a line at.
    return unicodedata.category(ch) in {"Cc", "Zl", "Zp"}


def one_line(text: str) -> str:
    """The text with control characters dropped and each run of whitespace (line breaks
    and tabs included) made one space."""
    kept = "".join(ch for ch in text if ch.isspace() or not _is_control(ch))
    return " ".join(kept.split())


def validate_one_line(value: str) -> None:
    """Refuse line breaks, tabs and other control characters (an e-mail header could be
    split by them)."""
    if any(_is_control(ch) for ch in value):
        raise ValidationError(
            "Enter this on one line, without line breaks, tabs or other control characters",
            code="one_line",
        )
