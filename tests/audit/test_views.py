"""The audit trail page and its CSV export."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from accounts.models import Organisation
from audit.models import SignInEvent
from core import roles
from improvement.models import Action
from tests import factories
from tests.audit.trail import IP, signed_in_request

pytestmark = pytest.mark.django_db


def test_the_audit_trail_page_lists_changes_newest_first_with_links(client, auditor):
    lead = factories.UserFactory(roles=[roles.OFFICER])
    action = factories.ActionFactory(leads=[lead])
    action.description = "Audit every strategy discussion."
    action.save()
    client.force_login(auditor)

    response = client.get(reverse("audit_trail"), {"record_type": "improvement.action"})

    assert response.status_code == 200
    page = response.context["page"]
    assert page.entries[0].kind_label == "Changed"
    assert page.entries[0].record_url == reverse("action_detail", args=[action.pk])
    html = response.content.decode()
    assert f'href="{reverse("action_detail", args=[action.pk])}"' in html
    assert "Audit every strategy discussion." in html


def test_the_page_filters_by_person_type_record_and_dates(client, auditor, manager):
    with signed_in_request(manager):
        kept = factories.PlanFactory(title="Kept plan")
    with signed_in_request(auditor):
        factories.PlanFactory(title="Other plan")
    client.force_login(auditor)

    def shown(**query):
        response = client.get(reverse("audit_trail"), query)
        assert response.status_code == 200
        return [(e.source_key, e.record_id) for e in response.context["page"].entries]

    assert shown(person="mina", record_type="improvement.plan") == [("improvement.plan", kept.pk)]
    assert shown(record_type="improvement.plan", record_id=kept.pk) == [
        ("improvement.plan", kept.pk)
    ]
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    assert shown(since=tomorrow) == []
    assert len(shown(until=tomorrow, record_type="improvement.plan")) == 2


def test_bad_filters_get_a_message_beside_the_field_not_an_error(client, auditor):
    client.force_login(auditor)
    response = client.get(
        reverse("audit_trail"), {"since": "31/02/2026", "until": "1/1/2020", "record_id": "x"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter the start date as a real date" in html
    assert "Enter the record number as a whole number" in html


def test_the_page_takes_the_same_number_of_queries_at_100_and_10000_entries(client, auditor):
    client.force_login(auditor)
    _make_entries(100)
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("audit_trail")).status_code == 200
    _make_entries(10_000)
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse("audit_trail"))
    assert response.status_code == 200
    assert len(response.context["page"].entries) == 50
    assert len(large) == len(small), [q["sql"][:120] for q in large.captured_queries]


def _make_entries(count: int) -> None:
    """`count` audit entries of several kinds, written in bulk with their history."""
    first = Organisation.objects.count()
    organisations = bulk_create_with_history(
        [Organisation(name=f"Bulk organisation {first + n}") for n in range(count // 2)],
        Organisation,
        batch_size=1000,
    )
    priority = factories.PriorityFactory()
    start = Action.objects.filter(priority=priority).count()
    bulk_create_with_history(
        [
            Action(priority=priority, order=start + n + 1, description=f"Bulk action {n}")
            for n in range(count - len(organisations) - 1)
        ],
        Action,
        batch_size=1000,
    )
    SignInEvent.objects.create(kind="failed", email="someone@example.org")


def test_csv_export_has_every_entry_with_its_changes(client, auditor, manager):
    with signed_in_request(manager):
        plan = factories.PlanFactory(title="Exported plan")
        plan.title = "=HYPERLINK(bad)"
        plan.save()
    client.force_login(auditor)

    response = client.get(reverse("audit_trail_csv"), {"record_type": "improvement.plan"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["Time", "What happened", "Record type"]
    changed = rows[1]
    assert changed[1] == "Changed" and changed[3] == str(plan.pk)
    assert changed[5] == "Mina Manager" and changed[6] == IP
    assert changed[7] == "Title: Exported plan -> =HYPERLINK(bad)"
    assert changed[4] == "'=HYPERLINK(bad)"  # a cell that would run as a formula is defused
    assert all(not cell.startswith("=") for row in rows for cell in row)
