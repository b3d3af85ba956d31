"""Imported progress is the import's, not the importer's (issue 18 item 5).

The Progress column of a file became an update "by" whoever ran the import, dated that
day, as if they had written it. Now it has no author, is credited to "Import of <file>",
says where it came from on the action's timeline, and the audit trail names the import.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone

from audit.selectors import AuditFilters, audit_page, audit_rows
from improvement.importing import parse_plan_file
from improvement.models import Action, ProgressUpdate
from improvement.services.actions import progress_update_post
from improvement.services.imports import plan_import
from improvement.status import Status
from tests import factories
from tests.improvement.import_files import csv_bytes

pytestmark = pytest.mark.django_db

ROWS = [
    ["Priority", "Action", "Lead", "Progress", "RAG"],
    ["1. Front door", "Daily strategy meeting", "Olu Officer", "Meetings began in March", "A"],
]


@pytest.fixture
def imported(manager, officer, fixed_today):
    fixed_today(dt.date(2026, 6, 1))
    result = parse_plan_file(csv_bytes(ROWS), "Front door plan.csv")
    plan_import(
        parse_result=result, user=manager, plan_title="Imported", filename="Front door plan.csv"
    )
    return Action.objects.get(priority__plan__title="Imported")


def test_the_imported_update_is_credited_to_the_import_not_a_person(imported, manager):
    update = imported.updates.get()

    assert update.author is None
    assert update.author_name == "Import of Front door plan.csv"
    assert update.imported_from == "Front door plan.csv"
    assert (update.narrative, update.status) == ("Meetings began in March", Status.AT_RISK)
    assert "Mina Manager" not in update.author_name


def test_the_action_page_shows_where_the_update_came_from(imported, client, officer):
    client.force_login(officer)
    update = imported.updates.get()
    day = dateformat.format(timezone.localtime(update.created_at), "j F Y")

    html = client.get(reverse("action_detail", args=[imported.pk])).content.decode()

    assert (
        f"Imported from Front door plan.csv on {day}, originally written before {day}. "
        "Status in the spreadsheet: At risk."
    ) in html
    assert "from an imported spreadsheet" in html
    assert "by Mina Manager" not in html


def test_the_audit_trail_names_the_import_as_the_actor(imported, auditor, manager):
    entries = audit_page(
        audit_rows(AuditFilters(record_type="improvement.progressupdate")), auditor
    ).entries

    assert [e.actor_name for e in entries] == ["Import of Front door plan.csv"]
    history = ProgressUpdate.history.get()
    assert history.history_user_name == "Import of Front door plan.csv"
    # Whoever ran the import is still recorded, as the creator of the action.
    assert imported.history.get().history_user_name == "Mina Manager"


def test_a_later_update_is_posted_and_credited_as_usual(imported, officer, client):
    progress_update_post(
        action=imported, author=officer, narrative="Now weekly", status=Status.ON_TRACK
    )
    imported.refresh_from_db()

    latest = imported.updates.first()
    assert (latest.author, latest.author_name, latest.imported_from) == (officer, "Olu Officer", "")
    assert imported.declared_status == Status.ON_TRACK
    client.force_login(officer)
    html = client.get(reverse("action_detail", args=[imported.pk])).content.decode()
    assert "by Olu Officer" in html
    assert html.count("Imported from Front door plan.csv") == 1


def test_an_update_posted_on_the_page_is_not_marked_imported(officer):
    action = factories.ActionFactory(leads=[officer])
    update = progress_update_post(
        action=action, author=officer, narrative="Started", status=Status.ON_TRACK
    )
    assert update.imported_from == ""
