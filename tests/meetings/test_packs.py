"""The pack built for a meeting (issue 17.2): as at the papers date, "since" the body's
last meeting, the meeting's sections, for publication, names by role if the body says so;
published once and frozen, with versions and their reasons."""

import hashlib
import io
import logging

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from improvement.models import Challenge, DateChangeRequest
from improvement.services.actions import progress_update_post
from improvement.status import Status
from meetings.models import Body, Meeting, PublishedPack
from meetings.selectors_packs import meeting_pack, since_for
from meetings.services_packs import publish_pack
from tests import factories
from tests.improvement.scrutiny_data import TODAY, at, build_world, d


@pytest.fixture
def world(db, fixed_today):
    fixed_today(TODAY)
    return build_world()


@pytest.fixture
def board(world):
    """An improvement board over the main plan: met on 30 April, meets on 20 June."""
    body = factories.BodyFactory(name="Northdale Improvement Board")
    body.plans.add(world.plan)
    earlier = factories.MeetingFactory(body=body, date=d(4, 30), papers_date=d(4, 23))
    meeting = factories.MeetingFactory(body=body, date=d(6, 20), papers_date=TODAY)
    factories.ActionArisingFactory(
        meeting=earlier, text="Bring caseloads by team", owner=world.lead, due_on=d(5, 31)
    )
    factories.ActionArisingFactory(
        meeting=earlier, text="Closed already", due_on=d(5, 31), closed_on=d(5, 2)
    )
    return meeting


def test_since_is_the_previous_meeting_or_the_plans_start(world, board):
    assert since_for(board, world.plan) == d(4, 30)
    first = Meeting.objects.get(body=board.body, date=d(4, 30))
    assert since_for(first, world.plan) == world.plan.start_date


def test_a_pack_made_before_its_papers_date_is_as_at_today_never_a_day_to_come(world, board):
    """Published early, a pack shows what is known now, and says so; on or after the papers
    date it is as at the papers date."""
    later = factories.MeetingFactory(body=board.body, date=d(9, 20), papers_date=d(9, 13))
    assert meeting_pack(world.manager, meeting=later, plan=world.plan).day == TODAY
    assert meeting_pack(world.manager, meeting=board, plan=world.plan).day == TODAY
    earlier = Meeting.objects.get(body=board.body, date=d(4, 30))
    assert meeting_pack(world.manager, meeting=earlier, plan=world.plan).day == d(4, 23)


def test_the_meeting_pack_has_the_meetings_sections_and_nothing_confidential(world, board):
    action = world.actions["a1"]
    Challenge.objects.create(
        action=action,
        raised_by=world.scrutiny,
        raised_at=at(d(5, 10)),
        question="Why late?",
        answer="Recruitment.",
        answered_by=world.lead,
        answered_at=at(d(5, 12)),
        state=Challenge.State.ANSWERED,
    )
    Challenge.objects.create(
        action=action,
        raised_by=world.scrutiny,
        raised_at=at(d(4, 10)),
        question="Too early to list",
    )
    Challenge.objects.create(
        action=world.secret_action,
        raised_by=world.scrutiny,
        raised_at=at(d(5, 10)),
        question="Secret question",
    )
    factories.DateChangeRequestFactory(
        action=action,
        requested_by=world.lead,
        state=DateChangeRequest.State.APPROVED,
        decided_by=world.manager,
        decided_at=at(d(5, 15)),
        decision_reason="Agreed",
    )

    pack = meeting_pack(world.manager, meeting=board, plan=world.plan, cover_note="For noting")

    assert pack.day == TODAY and pack.changes.since == d(4, 30) and pack.audience == "publication"
    assert pack.cover_note == "For noting" and "Northdale Improvement Board" in pack.meeting
    assert [c.question for c in pack.changes.challenges] == ["Why late?"]
    challenge = pack.changes.challenges[0]
    # The body's default is staff shown by role, never by name.
    assert (challenge.raised_by, challenge.answered_by) == ("Scrutiny member", "Officer")
    assert [r.decision for r in pack.changes.decisions] == ["Approved"]
    assert pack.changes.decisions[0].decided_by == "Plan manager"
    done = {(r.reference, r.status) for r in pack.changes.done}
    assert (world.actions["a3"].reference, Status.COMPLETE) in done
    assert all(
        row.lead in ("Lead officer", row.lead) and "Lena" not in row.lead for row in pack.exceptions
    )
    assert world.secret_action.pk not in {row.action_id for row in pack.exceptions}
    arising = next(s for s in pack.sections if s.anchor == "actions-arising")
    assert [r[1] for r in arising.rows] == ["Bring caseloads by team"]
    assert arising.rows[0][2] == "Named owner"


def test_names_are_shown_when_the_body_chooses(world, board):
    board.body.public_names = Body.PublicNames.NAMES
    board.body.save()
    pack = meeting_pack(world.manager, meeting=board, plan=world.plan)
    assert any("Lena Lead" in row.lead for row in pack.exceptions)
    arising = next(s for s in pack.sections if s.anchor == "actions-arising")
    assert arising.rows[0][2] == "Lena Lead"


def published_part(response) -> bytes:
    """The stored pack on a page, between its markers (the layout around it has nonces)."""
    content = response.content
    start = content.index(b"<!-- published pack -->")
    return content[start : content.index(b"<!-- end of published pack -->")]


def _sha(field) -> str:
    with field.open("rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def test_publishing_freezes_the_files_and_page(world, board, client):
    published = publish_pack(
        meeting=board,
        plan=world.plan,
        user=world.manager,
        cover_note="The board is asked to note progress.",
    )
    board.refresh_from_db()
    assert board.status == Meeting.Status.PAPERS_PUBLISHED
    assert published.version == 1 and _sha(published.pdf) == published.pdf_sha256
    assert _sha(published.xlsx) == published.xlsx_sha256
    assert "The board is asked to note progress." in published.page
    history = published.history.first()
    assert history.pdf_sha256 == published.pdf_sha256  # the hash is in the audit trail

    client.force_login(world.scrutiny)
    page = published_part(client.get(published.get_absolute_url()))
    pdf = b"".join(client.get(reverse("pack_pdf", args=[published.pk])).streaming_content)
    xlsx = b"".join(client.get(reverse("pack_xlsx", args=[published.pk])).streaming_content)
    assert hashlib.sha256(pdf).hexdigest() == published.pdf_sha256

    # The plan changes after publication: nothing published changes.
    action = world.actions["a4"]
    action.description = "Renamed after publishing"
    action.save()
    progress_update_post(
        action=action,
        author=world.lead,
        narrative="Later news",
        status=Status.OFF_TRACK,
        at=at(TODAY, 15),
    )
    assert published_part(client.get(published.get_absolute_url())) == page
    assert b"".join(client.get(reverse("pack_pdf", args=[published.pk])).streaming_content) == pdf
    assert b"".join(client.get(reverse("pack_xlsx", args=[published.pk])).streaming_content) == xlsx
    assert b"Renamed after publishing" not in page and b"Main plan" in page


def test_a_new_version_needs_a_reason_and_earlier_ones_stay(world, board, client):
    first = publish_pack(meeting=board, plan=world.plan, user=world.manager)
    with pytest.raises(ValidationError):
        publish_pack(meeting=board, plan=world.plan, user=world.manager, reason="  ")
    second = publish_pack(
        meeting=board, plan=world.plan, user=world.manager, reason="Corrected a date"
    )
    assert (second.version, second.reason) == (2, "Corrected a date")
    assert PublishedPack.objects.filter(meeting=board).count() == 2
    client.force_login(world.auditor)
    listing = client.get(reverse("meeting_packs", args=[board.pk])).content.decode()
    assert "Corrected a date" in listing and reverse("pack_pdf", args=[first.pk]) in listing
    assert client.get(reverse("pack_pdf", args=[first.pk])).status_code == 200


def test_a_plan_the_body_does_not_oversee_is_refused(world, board):
    with pytest.raises(ValidationError):
        publish_pack(meeting=board, plan=world.other_plan, user=world.manager)


def test_preview_then_publish_through_the_page(world, board, client):
    client.force_login(world.manager)
    url = reverse("meeting_pack_preview", args=[board.pk, world.plan.pk])
    preview = client.post(url, {"cover_note": "Note for the board", "action": "preview"})
    assert preview.status_code == 200 and b"Note for the board" in preview.content
    assert b"Since the last meeting" in preview.content
    assert not PublishedPack.objects.exists()
    done = client.post(url, {"cover_note": "Note for the board", "action": "publish"})
    published = PublishedPack.objects.get()
    assert done.status_code == 302 and done["Location"] == published.get_absolute_url()
    again = client.post(url, {"cover_note": "", "action": "publish"})
    assert (
        again.status_code == 200
        and b"Give the reason for publishing a new version" in again.content
    )
    assert PublishedPack.objects.count() == 1


def test_the_workbook_has_the_meeting_sheets(world, board):
    published = publish_pack(meeting=board, plan=world.plan, user=world.manager)
    with published.xlsx.open("rb") as handle:
        workbook = load_workbook(io.BytesIO(handle.read()))
    assert {
        "Status changes since",
        "Completed or verified since",
        "Challenges since",
        "Date requests decided since",
    } <= set(workbook.sheetnames)
    assert "Actions arising from earlier" in " ".join(workbook.sheetnames)


def test_meeting_list_queries_are_flat(world, board, client):
    from tests.queries import assert_flat_queries

    client.force_login(world.manager)
    url = reverse("meeting_packs", args=[board.pk])

    def grow():
        for version in range(1, 6):
            PublishedPack.objects.create(
                meeting=board,
                plan=world.plan,
                version=version,
                title="t",
                page="",
                filename_stem="f",
                pdf="packs/x.pdf",
                pdf_sha256="0" * 64,
                xlsx="packs/x.xlsx",
                xlsx_sha256="0" * 64,
                published_by=world.manager,
                published_at=at(TODAY),
            )
        world.other_plan.bodies.add(board.body)

    assert_flat_queries(lambda u: client.get(u), url, grow=grow, warm=True)


def test_the_admin_lists_and_shows_a_pack_but_adds_none(db, admin_client):
    pack = factories.PublishedPackFactory()
    changelist = admin_client.get(reverse("admin:meetings_publishedpack_changelist"))
    assert changelist.status_code == 200 and pack.title.encode() in changelist.content
    change = admin_client.get(reverse("admin:meetings_publishedpack_change", args=[pack.pk]))
    assert change.status_code == 200 and pack.pdf_sha256.encode() in change.content
    assert admin_client.get(reverse("admin:meetings_publishedpack_add")).status_code == 403


def test_a_download_is_logged_with_who_and_what_as_evidence_downloads_are(db, client, caplog):
    pack = factories.PublishedPackFactory()
    reader = factories.UserFactory(roles=["Scrutiny member"])
    client.force_login(reader)
    request_log = logging.getLogger("improvement.requests")  # core/middleware.py
    request_log.addHandler(caplog.handler)
    try:
        with caplog.at_level("INFO", logger="improvement.requests"):
            response = client.get(reverse("pack_pdf", args=[pack.pk]))
    finally:
        request_log.removeHandler(caplog.handler)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 stand-in"
    logged = [r for r in caplog.records if getattr(r, "path", "") == response.request["PATH_INFO"]]
    assert logged and logged[0].user_id == reader.pk and logged[0].status == 200


def test_an_overdue_action_declared_on_track_is_listed_as_a_contradiction():
    from improvement.reports.pack import ExceptionRow

    row = ExceptionRow(
        plan_id=1,
        action_id=1,
        reference="1.1",
        title="T",
        priority="1. P",
        declared_status=Status.ON_TRACK,
        effective_status=Status.OFF_TRACK,
        target_date=d(6, 1),
        overdue=True,
        stale=False,
        lead="Lead officer",
        narrative="",
        narrative_at=None,
        days_overdue=14,
    )
    assert row.reasons == ["Overdue by 14 days", "Contradiction: declared on track but overdue"]
