"""Sign-ins, sign-outs, failed sign-ins and lock-outs are recorded in the audit trail."""

import pytest
from django.urls import reverse

from audit.models import SignInEvent
from audit.selectors import SIGN_INS, AuditFilters, audit_page, audit_rows

PASSWORD = "a-long-test-password"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) " + "Gecko/20100101 " * 40
pytestmark = pytest.mark.django_db


def sign_in(client, email, password=PASSWORD, ip="198.51.100.20"):
    return client.post(
        reverse("login"),
        {"username": email, "password": password},
        REMOTE_ADDR=ip,
        HTTP_USER_AGENT=BROWSER,
    )


def test_a_sign_in_is_recorded_with_address_and_browser(client, officer):
    response = sign_in(client, officer.email)

    assert response.status_code == 302
    event = SignInEvent.objects.get()
    assert event.kind == SignInEvent.Kind.SIGNED_IN
    assert event.user == officer
    assert event.user_name == "Olu Officer"
    assert event.email == officer.email
    assert event.ip_address == "198.51.100.20"
    assert event.user_agent == BROWSER[:300]  # kept, but cut to the column's length


def test_a_failed_sign_in_is_recorded_with_the_address_as_typed(client, officer):
    response = sign_in(client, officer.email.upper(), password="not-the-password")

    assert response.status_code == 200  # the form again, with its error
    event = SignInEvent.objects.get()
    assert event.kind == SignInEvent.Kind.FAILED
    assert event.email == officer.email.upper()
    assert event.user == officer  # matched, so "failed sign-ins for this person" works
    assert event.ip_address == "198.51.100.20"


def test_a_failed_sign_in_for_no_account_is_recorded_too(client):
    sign_in(client, "nobody@example.org", password="guess-guess-guess")
    event = SignInEvent.objects.get()
    assert (event.kind, event.email, event.user) == ("failed", "nobody@example.org", None)


def test_signing_out_is_recorded(client, officer):
    sign_in(client, officer.email)
    response = client.post(reverse("logout"), REMOTE_ADDR="198.51.100.21")

    assert response.status_code == 302
    latest = SignInEvent.objects.first()
    assert (latest.kind, latest.user, latest.ip_address) == ("signed_out", officer, "198.51.100.21")


def test_signing_out_with_no_session_records_nothing(client):
    client.post(reverse("logout"))
    assert not SignInEvent.objects.exists()


def test_a_lock_out_after_repeated_failures_is_recorded(client, officer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, officer.email, password="wrong-password-again")

    kinds = list(SignInEvent.objects.values_list("kind", flat=True))
    assert SignInEvent.Kind.LOCKED_OUT in kinds
    assert kinds.count(SignInEvent.Kind.FAILED) == settings.AXES_FAILURE_LIMIT
    locked = SignInEvent.objects.get(kind=SignInEvent.Kind.LOCKED_OUT)
    assert locked.user == officer


def test_sign_in_events_appear_in_the_audit_trail(client, officer, auditor):
    sign_in(client, officer.email, password="wrong")
    sign_in(client, officer.email)

    entries = audit_page(audit_rows(AuditFilters(record_type=SIGN_INS)), auditor).entries

    assert [e.kind_label for e in entries] == ["Signed in", "Failed sign-in"]
    assert {e.actor_name for e in entries} == {"Olu Officer"}
    assert entries[0].ip == "198.51.100.20"
    assert entries[0].record_label == officer.email


def test_the_trail_can_be_filtered_to_one_persons_sign_ins(client, officer, manager, auditor):
    sign_in(client, officer.email)
    sign_in(client, manager.email, password="mistyped")
    client.force_login(auditor)

    response = client.get(reverse("audit_trail"), {"person": "olu", "record_type": SIGN_INS})

    assert [e.record_label for e in response.context["page"].entries] == [officer.email]


def test_the_sign_in_record_keeps_the_name_after_the_user_is_deleted(client, officer):
    sign_in(client, officer.email)
    officer.delete()
    event = SignInEvent.objects.get()
    assert (event.user, event.user_name) == (None, "Olu Officer")
