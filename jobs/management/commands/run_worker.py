"""`manage.py run_worker`: django-tasks-db's `db_worker`, plus the daily scheduler.

Takes the same options as `db_worker` (--queue-name, --interval, --max-tasks, ...), except
that it never reloads on code changes. Beside the worker loop, a thread ticks
jobs.scheduler every --tick seconds: it enqueues the day's daily tasks once across every
worker and fails jobs whose worker stopped (docs/deployment.md).
"""

import threading

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from jobs import scheduler


class Command(DbWorkerCommand):
    help = "Run a background worker with the daily scheduler (docs/deployment.md)."

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--tick",
            type=float,
            default=scheduler.TICK,
            help="Seconds between the scheduler's checks (default: %(default)s)",
        )
        parser.add_argument(
            "--no-scheduler", action="store_true", help="Run tasks only; no daily scheduler."
        )

    def handle(self, *args, tick: float, no_scheduler: bool, **options) -> None:
        options["reload"] = False
        stop = threading.Event()
        if not no_scheduler:
            thread = threading.Thread(
                target=scheduler.run_forever, args=(stop, tick), name="scheduler", daemon=True
            )
            thread.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
