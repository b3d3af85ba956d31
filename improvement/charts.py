"""Server-rendered SVG charts: the geometry is worked out here and drawn by
improvement/templatetags/svg.py (templates/improvement/dashboard/_chart_*.html add the
legend); the shapes and colours are in improvement.chart_shapes. Every chart is drawn with
a <title> and <desc>, and every page shows its figures in a table as well.
"""

import math

from improvement.chart_shapes import (
    WIDTH,
    Bar,
    BarChart,
    Column,
    ColumnChart,
    Heading,
    Lane,
    Marker,
    Segment,
    Tick,
    Timeline,
)
from improvement.status import DASHBOARD_ORDER, Status

ABBREVIATED = {1: "Outst.", 2: "Good", 3: "RI", 4: "Inad."}
GRADE_LEGEND = (
    (Status.VERIFIED, "Outstanding"),
    (Status.ON_TRACK, "Good"),
    (Status.AT_RISK, "Requires improvement to be good (RI)"),
    (Status.OFF_TRACK, "Inadequate"),
)
MARKER_HEIGHT = 30


def _label(status: str) -> str:
    return Status(status).label


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --------------------------------------------------------------------------------------
# Bars: one per priority or plan
# --------------------------------------------------------------------------------------


def status_bars(chart_id: str, title: str, rows) -> BarChart:
    """`rows`: objects with `label`, `counts` (status -> number) and `total`."""
    label_height, bar_height, gap = 22, 30, 18
    bars, y = [], 4
    for row in rows:
        bars.append(_bar(row, y=y, label_height=label_height, bar_height=bar_height))
        y += label_height + bar_height + gap
    present = [s for s in DASHBOARD_ORDER if any(r.counts[s] for r in rows)]
    described = "; ".join(
        f"{row.label}: "
        + (
            ", ".join(f"{row.counts[s]} {_label(s).lower()}" for s in present if row.counts[s])
            or "no actions"
        )
        for row in rows
    )
    return BarChart(
        chart_id,
        title,
        described,
        WIDTH,
        max(y - gap + 4, 40),
        bars,
        [(s, _label(s)) for s in present],
    )


def _bar(row, *, y: float, label_height: int, bar_height: int) -> Bar:
    segments, x = [], 0.0
    for status in DASHBOARD_ORDER:
        count = row.counts[status]
        if not count:
            continue
        width = WIDTH * count / row.total
        share = round(100 * count / row.total)
        segments.append(
            Segment(
                status,
                _label(status),
                count,
                share,
                round(x, 2),
                round(width, 2),
                y + label_height,
                bar_height,
                f"{row.label}: {count} {_label(status).lower()} ({share}%)",
            )
        )
        x += width
    actions = f"{row.total} action{'s' if row.total != 1 else ''}"
    return Bar(
        _fit(f"{row.label} ({actions})", 95),
        row.total,
        y + 16,
        y + label_height,
        bar_height,
        segments,
    )


# --------------------------------------------------------------------------------------
# Columns: one per month end
# --------------------------------------------------------------------------------------


def _nice_step(maximum: int, ticks: int = 4) -> int:
    raw = max(maximum / ticks, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 5, 10):
        if multiple * magnitude >= raw:
            return int(multiple * magnitude)
    return int(10 * magnitude)


def status_columns(chart_id: str, title: str, points) -> ColumnChart:
    """`points`: objects with `day`, `counts` and `total`, oldest first."""
    height, top, bottom, left, right = 320, 24, 46, 48, WIDTH - 8
    plot_height = height - top - bottom
    baseline = height - bottom
    step = _nice_step(max((p.total for p in points), default=0) or 1)
    top_value = step * max(math.ceil(max((p.total for p in points), default=0) / step), 1)
    scale = plot_height / top_value
    ticks = [Tick(v, round(baseline - v * scale, 1)) for v in range(0, top_value + 1, step)]
    slot = (right - left) / max(len(points), 1)
    width = slot * 0.68
    columns = [
        _column(
            point,
            x=left + i * slot + (slot - width) / 2,
            width=width,
            baseline=baseline,
            scale=scale,
            show_year=i == 0 or point.day.month == 1,
        )
        for i, point in enumerate(points)
    ]
    present = [s for s in DASHBOARD_ORDER if any(p.counts[s] for p in points)]
    return ColumnChart(
        chart_id,
        title,
        _trend_description(points),
        WIDTH,
        height,
        left,
        right,
        baseline,
        ticks,
        columns,
        [(s, _label(s)) for s in present],
    )


def _column(point, *, x: float, width: float, baseline: float, scale: float, show_year: bool):
    y = baseline
    segments = []
    for status in DASHBOARD_ORDER:
        count = point.counts[status]
        if not count:
            continue
        h = count * scale
        y -= h
        share = round(100 * count / point.total)
        segments.append(
            Segment(
                status,
                _label(status),
                count,
                share,
                round(x, 2),
                round(width, 2),
                round(y, 2),
                round(h, 2),
                f"{point.day:%-d %B %Y}: {count} {_label(status).lower()}",
            )
        )
    return Column(
        f"{point.day:%b}",
        f"{point.day:%Y}" if show_year else "",
        point.total,
        round(x, 2),
        round(width, 2),
        round(x + width / 2, 2),
        round(y - 6, 2),
        segments,
    )


def _trend_description(points) -> str:
    if not points:
        return "No figures."
    first, last = points[0], points[-1]
    return (
        f"From {first.day:%-d %B %Y} to {last.day:%-d %B %Y}, off track (including overdue) "
        f"went from {first.counts[Status.OFF_TRACK]} to {last.counts[Status.OFF_TRACK]}, "
        f"on track from {first.counts[Status.ON_TRACK]} to {last.counts[Status.ON_TRACK]}, "
        f"and complete or verified from "
        f"{first.counts[Status.COMPLETE] + first.counts[Status.VERIFIED]} to "
        f"{last.counts[Status.COMPLETE] + last.counts[Status.VERIFIED]}."
    )


# --------------------------------------------------------------------------------------
# Timeline: the inspection journey
# --------------------------------------------------------------------------------------


def grade_timeline(chart_id: str, title: str, journey) -> Timeline:
    """`journey`: inspections (oldest first) and rows of cells with grade/short/label/status."""
    count = max(len(journey.inspections), 1)
    slot = WIDTH / count
    width = min(slot - 16, 190)
    headings = [
        Heading(f"{inspection.start_date:%b %Y}", round(i * slot + slot / 2, 1))
        for i, inspection in enumerate(journey.inspections)
    ]
    lanes, y = [], 34
    for row in journey.rows:
        lanes.append(_lane(row, journey.inspections, y=y, slot=slot, width=width))
        y += 22 + MARKER_HEIGHT + 16
    described = "; ".join(
        f"{row.area}: "
        + ", then ".join(
            f"{cell.label} ({journey.inspections[i].start_date:%B %Y})"
            for i, cell in enumerate(row.cells)
            if cell.grade
        )
        for row in journey.rows
    )
    return Timeline(
        chart_id,
        title,
        described or "No judgements recorded.",
        WIDTH,
        max(y, 40),
        headings,
        lanes,
        MARKER_HEIGHT,
        list(GRADE_LEGEND),
    )


def _lane(row, inspections, *, y: float, slot: float, width: float) -> Lane:
    """One judgement area: a marker per inspection, linked where both were graded."""
    wide = width >= 160
    markers = []
    for i, cell in enumerate(row.cells):
        inspection = inspections[i]
        x = i * slot + (slot - width) / 2
        text = (cell.short if wide else ABBREVIATED.get(cell.grade, "")) or "Not judged"
        markers.append(
            Marker(
                cell.grade,
                text,
                f"{row.area}, {inspection.title} ({inspection.start_date:%B %Y}): "
                + (cell.label or "not judged"),
                cell.status,
                round(x, 1),
                round(width, 1),
                round(x + width / 2, 1),
            )
        )
    graded = [m for m in markers if m.grade]
    links = [
        (round(a.x + a.width, 1), round(b.x, 1)) for a, b in zip(graded, graded[1:], strict=False)
    ]
    return Lane(_fit(row.area, 95), y + 14, y + 22, y + 22 + MARKER_HEIGHT / 2 + 5, markers, links)
