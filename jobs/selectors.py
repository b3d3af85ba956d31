"""What "Your downloads" and the banner read."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from jobs.models import Job


def recent_jobs(user):
    """The user's own jobs of the last JOB_FILES_KEEP_DAYS days, newest first."""
    since = timezone.now() - timedelta(days=settings.JOB_FILES_KEEP_DAYS)
    return Job.objects.filter(owner=user, created_at__gte=since).order_by("-created_at", "-pk")


def unseen_count(user) -> int:
    """Jobs finished or failed since the user last looked at "Your downloads"."""
    done = (Job.Status.FINISHED, Job.Status.FAILED)
    return Job.objects.filter(owner=user, status__in=done, seen_at__isnull=True).count()
