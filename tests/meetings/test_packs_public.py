"""The public page of a published pack (issue 17.6): exactly what was published, nothing
confidential, staff by role if the body chooses, a robots setting, no cookie, and 404 for
anything not published for the public."""

import pytest
from django.urls import reverse

from improvement.services.actions import progress_update_post
from improvement.status import Status
from meetings.models import Body
from meetings.services_packs import publish_pack, withdraw_pack
from tests import factories
from tests.improvement.scrutiny_data import TODAY, at, build_world, d
from tests.meetings.test_packs import published_part


@pytest.fixture
def world(db, fixed_today):
    fixed_today(TODAY)
    return build_world()


@pytest.fixture
def published(world):
    body = factories.BodyFactory(name="Northdale Improvement Board", publishes_packs=True)
    body.plans.add(world.plan)
    factories.MeetingFactory(body=body, date=d(4, 30), papers_date=d(4, 23))
    meeting = factories.MeetingFactory(body=body, date=d(6, 20), papers_date=TODAY)
    return publish_pack(
        meeting=meeting, plan=world.plan, user=world.manager, cover_note="For the public"
    )


def test_anyone_reads_the_published_pack_with_no_cookie_and_the_robots_setting(
    world, published, client
):
    response = client.get(reverse("public_pack", args=[published.uuid]))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert b'<meta name="robots" content="noindex">' in response.content
    assert not response.cookies  # no session, no CSRF cookie
    content = response.content.decode()
    assert "For the public" in content and world.plan.title in content
    assert "Sign out" not in content and 'href="/dashboard/"' not in content
    pdf = client.get(reverse("public_pack_pdf", args=[published.uuid]))
    assert pdf.status_code == 200 and pdf["X-Robots-Tag"] == "noindex"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_the_robots_setting_is_one_setting(world, published, client, settings):
    settings.PUBLIC_PACKS_ROBOTS = "all"
    response = client.get(reverse("public_pack", args=[published.uuid]))
    assert response["X-Robots-Tag"] == "all" and b'content="all"' in response.content


def test_the_public_page_has_no_confidential_item_and_no_staff_name(world, published, client):
    content = client.get(reverse("public_pack", args=[published.uuid])).content.decode()
    assert world.secret_action.title not in content
    assert "Unpublished monitoring visit" not in content
    for person in (world.lead, world.manager, world.scrutiny):
        assert person.full_name not in content


def test_the_public_page_is_what_was_published_not_live_data(world, published, client):
    url = reverse("public_pack", args=[published.uuid])
    before = published_part(client.get(url))
    action = world.actions["a4"]
    action.description = "Renamed after publishing"
    action.save()
    progress_update_post(
        action=action,
        author=world.lead,
        narrative="Later",
        status=Status.OFF_TRACK,
        at=at(TODAY, 15),
    )
    assert published_part(client.get(url)) == before


def test_a_body_that_does_not_publish_answers_404(world, published, client):
    Body.objects.filter(pk=published.meeting.body_id).update(publishes_packs=False)
    for name in ("public_pack", "public_pack_pdf", "public_pack_xlsx"):
        assert client.get(reverse(name, args=[published.uuid])).status_code == 404


def test_a_withdrawn_version_answers_404_and_stays_listed(world, published, client):
    withdraw_pack(pack=published, reason="Published in error")
    assert client.get(reverse("public_pack", args=[published.uuid])).status_code == 404
    client.force_login(world.scrutiny)
    listing = client.get(reverse("meeting_packs", args=[published.meeting_id])).content
    assert b"Withdrawn" in listing


def test_a_version_never_published_answers_404(db, client):
    import uuid

    assert client.get(reverse("public_pack", args=[uuid.uuid4()])).status_code == 404


def test_signed_in_pages_of_a_pack_still_need_sign_in(world, published, client):
    for url in (
        published.get_absolute_url(),
        reverse("pack_pdf", args=[published.pk]),
        reverse("meeting_packs", args=[published.meeting_id]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
