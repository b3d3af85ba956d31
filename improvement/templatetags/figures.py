"""The dashboard's counts as links to the lists behind them. Selectors give each figure
the list's filters; the links are made here. A tag rather than an include, because a
dashboard across twenty plans shows a few hundred of them and an include costs ten
times more."""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html

register = template.Library()

# Where the drill-down lists live if their URL names are not yet registered.
FALLBACK_PATHS = {"action_list": "/actions/", "recommendation_list": "/recommendations/"}


_paths: dict[tuple, str] = {}


def _list_path(name: str) -> str:
    """The list's path, reversed once per URL configuration and script prefix: a dashboard
    makes a few hundred links to the same two lists (reversing each took 10 ms of it)."""
    key = (name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    if key not in _paths:
        try:
            _paths[key] = reverse(name)
        except NoReverseMatch:
            return FALLBACK_PATHS[name]
    return _paths[key]


@register.simple_tag
def list_url(name: str, filters: dict | None = None, **first) -> str:
    """The list page `name` filtered by `first` and then `filters`, as a shareable URL."""
    path = _list_path(name)
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
