"""Background jobs with the immediate backend: what a job makes, who may have it, its life.

The queue itself (real worker processes) is tested in test_workers.py.
"""

import datetime as dt
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from jobs import kinds, scheduler, services
from jobs.models import Job, ScheduledRun
from tests import factories
from tests.queries import assert_flat_queries

pytestmark = pytest.mark.django_db


def file_rows(job: Job) -> list[list]:
    with job.file.open("rb") as handle:
        sheet = load_workbook(io.BytesIO(handle.read())).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def column(rows, header):
    index = rows[0].index(header)
    return [row[index] for row in rows[1:]]


@pytest.fixture
def actions(officer):
    public = factories.RecommendationFactory(reference="R1")
    secret = factories.RecommendationFactory(
        reference="R2", inspection=factories.InspectionFactory(is_confidential=True)
    )
    shown = factories.ActionFactory(description="Public action", recommendations=[public, secret])
    factories.ActionFactory(
        priority=shown.priority, description="Secret action", recommendations=[secret]
    )
    return shown


def test_a_large_list_is_offered_in_the_background_and_a_small_one_downloads(
    client, manager, actions, settings
):
    client.force_login(manager)
    settings.JOB_EXPORT_THRESHOLD = 5
    small = client.get(reverse("action_export_xlsx"))
    assert small["Content-Disposition"].startswith("attachment")

    settings.JOB_EXPORT_THRESHOLD = 1
    offer = client.get(reverse("action_export_xlsx"))
    assert offer.status_code == 200
    assert b"Prepare the file" in offer.content
    assert not Job.objects.exists()


def test_the_export_job_makes_the_file_its_owner_downloads(client, manager, actions):
    client.force_login(manager)

    response = client.post(reverse("action_export_xlsx"))

    assert response.status_code == 302 and response["Location"] == reverse("downloads")
    job = Job.objects.get()
    assert (job.owner, job.status, job.rows_done, job.rows_total) == (manager, "finished", 2, 2)
    assert job.filename.endswith(".xlsx") and job.size == job.file.size > 0
    assert sorted(column(file_rows(job), "Action")) == ["Public action", "Secret action"]
    page = client.get(reverse("downloads"))
    assert reverse("job_download", args=[job.pk]).encode() in page.content
    download = client.get(reverse("job_download", args=[job.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content)[:2] == b"PK"


def test_the_file_holds_what_its_owner_may_see(client, scrutiny, actions):
    client.force_login(scrutiny)

    client.post(reverse("plan_export_xlsx", args=[actions.priority.plan_id]))

    rows = file_rows(Job.objects.get())
    assert column(rows, "Action") == ["Public action"]
    assert column(rows, "Recommendation ref") == ["R1"]


def test_only_the_owner_and_administrators_may_download(client, manager, officer, admin_user):
    job = Job.objects.create(owner=manager, kind="x", title="t", status=Job.Status.FINISHED)
    job.file.save("t.csv", io.BytesIO(b"a,b\r\n"), save=False)
    job.filename = "t.csv"
    job.save()
    url = reverse("job_download", args=[job.pk])

    client.force_login(officer)
    assert client.get(url).status_code == 404
    client.force_login(admin_user)
    assert client.get(url).status_code == 200
    client.force_login(manager)
    assert client.get(url).status_code == 200


def _failing(job, progress, user):
    raise RuntimeError("boom")


def test_a_failed_job_says_so_plainly_and_can_be_tried_again(client, manager, actions, monkeypatch):
    from improvement import job_kinds

    kinds.register(job_kinds.ACTION_EXPORT, _failing)
    client.force_login(manager)
    client.post(reverse("action_export_csv"))
    job = Job.objects.get()
    assert job.status == "failed" and job.error == services.FAILED
    assert b"Try again" in client.get(reverse("downloads")).content

    job_kinds.register()  # the real export again
    response = client.post(reverse("job_retry", args=[job.pk]))

    assert response["Location"] == reverse("downloads")
    job.refresh_from_db()
    assert (job.status, job.attempts, job.error) == ("finished", 2, "")
    assert job.filename.endswith(".csv")


def test_a_task_delivered_twice_runs_the_job_once(manager):
    job = Job.objects.create(owner=manager, kind="improvement.action_export", title="t")
    job.params = {"format": "csv", "query": ""}
    job.save()
    assert services.execute(job.pk) == "finished"
    assert services.execute(job.pk) == "skipped"
    job.refresh_from_db()
    assert job.attempts == 1


def test_someone_elses_job_cannot_be_retried(client, manager, officer):
    job = Job.objects.create(owner=manager, kind="x", title="t", status=Job.Status.FAILED)
    client.force_login(officer)
    assert client.post(reverse("job_retry", args=[job.pk])).status_code == 404


def test_a_running_job_whose_worker_stopped_is_marked_failed(manager, settings):
    now = timezone.now()
    stale = Job.objects.create(
        owner=manager, kind="x", title="a", status=Job.Status.RUNNING, task_id="",
        heartbeat_at=now - timedelta(seconds=settings.JOB_STALE_SECONDS + 1),
    )  # fmt: skip
    alive = Job.objects.create(
        owner=manager, kind="x", title="b", status=Job.Status.RUNNING, heartbeat_at=now
    )
    assert services.sweep_stale(now) == 1
    stale.refresh_from_db()
    alive.refresh_from_db()
    assert (stale.status, stale.error) == ("failed", services.STOPPED)
    assert alive.status == "running"


def test_files_are_deleted_after_the_days_kept(manager, settings):
    settings.JOB_FILES_KEEP_DAYS = 7
    now = timezone.now()
    old = Job.objects.create(
        owner=manager, kind="x", title="old", status=Job.Status.FINISHED,
        finished_at=now - timedelta(days=8),
    )  # fmt: skip
    old.file.save("old.csv", io.BytesIO(b"x"))
    new = Job.objects.create(
        owner=manager, kind="x", title="new", status=Job.Status.FINISHED, finished_at=now
    )
    new.file.save("new.csv", io.BytesIO(b"x"))
    path = old.file.path
    done = DBTaskResult.objects.create(
        task_path="jobs.tasks.clean_up", args_kwargs={"args": [], "kwargs": {}},
        backend_name="default", run_after=now, status="SUCCESSFUL",
        finished_at=now - timedelta(days=8),
    )  # fmt: skip

    assert services.clean_up(now) == 1
    assert not DBTaskResult.objects.filter(pk=done.pk).exists()

    old.refresh_from_db()
    new.refresh_from_db()
    assert not old.file and new.file
    import os

    assert not os.path.exists(path)


def test_the_banner_shows_finished_jobs_until_the_owner_looks(client, manager, actions):
    client.force_login(manager)
    client.post(reverse("action_export_csv"))  # finished at once (immediate backend)
    assert b"1 of your downloads has finished" in client.get(reverse("home")).content
    client.get(reverse("downloads"))
    assert b"of your downloads" not in client.get(reverse("home")).content


def test_a_page_costs_no_query_for_the_banner_until_the_session_starts_a_job(client, manager):
    from tests.queries import count_queries

    client.force_login(manager)
    client.get(reverse("home"))
    before = count_queries(lambda: client.get(reverse("home")))
    Job.objects.create(owner=manager, kind="x", title="t", status=Job.Status.FINISHED)
    assert count_queries(lambda: client.get(reverse("home"))) == before
    assert b"of your downloads" not in client.get(reverse("home")).content


def test_the_page_refreshes_itself_only_while_something_runs(client, manager):
    job = Job.objects.create(
        owner=manager, kind="x", title="t", status=Job.Status.RUNNING, rows_done=5, rows_total=20
    )
    client.force_login(manager)
    page = client.get(reverse("downloads")).content.decode()
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in page
    assert 'aria-live="polite"' in page and 'data-refresh="5"' in page
    assert '<progress class="app-progress" max="20" value="5"' in page
    stopped = client.get(reverse("downloads"), {"auto": "0"}).content.decode()
    assert "http-equiv" not in stopped and "Check again" in stopped
    job.status = Job.Status.FINISHED
    job.save()
    assert "http-equiv" not in client.get(reverse("downloads")).content.decode()


def test_a_long_job_emails_its_owner(manager, settings, django_capture_on_commit_callbacks):
    settings.JOB_EMAIL_AFTER_SECONDS = -1  # every job counts as long
    with django_capture_on_commit_callbacks(execute=True):
        job = services.start(
            user=manager,
            kind="improvement.action_export",
            title="All actions",
            params={"format": "csv", "query": ""},
        )
    job.refresh_from_db()
    assert job.status == "finished"
    assert [m.subject for m in mail.outbox] == ["[Improvement plan tracker] Ready: All actions"]


def test_daily_tasks_are_claimed_once_a_day(settings, monkeypatch):
    settings.DAILY_TASKS_HOUR = 7
    ran = []
    monkeypatch.setattr(scheduler, "_DAILY", {"probe": _Probe(ran)})
    morning = timezone.make_aware(dt.datetime(2026, 6, 1, 6, 0))
    assert scheduler.tick(morning) == []
    later = morning + timedelta(hours=2)
    assert scheduler.tick(later) == ["probe"]
    assert scheduler.tick(later + timedelta(minutes=1)) == []
    assert ScheduledRun.objects.filter(name="probe").count() == 1 and ran == [1]
    assert scheduler.tick(later + timedelta(days=1)) == ["probe"]


class _Probe:
    def __init__(self, ran):
        self.ran = ran

    def enqueue(self):
        self.ran.append(1)
        return type("Result", (), {"id": f"r{len(self.ran)}"})()


def test_healthz_fails_when_a_task_has_waited_too_long(client, settings):
    assert client.get(reverse("healthz")).json()["oldest_waiting_seconds"] == 0
    waiting = DBTaskResult.objects.create(
        task_path="jobs.tasks.clean_up",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        queue_name="default",
        priority=0,
        run_after=dt.datetime(9999, 1, 1, tzinfo=dt.UTC),
        status="READY",
    )
    long_ago = timezone.now() - timedelta(seconds=settings.JOB_QUEUE_MAX_WAIT_SECONDS + 5)
    DBTaskResult.objects.filter(pk=waiting.pk).update(enqueued_at=long_ago)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["queue"] == "backlog"


def test_every_job_is_in_the_audit_trail(manager):
    job = Job.objects.create(owner=manager, kind="x", title="All actions")
    assert job.history.get().history_type == "+"


def test_the_downloads_page_reads_the_same_queries_however_many_jobs(client, manager):
    client.force_login(manager)

    def grow():
        for n in range(8):
            Job.objects.create(owner=manager, kind="x", title=f"t{n}", status="finished")

    Job.objects.create(owner=manager, kind="x", title="first", status="finished")
    assert_flat_queries(lambda _: client.get(reverse("downloads")), None, grow=grow, warm=True)


def test_the_audit_trail_csv_is_prepared_for_whoever_may_read_it(client, auditor, manager):
    factories.PlanFactory(title="Traced plan")
    client.force_login(auditor)
    assert b"Prepare the file" in client.get(reverse("audit_trail_export")).content

    assert client.post(reverse("audit_trail_export"))["Location"] == reverse("downloads")

    job = Job.objects.get()
    with job.file.open("rb") as handle:
        text = handle.read().decode("utf-8-sig")
    assert text.startswith("Time,What happened") and "Traced plan" in text
    assert job.rows_done >= 1


def test_a_task_taken_by_a_worker_that_died_before_starting_it_goes_back_on_the_queue(
    manager, settings
):
    long_ago = timezone.now() - timedelta(seconds=settings.JOB_STALE_SECONDS + 5)
    row = DBTaskResult.objects.create(
        task_path="jobs.tasks.run_job", args_kwargs={"args": [1], "kwargs": {}},
        backend_name="default", run_after=long_ago, status="RUNNING", started_at=long_ago,
        worker_ids=["dead"],
    )  # fmt: skip
    job = Job.objects.create(owner=manager, kind="x", title="t", task_id=str(row.pk))
    Job.objects.filter(pk=job.pk).update(created_at=long_ago)

    services.sweep_stale()

    row.refresh_from_db()
    assert row.status == "READY" and row.worker_ids == []


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_the_report_pack_is_prepared_for_its_audience(client, manager, actions, fmt):
    client.force_login(manager)
    plan = actions.priority.plan
    url = reverse(f"report_{fmt}", args=[plan.pk]) + "?audience=restricted&meeting=Board"

    assert client.post(url)["Location"] == reverse("downloads")

    job = Job.objects.get()
    assert job.status == "finished", job.error
    assert job.params["audience"] == "restricted" and job.params["meeting"] == "Board"
    with job.file.open("rb") as handle:
        start = handle.read(4)
    assert start == (b"%PDF" if fmt == "pdf" else b"PK\x03\x04")
