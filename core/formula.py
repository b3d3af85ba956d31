"""Spreadsheet cells made safe from formulas (CSV injection). Pure Python."""

import re

# Characters that make a spreadsheet program treat a cell as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Where a spreadsheet program may start a new cell inside what we wrote as one: the list
# separator of the reader's locale (comma, semicolon, tab) and a line break.
SEPARATORS = ",;\t\r\n"

# A part (from the cell's start or just after a separator), after any spaces, that is a
# formula trigger behind zero or more apostrophes; group 1 is where the guard goes.
_GUARDABLE = re.compile(r"( *)'*[=+\-@\t\r]")
_GUARDED = re.compile(r"( *)'+[=+\-@\t\r]")
_SEPARATOR = re.compile(f"[{re.escape(SEPARATORS)}]")


def neutralise_formula(text: str) -> str:
    """Make ``text`` safe to write to a spreadsheet cell (CSV/formula injection).

    Every part of the text that a spreadsheet program could read as a cell of its own (the
    start, and each place after a comma, semicolon, tab or line break) gets an apostrophe
    when it starts, after any spaces, with ``=``, ``+``, ``-``, ``@``, tab or carriage
    return: ``Hannah Okafor; Team A;=1+1`` becomes ``Hannah Okafor; Team A;'=1+1``. A part
    that already starts with apostrophes before one of those gets one more, so
    :func:`unneutralise_formula` always restores the original exactly.
    """
    if not isinstance(text, str):
        return text
    return _rewrite(text, _GUARDABLE, insert=True)


def unneutralise_formula(text: str) -> str:
    """Undo :func:`neutralise_formula`: drop exactly one guarding apostrophe per part."""
    return _rewrite(text, _GUARDED, insert=False)


def _rewrite(text: str, pattern: re.Pattern, *, insert: bool) -> str:
    """Add (or drop) one apostrophe after the leading spaces of each part `pattern` matches."""
    pieces, done = [], 0
    for start in [0, *(match.end() for match in _SEPARATOR.finditer(text))]:
        match = pattern.match(text, start)
        if match is None:
            continue
        at = match.end(1)
        pieces.append(text[done:at])
        if insert:
            pieces.append("'")
            done = at
        else:
            done = at + 1
    pieces.append(text[done:])
    return "".join(pieces)
