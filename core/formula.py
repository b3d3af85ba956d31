"""Spreadsheet cells made safe from formulas (CSV injection). Pure Python."""

# Characters that make a spreadsheet program treat a cell as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(text: str) -> str:
    """Make ``text`` safe to write to a spreadsheet cell (CSV/formula injection).

    A value starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading
    apostrophe. Values that already start with apostrophes followed by one of those
    characters get one more, so :func:`unneutralise_formula` always restores the original.
    """
    if not isinstance(text, str):
        return text
    if text.lstrip("'").startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def unneutralise_formula(text: str) -> str:
    """Undo :func:`neutralise_formula`: drop exactly one guarding apostrophe."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text
