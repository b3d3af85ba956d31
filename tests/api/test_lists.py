"""What a client of the lists relies on: statuses from the same rules as the pages, cursor
pages with `next`, a page size cap, `updated_since`, the web list's filters, streamed
formula-safe CSV, and evidence downloads that check the token's user."""

import csv
import datetime as dt
import io

import pytest
from django.core.files.base import ContentFile
from django.http import StreamingHttpResponse

from api.csv import CHUNK
from core import roles
from improvement.models import Action
from improvement.status import Status
from tests import factories
from tests.api.helpers import bearer

TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def headers(manager):
    return bearer(manager)


def test_an_action_carries_the_status_rules_answers(client, headers, fixed_today):
    fixed_today(TODAY)
    action = factories.ActionFactory(
        target_date=dt.date(2026, 5, 1), declared_status=Status.ON_TRACK, percent_complete=10
    )
    factories.TargetDateChangeFactory(action=action)
    factories.TargetDateChangeFactory(action=action)
    row = client.get(f"/api/v1/actions/{action.pk}/", **headers).json()
    assert row["declared_status"] == "on_track"
    assert row["effective_status"] == "off_track"  # overdue counts as off track
    assert row["overdue"] is True
    assert row["stale"] is action.is_stale(TODAY)
    assert row["contradictions"] == [
        "Declared on track, but the target date has passed.",
        "The target date has been moved 2 times.",
    ]
    assert row["pace"] == {
        "percent_complete": 10,
        "percent_time_elapsed": 100,
        "points_behind": 90,
        "behind": True,
    }
    assert row["original_target_date"] == str(action.original_target_date)
    assert row["target_date"] == "2026-05-01"


def test_pages_follow_next_in_a_stable_order_up_to_the_cap(client, headers, settings):
    priority = factories.PriorityFactory()
    for _ in range(5):
        factories.ActionFactory(priority=priority)
    url, seen = "/api/v1/actions/?page_size=2", []
    while url:
        body = client.get(url, **headers).json()
        assert len(body["results"]) <= 2
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert seen == sorted(Action.objects.values_list("pk", flat=True))
    big = client.get("/api/v1/actions/?page_size=1000000", **headers)
    assert big.status_code == 200  # capped at API_MAX_PAGE_SIZE, not refused


def test_updated_since_keeps_only_changes_at_or_after_the_moment(client, headers):
    old = factories.ProgressUpdateFactory(created_at=factories.moment(dt.date(2026, 1, 1)))
    new = factories.ProgressUpdateFactory(created_at=factories.moment(dt.date(2026, 3, 1)))
    body = client.get("/api/v1/progress-updates/?updated_since=2026-02-01", **headers).json()
    assert [row["id"] for row in body["results"]] == [new.pk]
    body = client.get(
        "/api/v1/progress-updates/?updated_since=2025-12-31T23:00:00Z", **headers
    ).json()
    assert {row["id"] for row in body["results"]} == {old.pk, new.pk}
    refused = client.get("/api/v1/progress-updates/?updated_since=1066-10-14", **headers)
    assert refused.status_code == 400 and "updated_since" in refused.json()


def test_the_action_list_filters_are_the_web_lists(client, headers, fixed_today):
    fixed_today(TODAY)
    late = factories.ActionFactory(target_date=dt.date(2026, 5, 1))
    factories.ActionFactory(priority=late.priority, target_date=dt.date(2026, 9, 1))
    body = client.get("/api/v1/actions/?overdue=1", **headers).json()
    assert [row["id"] for row in body["results"]] == [late.pk]
    body = client.get("/api/v1/actions/?status=off_track", **headers).json()
    assert [row["id"] for row in body["results"]] == [late.pk]
    draft = factories.ActionFactory(priority=factories.PriorityFactory(plan__status="draft"))
    assert draft.pk not in [
        r["id"] for r in client.get("/api/v1/actions/", **headers).json()["results"]
    ]
    scoped = client.get("/api/v1/actions/?include_draft=1", **headers).json()["results"]
    assert draft.pk in [row["id"] for row in scoped]


def test_csv_streams_every_row_with_formulas_made_safe(client, headers, monkeypatch):
    monkeypatch.setattr("api.csv.CHUNK", 2)  # several queries' worth of rows
    priority = factories.PriorityFactory()
    for n in range(5):
        factories.ActionFactory(priority=priority, description=f'=HYPERLINK("x") {n}')
    response = client.get("/api/v1/actions/?format=csv", **headers)
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="actions.csv"' in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 5
    assert all(row["description"].startswith("'=HYPERLINK") for row in rows)
    assert rows[0]["lead_team.name"] == "" and rows[0]["declared_status"] == "not_started"
    assert CHUNK >= 1000


def test_evidence_downloads_only_for_those_who_may_read_the_action(client, manager):
    secret = factories.RecommendationFactory(
        inspection=factories.InspectionFactory(is_confidential=True)
    )
    action = factories.ActionFactory(recommendations=[secret])
    evidence = factories.EvidenceFactory(
        update=factories.ProgressUpdateFactory(action=action),
        link="",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="report.pdf"),
        original_name="report.pdf",
        content_type="application/pdf",
    )
    update = client.get(f"/api/v1/progress-updates/{evidence.update_id}/", **bearer(manager))
    link = update.json()["evidence"][0]["download_url"]
    assert link.endswith(f"/api/v1/evidence/{evidence.pk}/download/")
    response = client.get(link, **bearer(manager))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    scrutiny = factories.UserFactory(roles=[roles.SCRUTINY])
    assert client.get(link, **bearer(scrutiny)).status_code == 404
    assert client.get(link).status_code == 401


def test_the_csv_lists_only_the_recommendations_the_reader_may_see(client, db):
    public = factories.RecommendationFactory()
    secret = factories.RecommendationFactory(
        inspection=factories.InspectionFactory(is_confidential=True)
    )
    lead = factories.UserFactory(full_name="Zed Lead")
    factories.ActionFactory(recommendations=[public, secret], leads=[lead])

    def csv_row(user):
        response = client.get("/api/v1/actions/?format=csv", **bearer(user))
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        return next(csv.DictReader(io.StringIO(text)))

    scrutiny = factories.UserFactory(roles=[roles.SCRUTINY])
    auditor = factories.UserFactory(roles=[roles.AUDITOR])
    assert csv_row(scrutiny)["recommendations"] == str(public.pk)
    assert csv_row(auditor)["recommendations"] == f"{public.pk}; {secret.pk}"
    assert csv_row(scrutiny)["lead_officers"] == "Zed Lead"
