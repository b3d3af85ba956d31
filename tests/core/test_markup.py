"""core.markup gives what Django's escaping functions give, for every kind of argument."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

from core.markup import esc, html, html_join
from improvement.status import Status

VALUES = [
    "plain",
    "<b>bold</b> & 'quoted' \"twice\"",
    mark_safe("<em>already safe</em>"),
    gettext_lazy("Off <track>"),
    Status.OFF_TRACK,
    12,
    -3.5,
    Decimal("2.50"),
    None,
    True,
    dt.date(2026, 12, 1),
    "",
]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_esc_is_conditional_escape(value):
    assert esc(value) == conditional_escape(value)


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_html_is_format_html(value):
    template = '<a href="{}" title="{title}">{}</a>'
    ours = html(template, value, "x<y", title=value)
    assert ours == format_html(template, value, "x<y", title=value)
    assert isinstance(ours, SafeString)


def test_html_join_is_format_html_join():
    rows = [(value, "<td>") for value in VALUES]
    ours = html_join(", ", "<i>{}</i>{}", rows)
    assert ours == format_html_join(", ", "<i>{}</i>{}", rows)
    assert isinstance(ours, SafeString)
