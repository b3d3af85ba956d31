"""E-mail each officer one digest a day of their overdue, due-soon and stale actions.

Run daily from cron: `python manage.py send_reminders`. Running it twice on the same day
sends nothing the second time: each officer's digest is claimed by setting
User.last_digest_on in one conditional UPDATE before sending.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.urls import reverse

from accounts import roles
from core.clock import today
from core.notify import absolute_url, notify
from improvement.selectors.tray import reminder_digest


def officers_wanting_reminders():
    return (
        get_user_model()
        .objects.filter(groups__name=roles.OFFICER, is_active=True, wants_reminders=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def send_reminders(on=None) -> dict[str, int]:
    """Send today's digests; returns how many were sent, skipped as empty, or already sent."""
    on = on or today()
    users = get_user_model().objects
    counts = {"sent": 0, "nothing_due": 0, "already_sent": 0}
    for officer in officers_wanting_reminders():
        if officer.last_digest_on == on:
            counts["already_sent"] += 1
            continue
        digest = reminder_digest(officer, on)
        if not digest:
            counts["nothing_due"] += 1
            continue
        claimed = users.filter(pk=officer.pk).exclude(last_digest_on=on).update(last_digest_on=on)
        if not claimed:  # another run got there first
            counts["already_sent"] += 1
            continue
        total = len(digest.overdue) + len(digest.due_soon) + len(digest.stale)
        try:
            notify(
                recipients=[officer],
                subject=(
                    "1 action needs your attention"
                    if total == 1
                    else f"{total} actions need your attention"
                ),
                template="emails/reminder_digest.txt",
                context={
                    "digest": digest,
                    "on": on,
                    "profile_url": absolute_url(reverse("profile")),
                },
            )
        except Exception:
            # Not sent: give the officer back today's digest so a re-run can try again.
            users.filter(pk=officer.pk).update(last_digest_on=officer.last_digest_on)
            raise
        counts["sent"] += 1
    return counts


class Command(BaseCommand):
    help = "E-mail each officer a digest of their overdue, due-soon and stale actions."

    def handle(self, *args, **options):
        counts = send_reminders()
        self.stdout.write(
            f"Sent {counts['sent']} reminder digest(s); {counts['nothing_due']} officer(s) had "
            f"nothing due; {counts['already_sent']} already had today's digest."
        )
