"""E-mail each officer one digest a day of their overdue, due-soon and stale actions.

Run daily from cron: `python manage.py send_reminders`. Running it twice on the same day
sends nothing the second time: each officer's digest is claimed by setting
User.last_digest_on in one conditional UPDATE, in the transaction that stores the digest
in the e-mail outbox (core/notify.py). Each run first sends the outbox's waiting notices
(`send_notices`), so a digest the mail server refused yesterday goes out today.

A digest also lists what apps above the plan app add through improvement.panels (measures
with a figure due, for their leads), and the notices its person chose to get "in my daily digest"
(improvement/services/notices.py: DigestNote rows), marked with the day in the same
transaction; someone with such notices gets a digest even without the reminder lists.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from accounts import roles
from core.clock import today
from core.notify import absolute_url, notify, outbox_summary, send_due
from improvement.models import DigestNote
from improvement.panels import digest_sections
from improvement.selectors.tray import Digest, pending_digest_notes, reminder_digest


def officers_wanting_reminders():
    return (
        get_user_model()
        .objects.filter(groups__name=roles.OFFICER, is_active=True, wants_reminders=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def digest_recipients() -> list:
    """(person, wants the reminder lists) for everyone who may get a digest today."""
    wanting = set(officers_wanting_reminders().values_list("pk", flat=True))
    noted = DigestNote.objects.filter(digest_on__isnull=True).values("recipient")
    people = (
        get_user_model()
        .objects.filter(Q(pk__in=wanting) | Q(pk__in=noted), is_active=True)
        .exclude(email="")
        .order_by("pk")
    )
    return [(person, person.pk in wanting) for person in people]


def digest_subject(digest) -> str:
    total = digest.action_count
    if not total and not digest.notes and digest.sections:
        return digest.sections[0].subject
    if not total:
        count = len(digest.notes)
        return "1 change to your actions" if count == 1 else f"{count} changes to your actions"
    return "1 action needs your attention" if total == 1 else f"{total} actions need your attention"


def send_reminders(on=None) -> dict[str, int]:
    """Send today's digests (stored in the outbox, tried after commit); returns how many were
    sent, skipped as empty, or already sent."""
    on = on or today()
    users = get_user_model().objects
    counts = {"sent": 0, "nothing_due": 0, "already_sent": 0}
    for officer, wants_lists in digest_recipients():
        if officer.last_digest_on == on:
            counts["already_sent"] += 1
            continue
        digest = reminder_digest(officer, on) if wants_lists else Digest([], [], [])
        digest.notes = pending_digest_notes(officer)
        if wants_lists:
            digest.sections = digest_sections(officer, on=on)
        if not digest:
            counts["nothing_due"] += 1
            continue
        with transaction.atomic():  # the claim and the stored digest, or neither
            claimed = (
                users.filter(pk=officer.pk).exclude(last_digest_on=on).update(last_digest_on=on)
            )
            if claimed:
                noted = DigestNote.objects.filter(pk__in=[note.pk for note in digest.notes])
                noted.update(digest_on=on)
                notify(
                    recipients=[officer],
                    subject=digest_subject(digest),
                    template="emails/reminder_digest.txt",
                    context={
                        "digest": digest,
                        "on": on,
                        "wants_lists": wants_lists,
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
