"""How each measure stands: its latest figure, target and RAG, direction of travel, how it
compares with England, the region and the neighbours' average, its rank among the
neighbours, and whether a figure is due. Built from selectors.MeasureFigures with the
rules in rules_performance and rules_due; the register, the measure page and the
scorecard all read this, so they show the same figures.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from measures import rules_performance as perf
from measures.rules_due import is_due
from measures.selectors import MeasureFigures, PeriodFigures

# The status tag's colours (core/templatetags/status.py), with the words beside them.
RAG_TAG = {perf.GREEN: "on_track", perf.AMBER: "at_risk", perf.RED: "off_track"}


@dataclass(frozen=True)
class Comparison:
    name: str
    value: Decimal | None
    result: str | None

    @property
    def words(self) -> str:
        return perf.COMPARISON_WORDS.get(self.result, "No comparison")


@dataclass
class MeasureSummary:
    measure: object
    latest: PeriodFigures | None
    previous: PeriodFigures | None
    rag: str | None
    direction: str | None
    comparisons: list[Comparison]
    rank: int | None
    ranked_of: int
    due: bool

    @property
    def rag_words(self) -> str:
        return perf.RAG_WORDS.get(self.rag, "No target" if self.latest else "No figure")

    @property
    def rag_tag(self) -> str:
        return RAG_TAG.get(self.rag, "not_started")

    @property
    def direction_words(self) -> str:
        return perf.DIRECTION_WORDS.get(self.direction, "No earlier figure")

    @property
    def value(self) -> Decimal | None:
        return self.latest.council.value if self.latest else None

    @property
    def target(self):
        return self.latest.target if self.latest else None


def summarise(figures: MeasureFigures, *, today: date) -> MeasureSummary:
    measure = figures.measure
    polarity, places = measure.polarity, measure.decimal_places
    latest, previous = figures.latest(), figures.previous()
    value = latest.council.value if latest else None
    target = latest.target if latest else None
    rag = None
    if target is not None:
        rag = perf.rag(
            value,
            target=target.value,
            tolerance=target.tolerance,
            tolerance_kind=target.tolerance_kind,
            polarity=polarity,
            places=places,
        )
    direction = perf.direction(
        value, previous.council.value if previous else None, polarity=polarity, places=places
    )
    comparisons, rank, ranked_of = [], None, 0
    if latest:
        average = latest.average.value if latest.average else None
        for name, other in (
            ("England", latest.england.value if latest.england else None),
            ("the region", latest.region.value if latest.region else None),
            ("the neighbours' average", average),
        ):
            result = perf.compare(value, other, polarity=polarity, places=places)
            comparisons.append(Comparison(name, other, result))
        others = [cell.value for cell in latest.neighbours.values()]
        if any(v is not None for v in others):
            rank = perf.rank(value, others, polarity=polarity)
            ranked_of = 1 + sum(1 for v in others if v is not None)
    due = is_due(
        measure.frequency,
        today=today,
        lag_days=measure.reporting_lag_days,
        last_supplied_end=figures.last_supplied_end(),
    )
    return MeasureSummary(
        measure, latest, previous, rag, direction, comparisons, rank, ranked_of, due
    )
