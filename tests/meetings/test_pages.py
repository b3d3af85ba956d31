"""Bodies and meetings: managers create and edit them (version-checked), record what a
meeting did; members and owners see theirs on the home page; lists keep flat query counts."""

import datetime as dt

import pytest
from django.urls import reverse

from core import clock
from meetings.models import ActionArising, Attendance, Body, BodyKind, Decision, Meeting
from tests import factories
from tests.queries import assert_flat_queries

pytestmark = pytest.mark.django_db


def _date(prefix: str, day: dt.date) -> dict:
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def test_a_manager_adds_a_body_with_its_plans(client, manager):
    plan = factories.PlanFactory()
    client.force_login(manager)
    kind = BodyKind.objects.get(name="Improvement board")
    response = client.post(
        reverse("body_create"), {"name": "Northdale Board", "kind": kind.pk, "plans": [plan.pk]}
    )
    body = Body.objects.get(name="Northdale Board")
    assert response.status_code == 302
    assert list(body.plans.all()) == [plan]


def test_an_edit_from_a_stale_form_is_refused_with_what_differs(client, manager):
    body = factories.BodyFactory(name="Old name")
    client.force_login(manager)
    data = {"name": "Mine", "kind": body.kind.pk, "version": body.version}
    Body.objects.filter(pk=body.pk).update(version=body.version + 1, name="Theirs")
    response = client.post(reverse("body_edit", args=[body.pk]), data)
    assert response.status_code == 200
    assert "Someone else saved first" in response.content.decode()
    body.refresh_from_db()
    assert body.name == "Theirs"


def test_members_are_users_or_names_as_written(client, manager, scrutiny):
    body = factories.BodyFactory()
    client.force_login(manager)
    url = reverse("body_member_add", args=[body.pk])
    client.post(url, {"user": scrutiny.pk, "role": "Chair"})
    client.post(url, {"name": "Janet Moss", "role": "Co-optee"})
    page = client.get(reverse("body_detail", args=[body.pk])).content.decode()
    assert "Cllr Sam Scrutiny (Chair)" in page and "Janet Moss (Co-optee)" in page
    again = client.post(url, {"user": scrutiny.pk})
    assert "already a member" in again.content.decode()
    empty = client.post(url, {})
    assert "Choose a person, or enter a name" in empty.content.decode()


def test_a_meeting_needs_its_papers_on_or_before_the_day(client, manager):
    body = factories.BodyFactory()
    client.force_login(manager)
    day = dt.date(2026, 3, 12)
    data = {**_date("date", day), **_date("papers_date", day + dt.timedelta(days=1))}
    response = client.post(reverse("meeting_create", args=[body.pk]), data)
    assert "The papers date must be on or before the meeting" in response.content.decode()
    data.update(_date("papers_date", day - dt.timedelta(days=7)), start_time="14:00")
    response = client.post(reverse("meeting_create", args=[body.pk]), data)
    meeting = Meeting.objects.get(body=body)
    assert response.status_code == 302
    assert meeting.start_time == dt.time(14, 0)


def test_status_moves_one_step_at_a_time(client, manager):
    meeting = factories.MeetingFactory()
    client.force_login(manager)
    url = reverse("meeting_status", args=[meeting.pk])
    client.post(url, {"status": "held"})
    meeting.refresh_from_db()
    assert meeting.status == "planned"
    for step in ["papers_published", "held", "minutes_approved"]:
        client.post(url, {"status": step})
        meeting.refresh_from_db()
        assert meeting.status == step


def test_attendance_decisions_and_actions_arising_are_recorded(client, manager, officer):
    meeting = factories.MeetingFactory()
    member = factories.BodyMemberFactory(body=meeting.body)
    client.force_login(manager)
    client.post(
        reverse("meeting_attendance", args=[meeting.pk]),
        {f"member_{member.pk}": "apologies", "others": "Director of Children's Services\n\n"},
    )
    assert {(a.name, a.status) for a in Attendance.objects.filter(meeting=meeting)} == {
        (member.display_name, "apologies"),
        ("Director of Children's Services", "present"),
    }
    for text in ["Noted the report.", "Agreed the dates."]:
        client.post(reverse("meeting_decision_add", args=[meeting.pk]), {"text": text})
    assert list(Decision.objects.values_list("number", "text")) == [
        (1, "Noted the report."),
        (2, "Agreed the dates."),
    ]
    due = meeting.date + dt.timedelta(days=14)
    client.post(
        reverse("meeting_arising_add", args=[meeting.pk]),
        {"text": "Bring caseloads by team.", "owner": officer.pk, **_date("due_on", due)},
    )
    assert ActionArising.objects.get().owner == officer


def test_an_owner_closes_their_action_arising_and_others_may_not(client, officer):
    arising = factories.ActionArisingFactory(owner=officer)
    other = factories.UserFactory(roles=["Officer"])
    url = reverse("arising_close", args=[arising.pk])
    client.force_login(other)
    assert client.get(url).status_code == 403
    client.force_login(officer)
    done = arising.meeting.date + dt.timedelta(days=3)
    response = client.post(url, {"note": "Sent to members.", **_date("closed_on", done)})
    assert response.status_code == 302
    arising.refresh_from_db()
    assert (arising.closed_on, arising.closing_note) == (done, "Sent to members.")


def test_overdue_actions_arising_are_flagged_and_carried_to_the_next_meeting(client, scrutiny):
    first = factories.MeetingFactory(date=clock.today() - dt.timedelta(days=60))
    factories.ActionArisingFactory(meeting=first, due_on=first.date + dt.timedelta(days=7))
    later = factories.MeetingFactory(body=first.body, date=clock.today())
    client.force_login(scrutiny)
    page = client.get(reverse("meeting_detail", args=[later.pk])).content.decode()
    assert "Still open from earlier meetings" in page
    assert "Overdue" in page


def test_a_manager_links_the_challenges_raised_at_a_meeting(client, manager, scrutiny):
    meeting = factories.MeetingFactory(date=clock.today())
    challenge = factories.ChallengeFactory(raised_by=scrutiny, question="Why so late?")
    client.force_login(manager)
    url = reverse("meeting_challenges", args=[meeting.pk])
    assert "Why so late?" in client.get(url).content.decode()
    client.post(url, {"challenges": [challenge.pk]})
    assert list(meeting.challenges.all()) == [challenge]
    client.force_login(scrutiny)
    page = client.get(reverse("meeting_detail", args=[meeting.pk])).content.decode()
    assert reverse("meeting_packs", args=[meeting.pk]) in page  # the papers are one click away
    assert "Why so late?" in page


def test_a_scrutiny_member_of_the_body_marks_only_their_own_challenges(client, scrutiny):
    meeting = factories.MeetingFactory(date=clock.today())
    other = factories.ChallengeFactory(question="Someone else's question")
    meeting.challenges.add(other)
    mine = factories.ChallengeFactory(raised_by=scrutiny, question="My question")
    url = reverse("meeting_challenges", args=[meeting.pk])
    client.force_login(scrutiny)
    assert client.get(url).status_code == 403  # not a member of this body
    factories.BodyMemberFactory(body=meeting.body, user=scrutiny)
    page = client.get(url).content.decode()
    assert "My question" in page and "Someone else" not in page
    client.post(url, {"challenges": [mine.pk]})
    assert set(meeting.challenges.all()) == {mine, other}
    refused = client.post(url, {"challenges": [other.pk]})
    assert "Select a valid choice" in refused.content.decode()
    client.post(url, {})
    assert set(meeting.challenges.all()) == {other}


def test_a_members_home_page_shows_the_next_meeting_and_follow_ups(client, scrutiny, officer):
    body = factories.BodyFactory(name="Children's Scrutiny Panel")
    factories.BodyMemberFactory(body=body, user=scrutiny)
    last = factories.MeetingFactory(body=body, date=clock.today() - dt.timedelta(days=20))
    upcoming = factories.MeetingFactory(
        body=body, date=clock.today() + dt.timedelta(days=10), status="papers_published"
    )
    factories.ActionArisingFactory(meeting=last, owner=officer, text="Report on exploitation.")
    client.force_login(scrutiny)
    page = client.get(reverse("home")).content.decode()
    assert "Your boards and panels" in page
    packs = reverse("meeting_packs", args=[upcoming.pk])
    assert f'(<a class="govuk-link" href="{packs}">papers published</a>)' in page
    assert "Report on exploitation." in page
    client.force_login(officer)
    page = client.get(reverse("home")).content.decode()
    assert "Actions arising you own" in page and "Report on exploitation." in page


def test_every_role_has_meetings_in_the_navigation(client, auditor):
    client.force_login(auditor)
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("meeting_list")}"' in page


def test_body_list_query_count_is_flat(client, scrutiny):
    client.force_login(scrutiny)
    factories.MeetingFactory()

    def read(_):
        assert client.get(reverse("body_list")).status_code == 200

    def grow():
        for body in factories.BodyFactory.create_batch(5):
            factories.MeetingFactory(body=body)
            factories.BodyMemberFactory(body=body)

    assert_flat_queries(read, None, grow=grow)


def test_meeting_list_and_page_query_counts_are_flat(client, scrutiny):
    client.force_login(scrutiny)
    meeting = factories.MeetingFactory()
    factories.ActionArisingFactory(meeting=meeting)

    def read(_):
        assert client.get(reverse("meeting_list")).status_code == 200
        assert client.get(reverse("meeting_detail", args=[meeting.pk])).status_code == 200

    def grow():
        factories.MeetingFactory.create_batch(5, body=meeting.body)
        factories.ActionArisingFactory.create_batch(4, meeting=meeting)
        factories.DecisionFactory.create_batch(3, meeting=meeting)
        factories.AttendanceFactory.create_batch(3, meeting=meeting)
        meeting.challenges.add(*factories.ChallengeFactory.create_batch(3))

    assert_flat_queries(read, None, grow=grow)


def test_body_page_query_count_is_flat(client, scrutiny):
    member = factories.BodyMemberFactory(user=scrutiny)
    body = member.body
    factories.MeetingFactory(body=body)

    def read(_):
        assert client.get(reverse("body_detail", args=[body.pk])).status_code == 200

    def grow():
        factories.BodyMemberFactory.create_batch(4, body=body)
        factories.BodyMemberFactory.create_batch(2, body=body, user=None, name="Co-optee")
        factories.MeetingFactory.create_batch(6, body=body)
        body.plans.add(*factories.PlanFactory.create_batch(2))
        body.measures.add(*factories.MeasureFactory.create_batch(2))

    client.force_login(scrutiny)
    assert_flat_queries(read, None, grow=grow)
