"""Daily tasks without cron: every worker ticks this; the first to claim a day runs it.

Apps register their daily tasks from AppConfig.ready() (`register_daily`). Each worker's
scheduler thread (management/commands/run_worker.py) calls `tick` every TICK seconds.
Once the day's DAILY_TASKS_HOUR has passed in Europe/London, a task not yet claimed for
the day is claimed by inserting its `ScheduledRun` row (unique on name and day) and put
on the queue in the same transaction: a second worker's insert fails, so each daily task
is enqueued once a day however many workers run. The same tick fails stale jobs.
"""

import logging
import threading

from django.conf import settings
from django.db import IntegrityError, close_old_connections, transaction
from django.utils import timezone

from core.clock import local_date
from jobs.models import ScheduledRun
from jobs.services import sweep_stale

log = logging.getLogger("jobs.scheduler")

TICK = 30  # seconds
_DAILY: dict = {}


def register_daily(name: str, task) -> None:
    _DAILY[name] = task


def daily_names() -> list[str]:
    return list(_DAILY)


def tick(now=None) -> list[str]:
    """Enqueue today's daily tasks not yet claimed; the names this call enqueued."""
    now = now or timezone.now()
    if timezone.localtime(now).hour < settings.DAILY_TASKS_HOUR:
        return []
    day = local_date(now)
    started = []
    for name, task in _DAILY.items():
        if ScheduledRun.objects.filter(name=name, on=day).exists():
            continue
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(name=name, on=day, claimed_at=now)
                run.task_id = str(task.enqueue().id)[:64]
                run.save()
        except IntegrityError:  # another worker claimed it first
            continue
        started.append(name)
    return started


def run_forever(stop: threading.Event, interval: float = TICK) -> None:
    """The worker's scheduler thread: tick and sweep until `stop` is set."""
    while not stop.is_set():
        try:
            close_old_connections()
            started = tick()
            if started:
                log.info("enqueued daily tasks: %s", ", ".join(started))
            failed = sweep_stale()
            if failed:
                log.warning("marked %s stale job(s) failed", failed)
        except Exception:
            log.exception("scheduler tick failed")
        finally:
            close_old_connections()
        stop.wait(interval)
