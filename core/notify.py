"""E-mail notices through an outbox: stored with the change, sent after commit, retried.

`notify` renders each recipient's message and stores it as a `core.models.Notice` in the
transaction of the change that caused it, so a notice exists exactly when the change does.
Once that transaction commits the new notices are sent. A failure (mail server down, a
header the backend refuses) is logged and the notice stays pending with its attempt
count; `send_notices` (from cron, and first thing in `send_reminders`) tries again after a
growing wait. Nothing here raises into the request that caused a notice, so the answer a
user gets is the same whether mail works or not, and a retry never saves a duplicate.

A notice may name the record it is `about`: it is stored and sent only while the
recipient may see that record by the pages' own rule (`Model.objects.visible_to(user)`),
so a subject made confidential after the notice was written is withheld, not e-mailed.
"""

import logging
import smtplib
import socket
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage, get_connection
from django.db import models, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from core.models import Notice
from core.validators import one_line

log = logging.getLogger("core.notify")

FIRST_WAIT = timedelta(minutes=5)
LONGEST_WAIT = timedelta(hours=12)
MAX_ATTEMPTS = 10  # about two days of retries before a notice is given up
# Failures of the connection, not of one message: the run stops at the first.
SERVER_UNREACHABLE = (
    ConnectionError,
    TimeoutError,
    socket.gaierror,
    smtplib.SMTPConnectError,
    smtplib.SMTPServerDisconnected,
)
UNREACHABLE = "unreachable"
# Long enough for one send to finish; a sender that died mid-send is retried after it.
CLAIM = timedelta(minutes=10)


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def notify(
    *,
    recipients: Iterable,
    subject: str,
    template: str,
    context: dict,
    about: models.Model | None = None,
) -> list[Notice]:
    """Store for each active recipient (users) the rendered plain-text template; sent after
    commit. The template gets `context` plus `recipient` and `site_url`. With `about`, only
    recipients who may see that record are written to, and only while they still may."""
    people = {user.pk: user for user in recipients if user and user.is_active and user.email}
    about_type = ContentType.objects.get_for_model(about) if about is not None else None
    line = one_line(f"[{settings.SERVICE_NAME}] {subject}")[:300]
    notices = [
        Notice(
            recipient=user,
            to=user.email,
            subject=line,
            body=render_to_string(
                template, {**context, "recipient": user, "site_url": settings.SITE_URL}
            ),
            about_type=about_type,
            about_id=about.pk if about is not None else None,
        )
        for user in people.values()
        if about is None or _may_see(user, about_type, about.pk)
    ]
    for notice in notices:
        notice.save()
    if notices:
        ids = [notice.pk for notice in notices]
        transaction.on_commit(lambda: send_due(ids=ids), robust=True)
    return notices


def _may_see(user, about_type: ContentType, about_id: int) -> bool:
    model = about_type.model_class()
    return model._default_manager.visible_to(user).filter(pk=about_id).exists()


def wait_after(attempts: int) -> timedelta:
    """5 minutes after the first failure, doubling, at most 12 hours."""
    return min(FIRST_WAIT * 2 ** max(attempts - 1, 0), LONGEST_WAIT)


def send_due(*, ids: Iterable[int] | None = None, everything: bool = False) -> dict[str, int]:
    """Send the pending notices whose wait is over (`everything`: all pending, now); each is
    claimed first so two senders never send one twice. Never raises for a mail failure."""
    now = timezone.now()
    due = Q(next_attempt_at__lte=now)
    # A notice being sent is left alone until its claim runs out (its sender died).
    pending = Notice.objects.filter(
        Q(state=Notice.State.PENDING) & (Q() if everything else due)
        | Q(state=Notice.State.SENDING) & due
    )
    if ids is not None:
        pending = pending.filter(pk__in=list(ids))
    counts = {"sent": 0, "failed": 0, "withheld": 0}
    connection = get_connection()
    try:
        for notice in pending.select_related("recipient", "about_type").order_by("pk"):
            if not _claim(notice, now):
                continue
            outcome = _deliver(notice, connection)
            counts["failed" if outcome == UNREACHABLE else outcome] += 1
            if outcome == UNREACHABLE:
                # The rest wait for the next run rather than each wait for the timeout
                # (this may be a person's request, just after their change was saved).
                break
    finally:
        try:
            connection.close()
        except Exception:  # noqa: BLE001 - closing a broken connection must not raise
            log.warning("Closing the mail connection failed", exc_info=True)
    return counts


def outbox_summary(counts: dict[str, int]) -> str:
    """One line for the commands: what `send_due` did and how many notices still wait."""
    waiting = Notice.objects.filter(state=Notice.State.PENDING).count()
    return (
        f"Sent {counts['sent']} notice(s); {counts['failed']} failed (tried again later or "
        f"given up); {counts['withheld']} withheld; {waiting} waiting."
    )


def _claim(notice: Notice, now: datetime) -> bool:
    """Mark the notice as being sent, until the claim runs out, in one conditional UPDATE:
    of two senders that read it, only one changes it."""
    return bool(
        Notice.objects.filter(
            pk=notice.pk, state=notice.state, next_attempt_at=notice.next_attempt_at
        ).update(state=Notice.State.SENDING, next_attempt_at=now + CLAIM)
    )


def _deliver(notice: Notice, connection) -> str:
    """Send one claimed notice and record the outcome: 'sent', 'failed', 'withheld', or
    UNREACHABLE (failed because the mail server could not be reached)."""
    recipient = notice.recipient
    if not recipient.is_active or (
        notice.about_type_id and not _may_see(recipient, notice.about_type, notice.about_id)
    ):
        Notice.objects.filter(pk=notice.pk).update(state=Notice.State.WITHHELD)
        log.info("Notice %s withheld: its recipient may no longer see it", notice.pk)
        return "withheld"
    message = EmailMessage(
        subject=one_line(notice.subject),
        body=notice.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notice.to],
        connection=connection,
    )
    try:
        message.send()
    except Exception as error:  # noqa: BLE001 - any mail failure leaves the notice to retry
        attempts = notice.attempts + 1
        given_up = attempts >= MAX_ATTEMPTS
        Notice.objects.filter(pk=notice.pk).update(
            attempts=attempts,
            last_error=f"{type(error).__name__}: {error}"[:500],
            next_attempt_at=timezone.now() + wait_after(attempts),
            state=Notice.State.FAILED if given_up else Notice.State.PENDING,
        )
        log.log(
            logging.ERROR if given_up else logging.WARNING,
            "Notice %s not sent (attempt %s%s): %s",
            notice.pk,
            attempts,
            ", given up" if given_up else ", will retry",
            type(error).__name__,
            exc_info=True,
        )
        return UNREACHABLE if isinstance(error, SERVER_UNREACHABLE) else "failed"
    Notice.objects.filter(pk=notice.pk).update(
        state=Notice.State.SENT, attempts=notice.attempts + 1, sent_at=timezone.now()
    )
    return "sent"
