"""`manage.py load_demo`: the demo council is complete, idempotent and signs in."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction

from accounts.models import User
from core import roles
from devtools.demo import content
from improvement.models import Action, Evidence, Plan
from improvement.selectors.actions import with_flags
from improvement.status import Status, contradictions, today
from inspections.models import Inspection
from recommendations.models import Recommendation

SIGN_INS = {
    "officer@example.org": roles.OFFICER,
    "manager@example.org": roles.PLAN_MANAGER,
    "scrutiny@example.org": roles.SCRUTINY,
    "auditor@example.org": roles.AUDITOR,
}


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


@pytest.fixture(scope="module")
def _demo_once(django_db_setup, django_db_blocker):
    """Load the demo once for the module, inside a transaction rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_once, db):
    return _demo_once


def test_prints_the_sign_ins(demo):
    assert demo.startswith("Demo data ready for Northdale Council.")
    for email in [*SIGN_INS, "admin@example.org"]:
        assert email in demo
    assert "demo-password-1" in demo


def test_creates_the_five_sign_ins_in_their_roles(demo):
    for email, role in SIGN_INS.items():
        user = User.objects.get(email=email)
        assert list(user.groups.values_list("name", flat=True)) == [role]
        assert not user.is_staff
        assert user.check_password(content.PASSWORD)
    admin = User.objects.get(email="admin@example.org")
    assert admin.is_staff and admin.is_superuser
    assert not admin.groups.exists()
    assert User.objects.filter(groups__name=roles.OFFICER).count() >= 10


def test_running_twice_changes_nothing(demo):
    before = row_counts()
    second = load_demo()
    assert second.startswith("Demo data already loaded.\nDemo data ready for Northdale Council.")
    assert row_counts() == before


def test_actions_cover_every_status_and_every_exception(demo):
    plan = Plan.objects.get(status=Plan.State.ACTIVE)
    actions = with_flags(Action.objects.filter(priority__plan=plan))
    assert 35 <= actions.count() <= 50
    assert set(actions.values_list("declared_status", flat=True)) == set(Status.values)
    assert actions.filter(overdue=True).exists()
    assert actions.filter(stale=True).exists()
    assert actions.filter(overdue=True, declared_status=Status.ON_TRACK).exists()
    assert any(action.is_overdue() for action in actions)
    assert any(action.is_stale() for action in actions)

    found = set()
    for action in actions:
        found.update(
            contradictions(
                status=action.declared_status,
                overdue=action.overdue,
                has_evidence=Evidence.objects.filter(update__action=action).exists(),
                date_changes=action.date_changes.count(),
            )
        )
    assert len(found) == 3, found  # on track but overdue, complete without evidence, moved


def test_the_officer_has_something_in_every_part_of_their_tray(demo):
    officer = User.objects.get(email="officer@example.org")
    mine = with_flags(
        Action.objects.filter(lead_officers=officer)
        | Action.objects.filter(lead_team__members=officer)
    ).distinct()
    assert Action.objects.filter(lead_officers=officer).count() >= 8
    assert mine.filter(overdue=True).exists()
    assert mine.filter(stale=True).exists()
    assert any(0 <= (a.target_date - today()).days <= 30 for a in mine if a.target_date)
    assert mine.filter(challenges__state="open").exists()
    assert (
        mine.filter(date_requests__state="pending", date_requests__requested_by=officer).count()
        == 2
    )


def test_a_confidential_inspection_has_actions_answering_only_it(demo):
    inspection = Inspection.objects.get(is_confidential=True)
    assert inspection.published_on is None
    assert inspection.recommendations.count() == 3
    actions = Action.objects.filter(recommendations__inspection=inspection).distinct()
    assert actions.count() == 2
    for action in actions:
        assert not action.recommendations.filter(inspection__is_confidential=False).exists()
    scrutiny = User.objects.get(email="scrutiny@example.org")
    assert not Action.objects.visible_to(scrutiny).filter(pk__in=actions).exists()


def test_recommendations_have_actions_and_responses(demo):
    assert 22 <= Recommendation.objects.count() <= 30
    without_actions = Recommendation.objects.filter(actions__isnull=True)
    assert set(without_actions.values_list("response", flat=True)) <= {"rejected", "noted"}
    assert without_actions.count() <= 2
    responses = set(Recommendation.objects.values_list("response", flat=True))
    assert set(Recommendation.Response.values) <= responses


def test_the_demo_officer_can_sign_in(demo, client):
    response = client.post(
        "/sign-in/", {"username": "officer@example.org", "password": content.PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == "/"


REPLAYED = ["declared_status", "percent_complete", "target_date", "last_update_at"]


def _state_at(action, moment, updates, changes) -> dict:
    """What the action's cached fields should read just after `moment`, from its records."""
    done = [u for u in updates if u.created_at <= moment]
    moved = [c for c in changes if c.changed_at <= moment]
    latest = done[-1] if done else None
    return {
        "declared_status": latest.status if latest else Status.NOT_STARTED,
        "percent_complete": latest.percent_complete if latest else None,
        "target_date": moved[-1].new_date if moved else action.original_target_date,
        "last_update_at": latest.created_at if latest else None,
    }


def test_every_action_history_replays_in_time_order_to_its_current_values(demo):
    actions = Action.objects.prefetch_related("updates", "date_changes")
    assert actions.count() > 40
    for action in actions:
        rows = list(action.history.order_by("history_date", "history_id"))
        updates = sorted(action.updates.all(), key=lambda u: (u.created_at, u.pk))
        changes = sorted(action.date_changes.all(), key=lambda c: (c.changed_at, c.pk))
        where = f"action {action.pk} {action.description[:40]!r}"
        # The "Created" entry comes first, dated when the action was created.
        assert [row.history_type for row in rows].count("+") == 1, where
        assert rows[0].history_type == "+", where
        assert rows[0].history_date == action.created_at, where
        assert all(u.created_at > action.created_at for u in updates), where
        # Each entry was written on top of the one before it in time, so the trail's
        # "from" values (the prior entry) are what the action really held.
        assert [row.history_id for row in rows] == sorted(row.history_id for row in rows), where
        for row in rows:
            expected = _state_at(action, row.history_date, updates, changes)
            assert {name: getattr(row, name) for name in REPLAYED} == expected, (where, row)
        last = rows[-1]
        for name in [*REPLAYED, "verified_at", "closed_reason", "original_target_date"]:
            assert getattr(last, name) == getattr(action, name), (where, name)


def test_shipped_open_data_files_match_their_generator():
    from devtools.demo import measures_content, open_data_file

    shipped = open_data_file.DATA / measures_content.FILE_NAME
    assert shipped.read_text(encoding="utf-8") == open_data_file.open_data_text()
    neighbours = open_data_file.DATA / measures_content.NEIGHBOURS_FILE_NAME
    assert neighbours.read_text(encoding="utf-8") == open_data_file.neighbours_text()


def test_measures_show_every_state(demo):
    from measures.models import Measure, MeasureValue
    from measures.selectors import figures_for
    from measures.summary import summarise

    measures = list(Measure.objects.all())
    assert len(measures) == 12
    figures = figures_for(measures)
    summaries = [summarise(figures[m.pk], today=today()) for m in measures]
    assert {s.rag for s in summaries} >= {"green", "amber", "red"}
    assert {s.direction for s in summaries} >= {"improving", "declining"}
    assert any(s.due for s in summaries)
    assert MeasureValue.objects.filter(symbol="c", area_type="council").exists()
    assert (
        MeasureValue.objects.exclude(symbol="").filter(area_type="statistical_neighbour").count()
        >= 5
    )
    published = Measure.objects.get(reference="CSC01")
    areas = set(published.values.values_list("area_type", flat=True))
    assert areas == {"council", "national", "regional", "statistical_neighbour"}
    assert all(m.actions.exists() and m.priorities.exists() for m in measures)


def test_every_demo_action_has_periods_equal_to_its_records(demo):
    """The demo writes through the services, so a past "as at" day reads what it wrote."""
    from improvement import periods
    from improvement.models import ActionPeriod

    assert ActionPeriod.objects.exists()
    assert periods.drifted() == {}
