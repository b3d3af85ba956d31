"""Item 7 of issue 18: an administrator invites a person; they choose their own password."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse

from accounts.invitations import INVITED_REASON, invitation_tokens
from accounts.models import User
from core.models import Notice

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-Pass-phrase-91"
ADD_URL = reverse("admin:accounts_user_add")
LIST_URL = reverse("admin:accounts_user_changelist")


def add_user(admin_client, capture, email="new.lead@example.gov.uk"):
    with capture(execute=True):
        response = admin_client.post(
            ADD_URL, {"email": email, "full_name": "New Lead", "_save": "1"}
        )
    assert response.status_code == 302, response.context["adminform"].form.errors
    return User.objects.get(email=email)


def link_in(message) -> str:
    match = re.search(r"https?://[^/\s]+(/invitation/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def choose_password(client, link):
    """Follow the link as the invited person (Django moves the token into the session)."""
    page = client.get(link, follow=True)
    if not page.context.get("validlink"):
        return page
    return client.post(
        page.redirect_chain[-1][0],
        {"new_password1": PASSWORD, "new_password2": PASSWORD},
        follow=True,
    )


def test_the_add_form_asks_for_no_password(admin_client):
    page = admin_client.get(ADD_URL)
    assert page.status_code == 200
    assert b'name="password1"' not in page.content
    assert b"invitation" in page.content


def test_creating_a_user_sends_one_invitation_and_records_it(
    admin_client, admin_user, django_capture_on_commit_callbacks
):
    user = add_user(admin_client, django_capture_on_commit_callbacks)
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.lead@example.gov.uk"]
    assert "/invitation/" in message.body and "expires in 7 days" in message.body
    assert Notice.objects.filter(recipient=user, state=Notice.State.SENT).count() == 1
    record = user.history.filter(history_change_reason=INVITED_REASON).get()
    assert record.history_user == admin_user


def test_the_link_sets_the_password_once(admin_client, client, django_capture_on_commit_callbacks):
    user = add_user(admin_client, django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])

    done = choose_password(client, link)
    assert b"Your password has been set" in done.content
    user.refresh_from_db()
    assert user.check_password(PASSWORD)

    again = client.get(link, follow=True)
    assert again.context["validlink"] is False
    assert b"This invitation link no longer works" in again.content


def test_an_expired_link_is_refused_with_a_clear_page(
    admin_client, client, django_capture_on_commit_callbacks, settings
):
    settings.INVITATION_DAYS = 7
    user = add_user(admin_client, django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    later = invitation_tokens._now() + timedelta(days=7, minutes=1)
    with mock.patch.object(type(invitation_tokens), "_now", return_value=later):
        page = client.get(link, follow=True)
    assert page.status_code == 200
    assert b"This invitation link no longer works" in page.content
    assert b"expires after 7 days" in page.content or b"expire after 7 days" in page.content
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_a_six_day_old_link_still_works(admin_client, client, django_capture_on_commit_callbacks):
    """Longer than Django's 3-day reset limit: the invitation keeps its own expiry."""
    add_user(admin_client, django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    later = invitation_tokens._now() + timedelta(days=6)
    with mock.patch.object(type(invitation_tokens), "_now", return_value=later):
        page = client.get(link, follow=True)
    assert page.context["validlink"] is True


def test_a_password_reset_token_is_not_an_invitation(admin_client, client):
    from django.contrib.auth.tokens import default_token_generator

    user = User.objects.create_user("x@example.gov.uk", None, full_name="X")
    assert not invitation_tokens.check_token(user, default_token_generator.make_token(user))


def test_resend_sends_a_new_link_and_the_old_one_works_until_one_is_used(
    admin_client, client, django_capture_on_commit_callbacks
):
    user = add_user(admin_client, django_capture_on_commit_callbacks)
    first = link_in(mail.outbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            LIST_URL, {"action": "resend_invitation", "_selected_action": [user.pk]}, follow=True
        )
    assert b"Sent 1 invitation" in response.content
    assert len(mail.outbox) == 2
    second = link_in(mail.outbox[1])
    assert user.history.filter(history_change_reason=INVITED_REASON).count() == 2

    assert b"Your password has been set" in choose_password(client, first).content
    client.logout()
    assert choose_password(client, second).context["validlink"] is False


def test_resend_skips_people_who_have_a_password(admin_client, django_capture_on_commit_callbacks):
    user = User.objects.create_user("has@example.gov.uk", PASSWORD, full_name="Has One")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            LIST_URL, {"action": "resend_invitation", "_selected_action": [user.pk]}, follow=True
        )
    assert b"Sent 0 invitations" in response.content
    assert b"already has a password" in response.content
    assert mail.outbox == []


def test_no_email_contains_a_password(admin_client, client, django_capture_on_commit_callbacks):
    user = add_user(admin_client, django_capture_on_commit_callbacks)
    choose_password(client, link_in(mail.outbox[0]))
    user.refresh_from_db()
    for message in mail.outbox:
        assert PASSWORD not in message.body
        assert "password:" not in message.body.lower()
        assert user.password not in message.body
