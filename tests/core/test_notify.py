"""The e-mail outbox (core/notify.py): stored with the change, sent after commit, retried
with a growing wait, never raising into the request, subjects always one line."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from core import notify
from core.models import Notice
from core.validators import one_line, validate_one_line
from tests import factories
from tests.mailserver import FAILURES, take_mail_down

pytestmark = pytest.mark.django_db


def tell(*people, subject="Your request was approved"):
    return notify.notify(
        recipients=people,
        subject=subject,
        template="emails/challenge_no_longer_shown.txt",
        context={"challenges_url": "https://tracker.example.org/challenges/"},
    )


def test_a_notice_is_stored_with_the_change_and_sent_once_it_commits(
    django_capture_on_commit_callbacks,
):
    person = factories.UserFactory(full_name="Kit Lee")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        tell(person)
        assert Notice.objects.get().state == Notice.State.PENDING
        assert mail.outbox == []  # nothing goes before the commit
    assert len(callbacks) == 1
    assert [m.to for m in mail.outbox] == [[person.email]]
    assert mail.outbox[0].subject == "[Improvement plan tracker] Your request was approved"
    assert "Dear Kit" in mail.outbox[0].body
    sent = Notice.objects.get()
    assert (sent.state, sent.attempts) == (Notice.State.SENT, 1) and sent.sent_at


def test_a_change_rolled_back_leaves_no_notice(django_capture_on_commit_callbacks):
    person = factories.UserFactory()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        tell(person)
        raise RuntimeError("the change failed")
    assert not Notice.objects.exists() and mail.outbox == []


def test_inactive_users_and_users_without_an_address_are_not_written_to():
    tell(factories.UserFactory(is_active=False), factories.UserFactory(email=""), None)
    assert not Notice.objects.exists()


@pytest.mark.parametrize("failure", FAILURES.values(), ids=FAILURES.keys())
def test_a_mail_failure_is_logged_and_the_notice_waits_for_a_retry(
    monkeypatch, caplog, failure, django_capture_on_commit_callbacks
):
    take_mail_down(monkeypatch, failure)
    with django_capture_on_commit_callbacks(execute=True):
        tell(factories.UserFactory())  # does not raise
    waiting = Notice.objects.get()
    assert (waiting.state, waiting.attempts) == (Notice.State.PENDING, 1)
    assert waiting.next_attempt_at > timezone.now() + dt.timedelta(minutes=4)
    assert type(failure()).__name__ in waiting.last_error
    assert "will retry" in caplog.text


def test_an_unreachable_server_is_tried_once_per_run_not_once_per_notice():
    people = [factories.UserFactory() for _ in range(3)]
    tell(*people)
    with pytest.MonkeyPatch.context() as patch:
        take_mail_down(patch, FAILURES["connection-refused"])
        assert notify.send_due() == {"sent": 0, "failed": 1, "withheld": 0}
    assert sorted(Notice.objects.values_list("attempts", flat=True)) == [0, 0, 1]
    assert notify.send_due()["sent"] == 2  # the two not tried go on the next run
    assert len(mail.outbox) == 2


def test_a_message_the_server_refuses_does_not_hold_up_the_others():
    tell(factories.UserFactory(), factories.UserFactory())
    with pytest.MonkeyPatch.context() as patch:
        take_mail_down(patch, FAILURES["smtp-error"])
        assert notify.send_due() == {"sent": 0, "failed": 2, "withheld": 0}


def test_send_notices_waits_after_a_failure_then_sends_once(monkeypatch):
    person = factories.UserFactory()
    tell(person)
    with pytest.MonkeyPatch.context() as patch:
        take_mail_down(patch, FAILURES["smtp-error"])
        assert notify.send_due() == {"sent": 0, "failed": 1, "withheld": 0}
    assert notify.send_due() == {"sent": 0, "failed": 0, "withheld": 0}  # still waiting
    out = io.StringIO()
    call_command("send_notices", stdout=out)
    assert "Sent 0 notice(s)" in out.getvalue() and "1 waiting" in out.getvalue()
    Notice.objects.update(next_attempt_at=timezone.now())  # the wait is over
    call_command("send_notices", stdout=out)
    call_command("send_notices", "--all", stdout=out)  # nothing left to send twice
    assert [m.to for m in mail.outbox] == [[person.email]]
    assert Notice.objects.get().attempts == 2


def test_send_notices_all_sends_at_once_when_the_server_is_mended():
    tell(factories.UserFactory())
    Notice.objects.update(attempts=3, next_attempt_at=timezone.now() + dt.timedelta(hours=1))
    out = io.StringIO()
    call_command("send_notices", "--all", stdout=out)
    assert "Sent 1 notice(s)" in out.getvalue() and "0 waiting" in out.getvalue()
    assert len(mail.outbox) == 1


def test_the_wait_doubles_from_five_minutes_to_at_most_twelve_hours():
    waits = [notify.wait_after(n) for n in range(1, 11)]
    assert waits[:4] == [dt.timedelta(minutes=m) for m in (5, 10, 20, 40)]
    assert waits[-1] == dt.timedelta(hours=12)
    assert waits == sorted(waits)


def test_a_notice_is_given_up_after_the_last_attempt(caplog):
    tell(factories.UserFactory())
    Notice.objects.update(attempts=notify.MAX_ATTEMPTS - 1)
    with pytest.MonkeyPatch.context() as patch:
        take_mail_down(patch, FAILURES["connection-refused"])
        notify.send_due(everything=True)
    assert Notice.objects.get().state == Notice.State.FAILED
    assert "given up" in caplog.text
    notify.send_due(everything=True)
    assert mail.outbox == []


def test_a_notice_claimed_by_another_sender_is_not_sent_again():
    tell(factories.UserFactory())
    notice = Notice.objects.get()
    assert notify._claim(notice, timezone.now())  # the other sender got it first
    assert notify.send_due(everything=True) == {"sent": 0, "failed": 0, "withheld": 0}
    assert mail.outbox == []


def test_a_notice_whose_sender_died_mid_send_is_sent_once_the_claim_runs_out():
    tell(factories.UserFactory())
    notify._claim(Notice.objects.get(), timezone.now() - notify.CLAIM - dt.timedelta(seconds=1))
    assert notify.send_due()["sent"] == 1
    assert len(mail.outbox) == 1


def test_a_recipient_made_inactive_before_the_send_is_not_written_to():
    person = factories.UserFactory()
    tell(person)
    person.is_active = False
    person.save()
    assert notify.send_due()["withheld"] == 1
    assert Notice.objects.get().state == Notice.State.WITHHELD and mail.outbox == []


# Header-safe subjects ------------------------------------------------------------------


def test_a_subject_with_line_breaks_and_control_characters_is_sent_on_one_line(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        tell(factories.UserFactory(), subject="About R1\r\nBcc: all@example.org\x00\t end")
    assert mail.outbox[0].subject == "[Improvement plan tracker] About R1 Bcc: all@example.org end"
    assert mail.outbox[0].message()["Bcc"] is None


def test_a_stored_subject_with_a_line_break_is_still_sent_safely():
    """Defence in depth: a subject that reached the outbox unsafely is made safe again."""
    tell(factories.UserFactory())
    Notice.objects.update(subject="Line one\nBcc: all@example.org")
    assert notify.send_due()["sent"] == 1
    assert mail.outbox[0].subject == "Line one Bcc: all@example.org"
    assert mail.outbox[0].message()["Bcc"] is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("R1", "R1"),
        ("  R1\r\n R2 ", "R1 R2"),
        ("R1\x00\x7f\x1b", "R1"),
        ("R1\u2028R2\u0085R3", "R1 R2 R3"),
        ("Recommendation 9 – care leavers", "Recommendation 9 – care leavers"),
    ],
)
def test_one_line_drops_controls_and_collapses_whitespace(text, expected):
    assert one_line(text) == expected


@pytest.mark.parametrize("text", ["R1\r\nBcc: x", "R1\n", "R1\tR2", "R1\x00", "R1\u2028"])
def test_validate_one_line_refuses_line_breaks_and_controls(text):
    with pytest.raises(ValidationError, match="on one line"):
        validate_one_line(text)


def test_validate_one_line_accepts_an_ordinary_reference():
    assert validate_one_line("Recommendation 9 (a)") is None
