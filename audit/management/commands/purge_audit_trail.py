"""`manage.py purge_audit_trail`: delete audit entries older than RETENTION_DAYS_AUDIT days."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from audit.services import audit_trail_purge


class Command(BaseCommand):
    help = (
        "Delete audit-trail entries (record history and sign-in events) older than "
        "RETENTION_DAYS_AUDIT days. Does nothing when it is 0, the default: keep for ever. "
        "See docs/retention.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be deleted; delete nothing."
        )

    def handle(self, *args, **options):
        days = settings.RETENTION_DAYS_AUDIT
        if days <= 0:
            self.stdout.write("RETENTION_DAYS_AUDIT is 0: the audit trail is kept for ever.")
            return
        before = timezone.now() - timedelta(days=days)
        if options["dry_run"]:
            self.stdout.write(f"Would delete audit entries from before {before:%d %B %Y %H:%M}.")
            return
        deleted = audit_trail_purge(before=before)
        total = sum(deleted.values())
        self.stdout.write(
            f"Deleted {total} audit entries from before {before:%d %B %Y %H:%M} (kept {days} days)."
        )
