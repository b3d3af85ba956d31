"""The plan app's daily task, enqueued once a day by the worker's scheduler (jobs.scheduler)."""

from django_tasks import task


@task()
def send_daily_reminders() -> dict:
    """The outbox's waiting notices, then today's reminder digests (each person once a day:
    send_reminders claims each digest, so a second run sends nothing)."""
    from core.notify import send_due
    from improvement.management.commands.send_reminders import send_reminders

    outbox = send_due()
    return {"outbox": outbox, **send_reminders()}
