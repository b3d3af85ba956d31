"""The form renderer: Django's, with selects drawn in Python.

Django draws each option of a select through two template includes; the action list's
filter form has about 300 options, which took longer to draw than the rest of the page's
template. `select_html` writes the same HTML, character for character, as Django's
`django/forms/widgets/select.html` (tests/core/test_renderers.py compares the two).
"""

from django.forms.renderers import DjangoTemplates
from django.utils.safestring import SafeString, mark_safe

from core.markup import esc, html

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: ` name="value"`, a bare name for True, none for False."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        escaped = esc(name)
        parts.append(f" {escaped}" if value is True else f' {escaped}="{esc(value)}"')
    return "".join(parts)


def _option(option: dict) -> str:
    return (
        f'<option value="{esc(str(option["value"]))}"{_attrs(option["attrs"])}>'
        f"{esc(option['label'])}</option>"
    )


def select_html(widget: dict) -> SafeString:
    """A select widget's context (`widget` of Select.get_context) as Django's templates draw it."""
    parts = [html('<select name="{}"', widget["name"]), _attrs(widget["attrs"]), ">"]
    for group_name, options, _ in widget["optgroups"]:
        if group_name:
            parts.append(html('\n  <optgroup label="{}">', group_name))
        # Django's option template ends with a newline, kept inside the select.
        parts.extend(f"\n  {_option(option)}\n" for option in options)
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


class FormRenderer(DjangoTemplates):
    """Django's default renderer, drawing selects whose options use Django's own option
    template in Python (a project's own option template would still be used)."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if (
            template_name == SELECT_TEMPLATE
            and widget
            and all(
                option["template_name"] == OPTION_TEMPLATE
                for _, options, _ in widget["optgroups"]
                for option in options
            )
        ):
            return select_html(widget)
        return super().render(template_name, context, request)
