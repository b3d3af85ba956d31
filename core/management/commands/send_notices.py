"""Send the e-mail notices still waiting in the outbox (core/notify.py).

Run from cron every few minutes: `python manage.py send_notices`. A notice that failed
waits before the next try (5 minutes, doubling, at most 12 hours); `--all` tries every
pending notice at once, for use when the mail server has just been mended.
`send_reminders` runs this first.
"""

from django.core.management.base import BaseCommand

from core.notify import outbox_summary, send_due


class Command(BaseCommand):
    help = "Send the e-mail notices waiting in the outbox, retrying failed ones after a wait."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            help="Try every pending notice now, ignoring the wait after a failure.",
        )

    def handle(self, *args, **options):
        self.stdout.write(outbox_summary(send_due(everything=options["all"])))
