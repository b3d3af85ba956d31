"""Write an import plan (services/published.py) in one transaction: periods, new measures,
and every value, each with its history. All or nothing: a plan with a problem writes
nothing and raises `ImportProblems`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from improvement.services.imports.links import history_options
from measures.models import CouncilProfile, ImportMapping, Measure, MeasureValue, Period
from measures.opendata import OpenDataFile, Problem
from measures.services.published import (
    ImportChoices,
    ImportPlan,
    Series,
    published_import_plan,
    reference_for,
)

Progress = Callable[[int, int], None]
BATCH = 1_000


class ImportProblems(ValidationError):
    """The file cannot be imported; `problems` says where and why."""

    def __init__(self, problems: list[Problem]):
        super().__init__([str(problem) for problem in problems])
        self.problems = problems


@dataclass
class ImportResult:
    plan: ImportPlan
    measures_created: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _profile_update(plan: ImportPlan) -> CouncilProfile:
    """The council's profile, created from the file or given the codes it lacked."""
    profile = CouncilProfile.current() or CouncilProfile(name=plan.council_name)
    old, new = plan.council_codes
    changed = not profile.pk
    for name, value in (
        ("old_la_code", old),
        ("new_la_code", new),
        ("region_code", plan.region[0]),
        ("region_name", plan.region[1]),
    ):
        if value and not getattr(profile, name):
            setattr(profile, name, value)
            changed = True
    if changed:
        profile.save()
    return profile


def _measures(plan: ImportPlan, choices: ImportChoices) -> tuple[dict[str, Measure], list]:
    """The measure for each series: the one chosen, else the one imported from the same
    series before, else a new one."""
    keys = list(plan.series)
    by_reference = Measure.objects.in_bulk(
        [ref for ref in choices.measures.values() if ref], field_name="reference"
    )
    by_key = {m.series_key: m for m in Measure.objects.filter(series_key__in=keys)}
    taken = set(Measure.objects.values_list("reference", flat=True))
    found, created = {}, []
    for key in keys:
        chosen = by_reference.get(choices.measures.get(key, ""))
        measure = chosen or by_key.get(key)
        if measure is None:
            reference = choices.measures.get(key) or reference_for(plan.series[key], taken)
            measure = _new_measure(plan.series[key], reference, choices.publication, plan)
            created.append(measure.reference)
        elif not measure.series_key and key not in by_key:
            measure.series_key = key
            measure.save(update_fields=["series_key"])
        found[key] = measure
    return found, created


def _new_measure(series: Series, reference: str, publication: str, plan: ImportPlan) -> Measure:
    places = series.decimal_places
    if places is None:
        places = max(
            (
                -cell.value.as_tuple().exponent
                for cell in plan.cells
                if cell.series == series.key and cell.value is not None
            ),
            default=0,
        )
    measure = Measure(
        reference=reference,
        title=series.name,
        unit=series.unit or Measure.Unit.COUNT,
        decimal_places=min(max(places, 0), 6),
        frequency=series.frequency,
        data_source=Measure.Source.PUBLISHED,
        publication=publication[:300],
        series_key=series.key,
    )
    measure.full_clean()
    measure.save()
    return measure


def _periods(plan: ImportPlan) -> dict[tuple[str, str], Period]:
    periods = {}
    for (time_period, identifier), (start, end) in plan.periods.items():
        periods[(time_period, identifier)], _ = Period.objects.get_or_create(
            time_period=time_period,
            time_identifier=identifier,
            defaults={"start": start, "end": end},
        )
    return periods


def _write_values(plan, measures, periods, *, user, at: datetime, progress: Progress | None):
    ids = [m.pk for m in measures.values()]
    existing = {
        (v.measure_id, v.period_id, v.area_type, v.area_code): v
        for v in MeasureValue.objects.filter(measure_id__in=ids)
    }
    new, changed, unchanged = [], [], 0
    for cell in plan.cells:
        measure, period = measures[cell.series], periods[cell.period]
        current = existing.get((measure.pk, period.pk, cell.area_type, cell.area_code))
        if current is None:
            new.append(
                MeasureValue(
                    measure=measure,
                    period=period,
                    area_type=cell.area_type,
                    area_code=cell.area_code,
                    area_name=cell.area_name[:200],
                    value=cell.value,
                    symbol=cell.symbol,
                    recorded_at=at,
                    recorded_by=user,
                )
            )
        elif current.value != cell.value or current.symbol != cell.symbol:
            current.value, current.symbol, current.recorded_at = cell.value, cell.symbol, at
            current.recorded_by = user
            changed.append(current)
        else:
            unchanged += 1
    options = history_options(user=user, reason="Imported from published statistics", at=at)
    total = len(new) + len(changed)
    for start in range(0, len(new), BATCH):
        bulk_create_with_history(new[start : start + BATCH], MeasureValue, **options)
        if progress:
            progress(min(start + BATCH, len(new)), total)
    if changed:
        bulk_update_with_history(
            changed,
            MeasureValue,
            ["value", "symbol", "recorded_at", "recorded_by"],
            batch_size=BATCH,
            default_user=user,
            default_change_reason="Revised by published statistics",
            default_date=at,
            custom_historical_attrs=options["custom_historical_attrs"],
        )
    if progress:
        progress(total, total)
    return len(new), len(changed), unchanged


def published_import(
    *,
    parsed: OpenDataFile,
    choices: ImportChoices,
    file_name: str = "",
    user=None,
    at: datetime,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Import a read file's chosen series; raises ImportProblems, writing nothing, on any
    problem. `dry_run` checks everything and writes nothing."""
    plan = published_import_plan(parsed, choices, CouncilProfile.current())
    if plan.problems:
        raise ImportProblems(plan.problems)
    result = ImportResult(plan)
    if dry_run:
        return result
    with transaction.atomic():
        _profile_update(plan)
        measures, result.measures_created = _measures(plan, choices)
        periods = _periods(plan)
        result.created, result.updated, result.unchanged = _write_values(
            plan, measures, periods, user=user, at=at, progress=progress
        )
        if file_name:
            ImportMapping.objects.update_or_create(
                file_name=file_name[:255],
                defaults={"choices": _remembered(choices, measures)},
            )
    return result


def _remembered(choices: ImportChoices, measures: dict[str, Measure]) -> dict:
    return {
        "la_code": choices.la_code,
        "indicators": choices.indicators,
        "filters": choices.filters,
        "measures": {key: measure.reference for key, measure in measures.items()},
        "publication": choices.publication,
    }
