"""The web import of published statistics: upload, preview with its findings, choices
(all indicators and "Total" by default), confirm; all or nothing; choices remembered."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core import roles
from jobs.kinds import Progress
from jobs.models import Job
from measures.job_kinds import PUBLISHED_IMPORT, run_published_import
from measures.models import ImportMapping, Measure, MeasureValue
from tests import factories
from tests.measures.files import neighbours_file, open_data
from tests.measures.test_import_measures import COLUMNS, rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client):
    user = factories.UserFactory(roles=[roles.PLAN_MANAGER])
    client.force_login(user)
    return user


@pytest.fixture
def neighbours(tmp_path):
    from io import StringIO

    from django.core.management import call_command

    path = tmp_path / "sn.csv"
    path.write_bytes(neighbours_file())
    call_command("import_statistical_neighbours", str(path), "--la-code", "991", stdout=StringIO())


def upload(client, data: bytes, name="cin_referrals.csv"):
    response = client.post(
        reverse("measure_import"),
        {"file": SimpleUploadedFile(name, data, "text/csv"), "la_code": "E06999901"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def test_preview_says_what_it_found_and_confirm_imports_totals(client, manager, neighbours):
    preview_url = upload(client, open_data(rows(), columns=COLUMNS, bom=True, quote_empty=True))
    page = client.get(preview_url)
    text = page.content.decode()
    assert "Northdale" in text and "Midshire" in text
    assert "10 of 10 found" in text
    assert "202425 Financial year" in text
    assert not MeasureValue.objects.exists()  # nothing written by the preview
    form = page.context["form"]
    data = {"confirm": "1", "indicators": ["referrals", "rereferral_percent"]}
    for bound in form.bound_filters():
        data[bound.html_name] = bound.initial
    for bound in form.bound_series():
        data[bound.html_name] = ""
    response = client.post(preview_url, data)
    assert response.status_code == 302
    keys = set(Measure.objects.values_list("series_key", flat=True))
    # "Total" only, by default: the "Under 1" series is left out.
    assert keys == {
        "referrals|category=Referrals|age_group=Total",
        "rereferral_percent|category=Referrals|age_group=Total",
    }
    remembered = ImportMapping.objects.get(file_name="cin_referrals.csv").choices
    assert remembered["filters"]["age_group"] == ["Total"]


def test_a_problem_in_the_file_is_shown_and_nothing_can_be_imported(client, manager, neighbours):
    bad = rows()
    bad[3] = bad[3] | {"referrals": "lots"}
    preview_url = upload(client, open_data(bad, columns=COLUMNS))
    text = client.get(preview_url).content.decode()
    assert "row 5, referrals" in text
    assert "Nothing can be imported" in text
    client.post(preview_url, {"confirm": "1", "indicators": ["referrals"]})
    assert not Measure.objects.exists()


def test_series_can_go_into_an_existing_measure(client, manager, neighbours):
    existing = factories.MeasureFactory(
        reference="CSC01", title="Re-referrals", data_source="published"
    )
    preview_url = upload(client, open_data(rows(), columns=COLUMNS))
    form = client.get(preview_url).context["form"]
    data = {"indicators": ["rereferral_percent"]}
    for bound in form.bound_filters():
        data[bound.html_name] = bound.initial
    # Updating the preview rebuilds the series from these choices: one, into CSC01.
    form = client.post(preview_url, data | {"update": "1"}).context["form"]
    assert len(form.bound_series()) == 1
    for bound in form.bound_series():
        data[bound.html_name] = "CSC01"
    response = client.post(preview_url, data | {"confirm": "1"})
    assert response.status_code == 302
    assert MeasureValue.objects.filter(measure=existing, area_code="991").count() == 2


def test_someone_elses_preview_is_not_found(client, manager, neighbours):
    preview_url = upload(client, open_data(rows(), columns=COLUMNS))
    client.force_login(factories.UserFactory(roles=[roles.PLAN_MANAGER]))
    assert client.get(preview_url).status_code == 404


def confirm_data(client, preview_url) -> dict:
    form = client.get(preview_url).context["form"]
    data = {"confirm": "1", "indicators": ["referrals", "rereferral_percent"]}
    for bound in form.bound_filters():
        data[bound.html_name] = bound.initial
    for bound in form.bound_series():
        data[bound.html_name] = ""
    return data


def test_confirm_runs_as_a_job_of_the_manager_in_their_downloads(client, manager, neighbours):
    preview_url = upload(client, open_data(rows(), columns=COLUMNS))

    response = client.post(preview_url, confirm_data(client, preview_url), follow=True)

    job = Job.objects.get()
    assert (job.owner, job.kind, job.status) == (manager, PUBLISHED_IMPORT, Job.Status.FINISHED)
    assert job.rows_done == job.rows_total == MeasureValue.objects.count() > 0
    assert job.result_note in response.content.decode()


def test_a_queued_import_waits_on_your_downloads_and_a_retry_writes_nothing_twice(
    client, manager, neighbours, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    preview_url = upload(client, open_data(rows(), columns=COLUMNS))

    response = client.post(preview_url, confirm_data(client, preview_url))

    assert response["Location"] == reverse("downloads")
    job = Job.objects.get()
    assert job.status == Job.Status.QUEUED and not MeasureValue.objects.exists()
    first = run_published_import(job, Progress(), manager)
    figures = MeasureValue.objects.count()
    again = run_published_import(job, Progress(), manager)
    assert MeasureValue.objects.count() == figures
    assert first.note.startswith(f"Imported {figures} new") and "Imported 0 new" in again.note
