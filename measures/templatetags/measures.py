"""How a measure's figures read: to its decimal places, with its unit; a symbol in words."""

from decimal import Decimal

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from core.markup import esc, html, html_join
from core.templatetags.status import status_tag
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


@register.simple_tag
def scorecard_row(summary, as_at=None, pack=False) -> SafeString:
    """One measure's row of the scorecard (templates/measures/_scorecard.html): a tag, as
    the all-plans dashboard shows forty of them and the template loop cost more than the
    rest of the panel. `as_at`: the day the figures are for, carried into the measure's
    link; `pack`: the committee pack's copy, with no links."""
    measure = summary.measure
    name = f"{measure.reference}: {measure.title}"
    if pack:
        heading = esc(name)
    else:
        url = reverse("measure_detail", args=[measure.pk])
        url += f"?as_at={as_at:%Y-%m-%d}" if as_at else ""
        heading = html('<a class="govuk-link" href="{}">{}</a>', url, name)
    cells = [
        _stacked(figure(summary.value, measure), summary.latest.period.label)
        if summary.latest
        else "No figure",
        figure(summary.target.value, measure) if summary.target else "None",
        html(
            "{}{}",
            status_tag(summary.rag_tag, summary.rag_words),
            mark_safe('<br><span class="govuk-body-s">Figure due</span>') if summary.due else "",
        ),
        summary.direction_words,
    ]
    # England and the neighbours' average (the region is on the measure's page).
    for comparison in [c for i, c in enumerate(summary.comparisons) if i != 1] or [None, None]:
        has_value = comparison is not None and comparison.value is not None
        cells.append(
            _stacked(comparison.words, figure(comparison.value, measure))
            if has_value
            else "No figure"
        )
    return html(
        '<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">{}</th>{}</tr>',
        heading,
        html_join("", '<td class="govuk-table__cell">{}</td>', ((c,) for c in cells)),
    )


def _stacked(first, second) -> SafeString:
    return html('{}<br><span class="govuk-body-s">{}</span>', first, second)
