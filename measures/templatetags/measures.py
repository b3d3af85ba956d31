"""How a measure's figures read: to its decimal places, with its unit; a symbol in words."""

from decimal import Decimal

from django import template

from measures.rules_performance import shown
from measures.symbols import meaning

register = template.Library()

SUFFIX = {"percentage": "%", "days": " days"}


@register.simple_tag
def figure(value, measure) -> str:
    """A number as the measure shows it: "22.5%", "£1,200", "14 days"; "" for none."""
    if value is None:
        return ""
    number = shown(Decimal(value), measure.decimal_places)
    text = f"{number:,.{measure.decimal_places}f}"
    if measure.unit == "money":
        return f"£{text}"
    return text + SUFFIX.get(measure.unit, "")


@register.simple_tag
def cell_text(cell, measure) -> str:
    """A stored cell: its figure, or its symbol with what it means; "" for no cell."""
    if cell is None:
        return ""
    if cell.symbol:
        return (
            f"{cell.symbol} ({meaning(cell.symbol)})"
            if cell.symbol != "not supplied"
            else meaning(cell.symbol)
        )
    return figure(cell.value, measure)


@register.filter
def symbol_words(code: str) -> str:
    """A symbol with what it means: "c (suppressed to protect confidential information)"."""
    return meaning(code) if code == "not supplied" else f"{code} ({meaning(code)})"
