"""Judging a finished action's impact: the rule, the services, the forms and pages, and the
counts on the dashboards and in the committee report pack, "as at" a date too."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core.clock import end_of_day, today
from improvement import impact
from improvement.impact import Impact
from improvement.models import Action
from improvement.reports.pack import report_pack
from improvement.reports.xlsx import render_xlsx
from improvement.selectors.dashboard.page import dashboard
from improvement.services.actions import action_verify
from improvement.services.impact import action_impact_record, action_verify_with_impact
from improvement.status import Status
from tests import factories
from tests.improvement.test_verification import complete_action

pytestmark = pytest.mark.django_db


# The rule ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("judgement", "required"),
    [(Impact.EVIDENCED, False), (Impact.TOO_EARLY, True), (Impact.NOT_EVIDENCED, True)],
)
def test_a_note_is_required_unless_the_impact_is_evidenced(judgement, required):
    assert impact.note_required(judgement) is required


@pytest.mark.parametrize(
    ("status", "judgeable"),
    [(Status.COMPLETE, True), (Status.VERIFIED, True), (Status.ON_TRACK, False), ("closed", False)],
)
def test_only_complete_or_verified_work_has_an_impact_to_judge(status, judgeable):
    assert impact.can_judge(status) is judgeable


DAY = dt.date(2026, 3, 10)
CASES = [
    # (judgement, recorded, status, counted as evidenced at the end of DAY)
    (Impact.EVIDENCED, end_of_day(DAY) - dt.timedelta(microseconds=1), Status.VERIFIED, True),
    (Impact.EVIDENCED, end_of_day(DAY), Status.VERIFIED, False),  # the next day's first moment
    (Impact.EVIDENCED, end_of_day(DAY) - dt.timedelta(days=3), Status.COMPLETE, True),
    (Impact.TOO_EARLY, end_of_day(DAY) - dt.timedelta(days=3), Status.VERIFIED, False),
    (Impact.NOT_EVIDENCED, end_of_day(DAY) - dt.timedelta(days=3), Status.VERIFIED, False),
    (Impact.EVIDENCED, end_of_day(DAY) - dt.timedelta(days=3), Status.CLOSED, False),
    ("", None, Status.VERIFIED, False),
]


@pytest.mark.parametrize(("judgement", "recorded", "status", "counted"), CASES)
def test_evidenced_as_at_a_day_in_python_and_in_sql_agree(judgement, recorded, status, counted):
    action = factories.ActionFactory(
        declared_status=status, impact=judgement, impact_recorded_at=recorded
    )
    assert impact.evidenced_on(judgement, recorded, status, DAY) is counted
    in_sql = Action.objects.filter(impact.evidenced_q(DAY), pk=action.pk).exists()
    assert in_sql is counted


# The services -----------------------------------------------------------------------------


def test_verifying_records_the_impact_at_the_same_moment(officer, auditor):
    action = complete_action(officer)

    action_verify_with_impact(
        action=action, verifier=auditor, note="Checked.", impact="too_early", impact_note="Q3."
    )

    action.refresh_from_db()
    assert action.declared_status == Status.VERIFIED
    assert (action.impact, action.impact_note) == (Impact.TOO_EARLY, "Q3.")
    assert action.impact_recorded_by == auditor
    assert action.impact_recorded_at == action.verified_at


def test_a_judgement_missing_its_note_verifies_nothing(officer, auditor):
    action = complete_action(officer)

    with pytest.raises(ValidationError) as error:
        action_verify_with_impact(
            action=action,
            verifier=auditor,
            note="Checked.",
            impact="not_evidenced",
            impact_note=" ",
        )

    assert error.value.message_dict == {"impact_note": [impact.NOTE_REQUIRED_MESSAGE]}
    action.refresh_from_db()
    assert action.declared_status == Status.COMPLETE and action.impact == ""


def test_an_unknown_judgement_is_refused(officer, auditor):
    action = complete_action(officer)
    with pytest.raises(ValidationError) as error:
        action_impact_record(action=action, recorded_by=auditor, impact="maybe", note="x")
    assert "impact" in error.value.message_dict


def test_impact_is_judged_later_on_a_verified_action_and_replaces_the_first(officer, manager):
    action = complete_action(officer)
    action_verify_with_impact(
        action=action, verifier=manager, note="Checked.", impact="too_early", impact_note="Q3."
    )

    action_impact_record(action=action, recorded_by=manager, impact="evidenced", note="")

    action.refresh_from_db()
    assert action.impact == Impact.EVIDENCED and action.declared_status == Status.VERIFIED
    assert [entry.impact for entry in action.history.all()[:2]] == ["evidenced", "too_early"]


def test_an_open_action_has_no_impact_to_judge(officer, auditor):
    action = factories.ActionFactory(leads=[officer], declared_status=Status.ON_TRACK)
    with pytest.raises(ValidationError, match="Only a complete or verified action"):
        action_impact_record(action=action, recorded_by=auditor, impact="evidenced", note="")


def test_a_lead_may_not_judge_their_own_actions_impact(officer, manager):
    action = complete_action(manager)
    with pytest.raises(PermissionDenied):
        action_impact_record(action=action, recorded_by=manager, impact="evidenced", note="")


# The pages --------------------------------------------------------------------------------


def test_the_verify_form_asks_for_a_judgement_and_a_note_unless_evidenced(client, officer, auditor):
    action = complete_action(officer)
    client.force_login(auditor)
    url = reverse("action_verify", args=[action.pk])

    none = client.post(url, {"note": "Checked."})
    early = client.post(url, {"note": "Checked.", "impact": "too_early"})

    assert none.status_code == early.status_code == 400
    assert "Select whether the action&#x27;s impact is evidenced" in none.content.decode()
    assert impact.NOTE_REQUIRED_MESSAGE in early.content.decode()
    assert 'href="#id_impact_note"' in early.content.decode()
    action.refresh_from_db()
    assert action.declared_status == Status.COMPLETE


def test_an_auditor_records_impact_later_and_the_action_page_shows_it(client, officer, auditor):
    action = complete_action(officer)
    action_verify(action=action, verifier=auditor, note="Checked.")
    client.force_login(auditor)
    url = reverse("action_impact", args=[action.pk])

    form = client.get(url)
    missing = client.post(url, {"impact": "not_evidenced", "impact_note": ""})
    done = client.post(url, {"impact": "not_evidenced", "impact_note": "Audit unchanged."})

    assert form.status_code == 200 and 'name="impact"' in form.content.decode()
    assert missing.status_code == 400
    assert done.status_code == 302
    page = client.get(reverse("action_detail", args=[action.pk])).content.decode()
    assert "Not evidenced" in page and "Audit unchanged." in page
    assert "judged by Ada Auditor" in page


@pytest.mark.parametrize("who", ["lead", "officer", "scrutiny", "admin_user"])
def test_only_a_verifier_who_does_not_lead_it_may_judge_impact(client, request, officer, who):
    lead = factories.UserFactory(roles=["Plan manager"]) if who == "lead" else None
    action = complete_action(lead or officer)
    user = lead or request.getfixturevalue(who)
    client.force_login(user)

    response = client.post(reverse("action_impact", args=[action.pk]), {"impact": "evidenced"})

    assert response.status_code == 403
    action.refresh_from_db()
    assert action.impact == ""


# Dashboards and the report pack ------------------------------------------------------------


@pytest.fixture
def judged(officer, auditor):
    """A plan with three actions completed two days ago: one verified and judged evidenced
    today, one judged too early, one not judged; and one action still on track."""
    plan = factories.PlanFactory(start_date=today() - dt.timedelta(days=200))
    priority = factories.PriorityFactory(plan=plan, number=1)
    created = timezone.now() - dt.timedelta(days=100)
    actions = [complete_action(officer, priority=priority, created_at=created) for _ in range(3)]
    factories.ActionFactory(priority=priority, created_at=created)
    action_verify(action=actions[0], verifier=auditor, note="Checked.")
    action_impact_record(action=actions[0], recorded_by=auditor, impact="evidenced", note="")
    action_impact_record(action=actions[1], recorded_by=auditor, impact="too_early", note="Q3")
    return plan


def test_dashboards_count_impact_evidenced_apart_from_not_yet(judged, scrutiny, client):
    for plan in (judged, None):
        total = dashboard(scrutiny, plan=plan, day=today(), since=today()).breakdown.total
        assert (total.work_done, total.impact_evidenced, total.impact_pending) == (3, 1, 2)
    client.force_login(scrutiny)
    html = client.get(reverse("plan_dashboard", args=[judged.pk])).content.decode()
    assert "<strong>1</strong> impact evidenced; <strong>2</strong> complete, impact not" in html


def test_as_at_a_day_before_the_judgement_it_is_not_yet_evidenced(judged, scrutiny):
    yesterday = today() - dt.timedelta(days=1)
    for plan in (judged, None):
        total = dashboard(scrutiny, plan=plan, day=yesterday, since=yesterday)
        assert (total.breakdown.total.impact_evidenced, total.breakdown.total.impact_pending) == (
            0,
            3,
        )


def test_the_pack_page_and_workbook_count_impact_as_the_dashboard_does(judged, manager, client):
    pack = report_pack(manager, plan=judged, day=today())
    earlier = report_pack(manager, plan=judged, day=today() - dt.timedelta(days=1))

    assert (pack.total.impact_evidenced, pack.total.impact_pending) == (1, 2)
    assert (earlier.total.impact_evidenced, earlier.total.impact_pending) == (0, 3)
    assert "Of the 3 complete or verified, 1 has its impact evidenced and 2 not yet." in (
        pack.key_messages
    )
    sheet = load_workbook(io.BytesIO(render_xlsx(pack))).worksheets[0]
    rows = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert rows["Complete or verified, impact evidenced"] == 1
    assert rows["Complete or verified, impact not yet evidenced"] == 2
    client.force_login(manager)
    page = client.get(reverse("report_pack", args=[judged.pk])).content.decode()
    assert "Complete or verified, impact not yet evidenced" in page
