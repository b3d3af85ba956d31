"""A plan manager exports every action as .xlsx from the action list; the file is prepared
in the background, listed on Your downloads, and downloaded when it is ready.

The queue is real (django-tasks-db's table). On PostgreSQL a `run_worker` process takes
the task; on SQLite the live server's in-memory database cannot be opened by another
process, so the test runs django-tasks-db's own worker loop in this process instead.
"""

import io
import os
import subprocess
import sys
from pathlib import Path

from django.db import connection
from django_tasks_db.management.commands.db_worker import Worker
from openpyxl import load_workbook
from playwright.sync_api import expect

from improvement.models import Action
from jobs.models import Job
from tests.e2e.conftest import assert_no_axe_violations, screenshot, sign_in

ROOT = Path(__file__).resolve().parents[2]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _run_queue(settings):
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings_test",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "TASKS_BACKEND": "database",
            "TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        }
        subprocess.run(  # noqa: S603 - our own command
            [sys.executable, "manage.py", "run_worker", "--batch", "--no-scheduler",
             "--no-startup-delay"],
            cwd=ROOT, env=env, check=True, timeout=120, capture_output=True,
        )  # fmt: skip
        return
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="in-process",
        excluded_queue_names=[],
    ).run()


def test_manager_exports_all_actions_in_the_background(new_page, settings):
    settings.TASKS = DATABASE_TASKS
    settings.JOB_EXPORT_THRESHOLD = 10  # the demo's actions count as a large list
    page = new_page()
    sign_in(page, "manager@example.org")
    page.goto("/actions/")
    page.get_by_role("link", name="Excel (.xlsx)").first.click()
    prepare = page.get_by_role("button", name="Prepare the file")
    expect(prepare).to_be_visible()  # the confirmation page, before axe reads it
    assert_no_axe_violations(page)
    prepare.click()
    page.wait_for_url("**/downloads/")

    row = page.locator("tbody tr").first
    assert "Waiting to start" in row.inner_text()
    # JavaScript is on: the list updates in place (the meta refresh is inside <noscript>).
    assert page.locator('[aria-live="polite"][data-refresh="5"]').count() == 1
    assert_no_axe_violations(page)

    _run_queue(settings)
    # The list updates itself while the job runs: no reload by the test.
    download_link = page.locator("a[href$='/file']")
    download_link.wait_for(timeout=20_000)
    assert "Ready" in row.inner_text() and "KB" in row.inner_text()
    assert page.locator('[aria-live="polite"][data-refresh=""]').count() == 1
    assert_no_axe_violations(page)
    screenshot(page, "downloads-ready")

    with page.expect_download() as download:
        download_link.click()
    rows = list(load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active.rows)
    job = Job.objects.get()
    # Every action the list showed (active plans), one row each under the header.
    assert job.status == "finished" and job.title.startswith(f"{job.rows_total} actions")
    assert 10 < job.rows_total <= Action.objects.count()
    assert len(rows) == job.rows_total + 1
