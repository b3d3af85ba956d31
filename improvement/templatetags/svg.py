"""The SVG charts' markup, drawn from the shapes improvement.charts works out.

Tags rather than template loops: the all-plans dashboard draws a few hundred shapes, each
with a dozen attributes, and the template engine spent more time on them than on the rest
of the page. Every value is escaped (core.markup); numbers are written as Python writes
them (no thousands separators or locale). The templates _chart_*.html add the legend.
"""

from django import template
from django.utils.safestring import SafeString, mark_safe

from core.markup import html
from improvement.chart_shapes import BarChart, ColumnChart, Segment, Timeline

register = template.Library()

RECT = (
    '<rect class="app-fill--{}" fill="{}" stroke="#ffffff" stroke-width="1" x="{}" y="{}" '
    'width="{}" height="{}"><title>{}</title></rect>'
)
LINE = '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="{}"/>'
DARK, GREY = "#0b0c0c", "#505a5f"


def _svg(chart, body: list[str]) -> SafeString:
    head = html(
        '<svg class="app-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
        'width="100%" role="img" aria-labelledby="{}-title {}-desc" focusable="false">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>',
        chart.width,
        chart.height,
        chart.id,
        chart.id,
        chart.id,
        chart.title,
        chart.id,
        chart.description,
    )
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308 - every part escaped by html()


def _text(x, y, text, *, size=14, fill=DARK, anchor="", bold=False, dy="") -> str:
    """A <text>: `anchor` "middle" or "end" (start if empty), `dy` a shift down."""
    extra = (f' dy="{dy}"' if dy else "") + (f' text-anchor="{anchor}"' if anchor else "")
    weight = ' font-weight="bold"' if bold else ""
    return html(
        f'<text x="{{}}" y="{{}}"{extra} font-family="arial, sans-serif" font-size="{size}"'
        f'{weight} fill="{{}}">{{}}</text>',
        x,
        y,
        fill,
        text,
    )


def _rect(segment: Segment, y, height) -> str:
    return html(
        RECT, segment.status, segment.fill, segment.x, y, segment.width, height, segment.title
    )


@register.simple_tag
def status_bars_svg(chart: BarChart) -> SafeString:
    """Horizontal 100% stacked bars, a label above each (charts.status_bars)."""
    body = []
    for bar in chart.bars:
        body.append(_text(0, bar.label_y, bar.label, size=16))
        for segment in bar.segments:
            body.append(_rect(segment, bar.y, bar.height))
            if segment.show_count:
                body.append(
                    _text(
                        segment.text_x,
                        segment.text_y,
                        segment.count,
                        size=16,
                        fill=segment.text_fill,
                        anchor="middle",
                        bold=True,
                    )
                )
        if not bar.segments:
            body.append(_text(8, bar.y + 20, "No actions", size=15, fill=GREY))
        body.append(
            html(
                '<rect x="0" y="{}" width="{}" height="{}" fill="none" stroke="{}" '
                'stroke-width="1"/>',
                bar.y,
                chart.width,
                bar.height,
                DARK,
            )
        )
    return _svg(chart, body)


@register.simple_tag
def status_columns_svg(chart: ColumnChart) -> SafeString:
    """Stacked columns, one per month end, with a scale (charts.status_columns)."""
    left, right = chart.plot_left, chart.plot_right
    body = []
    for tick in chart.ticks:
        body.append(html(LINE, left, right, tick.y, tick.y, "#b1b4b6", 1))
        body.append(_text(left - 8, tick.y, tick.value, anchor="end", dy=5))
    for column in chart.columns:
        body.extend(_rect(segment, segment.y, segment.height) for segment in column.segments)
        centre = column.centre
        body.append(_text(centre, column.total_y, column.total, anchor="middle", bold=True))
        body.append(_text(centre, chart.baseline + 20, column.month, anchor="middle"))
        if column.year:
            body.append(_text(centre, chart.baseline + 38, column.year, fill=GREY, anchor="middle"))
    body.append(html(LINE, left, right, chart.baseline, chart.baseline, DARK, 1))
    return _svg(chart, body)


@register.simple_tag
def grade_timeline_svg(chart: Timeline) -> SafeString:
    """A lane per judgement area, a labelled marker per inspection (charts.grade_timeline)."""
    body = [
        _text(heading.centre, 18, heading.text, size=15, anchor="middle", bold=True)
        for heading in chart.headings
    ]
    for lane in chart.lanes:
        body.append(_text(0, lane.title_y, lane.area, size=15))
        y = lane.y + 15
        body.extend(html(LINE, start, end, y, y, DARK, 2) for start, end in lane.links)
        for marker in lane.markers:
            if not marker.grade:
                body.append(
                    _text(marker.centre, lane.text_y, "Not judged", fill=GREY, anchor="middle")
                )
                continue
            body.append(
                html(
                    '<rect class="app-fill--{}" fill="{}" x="{}" y="{}" width="{}" height="{}" '
                    'rx="4"><title>{}</title></rect>',
                    marker.status,
                    marker.fill,
                    marker.x,
                    lane.y,
                    marker.width,
                    chart.marker_height,
                    marker.title,
                )
            )
            body.append(
                _text(
                    marker.centre,
                    lane.text_y,
                    marker.text,
                    fill=marker.text_fill,
                    anchor="middle",
                    bold=True,
                )
            )
    return _svg(chart, body)
