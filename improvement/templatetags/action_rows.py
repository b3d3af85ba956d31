"""The action list's rows (templates/improvement/lists/action_list.html). Written in Python
rather than drawn by the template: the list draws fifty rows of six cells, with loops over
leads and recommendations, which the template drew in about a quarter of the page's time."""

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from core.clock import day_in_words
from core.markup import esc
from core.templatetags.status import status_tag
from improvement.status import Status

register = template.Library()

SHORT_DAY = "j M Y"
HINT = (
    '<span class="govuk-hint govuk-!-display-block govuk-!-font-size-16 '
    'govuk-!-margin-bottom-0">{}</span>'
)
OVERDUE = '<strong class="govuk-tag govuk-tag--red app-flag">Overdue</strong>'
STALE = ' <strong class="govuk-tag govuk-tag--yellow app-flag">Not updated on time</strong>'
NO_LEAD = '<span class="govuk-body-s">No lead</span>'
WAS = '<span class="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">was {}</span>'


def _spaced(*parts: str) -> str:
    """The parts that are not empty (each already HTML), a space between each."""
    return " ".join(part for part in parts if part)


def _title(action) -> str:
    references = [rec.reference for rec in action.recommendations.all()]
    answers = f"; answers {', '.join(references)}" if references else ""
    where = f"{action.priority.plan.title}, priority {action.priority.number}{answers}"
    link = reverse("action_detail", args=[action.pk])
    return f'<a class="govuk-link" href="{esc(link)}">{esc(action.title)}</a> ' + (
        HINT.format(esc(where))
    )


def _leads(action) -> str:
    officers = [lead.full_name or lead.email for lead in action.lead_officers.all()]
    names = ", ".join(officers + ([action.lead_names] if action.lead_names else []))
    team = HINT.format(esc(action.lead_team.name)) if action.lead_team else ""
    return _spaced(esc(names), team, "" if names or team else NO_LEAD)


def _target(action) -> str:
    target, original = action.target_date, action.original_target_date
    when = day_in_words(target, SHORT_DAY) if target else action.timescale or "None set"
    moved = original and original != target
    was = WAS.format(esc(day_in_words(original, SHORT_DAY))) if moved else ""
    return _spaced(esc(when), was)


def _status(action) -> str:
    declared = action.get_declared_status_display()
    if not action.overdue:
        return status_tag(action.declared_status, declared)
    return _spaced(
        status_tag(Status.OFF_TRACK, Status.OFF_TRACK.label),
        OVERDUE,
        HINT.format(esc(f"Lead declared: {declared}")),
    )


def _updated(action) -> str:
    return esc(day_in_words(action.last_update_at, SHORT_DAY) or "None yet") + (
        STALE if action.stale else ""
    )


@register.simple_tag
def action_list_row(action) -> SafeString:
    """One row: reference; title with its plan, priority and the recommendations it
    answers; leads; target date; effective status (overdue shown as off track, with what
    the lead declared); last update, flagged when not updated on time."""
    cells = (
        esc(action.reference),
        _title(action),
        _leads(action),
        _target(action),
        _status(action),
        _updated(action),
    )
    row = "".join(f'<td class="govuk-table__cell">{cell}</td>' for cell in cells)
    return mark_safe(f'<tr class="govuk-table__row">{row}</tr>')  # noqa: S308 - escaped above
