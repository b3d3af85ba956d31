"""generate_load_data: counts, every status, cached fields exactly as the services leave them."""

import datetime as dt
import random
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from devtools.perf.generate import Generator
from devtools.perf.sizes import MY_ACTIONS, PERF_USERS, Sizes
from devtools.perf.stories import cached_after, spread, steps_for, update_counts
from improvement import confidentiality
from improvement.models import (
    Action,
    Challenge,
    DateChangeRequest,
    Evidence,
    Plan,
    ProgressUpdate,
    TargetDateChange,
)
from improvement.selectors.actions import with_flags
from improvement.services.actions import action_close, action_verify, progress_update_post
from improvement.status import Status
from inspections.models import Inspection
from tests import factories

TODAY = dt.date(2026, 3, 2)
SMALL = {"actions": 60, "updates_per_action": 3, "users": 30, "plans": 2, "measures": 5}


def generate(**sizes) -> str:
    out = StringIO()
    call_command("generate_load_data", today=TODAY, stdout=out, **{**SMALL, **sizes})
    return out.getvalue()


@pytest.fixture
def small_set(db):
    return generate()


def test_creates_the_requested_counts(small_set):
    assert User.objects.count() == 30
    assert Plan.objects.count() == 2
    assert Action.objects.count() == 60
    assert ProgressUpdate.objects.count() == 60 * 3
    assert "Done in" in small_set and "organisations, teams and users:" in small_set


def test_covers_every_status_overdue_stale_and_confidential(small_set, fixed_today):
    fixed_today(TODAY)
    statuses = set(Action.objects.values_list("declared_status", flat=True))
    assert statuses == set(Status.values)
    flagged = with_flags(Action.objects.all(), TODAY)
    assert flagged.filter(overdue=True).exists()
    assert flagged.filter(stale=True).exists()
    assert Inspection.objects.filter(is_confidential=True).exists()
    scrutiny = User.objects.get(email=PERF_USERS["scrutiny"])
    assert 0 < Action.objects.visible_to(scrutiny).count() < Action.objects.count()


def test_confidential_only_flags_follow_the_rule(small_set):
    assert Action.objects.filter(is_confidential_only=True).exists()
    assert confidentiality.mismatched() == []


def test_writes_the_records_around_actions_and_their_history(small_set):
    assert Evidence.objects.exists()
    assert TargetDateChange.objects.exists()
    assert DateChangeRequest.objects.exists()
    assert Challenge.objects.exists()
    assert Action.history.count() == Action.objects.count()
    assert ProgressUpdate.history.count() == ProgressUpdate.objects.count()
    changed = Action.objects.filter(date_changes__isnull=False).distinct()
    for action in changed:
        last = action.date_changes.order_by("-changed_at").first()
        assert action.target_date == last.new_date
        assert action.original_target_date == action.date_changes.order_by("changed_at")[0].old_date


def test_perf_officer_leads_exactly_forty_actions(small_set):
    officer = User.objects.get(email=PERF_USERS["officer"])
    assert officer.led_actions.count() == MY_ACTIONS
    assert not Action.objects.filter(lead_team__in=officer.teams.all()).exists()


def test_cached_fields_equal_the_latest_update(small_set):
    for action in Action.objects.all():
        latest = action.updates.order_by("-created_at", "-pk").first()
        if latest is None:
            assert action.declared_status == Status.NOT_STARTED
            assert action.last_update_at is None and action.percent_complete is None
            continue
        assert action.declared_status == latest.status
        assert action.percent_complete == latest.percent_complete
        assert action.last_update_at == latest.created_at


def test_cached_fields_are_what_the_services_would_leave(small_set):
    """Replay each generated action's updates through the real services on a fresh action."""
    for generated in Action.objects.all():
        fresh = factories.ActionFactory(created_at=generated.created_at)
        for update in generated.updates.order_by("created_at", "pk"):
            if update.status == Status.VERIFIED:
                action_verify(
                    action=fresh, verifier=update.author, note="Checked", at=update.created_at
                )
            elif update.status == Status.CLOSED:
                action_close(
                    action=fresh, closed_by=update.author, reason="Done", at=update.created_at
                )
            else:
                progress_update_post(
                    action=fresh,
                    author=update.author,
                    narrative=update.narrative,
                    status=update.status,
                    percent_complete=update.percent_complete,
                    at=update.created_at,
                )
        fresh.refresh_from_db()
        for name in ("declared_status", "percent_complete", "last_update_at", "completed_on"):
            assert getattr(fresh, name) == getattr(generated, name), (generated.pk, name)


def test_refuses_a_database_with_other_data_unless_forced(db):
    factories.PlanFactory()
    out = StringIO()
    with pytest.raises(CommandError, match="already holds data"):
        call_command("generate_load_data", today=TODAY, stdout=out, **SMALL)
    assert "Would create" in out.getvalue() and "60 actions" in out.getvalue()
    assert not Action.objects.exists()
    generate(force=True)
    assert Action.objects.count() == 60 and Plan.objects.count() == 3


def test_refuses_to_generate_twice(small_set):
    with pytest.raises(CommandError, match="already holds a generated data set"):
        generate(force=True)


def test_dry_run_writes_nothing(db):
    out = StringIO()
    call_command("generate_load_data", dry_run=True, stdout=out, **SMALL)
    assert "180 progress updates" in out.getvalue()
    assert not User.objects.exists()


def test_same_seed_same_data(db):
    """Two generators with one seed produce the same rows (compared before writing)."""

    def rows(seed):
        generator = Generator(Sizes(**SMALL), seed=seed, today=TODAY, out=lambda line: None)
        generator.loader.flush = lambda: None  # keep the rows in memory
        generator.people()
        generator.inspections()
        generator.plans()
        generator.actions()
        return {m._meta.label: list(w.rows) for m, w in generator.loader.writers.items()}

    first, again = rows(1), rows(1)
    assert first == again
    assert rows(2)["improvement.Action"] != first["improvement.Action"]


def test_update_counts_total_exactly_and_include_twenty():
    counts = update_counts(random.Random(1), actions=1_001, per_action=10)
    assert len(counts) == 1_001
    assert sum(counts) == 10_010
    assert 20 in counts and 0 in counts
    assert min(counts) >= 0


@pytest.mark.parametrize("final", Status.values)
def test_steps_end_in_the_final_status(final):
    rng = random.Random(3)
    start = factories.moment(TODAY - dt.timedelta(days=200))
    steps = steps_for(rng, final=final, times=spread(start, start + dt.timedelta(days=100), 5))
    assert [s.at for s in steps] == sorted(s.at for s in steps)
    assert steps[-1].status == final
    cached = cached_after(steps)
    assert cached.declared_status == final and cached.last_update_at == steps[-1].at
    if final in (Status.COMPLETE, Status.VERIFIED):
        assert cached.completed_on is not None and cached.percent_complete == 100


def test_measures_have_ten_years_for_thirteen_areas(small_set):
    from measures.models import Measure, MeasureValue

    assert Measure.objects.count() == 5
    measure = Measure.objects.order_by("pk").first()
    assert measure.values.count() == 10 * 13
    assert measure.values.values("area_code").distinct().count() == 13
    assert measure.priorities.exists() and measure.targets.exists()
    value = MeasureValue.objects.order_by("pk").first()
    assert value.history.count() == 1  # "as at" reads find it
