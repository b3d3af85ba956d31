"""The dashboard's counts as links to the lists behind them, its status table's cells and
its short lists' rows. Selectors give each figure the list's filters; the links are made
here. Tags rather than includes or template loops, because a dashboard across twenty
plans shows a few hundred of them and an include costs ten times more."""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.safestring import SafeString, mark_safe

from core.clock import day_in_words
from core.markup import html, html_join
from core.templatetags.status import status_tag
from improvement.status import Status

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
        return html(
            '<a class="govuk-link" href="{}">{}'
            '<span class="govuk-visually-hidden"> {}, {}</span></a>',
            list_url(list_name, figure.filters),
            figure.count,
            figure.label.lower(),
            context_label,
        )
    return str(figure.count)


@register.simple_tag(takes_context=True)
def status_cells(context, row, total_row: bool = False) -> SafeString:
    """A status table row's cells (templates/improvement/dashboard/_status_table.html): each
    status's count, linked, with its share, then the row's total. The all-plans table has a
    hundred and fifty of them, which a template loop drew several times more slowly."""
    linked = context.get("linked")
    cell = '<td class="govuk-table__cell govuk-table__cell--numeric">{}</td>'
    cells = []
    for figure in row.figures:
        count = figure_link(context, figure, row.label)
        share = (
            html('<br><span class="govuk-body-s govuk-!-margin-0">{}%</span>', figure.share)
            if figure.count
            else ""
        )
        cells.append(
            html(cell, html("<strong>{}</strong>{}" if total_row else "{}{}", count, share))
        )
    hidden = "actions in total" if total_row else f"actions, {row.label}"
    total = (
        html(
            '<a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden"> {}</span></a>',
            list_url("action_list", row.filters),
            row.total,
            hidden,
        )
        if linked and (row.total or total_row)
        else row.total
    )
    cells.append(html(cell, html("<strong>{}</strong>", total) if total_row else total))
    return mark_safe("".join(cells))  # noqa: S308 - every cell built by html()


@register.simple_tag
def action_row(action, column: str, show_plan: bool = False) -> SafeString:
    """One row of the dashboard's short lists (templates/improvement/dashboard/_action_rows.html):
    reference, title, the list's own column ("target", "updated" or "done") and the lead."""
    plan = action.priority.plan.title if show_plan else ""
    reference = html(
        "{}{}",
        html('<span class="govuk-visually-hidden">{}, action </span>', plan) if plan else "",
        action.reference,
    )
    title = html(
        '<a class="govuk-link" href="{}">{}</a>{}',
        reverse("action_detail", args=[action.pk]),
        action.title,
        html('<br><span class="govuk-body-s govuk-!-margin-0">{}</span>', plan) if plan else "",
    )
    cells = [reference, title]
    if column == "target":
        cells += [day_in_words(action.tg), status_tag(action.st, action.st_label)]
    elif column == "updated":
        cells.append(day_in_words(action.updated_then) or "No update yet")
    elif column == "done":
        done = Status.VERIFIED if action.done_status == Status.VERIFIED else Status.COMPLETE
        cells.append(html("{}<br>{}", status_tag(done, done.label), day_in_words(action.done_at)))
    cells.append(action.lead_display)
    return html(
        '<tr class="govuk-table__row">{}</tr>',
        html_join("", '<td class="govuk-table__cell">{}</td>', ((c,) for c in cells)),
    )
