"""The dashboard's counts as links: a tag rather than an include, because a dashboard
across twenty plans shows a few hundred of them and an include costs ten times more."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def figure_link(context, figure, context_label: str, linked: bool | None = None) -> str:
    """One count, linked to the list behind it when the figures are for today (`linked`)."""
    linked = context.get("linked") if linked is None else linked
    if linked and figure.url and figure.count:
        return format_html(
            '<a class="govuk-link" href="{}">{}'
            '<span class="govuk-visually-hidden"> {}, {}</span></a>',
            figure.url,
            figure.count,
            figure.label.lower(),
            context_label,
        )
    return str(figure.count)
