"""Start, run, retry and tidy up jobs; one home for each rule of a job's life.

`start` stores the job and enqueues its task in the same transaction, so a job exists
exactly when its task does. `execute` (the task's body, in a worker) claims the job from
"queued" to "running" in one locked update, so a task delivered twice does the work once;
reloads the owner; runs the kind; stores the file; and marks the job finished or failed.
While it runs it writes its progress and a heartbeat at most every HEARTBEAT seconds;
`sweep_stale` fails a running job whose heartbeat stopped (its worker was killed), so none
stays "in progress" for ever. The owner may try a failed job again (`retry`).
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.notify import absolute_url, notify
from jobs import kinds
from jobs.models import Job

log = logging.getLogger("jobs")

HEARTBEAT = 2.0  # seconds between progress writes
STOPPED = (
    "The work stopped before it finished (the worker was restarted). Nothing of it was kept. "
    "Try again."
)
FAILED = "Something went wrong. Nothing of it was kept. Try again, or ask an administrator."


@transaction.atomic
def start(*, user, kind: str, title: str, params: dict) -> Job:
    """Store a job for `user` and put its task on the queue."""
    kinds.runner(kind)  # an unknown kind fails here, in the request
    job = Job.objects.create(owner=user, kind=kind, title=title[:300], params=params)
    _enqueue(job)
    return job


def _enqueue(job: Job) -> None:
    from jobs.tasks import run_job

    result = run_job.enqueue(job.pk)
    # The immediate backend has already run the job: write the id only.
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.task_id = str(result.id)[:64]


def retry(*, job: Job) -> Job:
    """A failed job, queued again from the start (its owner's "Try again")."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        if job.status != Job.Status.FAILED:
            raise ValidationError("Only a job that failed can be tried again.")
        job.status, job.error = Job.Status.QUEUED, ""
        job.rows_done, job.rows_total, job.seen_at = 0, None, None
        job.started_at = job.finished_at = job.heartbeat_at = None
        job.save()
        _enqueue(job)
    return job


def _claim(job_id: int) -> Job | None:
    """Queued to running, under a row lock; None when another delivery got there first."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status != Job.Status.QUEUED:
            return None
        now = timezone.now()
        job.status, job.started_at, job.heartbeat_at = Job.Status.RUNNING, now, now
        job.attempts += 1
        job.save()
    return job


def _writer(job: Job):
    last = [0.0]

    def flush(progress: kinds.Progress, force: bool) -> None:
        if not force and time.monotonic() - last[0] < HEARTBEAT:
            return
        last[0] = time.monotonic()
        Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
            rows_done=progress.done, rows_total=progress.total, heartbeat_at=timezone.now()
        )

    return flush


def execute(job_id: int) -> str:
    """The task's body: run the job once; the outcome is on the job."""
    job = _claim(job_id)
    if job is None:
        return "skipped"
    owner = get_user_model().objects.filter(pk=job.owner_id, is_active=True).first()
    try:
        if owner is None:
            raise ValidationError("Your account is no longer active.")
        outcome = kinds.runner(job.kind)(job, kinds.Progress(_writer(job)), owner)
    except ValidationError as error:
        _fail(job, " ".join(error.messages))
        return "failed"
    except Exception:
        log.exception("job %s (%s) failed", job.pk, job.kind)
        _fail(job, FAILED)
        raise
    _finish(job, outcome)
    return "finished"


def _fail(job: Job, message: str) -> None:
    job.refresh_from_db()
    job.status, job.error, job.finished_at = Job.Status.FAILED, message[:2000], timezone.now()
    job.save()


def _finish(job: Job, outcome: kinds.Outcome) -> None:
    job.refresh_from_db()
    if outcome.file is not None:
        with outcome.file:
            job.file.save(outcome.filename, File(outcome.file), save=False)
        job.filename, job.size = outcome.filename, job.file.size
    job.result_url, job.result_note = outcome.url[:300], outcome.note[:500]
    job.status, job.finished_at = Job.Status.FINISHED, timezone.now()
    if job.rows_total is not None:
        job.rows_done = job.rows_total
    job.save()
    if job.finished_at - job.started_at > timedelta(seconds=settings.JOB_EMAIL_AFTER_SECONDS):
        notify(
            recipients=[job.owner],
            subject=f"Ready: {job.title}",
            template="emails/job_finished.txt",
            context={
                "job": job,
                "downloads_url": absolute_url(reverse("downloads")),
                "keep_days": settings.JOB_FILES_KEEP_DAYS,
            },
        )


def sweep_stale(now=None) -> int:
    """Fail each running job whose worker stopped reporting; how many were failed."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.JOB_STALE_SECONDS)
    failed = 0
    for job in Job.objects.filter(status=Job.Status.RUNNING, heartbeat_at__lt=cutoff):
        with transaction.atomic():
            job = Job.objects.select_for_update().get(pk=job.pk)
            if job.status != Job.Status.RUNNING or job.heartbeat_at >= cutoff:
                continue
            job.status, job.error, job.finished_at = Job.Status.FAILED, STOPPED, now
            job.save()
            # The queue's row too, so the admin does not show it running for ever.
            DBTaskResult.objects.filter(pk=job.task_id or None, status="RUNNING").update(
                status="FAILED", finished_at=now
            )
            failed += 1
    _requeue_unstarted(cutoff)
    return failed


def _requeue_unstarted(cutoff) -> None:
    """A worker that died between taking a task and starting its job left the queue's row
    "running" and the job "queued": put the row back on the queue for another worker."""
    from django_tasks_db.models import DBTaskResult

    waiting = Job.objects.filter(status=Job.Status.QUEUED, created_at__lt=cutoff)
    ids = [task_id for task_id in waiting.values_list("task_id", flat=True) if task_id]
    if ids:
        DBTaskResult.objects.filter(pk__in=ids, status="RUNNING", started_at__lt=cutoff).update(
            status="READY", started_at=None, worker_ids=[]
        )


def clean_up(now=None) -> int:
    """Delete the files of jobs finished more than JOB_FILES_KEEP_DAYS ago, and the queue's
    finished rows as old (the job keeps its own record and history); how many files."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.JOB_FILES_KEEP_DAYS)
    deleted = 0
    for job in Job.objects.filter(finished_at__lt=cutoff).exclude(file=""):
        job.file.delete(save=False)
        job.file = ""
        job.save()
        deleted += 1
    DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    return deleted


def mark_seen(*, user) -> None:
    """The owner has seen their finished and failed jobs: the banner stops showing them."""
    done = (Job.Status.FINISHED, Job.Status.FAILED)
    Job.objects.filter(owner=user, status__in=done, seen_at__isnull=True).update(
        seen_at=timezone.now()
    )
