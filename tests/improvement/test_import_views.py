"""The web import: upload, preview every row with its problems, confirm; nothing written before."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from improvement.importing import parse as parse_module
from improvement.models import Action, Plan
from improvement.services.import_uploads import SESSION_KEY
from tests import factories
from tests.improvement.import_files import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

GOOD = [
    ["Priority", "Action", "Lead", "Target date", "RAG"],
    ["1. Front door", "Daily strategy meeting", "Olu Officer, Named Nurse", "30/07/2027", "G"],
    ["", "Out of hours protocol", "Olu Officer", "March 2027", "A"],
    ["2. Care", "Recruit foster carers", "", "Immediate", "Blue"],
]
BAD = [
    GOOD[0],
    GOOD[1],
    ["", "Out of hours protocol", "Olu Officer", "31/13/2027", "A"],
    ["2. Care", "Recruit foster carers", "", "Immediate", "Purple"],
]


def upload(client, rows=GOOD, *, name="plan.csv", data=None, **fields):
    content = (
        data if data is not None else (xlsx_bytes if name.endswith("xlsx") else csv_bytes)(rows)
    )
    post = {"file": SimpleUploadedFile(name, content), "plan_title": "Imported plan", **fields}
    return client.post(reverse("plan_import"), post)


def stored_uploads(settings) -> list:
    folder = settings.MEDIA_ROOT / "imports"
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.fixture
def signed_in(client, manager, officer):
    client.force_login(manager)
    return client


def test_upload_stores_the_file_under_a_token_and_shows_the_preview(signed_in, settings):
    response = upload(signed_in)

    assert response.status_code == 302
    token = response["Location"].rstrip("/").rsplit("/", 1)[1]
    assert response["Location"] == reverse("plan_import_preview", args=[token])
    assert [path.name for path in stored_uploads(settings)] == [
        f"{token}.parsed.json",
        f"{token}.upload",
    ]
    assert signed_in.session[SESSION_KEY][token]["plan_title"] == "Imported plan"
    assert not Plan.objects.exists()

    preview = signed_in.get(response["Location"])

    assert preview.status_code == 200
    summary = preview.context["summary"]
    assert (summary.priorities_created, summary.actions, summary.updates) == (2, 3, 3)
    assert summary.leads_matched == {"olu officer": "Olu Officer"}
    assert summary.leads_as_text == ["Named Nurse"]
    html = preview.content.decode()
    for row in (2, 3, 4):
        assert f'id="row-{row}"' in html
    assert "Skip the" not in html
    assert not Plan.objects.exists()


def test_confirm_imports_deletes_the_file_and_redirects_to_the_new_plan(signed_in, settings):
    preview_url = upload(signed_in)["Location"]

    response = signed_in.post(preview_url, {})

    plan = Plan.objects.get(title="Imported plan")
    assert Action.objects.filter(priority__plan=plan).count() == 3
    assert response.status_code == 302
    assert response["Location"] in (
        f"/plans/{plan.pk}/",
        reverse("action_list") + f"?plan={plan.pk}",
    )
    assert stored_uploads(settings) == []
    assert signed_in.session[SESSION_KEY] == {}
    message = list(response.wsgi_request._messages)[0].message
    assert message.startswith("Created plan “Imported plan”: 2 priorities, 3 actions")
    # The token is spent: confirming again imports nothing and leads to the same plan.
    again = signed_in.post(preview_url, {})
    assert again["Location"] == response["Location"]
    assert Plan.objects.count() == 1


def test_the_preview_lists_every_problem_with_its_row_and_column(signed_in):
    preview = signed_in.get(upload(signed_in, BAD)["Location"])

    html = preview.content.decode()
    assert "2 rows in the file have problems" in html
    assert "Row 3, Target date: Enter a real date, like 30/07/2027 or July 2027" in html
    assert "Row 4, RAG: Status must be one of" in html
    assert 'href="#row-3"' in html
    assert "Skip the 2 rows with problems" in html
    assert preview.context["problem_row_count"] == 2
    assert [item.row.row for item in preview.context["rows"]] == [2, 3, 4]


def test_rows_with_problems_are_only_skipped_when_the_manager_says_so(signed_in, settings):
    preview_url = upload(signed_in, BAD)["Location"]

    refused = signed_in.post(preview_url, {})

    assert refused.status_code == 200
    assert refused.context["form"].errors["skip_problem_rows"] == [
        "Select “Skip the 2 rows with problems”, or upload a corrected file"
    ]
    assert not Plan.objects.exists()
    assert len(stored_uploads(settings)) == 2  # the file and its parse

    signed_in.post(preview_url, {"skip_problem_rows": "on"})

    assert list(Action.objects.values_list("description", flat=True)) == ["Daily strategy meeting"]


def test_a_corrected_file_can_be_uploaded_from_the_preview(signed_in):
    preview = signed_in.get(upload(signed_in, BAD)["Location"])
    assert preview.context["reupload_url"] == reverse("plan_import") + "?title=Imported+plan"

    form = signed_in.get(preview.context["reupload_url"]).context["form"]
    assert form.initial["plan_title"] == "Imported plan"


def test_actions_can_be_added_to_an_existing_plan(signed_in):
    plan = factories.PlanFactory(title="Existing plan")

    preview_url = upload(signed_in, plan_title="", plan=plan.pk)["Location"]
    signed_in.post(preview_url, {})

    assert Action.objects.filter(priority__plan=plan).count() == 3
    assert Plan.objects.count() == 1


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"name": "plan.pdf", "data": b"%PDF-1.4"}, "file", "must be an Excel (.xlsx) or CSV"),
        ({"name": "plan.csv", "data": b"%PDF-1.4"}, "file", "This file is a PDF."),
        ({"name": "plan.xlsx", "data": b"PK\x03\x04broken"}, "file", "The file is damaged"),
        ({"name": "plan.csv", "data": b"\xef\xbb\xbf  \r\n"}, "file", "The file is empty"),
        (
            {"rows": [["Priority", "Lead"], ["1. A", "Olu Officer"]]},
            "file",
            "The file must have a Action column",
        ),
        ({"plan_title": ""}, "plan_title", "Enter a title for the new plan, or choose a plan"),
    ],
    ids=["wrong-extension", "pdf-renamed", "broken-xlsx", "empty", "missing-column", "no-title"],
)
def test_files_that_cannot_be_imported_are_refused_beside_the_field(
    signed_in, settings, kwargs, field, message
):
    response = upload(signed_in, **kwargs)

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert "There is a problem" in response.content.decode()
    assert stored_uploads(settings) == []


def test_a_title_already_used_or_both_choices_are_refused(signed_in):
    plan = factories.PlanFactory(title="Plan 2026")

    taken = upload(signed_in, plan_title="plan 2026")
    both = upload(signed_in, plan_title="New", plan=plan.pk)

    assert (
        "A plan called “plan 2026” already exists" in taken.context["form"].errors["plan_title"][0]
    )
    assert both.context["form"].errors["plan_title"] == [
        "Enter a title for a new plan or choose an existing plan, not both"
    ]


def test_an_upload_too_big_is_refused(signed_in, settings):
    settings.IMPORT_MAX_BYTES = 100
    response = upload(signed_in)

    assert response.context["form"].errors["file"] == [
        "The selected file must be smaller than 10 MB"
    ]


def test_another_persons_token_answers_404(client, signed_in, manager):
    preview_url = upload(signed_in)["Location"]
    other = factories.UserFactory(roles=["Plan manager"])
    client.force_login(other)

    assert client.get(preview_url).status_code == 404
    assert client.post(preview_url, {}).status_code == 404
    assert not Plan.objects.exists()


def test_a_lost_upload_asks_for_the_file_again(signed_in, settings):
    preview_url = upload(signed_in)["Location"]
    for path in stored_uploads(settings):
        path.unlink()

    response = signed_in.get(preview_url)

    assert response.status_code == 302
    assert response["Location"] == reverse("plan_import")


@pytest.fixture
def count_reads(monkeypatch):
    """How many times an uploaded file's bytes have been read as a spreadsheet."""
    reads = []
    read_rows = parse_module.read_rows

    def counting(*args, **kwargs):
        reads.append(1)
        return read_rows(*args, **kwargs)

    monkeypatch.setattr(parse_module, "read_rows", counting)
    return reads


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_file_is_parsed_once_however_often_the_preview_is_viewed(signed_in, count_reads, fmt):
    preview_url = upload(signed_in, BAD, name=f"plan.{fmt}")["Location"]
    assert len(count_reads) == 1  # at upload, to refuse a file that is not a plan

    for _ in range(3):
        preview = signed_in.get(preview_url)
        assert preview.context["problem_row_count"] == 2
    signed_in.post(preview_url, {"skip_problem_rows": "on"})

    assert len(count_reads) == 1
    assert Action.objects.count() == 1  # the row without problems


def test_an_upload_kept_without_its_parse_is_parsed_once_more(signed_in, settings, count_reads):
    preview_url = upload(signed_in)["Location"]
    for path in stored_uploads(settings):
        if path.name.endswith(".parsed.json"):
            path.write_text("not what this code wrote")

    assert signed_in.get(preview_url).context["summary"].actions == 3
    assert signed_in.get(preview_url).context["summary"].actions == 3
    assert len(count_reads) == 2


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_both_formats_import_the_same(signed_in, fmt):
    signed_in.post(upload(signed_in, name=f"plan.{fmt}")["Location"], {})

    assert sorted(Action.objects.values_list("description", flat=True)) == [
        "Daily strategy meeting",
        "Out of hours protocol",
        "Recruit foster carers",
    ]


def test_the_sample_spreadsheet_can_be_downloaded(signed_in):
    response = signed_in.get(reverse("plan_import_sample"))

    assert response["Content-Disposition"] == 'attachment; filename="sample-import.xlsx"'
    assert b"".join(response.streaming_content).startswith(b"PK")
