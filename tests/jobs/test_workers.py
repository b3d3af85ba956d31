"""The queue through real worker processes (`manage.py run_worker`) on PostgreSQL.

Two workers share one queue and no job runs twice; a worker killed in the middle of an
import leaves nothing of it, the job is marked failed, and trying again imports once; the
daily reminders go out once with two workers and no cron. Skipped on SQLite: the test
database there is not one the worker processes can open.
"""

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import Count
from django_tasks_db.models import DBTaskResult

from core.models import Notice
from improvement.importing import parse_plan_file
from improvement.job_kinds import PLAN_IMPORT
from improvement.models import Action, ImportReceipt, Plan
from improvement.status import Status
from jobs import services
from jobs.models import Job, ScheduledRun
from tests import factories
from tests.improvement.import_files import big_plan_rows, csv_bytes

ROOT = Path(__file__).resolve().parents[2]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="worker processes need a shared PostgreSQL"
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def queue(settings):
    """Tasks go to the database queue for the workers (not run in the test process)."""
    settings.TASKS = DATABASE_TASKS
    return settings


def _env(settings, **more) -> dict:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings_test",
        "DATABASE_URL": url,
        "TASKS_BACKEND": "database",
        "TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PYTHONUNBUFFERED": "1",
        **more,
    }


@contextmanager
def workers(settings, count: int, *args: str, **env):
    procs = [
        subprocess.Popen(  # noqa: S603 - our own command
            [
                sys.executable,
                "manage.py",
                "run_worker",
                "--interval",
                "0.1",
                "--no-startup-delay",
                "--worker-id",
                f"worker-{n}",
                *args,
            ],
            cwd=ROOT,
            env=_env(settings, **env),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for n in range(count)
    ]
    try:
        yield procs
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def wait_for(condition, timeout: float = 90, step: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(step)
    raise AssertionError("timed out waiting")


def test_two_workers_share_one_queue_and_none_runs_a_job_twice(queue, manager):
    factories.ActionFactory.create_batch(3)
    for n in range(16):
        services.start(
            user=manager,
            kind="improvement.action_export",
            title=f"Export {n}",
            params={"format": "csv", "query": ""},
        )

    with workers(queue, 2, "--no-scheduler"):
        wait_for(lambda: not Job.objects.exclude(status="finished").exists())

    assert Job.objects.filter(status="finished", attempts=1).count() == 16
    # Each job became "running" once in its history: no worker started it a second time.
    started = Job.history.filter(status="running").values("id").annotate(n=Count("history_id"))
    assert sorted(row["n"] for row in started) == [1] * 16
    results = DBTaskResult.objects.filter(task_path="jobs.tasks.run_job")
    assert results.count() == 16 and all(len(r.worker_ids) == 1 for r in results)
    assert {r.worker_ids[0] for r in results} <= {"worker-0", "worker-1"}


def _open_write_transaction() -> bool:
    """Another session (the worker) is inside a transaction that has written."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL"
        )
        return cursor.fetchone()[0] > 0


def test_a_worker_killed_mid_import_leaves_nothing_and_a_retry_imports_once(queue, manager):
    from improvement.services.import_uploads import upload_keep

    data = csv_bytes(big_plan_rows(4000))
    token = upload_keep(session={}, data=data, details={}, parsed=parse_plan_file(data, "big.csv"))
    job = services.start(
        user=manager,
        kind=PLAN_IMPORT,
        title="Import of big.csv",
        params={"token": token, "plan_title": "Big plan", "filename": "big.csv"},
    )

    with workers(queue, 1, "--no-scheduler") as (worker,):
        wait_for(lambda: Job.objects.get(pk=job.pk).status == "running", step=0.02)
        wait_for(_open_write_transaction, timeout=60, step=0.02)
        worker.kill()  # SIGKILL: no clean-up of any kind
        worker.wait()

    assert not Plan.objects.exists() and not Action.objects.exists()
    assert not ImportReceipt.objects.exists()
    # The sweep (every worker's scheduler thread) fails the job once its heartbeat is old.
    queue.JOB_STALE_SECONDS = 0
    time.sleep(0.01)
    assert services.sweep_stale() == 1
    job.refresh_from_db()
    assert job.status == "failed" and job.error == services.STOPPED

    services.retry(job=job)
    with workers(queue, 2, "--no-scheduler"):
        wait_for(lambda: Job.objects.get(pk=job.pk).status == "finished")
        # The same preview confirmed again (a second job with its token) writes nothing.
        again = services.start(user=manager, kind=PLAN_IMPORT, title="Again", params=job.params)
        wait_for(lambda: Job.objects.get(pk=again.pk).status == "finished")

    assert Plan.objects.get().title == "Big plan"
    assert Action.objects.count() == 4000
    assert ImportReceipt.objects.get().token == token
    assert Job.objects.get(pk=again.pk).result_note.startswith("This import has already been")


def test_reminders_go_out_once_a_day_with_two_workers_and_no_cron(queue, officer):
    factories.ActionFactory(
        leads=[officer], target_date=factories.BASE_DATE, declared_status=Status.ON_TRACK
    )

    with workers(queue, 2, "--tick", "0.2", DAILY_TASKS_HOUR="0"):
        wait_for(lambda: ScheduledRun.objects.count() == 2)
        wait_for(lambda: not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists())
        time.sleep(1)  # more ticks of both schedulers: nothing new is enqueued

    assert sorted(ScheduledRun.objects.values_list("name", flat=True)) == [
        "clean_up",
        "send_reminders",
    ]
    assert DBTaskResult.objects.count() == 2
    digests = Notice.objects.filter(recipient=officer, subject__contains="attention")
    assert digests.count() == 1
