"""The status tag: colour and words together. A tag rather than an include because the
dashboards show a hundred of them and an include costs several times more; the markup's
one home (every template uses it)."""

from django import template

from core.markup import html

register = template.Library()


@register.simple_tag
def status_tag(status: str, label: str) -> str:
    """`<strong class="govuk-tag app-status app-status--STATUS">LABEL</strong>`; a tick
    before the words of "verified"."""
    tick = "✓ " if status == "verified" else ""
    return html(
        '<strong class="govuk-tag app-status app-status--{}">{}{}</strong>', status, tick, label
    )
