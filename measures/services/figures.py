"""Import the council's own figures from a file (measures/figures.py): all or nothing.

`figures_import_plan` matches each row to its measure and period and says, without
writing, which figures and targets are added, changed or unchanged (the preview shows it);
`figures_import` works the plan out again inside one transaction and writes it, or raises
ImportProblems and writes nothing. A changed figure is a revision: the old one stays in
its history, and the new one is recorded with the time of the import. A target in the
file creates or updates that period's target; a new one takes the tolerance of the
measure's latest target (none if it has none).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.functions import Upper
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from improvement.services.imports.links import history_options
from measures.figures import FigureRow, FiguresFile
from measures.models import AreaType, CouncilProfile, Measure, MeasureValue, Period, Target
from measures.opendata import Problem
from measures.period_text import checked, read_period
from measures.periods import PeriodError, period_dates, period_label
from measures.services.imports import ImportProblems
from measures.services.values import LOCAL_CODE

Progress = Callable[[int, int], None]
ADDED, CHANGED, UNCHANGED = "added", "changed", "unchanged"
BATCH = 1_000


@dataclass
class PlannedRow:
    row: FigureRow
    measure: Measure
    period: tuple[str, str]
    value_state: str = ""  # "" when the row gives no figure
    target_state: str = ""  # "" when the row gives no target
    current: MeasureValue | None = None
    current_target: Target | None = None

    @property
    def label(self) -> str:
        return period_label(*self.period)

    @property
    def changes(self) -> bool:
        return CHANGED in (self.value_state, self.target_state) or ADDED in (
            self.value_state,
            self.target_state,
        )


@dataclass
class FiguresPlan:
    rows: list[PlannedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def count(self, what: str, state: str) -> int:
        return sum(getattr(row, f"{what}_state") == state for row in self.rows)

    def counts(self) -> dict[str, dict[str, int]]:
        return {
            what: {state: self.count(what, state) for state in (ADDED, CHANGED, UNCHANGED)}
            for what in ("value", "target")
        }


def _period_of(row: FigureRow, measure: Measure) -> tuple[str, str]:
    if row.time_period or row.time_identifier:
        return checked(row.time_period, row.time_identifier, frequency=measure.frequency)
    return read_period(row.period, measure.frequency)


def _match(parsed: FiguresFile, plan: FiguresPlan, today) -> None:
    references = {row.reference.upper() for row in parsed.rows}
    found = Measure.objects.annotate(folded=Upper("reference")).filter(folded__in=references)
    measures = {m.reference: m for m in found}
    folded = {reference.upper(): m for reference, m in measures.items()}
    column = parsed.headers.get("period") or "time_period"
    seen: dict[tuple, int] = {}
    for row in parsed.rows:
        if not row.reference:
            continue  # already a problem
        measure = measures.get(row.reference) or folded.get(row.reference.upper())
        if measure is None:
            where = parsed.headers["reference"]
            plan.problems.append(
                Problem(row.line, where, f"No measure has the reference “{row.reference[:50]}”")
            )
            continue
        try:
            period = _period_of(row, measure)
        except PeriodError as error:
            plan.problems.append(Problem(row.line, column, str(error)))
            continue
        key = (measure.pk, period)
        if key in seen:
            message = f"repeats the figure for {measure.reference} given on row {seen[key]}"
            plan.problems.append(Problem(row.line, column, message))
            continue
        seen[key] = row.line
        if not row.ok:
            continue
        if (row.value is not None or row.symbol) and period_dates(*period)[0] > today:
            plan.problems.append(
                Problem(row.line, column, "The period has not started yet: give only its target")
            )
            continue
        plan.rows.append(PlannedRow(row=row, measure=measure, period=period))


def _existing(plan: FiguresPlan):
    ids = {row.measure.pk for row in plan.rows}
    labels = {row.period for row in plan.rows}
    wanted = Q(pk__in=[])
    for time_period, identifier in labels:
        wanted |= Q(period__time_period=time_period, period__time_identifier=identifier)
    values = MeasureValue.objects.filter(wanted, measure_id__in=ids, area_type=AreaType.COUNCIL)
    targets = Target.objects.filter(wanted, measure_id__in=ids)

    def key(item):
        return item.measure_id, (item.period.time_period, item.period.time_identifier)

    return (
        {key(v): v for v in values.select_related("period")},
        {key(t): t for t in targets.select_related("period")},
    )


def _states(plan: FiguresPlan) -> None:
    values, targets = _existing(plan)
    for planned in plan.rows:
        row, key = planned.row, (planned.measure.pk, planned.period)
        if row.value is not None or row.symbol:
            current = planned.current = values.get(key)
            if current is None:
                planned.value_state = ADDED
            elif (current.value, current.symbol) != (row.value, row.symbol) or (
                row.note and row.note != current.note
            ):
                planned.value_state = CHANGED
            else:
                planned.value_state = UNCHANGED
        if row.target is not None:
            target = planned.current_target = targets.get(key)
            if target is None:
                planned.target_state = ADDED
            else:
                planned.target_state = UNCHANGED if target.value == row.target else CHANGED


def figures_import_plan(parsed: FiguresFile, *, today) -> FiguresPlan:
    """What the file adds, changes and leaves unchanged; nothing is written."""
    plan = FiguresPlan(problems=list(parsed.problems))
    _match(parsed, plan, today)
    _states(plan)
    plan.problems.sort(key=lambda problem: problem.row or 0)
    return plan


@dataclass
class FiguresResult:
    plan: FiguresPlan
    values_added: int = 0
    values_changed: int = 0
    targets_added: int = 0
    targets_changed: int = 0

    def summary(self) -> str:
        return (
            f"Imported {self.values_added} new and {self.values_changed} revised figures, "
            f"and {self.targets_added} new and {self.targets_changed} changed targets"
        )


def _periods(plan: FiguresPlan) -> dict[tuple[str, str], Period]:
    periods = {}
    for label in {row.period for row in plan.rows}:
        start, end = period_dates(*label)
        periods[label], _ = Period.objects.get_or_create(
            time_period=label[0], time_identifier=label[1], defaults={"start": start, "end": end}
        )
    return periods


def _council() -> tuple[str, str]:
    profile = CouncilProfile.current()
    code = (profile and (profile.old_la_code or profile.new_la_code)) or LOCAL_CODE
    return code, profile.name if profile else ""


def _write_values(plan, periods, options, result: FiguresResult, progress) -> None:
    code, name = _council()
    user, at = options["default_user"], options["default_date"]
    new, changed = [], []
    for planned in plan.rows:
        row = planned.row
        if planned.value_state == ADDED:
            new.append(
                MeasureValue(
                    measure=planned.measure,
                    period=periods[planned.period],
                    area_type=AreaType.COUNCIL,
                    area_code=code,
                    area_name=name,
                    value=row.value,
                    symbol=row.symbol,
                    note=row.note,
                    recorded_at=at,
                    recorded_by=user,
                )
            )
        elif planned.value_state == CHANGED:
            cell = planned.current
            cell.value, cell.symbol, cell.note = row.value, row.symbol, row.note or cell.note
            cell.recorded_at, cell.recorded_by = at, user
            changed.append(cell)
    total = len(new) + len(changed)
    for start in range(0, len(new), BATCH):
        bulk_create_with_history(new[start : start + BATCH], MeasureValue, **options)
        if progress:
            progress(min(start + BATCH, len(new)), total)
    if changed:
        fields = ["value", "symbol", "note", "recorded_at", "recorded_by"]
        bulk_update_with_history(changed, MeasureValue, fields, **_update_options(options))
    if progress:
        progress(total, total)
    result.values_added, result.values_changed = len(new), len(changed)


def _update_options(options: dict) -> dict:
    return {
        "batch_size": options["batch_size"],
        "default_user": options["default_user"],
        "default_change_reason": options["default_change_reason"],
        "default_date": options["default_date"],
        "custom_historical_attrs": options["custom_historical_attrs"],
    }


def _tolerances(measure_ids: set[int]) -> dict[int, tuple[Decimal, str]]:
    """Each measure's latest target's tolerance, for the new targets it is given."""
    latest = {}
    for target in Target.objects.filter(measure_id__in=measure_ids).select_related("period"):
        when = target.period.end if target.period else target.from_date
        if target.measure_id not in latest or when > latest[target.measure_id][0]:
            latest[target.measure_id] = (when, target.tolerance, target.tolerance_kind)
    return {pk: (tolerance, kind) for pk, (_, tolerance, kind) in latest.items()}


def _write_targets(plan, periods, options, result: FiguresResult) -> None:
    adding = [p for p in plan.rows if p.target_state == ADDED]
    tolerances = _tolerances({p.measure.pk for p in adding})
    new = []
    for planned in adding:
        tolerance, kind = tolerances.get(planned.measure.pk, (0, Target.Tolerance.ABSOLUTE))
        new.append(
            Target(
                measure=planned.measure,
                period=periods[planned.period],
                value=planned.row.target,
                tolerance=tolerance,
                tolerance_kind=kind,
            )
        )
    changed = []
    for planned in plan.rows:
        if planned.target_state == CHANGED:
            planned.current_target.value = planned.row.target
            changed.append(planned.current_target)
    if new:
        bulk_create_with_history(new, Target, **options)
    if changed:
        bulk_update_with_history(changed, Target, ["value"], **_update_options(options))
    result.targets_added, result.targets_changed = len(new), len(changed)


def figures_import(
    *, parsed: FiguresFile, user, at: datetime, today, progress: Progress | None = None
) -> FiguresResult:
    """Write the file's figures and targets in one transaction; ImportProblems, writing
    nothing, if any row has a problem."""
    try:
        with transaction.atomic():
            plan = figures_import_plan(parsed, today=today)
            if plan.problems:
                raise ImportProblems(plan.problems)
            result = FiguresResult(plan)
            periods = _periods(plan)
            options = history_options(
                user=user, reason="Imported from the council's figures", at=at
            )
            _write_values(plan, periods, options, result, progress)
            _write_targets(plan, periods, options, result)
    except IntegrityError:
        raise ValidationError(
            "Someone else saved some of these figures at the same moment. Upload the file again."
        ) from None
    return result
