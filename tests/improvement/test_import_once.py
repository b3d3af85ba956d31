"""Confirming one import preview twice imports once (issue 19 item 7).

A double click on "Import the plan" sent two confirms of the same preview; both read the
session and the stored file before either finished, and two plans with the same title and
the same actions were made (the title was checked only in the upload form). The confirm now
spends the upload's token by inserting a unique ImportReceipt in the import's transaction.
"""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from improvement.importing import parse_plan_file
from improvement.models import Action, ImportReceipt, Plan
from improvement.services.import_uploads import SESSION_KEY
from improvement.services.imports import AlreadyImported, plan_import
from tests import factories
from tests.improvement.import_files import csv_bytes

pytestmark = pytest.mark.django_db

ROWS = [
    ["Priority", "Action", "RAG"],
    ["1. Front door", "Daily strategy meeting", "G"],
    ["", "Out of hours protocol", "A"],
]
TOKEN = "A" * 32


def parsed():
    return parse_plan_file(csv_bytes(ROWS), "plan.csv")


def test_a_second_import_with_the_same_token_writes_nothing_and_names_the_first_plan(manager):
    first = plan_import(parse_result=parsed(), user=manager, plan_title="P", receipt_token=TOKEN)

    with pytest.raises(AlreadyImported) as already:
        plan_import(parse_result=parsed(), user=manager, plan_title="P", receipt_token=TOKEN)

    assert already.value.receipt.plan == first.plan
    assert Plan.objects.count() == 1
    assert Action.objects.count() == 2
    assert ImportReceipt.objects.get().user == manager


def test_adding_to_a_plan_twice_with_the_same_token_adds_once(manager):
    plan = factories.PlanFactory(title="Existing")
    plan_import(parse_result=parsed(), user=manager, plan=plan, receipt_token=TOKEN)

    with pytest.raises(AlreadyImported):
        plan_import(parse_result=parsed(), user=manager, plan=plan, receipt_token=TOKEN)

    assert Action.objects.filter(priority__plan=plan).count() == 2


# --------------------------------------------------------------------------------------
# Through the pages
# --------------------------------------------------------------------------------------


@pytest.fixture
def preview_url(client, manager):
    client.force_login(manager)
    upload = SimpleUploadedFile("plan.csv", csv_bytes(ROWS))
    return client.post(reverse("plan_import"), {"file": upload, "plan_title": "P"})["Location"]


def test_confirming_twice_in_a_row_makes_one_plan(client, preview_url):
    first = client.post(preview_url, {})
    second = client.post(preview_url, {}, follow=True)

    plan = Plan.objects.get()
    assert Action.objects.count() == 2
    assert second.redirect_chain[-1][0] == first["Location"]
    assert "This import has already been confirmed" in second.content.decode()
    assert plan.title == "P"


def test_a_double_click_that_read_the_preview_before_the_first_finished_makes_one_plan(
    client, preview_url, settings
):
    """The second confirm still holds the session entry and the stored file the first one
    spends: only the receipt stops it."""
    token = preview_url.rstrip("/").rsplit("/", 1)[1]
    pending = dict(client.session[SESSION_KEY])
    stored = (settings.MEDIA_ROOT / "imports" / f"{token}.upload").read_bytes()

    first = client.post(preview_url, {})
    session = client.session
    session[SESSION_KEY] = pending
    session.save()
    (settings.MEDIA_ROOT / "imports" / f"{token}.upload").write_bytes(stored)
    second = client.post(preview_url, {})

    assert Plan.objects.count() == 1
    assert Action.objects.count() == 2
    assert second["Location"] == first["Location"]
    assert not (settings.MEDIA_ROOT / "imports" / f"{token}.upload").exists()


def test_another_persons_confirmed_token_still_answers_404(client, preview_url):
    client.post(preview_url, {})
    client.force_login(factories.UserFactory(roles=["Plan manager"]))

    assert client.post(preview_url, {}).status_code == 404


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one writer at a time")
def test_two_confirms_at_once_on_postgresql_make_one_plan(manager):
    start = threading.Barrier(2)
    outcomes = []

    def confirm():
        try:
            start.wait(timeout=10)
            plan_import(parse_result=parsed(), user=manager, plan_title="P", receipt_token=TOKEN)
            outcomes.append("imported")
        except AlreadyImported:
            outcomes.append("already")
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == ["already", "imported"]
    assert Plan.objects.count() == 1
    assert Action.objects.count() == 2
