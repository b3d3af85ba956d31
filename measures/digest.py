"""The reminder digest's list of measures with a figure due, for their leads (registered
with improvement.panels from MeasuresConfig.ready(); rules_due says what is due)."""

from datetime import date

from django.urls import reverse

from improvement.panels import DigestLine, DigestSection
from measures.pages import measures_due_for
from measures.rules_due import latest_period_end


def measures_due_digest(user, *, on: date) -> DigestSection | None:
    due = measures_due_for(user, today=on)
    if not due:
        return None
    lines = []
    for summary in due:
        measure = summary.measure
        expected = latest_period_end(
            measure.frequency, today=on, lag_days=measure.reporting_lag_days
        )
        latest = (
            f"latest figure: {summary.latest.period.label}" if summary.latest else "no figure yet"
        )
        lines.append(
            DigestLine(
                title=f"{measure.reference} {measure.title}",
                detail=f"A figure is due for the period ending {expected:%-d %B %Y} ({latest}).",
                url=reverse("measure_value_enter", args=[measure.pk]),
            )
        )
    count = len(lines)
    return DigestSection(
        heading="MEASURES WITH A FIGURE DUE",
        subject="1 measure has a figure due"
        if count == 1
        else f"{count} measures have figures due",
        lines=lines,
    )
