"""The action page: what every reader sees, the plain-language flags, and its query count."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core import roles
from improvement.models import DateChangeRequest, Evidence, ProgressUpdate
from improvement.status import Status
from tests import factories
from tests.queries import assert_flat_queries

TODAY = dt.date(2026, 6, 15)


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def page(client, user, action) -> str:
    client.force_login(user)
    response = client.get(reverse("action_detail", args=[action.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def action(db, officer):
    inspection = factories.InspectionFactory(title="Inspection of children's services 2025")
    recommendation = factories.RecommendationFactory(
        inspection=inspection, reference="R7", text="Improve the quality of plans."
    )
    team = factories.TeamFactory(name="Child Protection")
    return factories.ActionFactory(
        description="Introduce a new plan template\nwith a contingency plan.",
        intended_outcome="Parents understand the plan.",
        measure="Audit of 20 plans a month.",
        timescale="6 months",
        leads=[officer],
        lead_names="Named Nurse",
        lead_team=team,
        recommendations=[recommendation],
        original_target_date=dt.date(2026, 5, 1),
        target_date=dt.date(2026, 5, 1),
    )


def test_every_reader_sees_the_definition_and_the_recommendations_with_their_source(
    client, action, officer, scrutiny, auditor, manager
):
    for user in (officer, scrutiny, auditor, manager):
        html = page(client, user, action)
        assert "Action 1.1" in html or f"Action {action.reference}" in html
        assert "Introduce a new plan template<br>with a contingency plan." in html
        assert "Parents understand the plan." in html
        assert "Audit of 20 plans a month." in html
        assert "6 months" in html
        assert "Olu Officer" in html and "Named Nurse" in html and "Child Protection" in html
        assert action.priority.plan.title in html and action.priority.title in html
        recommendation = action.recommendations.get()
        assert f'href="{reverse("recommendation_detail", args=[recommendation.pk])}"' in html
        assert f'href="{reverse("inspection_detail", args=[recommendation.inspection_id])}"' in html
        assert "Inspection of children&#x27;s services 2025" in html


def test_a_confidential_recommendation_is_left_out_for_scrutiny(client, action, scrutiny, officer):
    secret = factories.RecommendationFactory(
        inspection=factories.InspectionFactory(is_confidential=True), reference="R99"
    )
    action.recommendations.add(secret)
    assert "R99" not in page(client, scrutiny, action)
    assert "R99" in page(client, officer, action)


def test_a_confidential_only_action_answers_404_to_scrutiny(client, db, scrutiny, auditor):
    secret = factories.RecommendationFactory(
        inspection=factories.InspectionFactory(is_confidential=True)
    )
    hidden = factories.ActionFactory(recommendations=[secret])
    client.force_login(scrutiny)
    assert client.get(reverse("action_detail", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("action_detail", args=[999_999])).status_code == 404
    assert page(client, auditor, hidden)


def test_timeline_is_newest_first_with_author_status_narrative_and_evidence(
    client, action, officer, scrutiny
):
    older = factories.ProgressUpdateFactory(
        action=action, author=officer, narrative="Older news", created_at=at(dt.date(2026, 2, 1))
    )
    newer = factories.ProgressUpdateFactory(
        action=action,
        author=officer,
        narrative="Line one\nLine two <script>alert(1)</script>",
        status=Status.AT_RISK,
        percent_complete=55,
        created_at=at(dt.date(2026, 3, 2)),
    )
    link = factories.EvidenceFactory(update=newer, link="https://example.org/audit.pdf")
    stored = Evidence.objects.create(
        update=newer, file="evidence/x.pdf", original_name="Audit.pdf", size=2048
    )
    html = page(client, scrutiny, action)
    assert html.index("2 March 2026") < html.index("1 February 2026")
    assert html.index("Line one") < html.index("Older news")
    assert "Line one<br>Line two &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "55%" in html and "At risk" in html and "Olu Officer" in html
    assert f'href="{reverse("evidence_download", args=[stored.pk])}"' in html
    assert "Audit.pdf" in html and "2.0\xa0KB" in html
    assert f'href="{link.link}"' in html
    assert older.narrative in html


def test_status_history_lists_each_change_of_declared_status(client, action, officer):
    for day, status in [(1, "on_track"), (10, "on_track"), (20, "at_risk"), (25, "complete")]:
        factories.ProgressUpdateFactory(
            action=action, author=officer, status=status, created_at=at(dt.date(2026, 3, day))
        )
    html = page(client, officer, action)
    history = html[html.index('id="status-history"') : html.index('id="target-date"')]
    assert history.count("govuk-table__row") == 4  # header + three changes
    assert history.index("1 March 2026") < history.index("20 March 2026")
    assert "10 March 2026" not in history


def test_target_date_history_pending_and_decided_requests_are_shown_with_reasons(
    client, action, officer, manager
):
    factories.TargetDateChangeFactory(
        action=action,
        old_date=dt.date(2026, 5, 1),
        new_date=dt.date(2026, 7, 1),
        reason="Supplier delay",
        changed_by=manager,
    )
    factories.DateChangeRequestFactory(
        action=action,
        requested_by=officer,
        new_date=dt.date(2026, 4, 1),
        reason="Old request",
        state=DateChangeRequest.State.DECLINED,
        decision_reason="Not needed",
    )
    factories.DateChangeRequestFactory(
        action=action, requested_by=officer, new_date=dt.date(2026, 9, 30), reason="Recruitment"
    )
    html = page(client, manager, action)
    assert "Supplier delay" in html and "1 May 2026" in html and "1 Jul 2026" in html
    assert "waiting for a decision" in html and "30 September 2026" in html
    assert "Recruitment" in html
    assert "Declined" in html and "Not needed" in html


def test_challenges_show_with_their_answers_and_an_answer_link_for_the_lead(
    client, action, officer, scrutiny
):
    factories.ChallengeFactory(
        action=action,
        question="Is the template live?",
        answer="Yes, since May.",
        answered_by=officer,
        answered_at=at(dt.date(2026, 5, 5)),
        state="answered",
    )
    open_challenge = factories.ChallengeFactory(action=action, question="Who checks it?")
    answer_url = reverse("challenge_answer", args=[open_challenge.pk])
    lead_view = page(client, officer, action)
    assert "Is the template live?" in lead_view and "Yes, since May." in lead_view
    assert answer_url in lead_view
    scrutiny_view = page(client, scrutiny, action)
    assert "Who checks it?" in scrutiny_view and answer_url not in scrutiny_view


# Flags ----------------------------------------------------------------------------------


def test_overdue_stale_and_contradictions_are_explained_in_plain_language(
    client, action, officer, fixed_today
):
    fixed_today(TODAY)
    factories.ProgressUpdateFactory(
        action=action, author=officer, status=Status.ON_TRACK, created_at=at(dt.date(2026, 3, 1))
    )
    action.declared_status = Status.ON_TRACK
    action.last_update_at = at(dt.date(2026, 3, 1))
    action.save()
    for new in (dt.date(2026, 5, 1), dt.date(2026, 5, 20)):
        factories.TargetDateChangeFactory(action=action, new_date=new)
    html = page(client, officer, action)
    assert "Overdue: the target date (1 May 2026) passed 45 days ago" in html
    assert "Not updated on time: no progress update since 1 March 2026" in html
    assert "every 30 days" in html
    assert "Declared on track, but the target date has passed." in html
    assert "The target date has been moved 2 times." in html


def test_behind_pace_complete_without_evidence_and_returned_are_flagged(
    client, db, officer, fixed_today
):
    fixed_today(TODAY)
    plan = factories.PlanFactory(start_date=dt.date(2026, 1, 1))
    behind = factories.ActionFactory(
        priority=factories.PriorityFactory(plan=plan),
        leads=[officer],
        created_at=at(dt.date(2026, 1, 1)),
        target_date=dt.date(2026, 12, 31),
        percent_complete=10,
        declared_status=Status.ON_TRACK,
        last_update_at=at(dt.date(2026, 6, 10)),
    )
    assert "Behind pace: 10% complete with 45% of the time" in page(client, officer, behind)

    complete = factories.ActionFactory(
        leads=[officer],
        declared_status=Status.COMPLETE,
        last_update_at=at(dt.date(2026, 6, 1)),
        returned_at=at(dt.date(2026, 6, 5)),
        returned_reason="No audit attached",
    )
    html = page(client, officer, complete)
    assert "Declared complete, but no evidence has been attached." in html
    assert "Returned by the verifier on 5 June 2026, saying: “No audit attached”" in html


def test_an_action_with_nothing_wrong_has_no_flags(client, action, officer, fixed_today):
    fixed_today(dt.date(2026, 1, 20))
    assert "Needs attention" not in page(client, officer, action)


# Query count ----------------------------------------------------------------------------


def _busy_action(officer, updates: int):
    action = factories.ActionFactory(leads=[officer], lead_team=factories.TeamFactory())
    action.recommendations.add(*factories.RecommendationFactory.create_batch(3))
    made = ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            action=action,
            author=officer,
            author_name=officer.full_name,
            narrative=f"Update {n}",
            status=Status.ON_TRACK if n % 2 else Status.AT_RISK,
            created_at=at(dt.date(2026, 1, 1)) + dt.timedelta(days=n),
        )
        for n in range(updates)
    )
    Evidence.objects.bulk_create(
        Evidence(update=update, link=f"https://example.org/{update.pk}", uploaded_by=officer)
        for update in made
    )
    for _ in range(max(1, updates // 10)):
        factories.TargetDateChangeFactory(action=action, changed_by=officer)
        factories.ChallengeFactory(action=action, answer="An answer", answered_by=officer)
    factories.DateChangeRequestFactory(action=action, requested_by=officer)
    return action


def _page_reader(client):
    def read(action):
        assert client.get(action.get_absolute_url()).status_code == 200

    return read


@pytest.mark.parametrize("viewer", ["officer", "scrutiny", "manager"])
def test_action_page_query_count_does_not_grow_with_updates(client, db, viewer, request):
    officer = request.getfixturevalue("officer")
    small = _busy_action(officer, 3)
    large = _busy_action(officer, 30)
    client.force_login(request.getfixturevalue(viewer))
    read = _page_reader(client)
    read(small)  # warm the session and caches
    assert_flat_queries(read, small, large)


def test_a_user_without_a_role_gets_404(client, action):
    client.force_login(factories.UserFactory())
    assert client.get(action.get_absolute_url()).status_code == 404


def test_team_membership_is_enough_to_post_from_the_page(client, action):
    member = factories.UserFactory(roles=[roles.OFFICER], teams=[action.lead_team])
    assert 'id="post-update"' in page(client, member, action)
