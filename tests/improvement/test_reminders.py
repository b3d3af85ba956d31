"""`manage.py send_reminders`: one digest per officer per day, with the right actions."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core import roles
from core.models import Notice
from improvement.status import Status
from tests import factories
from tests.mailserver import FAILURES, take_mail_down

TODAY = dt.date(2026, 6, 15)


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def led(officer, description, *, target, status=Status.ON_TRACK, last_update=TODAY, **kwargs):
    return factories.ActionFactory(
        leads=[officer],
        description=description,
        target_date=target,
        declared_status=status,
        last_update_at=at(last_update),
        **kwargs,
    )


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run the command; e-mail goes out when its (test-wrapped) transaction commits."""

    def command() -> str:
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_reminders", stdout=out)
        return out.getvalue()

    return command


@pytest.fixture
def today(fixed_today, settings):
    settings.SITE_URL = "https://tracker.example.org"
    return fixed_today(TODAY)


@pytest.fixture
def busy(db, officer, today):
    """An officer with one action of each kind."""
    return {
        "overdue": led(officer, "Overdue work", target=dt.date(2026, 6, 1)),
        "due": led(officer, "Due soon work", target=dt.date(2026, 6, 29)),
        "stale": led(
            officer, "Stale work", target=dt.date(2026, 12, 1), last_update=dt.date(2026, 4, 1)
        ),
        "later": led(officer, "Later work", target=dt.date(2026, 6, 30)),  # 15 days away
        "done": led(officer, "Done work", target=dt.date(2026, 6, 1), status=Status.COMPLETE),
    }


def test_each_officer_gets_one_digest_of_overdue_due_soon_and_stale_actions(run, busy, officer):
    assert "Sent 1 reminder digest" in run()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [officer.email]
    assert "3 actions need your attention" in message.subject
    body = message.body
    for kind in ("overdue", "due", "stale"):
        assert busy[kind].title in body
        assert f"https://tracker.example.org{busy[kind].get_absolute_url()}" in body
    assert "Later work" not in body and "Done work" not in body
    assert body.index("OVERDUE") < body.index("Overdue work") < body.index("DUE IN THE NEXT 14")
    assert "14 days overdue" in body and "due in 14 days" in body
    assert f"https://tracker.example.org{reverse('profile')}" in body
    officer.refresh_from_db()
    assert officer.last_digest_on == TODAY


def test_running_twice_the_same_day_sends_nothing_more(run, busy, officer):
    run()
    assert "1 already had today's digest" in run()
    assert len(mail.outbox) == 1


def test_the_next_day_brings_the_next_digest(run, busy, officer, fixed_today):
    run()
    fixed_today(TODAY + dt.timedelta(days=1))
    run()
    assert len(mail.outbox) == 2


def test_officers_who_opted_out_get_nothing(run, busy, officer):
    officer.wants_reminders = False
    officer.save()
    run()
    assert mail.outbox == []


def test_officers_with_nothing_due_get_nothing(run, db, today, officer):
    led(officer, "Comfortable", target=dt.date(2026, 12, 1))
    assert "1 officer(s) had nothing due" in run()
    assert mail.outbox == []


def test_team_actions_count_and_other_people_get_their_own_digest(run, db, today, officer):
    team = factories.TeamFactory()
    colleague = factories.UserFactory(roles=[roles.OFFICER], teams=[team])
    factories.ActionFactory(
        lead_team=team, description="Team work", target_date=dt.date(2026, 6, 1)
    )
    led(officer, "Mine", target=dt.date(2026, 6, 1))
    run()
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "Team work" in bodies[colleague.email] and "Mine" not in bodies[colleague.email]
    assert "Mine" in bodies[officer.email] and "Team work" not in bodies[officer.email]


@pytest.mark.parametrize("role", [roles.PLAN_MANAGER, roles.SCRUTINY, roles.AUDITOR])
def test_only_officers_get_digests(run, db, today, role):
    other = factories.UserFactory(roles=[role])
    led(other, "Someone else's", target=dt.date(2026, 6, 1))
    run()
    assert mail.outbox == []


def test_an_inactive_officer_gets_nothing(run, busy, officer):
    officer.is_active = False
    officer.save()
    run()
    assert mail.outbox == []


def test_officers_opt_out_on_their_profile(client, officer):
    client.force_login(officer)
    assert "reminder" in client.get(reverse("profile")).content.decode().lower()
    # A browser sends no value for the box when it is unticked (the radios always send one).
    client.post(reverse("profile"), {"csrfmiddlewaretoken": "token", "notice_delivery": "at_once"})
    officer.refresh_from_db()
    assert officer.wants_reminders is False


@pytest.mark.django_db(transaction=True)
def test_a_digest_the_mail_server_refuses_waits_in_the_outbox_and_goes_on_the_next_run(today):
    officer = factories.UserFactory(roles=[roles.OFFICER])
    led(officer, "Overdue work", target=dt.date(2026, 6, 1))
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        take_mail_down(patch, FAILURES["connection-refused"])
        call_command("send_reminders", stdout=out)  # no exception: the digest is kept
    assert "Sent 1 reminder digest(s)" in out.getvalue()
    officer.refresh_from_db()
    assert officer.last_digest_on == today
    waiting = Notice.objects.get(state=Notice.State.PENDING)
    assert (waiting.to, waiting.attempts) == (officer.email, 1)
    assert mail.outbox == []

    Notice.objects.update(next_attempt_at=timezone.now())  # the wait after a failure is over
    out = io.StringIO()
    call_command("send_reminders", stdout=out)  # the next run sends it first, once
    assert "Sent 1 notice(s)" in out.getvalue()
    assert "1 already had today's digest" in out.getvalue()
    assert [m.to for m in mail.outbox] == [[officer.email]]
    assert "Overdue work" in mail.outbox[0].body
