"""Setting up an authenticator app (TOTP) for staff who use Django admin.

The first app is set up with the password alone. Replacing or removing a confirmed one
needs a code from it as well, so a stolen password cannot swap in the thief's app; every
change is written to the audit trail and e-mailed to the person.
"""

import base64

import segno
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import SignInEvent
from audit.signins import sign_in_event_record
from core.notify import notify

DEVICE_NAME = "Authenticator app"

WRONG_CODE = "That code is not right. Enter the code your app shows now"
THROTTLED = "Too many wrong codes. Wait a minute, then enter the code your app shows"
CURRENT_CODE_NEEDED = "Enter the 6-digit code from the authenticator app you use now"
WRONG_CURRENT_CODE = (
    "That code is not right. Enter the code the authenticator app you use now shows"
)

CHANGES = {
    SignInEvent.Kind.TWO_FACTOR_ADDED: "set up",
    SignInEvent.Kind.TWO_FACTOR_REPLACED: "replaced",
    SignInEvent.Kind.TWO_FACTOR_REMOVED: "removed",
}


def pending_device(user) -> TOTPDevice:
    """The user's unconfirmed device, created on first visit, so the QR code stays the same."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": DEVICE_NAME}
    )
    return device


def has_confirmed_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def manual_key(device: TOTPDevice) -> str:
    """The secret as authenticator apps take it when typed in: base32, in groups of four."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code_data_uri(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5)


def _code_problem(device: TOTPDevice, token: str, *, wrong: str = WRONG_CODE) -> str | None:
    """Why `token` is not a current code of `device`, or None when it is (throttled as it goes)."""
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        return THROTTLED
    if not device.verify_token((token or "").strip().replace(" ", "")):
        return wrong
    return None


def _current_code_problem(confirmed: list[TOTPDevice], token: str) -> str | None:
    """None when `token` is a current code of one of the confirmed devices."""
    if not (token or "").strip():
        return CURRENT_CODE_NEEDED
    problems = [_code_problem(device, token, wrong=WRONG_CURRENT_CODE) for device in confirmed]
    if None in problems:
        return None
    return THROTTLED if all(problem == THROTTLED for problem in problems) else WRONG_CURRENT_CODE


@transaction.atomic
def confirm_device(
    device: TOTPDevice, token: str, *, current_token: str = "", request=None
) -> dict[str, str]:
    """Confirm the pending device if its code is right; {field: why not} when not.

    A confirmed device is replaced only on a current code from it (`current_token`).
    Problems are returned, not raised, so that the throttle a wrong code sets is kept.
    """
    user = device.user
    confirmed = list(TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True))
    problems = {}
    if confirmed:
        problem = _current_code_problem(confirmed, current_token)
        if problem:
            problems["current_token"] = problem
    if not problems:
        problem = _code_problem(device, token)
        if problem:
            problems["token"] = problem
    if problems:
        return problems
    TOTPDevice.objects.filter(pk__in=[old.pk for old in confirmed]).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    kind = SignInEvent.Kind.TWO_FACTOR_REPLACED if confirmed else SignInEvent.Kind.TWO_FACTOR_ADDED
    _record_change(user, kind, request)
    return {}


@transaction.atomic
def remove_devices(user, *, current_token: str, request=None) -> dict[str, str]:
    """Remove the user's authenticator app on a current code from it; {field: why not} if not."""
    confirmed = list(TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True))
    if not confirmed:
        return {}
    problem = _current_code_problem(confirmed, current_token)
    if problem:
        return {"current_token": problem}
    TOTPDevice.objects.filter(user=user).delete()
    _record_change(user, SignInEvent.Kind.TWO_FACTOR_REMOVED, request)
    return {}


def _record_change(user, kind: str, request) -> None:
    """Write the change to the audit trail and e-mail the person (after commit)."""
    event = sign_in_event_record(kind=kind, request=request, user=user)
    notify(
        recipients=[user],
        subject=f"Your authenticator app was {CHANGES[kind]}",
        template="emails/two_factor_changed.txt",
        context={"change": CHANGES[kind], "event": event},
    )
