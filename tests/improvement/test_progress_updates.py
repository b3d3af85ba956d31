"""Posting progress updates: valid and invalid input, evidence, permissions, concurrency."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core import roles
from improvement.models import Evidence, ProgressUpdate
from improvement.services.actions import UpdateConflict, progress_update_post
from improvement.status import Status
from tests import factories

PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


def pdf(name="report.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def field_errors(response, name: str) -> str:
    """The text of the form group around field `name` (where GOV.UK puts its error)."""
    html = response.content.decode()
    start = html.index(f'id="div_id_{name}"')
    following = html.find('id="div_id_', start + 1)
    return html[start : following if following != -1 else len(html)]


def error_summary(response) -> str:
    html = response.content.decode()
    match = re.search(r'<div class="govuk-error-summary".*?</ul>', html, re.S)
    return match.group(0) if match else ""


@pytest.fixture
def action(db, officer):
    return factories.ActionFactory(leads=[officer])


@pytest.fixture
def url(action):
    return reverse("progress_update_create", args=[action.pk])


def valid(**changes):
    data = {
        "narrative": "Audited 20 strategy discussions.\nAll were held within a day.",
        "status": Status.ON_TRACK,
        "percent_complete": "40",
        "links": "",
        "seen_update": "",
    }
    data.update(changes)
    return data


# Posting -------------------------------------------------------------------------------


def test_lead_posts_an_update_with_files_and_links_and_the_action_takes_its_status(
    client, officer, action, url
):
    client.force_login(officer)
    links = "https://intranet.example.org/audit.pdf\n\n  https://example.org/minutes  \n"
    png = SimpleUploadedFile("chart.png", PNG_BYTES, content_type="image/png")
    response = client.post(
        url, valid(status=Status.AT_RISK, links=links, files=[pdf(), png]), follow=True
    )
    # The top of the page, where the success banner is: no fragment sending it off-screen.
    assert response.redirect_chain[-1][0] == action.get_absolute_url()
    assert "Your update has been posted" in response.content.decode()
    update = action.updates.get()
    assert update.author == officer
    assert update.narrative == "Audited 20 strategy discussions.\nAll were held within a day."
    assert update.status == Status.AT_RISK
    assert update.percent_complete == 40
    files = {e.original_name: e.content_type for e in update.evidence.exclude(file="")}
    assert files == {"report.pdf": "application/pdf", "chart.png": "image/png"}
    assert sorted(update.evidence.filter(file="").values_list("link", flat=True)) == [
        "https://example.org/minutes",
        "https://intranet.example.org/audit.pdf",
    ]
    action.refresh_from_db()
    assert action.declared_status == Status.AT_RISK
    assert action.percent_complete == 40


def test_percent_complete_is_optional(client, officer, action, url):
    client.force_login(officer)
    client.post(url, valid(percent_complete=""))
    assert action.updates.get().percent_complete is None


def test_updates_are_appended_never_replaced(client, officer, action, url):
    client.force_login(officer)
    client.post(url, valid(narrative="First"))
    first = action.updates.get()
    client.post(url, valid(narrative="Second", seen_update=str(first.pk)))
    assert list(action.updates.values_list("narrative", flat=True)) == ["Second", "First"]


@pytest.mark.parametrize(
    ("field", "data", "message"),
    [
        ("narrative", {"narrative": ""}, "Enter what has happened since the last update"),
        ("narrative", {"narrative": "   "}, "Enter what has happened since the last update"),
        ("narrative", {"narrative": "x" * 10_001}, "10,000 characters or fewer"),
        ("status", {"status": ""}, "Select a status"),
        ("status", {"status": "verified"}, "Select a status from the list"),
        ("percent_complete", {"percent_complete": "101"}, "must be 100 or less"),
        ("percent_complete", {"percent_complete": "-1"}, "must be 0 or more"),
        ("percent_complete", {"percent_complete": "abc"}, "whole number, like 40"),
        ("links", {"links": "not a link"}, "full web address starting with https://"),
        ("links", {"links": "https://ok.example.org\njavascript:alert(1)"}, "line 2 is not"),
    ],
)
def test_bad_input_gets_a_message_beside_the_field_and_keeps_what_was_typed(
    client, officer, action, url, field, data, message
):
    client.force_login(officer)
    response = client.post(url, valid(**data))
    assert response.status_code == 200
    assert message in field_errors(response, field)
    assert "govuk-form-group--error" in field_errors(response, field)
    assert message in error_summary(response)
    assert not action.updates.exists()
    if field != "narrative":  # what was typed is still there
        assert "Audited 20 strategy discussions." in response.content.decode()


def test_a_spoofed_file_is_refused_beside_the_files_field(client, officer, action, url):
    client.force_login(officer)
    html = SimpleUploadedFile("report.pdf", b"<html><script>alert(1)</script></html>")
    response = client.post(url, valid(files=[pdf("good.pdf"), html]))
    assert response.status_code == 200
    assert "“report.pdf” is not a real PDF" in field_errors(response, "files")
    assert "choose them again" in response.content.decode()
    assert not ProgressUpdate.objects.exists()
    assert not Evidence.objects.exists()


def test_a_png_renamed_pdf_is_refused(client, officer, action, url):
    client.force_login(officer)
    response = client.post(url, valid(files=[pdf("chart.pdf", PNG_BYTES)]))
    assert "“chart.pdf” is not a real PDF" in field_errors(response, "files")
    assert not ProgressUpdate.objects.exists()


def test_a_file_over_the_size_limit_is_refused(client, officer, action, url, settings):
    settings.EVIDENCE_MAX_BYTES = 1024
    client.force_login(officer)
    response = client.post(url, valid(files=[pdf("big.pdf", PDF_BYTES + b"0" * 1024)]))
    assert "must be smaller than 1.0" in field_errors(response, "files")
    assert not ProgressUpdate.objects.exists()


def test_the_form_says_evidence_must_not_hold_details_of_children(client, officer, url):
    client.force_login(officer)
    page = client.get(url).content.decode()
    assert "not about individual children" in page
    assert 'type="file"' in page and "multiple" in page


# Permissions ---------------------------------------------------------------------------


def test_a_member_of_the_lead_team_may_post(client, db):
    team = factories.TeamFactory()
    member = factories.UserFactory(roles=[roles.OFFICER], teams=[team])
    action = factories.ActionFactory(lead_team=team)
    client.force_login(member)
    response = client.post(reverse("progress_update_create", args=[action.pk]), valid())
    assert response.status_code == 302
    assert action.updates.get().author == member


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (roles.OFFICER, 403),  # an officer who does not lead this action
        (roles.PLAN_MANAGER, 302),
        (roles.SCRUTINY, 403),
        (roles.AUDITOR, 403),
    ],
)
def test_only_leads_and_plan_managers_may_post(client, action, url, role, expected):
    client.force_login(factories.UserFactory(roles=[role]))
    assert client.post(url, valid()).status_code == expected
    assert action.updates.exists() == (expected == 302)


def test_an_administrator_may_not_post(client, action, url, admin_user):
    client.force_login(admin_user)
    assert client.post(url, valid()).status_code == 403
    assert client.get(url).status_code == 403


def test_scrutiny_gets_404_for_an_update_on_a_confidential_action(client, scrutiny, db):
    secret = factories.RecommendationFactory(
        inspection=factories.InspectionFactory(is_confidential=True)
    )
    action = factories.ActionFactory(recommendations=[secret])
    client.force_login(scrutiny)
    response = client.post(reverse("progress_update_create", args=[action.pk]), valid())
    assert response.status_code == 404


@pytest.mark.parametrize("role", [roles.SCRUTINY, roles.AUDITOR])
def test_readers_never_see_the_form_on_the_action_page(client, action, role):
    client.force_login(factories.UserFactory(roles=[role]))
    page = client.get(action.get_absolute_url()).content.decode()
    assert 'id="post-update"' not in page
    assert "progress_update" not in page and "/update/" not in page


def test_the_lead_sees_the_form_on_the_action_page(client, officer, action):
    client.force_login(officer)
    page = client.get(action.get_absolute_url()).content.decode()
    assert 'id="post-update"' in page
    assert f'action="{reverse("progress_update_create", args=[action.pk])}"' in page
    assert 'enctype="multipart/form-data"' in page


# Someone else posted in the meantime ---------------------------------------------------------


def colleague_posts(action, narrative="Colleague's news"):
    colleague = factories.UserFactory(full_name="Cara Colleague", roles=[roles.OFFICER])
    return progress_update_post(
        action=action, author=colleague, narrative=narrative, status=Status.OFF_TRACK
    )


def test_officer_is_warned_when_a_colleague_posted_after_the_form_was_opened(
    client, officer, action, url
):
    client.force_login(officer)
    page = client.get(url).content.decode()
    assert 'name="seen_update"' in page  # the form carries what the officer saw (nothing)
    colleague_posts(action)
    response = client.post(url, valid(narrative="My own news", files=[pdf()]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else has posted an update on this action" in html
    assert "Colleague&#x27;s news" in html and "Cara Colleague" in html
    assert "My own news" in html  # nothing typed is lost
    assert "Your files were not kept. Choose them again" in html
    assert 'name="confirm"' in html
    assert action.updates.count() == 1


def test_posting_anyway_needs_the_confirmation_and_then_succeeds(client, officer, action, url):
    client.force_login(officer)
    seen = colleague_posts(action, "Before the form")
    newer = colleague_posts(action, "After the form")
    response = client.post(url, valid(narrative="Mine", seen_update=str(seen.pk)))
    assert "After the form" in response.content.decode()
    # The re-shown form now records the colleague's update as seen.
    assert f'name="seen_update" value="{newer.pk}"' in response.content.decode()

    unconfirmed = valid(narrative="Mine", seen_update=str(newer.pk), conflict_shown="True")
    response = client.post(url, unconfirmed)
    assert "Confirm that you have read your colleague" in field_errors(response, "confirm")
    assert "After the form" in response.content.decode()
    assert action.updates.count() == 2

    confirmed = {**unconfirmed, "confirm": "on"}
    assert client.post(url, confirmed).status_code == 302
    assert action.updates.first().narrative == "Mine"


def test_confirming_does_not_cover_a_further_update_posted_meanwhile(client, officer, action, url):
    client.force_login(officer)
    seen = colleague_posts(action, "Seen")
    colleague_posts(action, "Third colleague post")
    response = client.post(
        url, valid(seen_update=str(seen.pk), conflict_shown="True", confirm="on")
    )
    assert "Third colleague post" in response.content.decode()
    assert action.updates.count() == 2


def test_the_service_refuses_to_post_over_an_unseen_update(officer, action):
    seen = colleague_posts(action)
    newer = colleague_posts(action, "newer")
    with pytest.raises(UpdateConflict) as conflict:
        progress_update_post(
            action=action,
            author=officer,
            narrative="Mine",
            status=Status.ON_TRACK,
            seen_update_id=seen.pk,
        )
    assert conflict.value.newer == [newer]
    progress_update_post(
        action=action,
        author=officer,
        narrative="Mine",
        status=Status.ON_TRACK,
        seen_update_id=newer.pk,
    )
    assert action.updates.count() == 3


def test_an_empty_file_is_named_in_its_message(client, officer, action, url):
    client.force_login(officer)
    empty = SimpleUploadedFile("notes.txt", b"", content_type="text/plain")
    response = client.post(url, valid(files=[empty]))
    assert "“notes.txt” is empty" in field_errors(response, "files")
