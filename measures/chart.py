"""The measure page's line chart: the council against England, the region, the
neighbours' average and the target, worked out here and drawn by
templates/measures/_chart.html. Each line has its own dash pattern and marker shape as
well as colour, and the page shows every figure in a table beside it.
"""

from dataclasses import dataclass, field
from decimal import Decimal

WIDTH, HEIGHT = 800, 320
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 20, 60
# key, name, colour, dash pattern, marker shape, the line in words for the legend
LINES = (
    ("council", "Council", "#1d70b8", "", "circle", "solid line, filled circles"),
    ("england", "England", "#0b0c0c", "8 4", "square", "long dashes, squares"),
    ("region", "Region", "#4c2c92", "2 4", "diamond", "dotted line, diamonds"),
    ("average", "Neighbours' average", "#00703c", "12 4 2 4", "ring", "dash and dot, rings"),
    ("target", "Target", "#d4351c", "4 4", "dot", "short dashes, small dots"),
)


@dataclass
class Point:
    x: float
    y: float
    label: str
    anchor: str = "middle"


@dataclass
class Line:
    key: str
    name: str
    colour: str
    dash: str
    marker: str
    words: str
    points: list[Point] = field(default_factory=list)

    @property
    def path(self) -> str:
        return " ".join(
            f"{'M' if i == 0 else 'L'}{p.x:.1f},{p.y:.1f}" for i, p in enumerate(self.points)
        )


@dataclass
class Chart:
    title: str
    description: str
    width: int = WIDTH
    height: int = HEIGHT
    lines: list[Line] = field(default_factory=list)
    x_labels: list[Point] = field(default_factory=list)
    y_ticks: list[Point] = field(default_factory=list)


def _series(period, key):
    if key == "council":
        return period.council.value if period.council else None
    if key == "england":
        return period.england.value if period.england else None
    if key == "region":
        return period.region.value if period.region else None
    if key == "average":
        return period.average.value if period.average else None
    return period.target.value if period.target else None


def measure_chart(figures, *, limit: int = 24) -> Chart | None:
    """Lines over the latest `limit` periods; None when there is no figure to draw."""
    measure = figures.measure
    periods = figures.periods[-limit:]
    values = [v for p in periods for key, *_ in LINES if (v := _series(p, key)) is not None]
    if not values:
        return None
    low, high = min(min(values), Decimal(0)), max(values)
    if high == low:
        high = low + 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(periods) - 1, 1)

    def y_of(value) -> float:
        return TOP + plot_h - float((value - low) / (high - low)) * plot_h

    chart = Chart(
        title=f"{measure.title}: the council against its comparators",
        description=f"A line chart of {len(periods)} periods; the table below gives every figure.",
    )
    for key, name, colour, dash, marker, words in LINES:
        line = Line(key, name, colour, dash, marker, words)
        for index, period in enumerate(periods):
            value = _series(period, key)
            if value is not None:
                line.points.append(
                    Point(
                        LEFT + index * step,
                        y_of(value),
                        f"{name}, {period.period.label}: {value.normalize():f}",
                    )
                )
        if line.points:
            chart.lines.append(line)
    every = max(1, len(periods) // 8)
    last = len(periods) - 1
    chart.x_labels = [
        Point(
            LEFT + i * step,
            HEIGHT - BOTTOM + 20,
            p.period.label,
            "start" if i == 0 and last else "end" if i == last and last else "middle",
        )
        for i, p in enumerate(periods)
        if (i % every == 0 and last - i >= every) or i == last
    ]
    chart.y_ticks = [
        Point(
            LEFT,
            y_of(low + (high - low) * n / 4),
            f"{(low + (high - low) * n / 4):.{measure.decimal_places}f}",
        )
        for n in range(5)
    ]
    return chart
