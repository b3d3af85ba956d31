"""Staff confirm an authenticator app; Django admin then asks for its code."""

import pytest
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@pytest.mark.django_db
def test_staff_confirm_an_authenticator_app_with_a_correct_code(client, admin_user):
    client.force_login(admin_user)
    page = client.get("/profile/two-factor/")
    assert page.status_code == 200 and b"data:image/svg+xml" in page.content
    device = TOTPDevice.objects.get(user=admin_user, confirmed=False)

    wrong = client.post("/profile/two-factor/", {"token": "000000"})
    assert b"That code is not right" in wrong.content
    assert b"govuk-input--error" in wrong.content

    throttled = client.post("/profile/two-factor/", {"token": current_code(device)})
    assert b"Too many wrong codes" in throttled.content  # a wrong guess slows the next one

    device.refresh_from_db()
    device.throttle_reset()
    right = client.post("/profile/two-factor/", {"token": current_code(device)})
    assert right.status_code == 302
    device.refresh_from_db()
    assert device.confirmed


@pytest.mark.django_db
def test_manual_key_is_base32_in_groups(admin_user):
    key = two_factor.manual_key(two_factor.pending_device(admin_user))
    assert all(len(group) <= 4 for group in key.split())
    assert set(key.replace(" ", "")) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")


@pytest.mark.django_db
@override_settings(ADMIN_REQUIRE_OTP=True)
def test_admin_needs_a_one_time_code_when_required(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    login_page = client.get(response["Location"])
    assert b"otp_token" in login_page.content


@pytest.mark.django_db
@override_settings(ADMIN_REQUIRE_OTP=True)
def test_admin_opens_after_a_verified_sign_in(client, admin_user):
    device = TOTPDevice.objects.create(user=admin_user, name="app", confirmed=True)
    response = client.post(
        "/admin/login/?next=/admin/",
        {
            "username": admin_user.email,
            "password": "a-long-test-password",
            "otp_device": device.persistent_id,
            "otp_token": current_code(device),
        },
    )
    assert response.status_code == 302, response.content[:2000]
    assert client.get("/admin/").status_code == 200
