"""E-mail each officer one digest a day of their overdue, due-soon and stale actions.

Run daily from cron: `python manage.py send_reminders`. Running it twice on the same day
sends nothing the second time: each officer's digest is claimed by setting
User.last_digest_on in one conditional UPDATE, in the transaction that stores the digest
in the e-mail outbox (core/notify.py). Each run first sends the outbox's waiting notices
(`send_notices`), so a digest the mail server refused yesterday goes out today.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse

from accounts import roles
from core.clock import today
from core.notify import absolute_url, notify, outbox_summary, send_due
from improvement.selectors.tray import reminder_digest


def officers_wanting_reminders():
    return (
        get_user_model()
        .objects.filter(groups__name=roles.OFFICER, is_active=True, wants_reminders=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def digest_subject(digest) -> str:
    total = len(digest.overdue) + len(digest.due_soon) + len(digest.stale)
    return "1 action needs your attention" if total == 1 else f"{total} actions need your attention"


def send_reminders(on=None) -> dict[str, int]:
    """Send today's digests (stored in the outbox, tried after commit); returns how many were
    sent, skipped as empty, or already sent."""
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
        with transaction.atomic():  # the claim and the stored digest, or neither
            claimed = (
                users.filter(pk=officer.pk).exclude(last_digest_on=on).update(last_digest_on=on)
            )
            if claimed:
                notify(
                    recipients=[officer],
                    subject=digest_subject(digest),
                    template="emails/reminder_digest.txt",
                    context={
                        "digest": digest,
                        "on": on,
                        "profile_url": absolute_url(reverse("profile")),
                    },
                )
        if not claimed:  # another run got there first
            counts["already_sent"] += 1
            continue
        counts["sent"] += 1
    return counts


class Command(BaseCommand):
    help = "E-mail each officer a digest of their overdue, due-soon and stale actions."

    def handle(self, *args, **options):
        self.stdout.write(outbox_summary(send_due()))
        counts = send_reminders()
        self.stdout.write(
            f"Sent {counts['sent']} reminder digest(s); {counts['nothing_due']} officer(s) had "
            f"nothing due; {counts['already_sent']} already had today's digest."
        )
