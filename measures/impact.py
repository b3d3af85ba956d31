"""The linked measures' movement since an action started, shown and stored when a verifier
judges the action's impact (registered with improvement.panels from MeasuresConfig.ready()).

For each measure linked to the action: the council's latest figure for a period that ended
on or before the day the action started, against the latest figure now, with the direction
of travel in words (rules_performance.direction).
"""

from datetime import date

from measures import rules_performance as perf
from measures.models import Measure
from measures.selectors import PeriodFigures, figures_for
from measures.templatetags.measures import figure

NO_START_FIGURE = "No figure from before the action started"
NO_NEWER_FIGURE = "No figure since the action started"


def _direction(measure: Measure, then: PeriodFigures | None, latest: PeriodFigures | None):
    if latest is None or then is None:
        return NO_START_FIGURE
    if latest.period.pk == then.period.pk:
        return NO_NEWER_FIGURE
    found = perf.direction(
        latest.council.value,
        then.council.value,
        polarity=measure.polarity,
        places=measure.decimal_places,
    )
    return perf.DIRECTION_WORDS[found]


def _row(measure: Measure, then: PeriodFigures | None, latest: PeriodFigures | None) -> dict:
    def value(figures):
        return figure(figures.council.value, measure) if figures else ""

    return {
        "reference": measure.reference,
        "title": measure.title,
        "url": measure.get_absolute_url(),
        "then_period": then.period.label if then else "",
        "then_value": value(then),
        "latest_period": latest.period.label if latest else "",
        "latest_value": value(latest),
        "direction": _direction(measure, then, latest),
    }


def measure_movement(action, *, since: date) -> list[dict]:
    """One row per measure linked to `action`, in reference order (two queries)."""
    measures = list(Measure.objects.filter(actions=action).order_by("reference"))
    figures = figures_for(measures, council_only=True, neighbour_count=0)
    rows = []
    for measure in measures:
        numbers = [
            p for p in figures[measure.pk].periods if p.council and p.council.value is not None
        ]
        before = [p for p in numbers if p.period.end <= since]
        rows.append(_row(measure, before[-1] if before else None, numbers[-1] if numbers else None))
    return rows
