"""The dashboard's counts as links to the lists behind them. Selectors give each figure
the list's filters; the links are made here. A tag rather than an include, because a
dashboard across twenty plans shows a few hundred of them and an include costs ten
times more."""

from urllib.parse import urlencode

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

register = template.Library()

# Where the drill-down lists live if their URL names are not yet registered.
FALLBACK_PATHS = {"action_list": "/actions/", "recommendation_list": "/recommendations/"}


@register.simple_tag
def list_url(name: str, filters: dict | None = None, **first) -> str:
    """The list page `name` filtered by `first` and then `filters`, as a shareable URL."""
    try:
        path = reverse(name)
    except NoReverseMatch:
        path = FALLBACK_PATHS[name]
    params = {**first, **(filters or {})}
    query = urlencode({key: value for key, value in params.items() if value not in (None, "")})
    return f"{path}?{query}" if query else path


@register.simple_tag(takes_context=True)
def figure_link(
    context, figure, context_label: str, linked: bool | None = None, list_name="action_list"
) -> str:
    """One count, linked to the list behind it when the figures are for today (`linked`)."""
    linked = context.get("linked") if linked is None else linked
    if linked and figure.filters is not None and figure.count:
        return format_html(
            '<a class="govuk-link" href="{}">{}'
            '<span class="govuk-visually-hidden"> {}, {}</span></a>',
            list_url(list_name, figure.filters),
            figure.count,
            figure.label.lower(),
            context_label,
        )
    return str(figure.count)
