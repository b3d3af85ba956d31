"""The same boundary cases through every implementation that classifies an action.

status.py is the rule; the model's methods, and every query built from status_sql.py
(flags, counts, "as at", the dashboard, its replayed trend and changes, the report pack,
exports, exceptions, the tray, the action list filters), must give the same effective
status, overdue flag and stale flag. A test fails listing every implementation that
disagrees.
"""

import pytest
from django.http import QueryDict

from improvement import status as rules
from improvement.exports import export_queryset, export_rows
from improvement.filters import filtered_actions
from improvement.models import Action
from improvement.reports.pack import report_pack
from improvement.selectors.actions import (
    action_detail,
    plan_statuses_as_at,
    status_counts,
    status_counts_as_at,
    with_flags,
    with_status_as_at,
)
from improvement.selectors.dashboard.as_at import as_at
from improvement.selectors.dashboard.changes import status_moves
from improvement.selectors.dashboard.counts import headline
from improvement.selectors.dashboard.page import dashboard
from improvement.selectors.dashboard.trend import trend
from improvement.selectors.exceptions import exception_actions, exception_counts, kinds_of
from improvement.selectors.plans import plan_counts
from improvement.selectors.tray import reminder_digest, work_tray
from recommendations.models import Recommendation
from tests.improvement.replayed import replayed_counts
from tests.improvement.status_cases import (
    CASES,
    CONTRADICTION_KEYS,
    CYCLE,
    LATER,
    Verdict,
    World,
    build,
    days,
    status_py,
)


def one_status(counts: dict) -> str:
    """The status a count of one action puts it in."""
    found = {status: n for status, n in counts.items() if n}
    return next(iter(found)) if list(found.values()) == [1] else f"counts {found}"


def from_counts(counts: dict, overdue: int | None = None, stale: int | None = None) -> Verdict:
    return Verdict(
        one_status(counts),
        None if overdue is None else overdue == 1,
        None if stale is None else stale == 1,
    )


# What each implementation says --------------------------------------------------------


def as_at_verdicts(world: World) -> dict[str, Verdict]:
    """The implementations that work out any day from the records (today is LATER)."""
    on, action = world.case.on, world.action
    one = Action.objects.filter(pk=action.pk)
    then = with_status_as_at(one, on).get()
    snapshot = plan_statuses_as_at(world.plan, on)[action.pk]
    flagged = as_at(one, on, [CYCLE]).get()
    _, moved = status_moves(one, start=days(-300, on), end=on)
    page = dashboard(world.manager, plan=world.plan, day=on, since=days(-30, on))
    total = page.breakdown.total
    return {
        "with_status_as_at": Verdict(then.effective_then, then.overdue_then, None),
        "plan_statuses_as_at": Verdict(snapshot.effective, snapshot.overdue, None),
        "status_counts_as_at": from_counts(status_counts_as_at(one, on)),
        "dashboard as_at": Verdict(flagged.eff, flagged.ov, flagged.stl),
        "dashboard counts": from_counts(total.counts, total.overdue, total.stale),
        "dashboard lists": Verdict(
            None, action in page.overdue.actions, action in page.stale.actions
        ),
        "trend": from_counts(trend(one, [on])[0].counts),
        "replay": from_counts(replayed_counts(one, [on])[on]),
        "changes (replay)": Verdict(moved[0][2] if moved else "not listed", None, None),
        **pack_verdicts(world),
    }


def pack_verdicts(world: World) -> dict[str, Verdict]:
    pack = report_pack(world.manager, plan=world.plan, day=world.case.on)
    rows = [row for row in pack.exceptions if row.action_id == world.action.pk]
    listed = (
        Verdict(rows[0].effective_status, rows[0].overdue, rows[0].stale)
        if rows
        else Verdict(None, False, False)
    )
    total = pack.breakdown.total
    return {
        "report pack counts": from_counts(total.counts, total.overdue, total.stale),
        "report pack exceptions": listed,
    }


def current_verdicts(world: World) -> dict[str, Verdict]:
    """The implementations that read the action's own columns (today is the case's day)."""
    on, action, user = world.case.on, world.action, world.manager
    one = Action.objects.filter(pk=action.pk)
    flags = with_flags(one, on).get()
    counts = plan_counts(user, [world.plan.pk], on)[world.plan.pk]
    (row,) = export_rows(export_queryset(one, recommendations=Recommendation.objects.all()))
    return {
        "model": Verdict(action.effective_status(on), action.is_overdue(on), action.is_stale(on)),
        "with_flags": Verdict(flags.effective, flags.overdue, flags.stale),
        "status_counts": from_counts(status_counts(one, on)),
        "headline": from_counts(headline(user).total.counts),
        "plan_counts": Verdict(None, counts.overdue == 1, counts.stale == 1),
        "export rows": Verdict(row.colour_status, row.overdue, None),
        "action list filters": list_filter_verdict(world, flags.effective),
        **exception_verdicts(world),
        **tray_verdicts(world),
    }


def list_filter_verdict(world: World, effective: str) -> Verdict:
    def found(query: str) -> bool:
        return world.action in filtered_actions(world.manager, QueryDict(query)).qs

    return Verdict(
        effective if found(f"status={effective}") else "not found by its status",
        found("overdue=1"),
        found("stale=1"),
    )


def exception_verdicts(world: World) -> dict[str, Verdict]:
    on = world.case.on
    listed = list(exception_actions(world.manager, None, on))
    kinds = {kind.key for each in listed if each.pk == world.action.pk for kind in kinds_of(each)}
    counts = {kind.key: n for kind, n in exception_counts(world.manager, on)}
    return {
        "exception lists": Verdict(None, "overdue" in kinds, "stale" in kinds),
        "exception counts": Verdict(None, counts["overdue"] == 1, counts["stale"] == 1),
    }


def tray_verdicts(world: World) -> dict[str, Verdict]:
    on = world.case.on
    tray = work_tray(world.lead, on)
    rows = [row for group in tray.groups for row in group.rows if row.action == world.action]
    in_group = {g.key for g in tray.groups for row in g.rows if row.action == world.action}
    digest = reminder_digest(world.lead, on)
    assert len(rows) == 1, "the tray lists an action once, in its most urgent group"
    # Overdue and due soon come before "not updated on time", so only an action in neither
    # of those groups says by its group whether it is stale.
    stale_group = "stale" in in_group if in_group & {"stale", "others"} else None
    return {
        "tray rows": Verdict(None, rows[0].overdue, rows[0].stale),
        "tray groups": Verdict(None, "overdue" in in_group, stale_group),
        "reminder digest": Verdict(
            None, any(row.action == world.action for row in digest.overdue), None
        ),
    }


# The tests ------------------------------------------------------------------------------


def disagreements(expected: Verdict, verdicts: dict[str, Verdict]) -> list[str]:
    found = []
    for name, verdict in verdicts.items():
        for part in ("effective", "overdue", "stale"):
            said = getattr(verdict, part)
            if said is not None and said != getattr(expected, part):
                found.append(f"{name} says {part}={said!r}, status.py {getattr(expected, part)!r}")
    return found


@pytest.fixture
def world(request, db, fixed_today):
    case = request.param
    fixed_today(case.on if case.current else LATER)
    return build(case)


@pytest.mark.parametrize("world", CASES, ids=[case.name for case in CASES], indirect=True)
def test_status_py_gives_the_expected_verdict(world):
    assert status_py(world.case, world.action.created_at) == world.case.expect


@pytest.mark.parametrize(
    "world",
    [case for case in CASES if case.current],
    ids=[case.name for case in CASES if case.current],
    indirect=True,
)
def test_every_reading_of_todays_columns_agrees_with_status_py(world):
    expected = status_py(world.case, world.action.created_at)
    assert disagreements(expected, current_verdicts(world)) == []
    assert disagreements(expected, as_at_verdicts(world)) == []  # day is today: columns read


@pytest.mark.parametrize("world", CASES, ids=[case.name for case in CASES], indirect=True)
def test_every_replay_of_the_past_agrees_with_status_py(world, fixed_today):
    fixed_today(LATER)
    expected = status_py(world.case, world.action.created_at)
    assert disagreements(expected, as_at_verdicts(world)) == []


@pytest.mark.parametrize(
    "world",
    [case for case in CASES if case.current],
    ids=[case.name for case in CASES if case.current],
    indirect=True,
)
def test_contradictions_agree_in_python_and_sql(world):
    on, action = world.case.on, world.action
    detail = action_detail(world.manager, action.pk)
    words = rules.contradictions(
        status=action.declared_status,
        overdue=action.is_overdue(on),
        has_evidence=detail.has_evidence,
        date_changes=detail.date_change_count,
    )
    python = {key for key, found in zip(CONTRADICTION_KEYS, _which(words), strict=True) if found}
    listed = exception_actions(world.manager, None, on).filter(pk=action.pk)
    sql = {kind.key for each in listed for kind in kinds_of(each)} & set(CONTRADICTION_KEYS)
    assert python == sql == world.case.contradictions


def _which(words: list[str]) -> tuple[bool, bool, bool]:
    return (
        "Declared on track, but the target date has passed." in words,
        "Declared complete, but no evidence has been attached." in words,
        any(word.startswith("The target date has been moved") for word in words),
    )
