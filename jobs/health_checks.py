"""The queue's part of /healthz (registered into core.health from JobsConfig.ready())."""

from django.conf import settings
from django.db.models import Min
from django.utils import timezone
from django_tasks_db.models import DBTaskResult


def queue() -> tuple[bool, dict]:
    """Healthy while no task has waited for a worker longer than JOB_QUEUE_MAX_WAIT_SECONDS."""
    oldest = DBTaskResult.objects.ready().aggregate(oldest=Min("enqueued_at"))["oldest"]
    waited = 0 if oldest is None else int((timezone.now() - oldest).total_seconds())
    ok = waited <= settings.JOB_QUEUE_MAX_WAIT_SECONDS
    return ok, {"queue": "ok" if ok else "backlog", "oldest_waiting_seconds": waited}
