"""A stolen password alone cannot replace or remove a staff member's authenticator app.

The probe's attack: signed in with the password only, open /profile/two-factor/, take the
new key, confirm it, and Django admin then takes codes from the thief's app.
"""

import pytest
from django.core import mail
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import SignInEvent
from tests.accounts.test_two_factor import current_code

PAGE = "/profile/two-factor/"
REMOVE = "/profile/two-factor/remove/"
pytestmark = pytest.mark.django_db


@pytest.fixture
def old_device(admin_user):
    return TOTPDevice.objects.create(user=admin_user, name="Phone", confirmed=True)


@pytest.fixture
def password_only(client, admin_user, django_capture_on_commit_callbacks):
    """A session signed in with the password and nothing more (force_login skips the OTP).

    Its posts send the e-mail they queue for after commit, as a real request would.
    """
    client.force_login(admin_user)
    post = client.post

    def post_and_commit(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return post(*args, **kwargs)

    client.post = post_and_commit
    return client


def new_device(client, admin_user) -> TOTPDevice:
    page = client.get(PAGE)
    assert page.status_code == 200 and b"data:image/svg+xml" in page.content
    return TOTPDevice.objects.get(user=admin_user, confirmed=False)


def assert_unchanged(old_device, new):
    assert TOTPDevice.objects.filter(pk=old_device.pk, confirmed=True).exists()
    new.refresh_from_db()
    assert not new.confirmed
    assert not SignInEvent.objects.filter(kind__startswith="two_factor").exists()
    assert mail.outbox == []


def test_a_password_alone_cannot_replace_a_confirmed_authenticator_app(
    password_only, admin_user, old_device
):
    new = new_device(password_only, admin_user)

    response = password_only.post(PAGE, {"token": current_code(new)})

    assert response.status_code == 200
    assert b"Enter the 6-digit code from the authenticator app you use now" in response.content
    assert_unchanged(old_device, new)


def test_a_wrong_code_for_the_current_app_does_not_replace_it(
    password_only, admin_user, old_device
):
    new = new_device(password_only, admin_user)

    response = password_only.post(PAGE, {"token": current_code(new), "current_token": "123456"})

    assert b"That code is not right. Enter the code the authenticator app you use now" in (
        response.content
    )
    assert_unchanged(old_device, new)


def test_a_code_from_the_current_app_replaces_it_audited_and_e_mailed(
    password_only, admin_user, old_device
):
    new = new_device(password_only, admin_user)

    response = password_only.post(
        PAGE,
        {"token": current_code(new), "current_token": current_code(old_device)},
        REMOTE_ADDR="198.51.100.7",
    )

    assert response.status_code == 302
    assert list(TOTPDevice.objects.filter(user=admin_user)) == [new]
    new.refresh_from_db()
    assert new.confirmed
    event = SignInEvent.objects.get(kind=SignInEvent.Kind.TWO_FACTOR_REPLACED)
    assert (event.user, event.ip_address) == (admin_user, "198.51.100.7")
    [message] = mail.outbox
    assert message.to == [admin_user.email]
    assert "authenticator app was replaced" in message.subject
    assert "198.51.100.7" in message.body and "Change your password" in message.body


def test_removing_the_app_needs_a_code_from_it(password_only, admin_user, old_device):
    refused = password_only.post(REMOVE, {"remove-current_token": ""})

    assert refused.status_code == 200
    assert b"Enter the 6-digit code from the authenticator app you use now" in refused.content
    assert b'href="#id_remove-current_token"' in refused.content  # the summary links the field
    assert refused.content.count(b'id="submit-id-submit"') == 1  # two forms, distinct ids
    assert TOTPDevice.objects.filter(pk=old_device.pk).exists()

    removed = password_only.post(REMOVE, {"remove-current_token": current_code(old_device)})

    assert removed.status_code == 302
    assert not TOTPDevice.objects.filter(user=admin_user).exists()
    assert SignInEvent.objects.filter(kind=SignInEvent.Kind.TWO_FACTOR_REMOVED).count() == 1
    assert [m.subject for m in mail.outbox] == [
        "[Improvement plan tracker] Your authenticator app was removed"
    ]


def test_setting_up_the_first_app_needs_only_its_code_and_is_recorded(password_only, admin_user):
    new = new_device(password_only, admin_user)

    response = password_only.post(PAGE, {"token": current_code(new)})

    assert response.status_code == 302
    new.refresh_from_db()
    assert new.confirmed
    assert SignInEvent.objects.filter(kind=SignInEvent.Kind.TWO_FACTOR_ADDED).count() == 1
    assert len(mail.outbox) == 1


@override_settings(ADMIN_REQUIRE_OTP=True)
def test_admin_refuses_a_code_from_an_unconfirmed_app(
    client, password_only, admin_user, old_device
):
    # The set-up page shows the key of a new, unconfirmed device to anyone with the password;
    # naming that device on the admin sign-in form must not let them in.
    new = new_device(password_only, admin_user)
    password_only.logout()

    response = client.post(
        "/admin/login/?next=/admin/",
        {
            "username": admin_user.email,
            "password": "a-long-test-password",
            "otp_device": new.persistent_id,
            "otp_token": current_code(new),
        },
    )

    assert response.status_code == 200  # the sign-in form again
    assert client.get("/admin/").status_code == 302
