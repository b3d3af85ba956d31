"""A parse result as JSON, so an upload is parsed once and its preview read back.

JSON rather than pickle: the stored file is data, never code, whoever can write to the
media folder.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from datetime import date

from .parse import ParsedRow, ParseResult, Problem

VERSION = 1  # bump when ParseResult changes shape: older stored results are parsed again


def result_to_json(result: ParseResult) -> str:
    return json.dumps({"version": VERSION, **asdict(result)}, default=_encode)


def result_from_json(text: str) -> ParseResult | None:
    """The stored result, or None when it is not one this code wrote."""
    try:
        stored = json.loads(text)
        if stored.pop("version", None) != VERSION:
            return None
        return ParseResult(
            rows=[_row(row) for row in stored["rows"]],
            problems=[Problem(**problem) for problem in stored["problems"]],
            warnings=[Problem(**problem) for problem in stored["warnings"]],
            columns=stored["columns"],
            header_row=stored["header_row"],
        )
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def _row(stored: dict) -> ParsedRow:
    values = {field.name: stored[field.name] for field in fields(ParsedRow)}
    day = values["target_date"]
    values["target_date"] = date.fromisoformat(day) if day else None
    values["problems"] = [Problem(**problem) for problem in values["problems"]]
    return ParsedRow(**values)


def _encode(value):
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"Cannot store {type(value).__name__}")
