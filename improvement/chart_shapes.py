"""What the SVG charts draw: the shapes with their positions, and the colours they use.

improvement.charts works the positions out; improvement/templatetags/svg.py draws them.
Fills come from the CSS classes app-fill--<status> (no inline styles: the CSP forbids
them); the only colours set here are the text colours printed on top of a fill, chosen
for contrast, and the fills mirrored for the PDF.
"""

from dataclasses import dataclass, field

from improvement.status import Status

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
