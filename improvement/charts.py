"""Server-rendered SVG charts: the geometry is worked out here, templates draw it.

Templates: templates/improvement/dashboard/_chart_*.html. Fills come from the CSS
classes app-fill--<status> (no inline styles: the CSP forbids them); the only colours set
here are the text colours printed on top of a fill, chosen for contrast. Every chart is
drawn with a <title> and <desc>, and every page shows its figures in a table as well.
"""

import math
from dataclasses import dataclass, field

from improvement.status import DASHBOARD_ORDER, Status

WIDTH = 800
DARK = "#0b0c0c"
LIGHT = "#ffffff"
# Text on a fill: dark on the light fills (grey, amber, white), light on the rest.
TEXT_ON = {
    Status.NOT_STARTED: DARK,
    Status.ON_TRACK: LIGHT,
    Status.AT_RISK: DARK,
    Status.OFF_TRACK: LIGHT,
    Status.COMPLETE: LIGHT,
    Status.VERIFIED: LIGHT,
    Status.CLOSED: DARK,
}
# Fill colours mirrored from assets/scss/app.scss, for renderers that do not apply page
# CSS to SVG (the PDF). Browsers let the classes win over these presentation attributes.
FILL = {
    Status.NOT_STARTED: "#858686",
    Status.ON_TRACK: "#0f7a52",
    Status.AT_RISK: "#f47738",
    Status.OFF_TRACK: "#ca3535",
    Status.COMPLETE: "#1d70b8",
    Status.VERIFIED: "#16548a",
    Status.CLOSED: "#ffffff",
}


def _label(status: str) -> str:
    return Status(status).label


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Segment:
    status: str
    label: str
    count: int
    share: int
    x: float
    width: float
    y: float
    height: float
    title: str

    @property
    def show_count(self) -> bool:
        return self.width >= 9 * len(str(self.count)) + 12

    @property
    def text_x(self) -> float:
        return round(self.x + self.width / 2, 1)

    @property
    def text_y(self) -> float:
        return round(self.y + self.height / 2 + 5, 1)

    @property
    def text_fill(self) -> str:
        return TEXT_ON[self.status]

    @property
    def fill(self) -> str:
        return FILL[self.status]


@dataclass(frozen=True)
class Bar:
    label: str
    total: int
    label_y: float
    y: float
    height: float
    segments: list[Segment]


@dataclass(frozen=True)
class BarChart:
    """Horizontal 100% stacked bars: one per priority (or plan), split by status."""

    id: str
    title: str
    description: str
    width: int
    height: int
    bars: list[Bar]
    legend: list[tuple[str, str]]


def status_bars(chart_id: str, title: str, rows) -> BarChart:
    """`rows`: objects with `label`, `counts` (status -> number) and `total`."""
    label_height, bar_height, gap = 22, 30, 18
    bars, y = [], 4
    for row in rows:
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
        bars.append(
            Bar(
                _fit(f"{row.label} ({actions})", 95),
                row.total,
                y + 16,
                y + label_height,
                bar_height,
                segments,
            )
        )
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


@dataclass(frozen=True)
class Tick:
    value: int
    y: float


@dataclass(frozen=True)
class Column:
    month: str
    year: str
    total: int
    x: float
    width: float
    centre: float
    total_y: float
    segments: list[Segment]


@dataclass(frozen=True)
class ColumnChart:
    """Stacked columns: status counts at each month end."""

    id: str
    title: str
    description: str
    width: int
    height: int
    plot_left: int
    plot_right: int
    baseline: float
    ticks: list[Tick]
    columns: list[Column]
    legend: list[tuple[str, str]]


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
    columns = []
    for i, point in enumerate(points):
        x = left + i * slot + (slot - width) / 2
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
        show_year = i == 0 or point.day.month == 1
        columns.append(
            Column(
                f"{point.day:%b}",
                f"{point.day:%Y}" if show_year else "",
                point.total,
                round(x, 2),
                round(width, 2),
                round(x + width / 2, 2),
                round(y - 6, 2),
                segments,
            )
        )
    present = [s for s in DASHBOARD_ORDER if any(p.counts[s] for p in points)]
    if points:
        first, last = points[0], points[-1]
        described = (
            f"From {first.day:%-d %B %Y} to {last.day:%-d %B %Y}, off track (including overdue) "
            f"went from {first.counts[Status.OFF_TRACK]} to {last.counts[Status.OFF_TRACK]}, "
            f"on track from {first.counts[Status.ON_TRACK]} to {last.counts[Status.ON_TRACK]}, "
            f"and complete or verified from "
            f"{first.counts[Status.COMPLETE] + first.counts[Status.VERIFIED]} to "
            f"{last.counts[Status.COMPLETE] + last.counts[Status.VERIFIED]}."
        )
    else:
        described = "No figures."
    return ColumnChart(
        chart_id,
        title,
        described,
        WIDTH,
        height,
        left,
        right,
        baseline,
        ticks,
        columns,
        [(s, _label(s)) for s in present],
    )


@dataclass(frozen=True)
class Marker:
    grade: int | None
    text: str
    title: str
    status: str
    x: float
    width: float
    centre: float

    @property
    def text_fill(self) -> str:
        return TEXT_ON.get(self.status, DARK)

    @property
    def fill(self) -> str:
        return FILL.get(self.status, LIGHT)


@dataclass(frozen=True)
class Lane:
    area: str
    title_y: float
    y: float
    text_y: float
    markers: list[Marker]
    links: list[tuple[float, float]] = field(default_factory=list)


@dataclass(frozen=True)
class Heading:
    text: str
    centre: float


@dataclass(frozen=True)
class Timeline:
    """The inspection journey: one lane per judgement area, one marker per inspection."""

    id: str
    title: str
    description: str
    width: int
    height: int
    headings: list[Heading]
    lanes: list[Lane]
    marker_height: int
    legend: list[tuple[str, str]]


ABBREVIATED = {1: "Outst.", 2: "Good", 3: "RI", 4: "Inad."}


def grade_timeline(chart_id: str, title: str, journey) -> Timeline:
    """`journey`: inspections (oldest first) and rows of cells with grade/short/label/status."""
    count = max(len(journey.inspections), 1)
    slot = WIDTH / count
    width = min(slot - 16, 190)
    wide = width >= 160
    headings = [
        Heading(f"{inspection.start_date:%b %Y}", round(i * slot + slot / 2, 1))
        for i, inspection in enumerate(journey.inspections)
    ]
    lanes, y = [], 34
    marker_height = 30
    for row in journey.rows:
        markers = []
        for i, cell in enumerate(row.cells):
            inspection = journey.inspections[i]
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
            (round(a.x + a.width, 1), round(b.x, 1))
            for a, b in zip(graded, graded[1:], strict=False)
        ]
        lanes.append(
            Lane(_fit(row.area, 95), y + 14, y + 22, y + 22 + marker_height / 2 + 5, markers, links)
        )
        y += 22 + marker_height + 16
    described = "; ".join(
        f"{row.area}: "
        + ", then ".join(
            f"{cell.label} ({journey.inspections[i].start_date:%B %Y})"
            for i, cell in enumerate(row.cells)
            if cell.grade
        )
        for row in journey.rows
    )
    legend = [
        (Status.VERIFIED, "Outstanding"),
        (Status.ON_TRACK, "Good"),
        (Status.AT_RISK, "Requires improvement to be good (RI)"),
        (Status.OFF_TRACK, "Inadequate"),
    ]
    return Timeline(
        chart_id,
        title,
        described or "No judgements recorded.",
        WIDTH,
        max(y, 40),
        headings,
        lanes,
        marker_height,
        legend,
    )
