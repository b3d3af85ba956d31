"""How a measure is doing: RAG against its target, direction of travel, and comparison with
England, the region and the neighbours' average. Plain functions on plain values, so each
boundary is tested once (tests/measures/test_rules_performance.py).

Figures are compared as shown: rounded to the measure's decimal places first, so a page
never says "improving" between two figures that read the same.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HIGHER = "higher"
LOWER = "lower"
CONTEXT = "context"

GREEN, AMBER, RED = "green", "amber", "red"
RAG_WORDS = {GREEN: "On target", AMBER: "Within tolerance", RED: "Off target"}

IMPROVING, DECLINING, NO_CHANGE, UP, DOWN = "improving", "declining", "no change", "up", "down"
DIRECTION_WORDS = {
    IMPROVING: "Improving",
    DECLINING: "Declining",
    NO_CHANGE: "No change",
    UP: "Up (context only)",
    DOWN: "Down (context only)",
}

BETTER, WORSE, SAME, HIGHER_THAN, LOWER_THAN = "better", "worse", "same", "higher", "lower"
COMPARISON_WORDS = {
    BETTER: "Better",
    WORSE: "Worse",
    SAME: "The same",
    HIGHER_THAN: "Higher (context only)",
    LOWER_THAN: "Lower (context only)",
}


def shown(value: Decimal, places: int) -> Decimal:
    """A figure as a page shows it, rounded half up to `places`."""
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def tolerance_band(target: Decimal, tolerance: Decimal, kind: str) -> Decimal:
    """The width of the amber band: the tolerance itself, or that percentage of the target."""
    if kind == "percentage":
        return abs(Decimal(target)) * Decimal(tolerance) / 100
    return Decimal(tolerance)


def rag(
    value: Decimal | None,
    *,
    target: Decimal | None,
    tolerance: Decimal = Decimal(0),
    tolerance_kind: str = "absolute",
    polarity: str,
    places: int = 0,
) -> str | None:
    """Green on or past the target, amber within the band short of it, red beyond the band.
    None when there is no figure, no target, or the measure is context only."""
    if value is None or target is None or polarity == CONTEXT:
        return None
    value = shown(value, places)
    band = tolerance_band(target, tolerance, tolerance_kind)
    shortfall = (target - value) if polarity == HIGHER else (value - target)
    if shortfall <= 0:
        return GREEN
    if shortfall <= band:
        return AMBER
    return RED


def _signed_change(latest: Decimal, other: Decimal, places: int) -> Decimal:
    return shown(latest, places) - shown(other, places)


def direction(
    latest: Decimal | None, previous: Decimal | None, *, polarity: str, places: int = 0
) -> str | None:
    """Latest period against the one before: improving, declining or no change (up or down
    for a context-only measure). None without both figures."""
    if latest is None or previous is None:
        return None
    change = _signed_change(latest, previous, places)
    if change == 0:
        return NO_CHANGE
    if polarity == CONTEXT:
        return UP if change > 0 else DOWN
    return IMPROVING if (change > 0) == (polarity == HIGHER) else DECLINING


def compare(
    value: Decimal | None, comparator: Decimal | None, *, polarity: str, places: int = 0
) -> str | None:
    """The council's figure against a comparator's: better, worse or the same (higher or
    lower for a context-only measure). None without both figures."""
    if value is None or comparator is None:
        return None
    change = _signed_change(value, comparator, places)
    if change == 0:
        return SAME
    if polarity == CONTEXT:
        return HIGHER_THAN if change > 0 else LOWER_THAN
    return BETTER if (change > 0) == (polarity == HIGHER) else WORSE


@dataclass(frozen=True)
class Average:
    """The neighbours' average, from the neighbours that have a figure, and how many did."""

    value: Decimal | None
    used: int
    of: int


def neighbours_average(values: list[Decimal | None], *, places: int = 6) -> Average:
    """Mean of the neighbours' figures that are numbers; symbols and gaps are left out."""
    numbers = [Decimal(v) for v in values if v is not None]
    if not numbers:
        return Average(None, 0, len(values))
    mean = sum(numbers, Decimal(0)) / len(numbers)
    return Average(shown(mean, places), len(numbers), len(values))


def rank(value: Decimal | None, others: list[Decimal | None], *, polarity: str) -> int | None:
    """Where the council stands among itself and its neighbours with a figure, 1 the best
    (for context only, 1 the highest). Ties share the better rank."""
    if value is None:
        return None
    numbers = [Decimal(v) for v in others if v is not None]
    if polarity == LOWER:
        return 1 + sum(1 for n in numbers if n < value)
    return 1 + sum(1 for n in numbers if n > value)
