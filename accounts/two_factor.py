"""Setting up an authenticator app (TOTP) for staff who use Django admin."""

import base64

import segno
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "Authenticator app"


def pending_device(user) -> TOTPDevice:
    """The user's unconfirmed device, created on first visit, so the QR code stays the same."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": DEVICE_NAME}
    )
    return device


def manual_key(device: TOTPDevice) -> str:
    """The secret as authenticator apps take it when typed in: base32, in groups of four."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code_data_uri(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5)


WRONG_CODE = "That code is not right. Enter the code your app shows now"
THROTTLED = "Too many wrong codes. Wait a minute, then enter the code your app shows"


@transaction.atomic
def confirm_device(device: TOTPDevice, token: str) -> str | None:
    """Confirm the device if the code is right (older devices are replaced); else say why not."""
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        return THROTTLED
    if not device.verify_token(token.strip().replace(" ", "")):
        return WRONG_CODE
    TOTPDevice.objects.filter(user=device.user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return None
