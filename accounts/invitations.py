"""Inviting a person to the tracker: an e-mail with a one-time link to set their password.

An administrator creates a user in Django admin without a password (the account has an
unusable one); the invitation is e-mailed through the outbox (core/notify.py) after the
save commits. The link is a password-reset style token (its own salt, so a reset link is
not an invitation and the other way round) that:

- expires after settings.INVITATION_DAYS days;
- works once: it is made from the password hash and last sign-in, so it stops working
  when the password is set (or the person signs in);
- is never a password: nobody chooses or sees one but the person invited.

Resending makes a new link; an earlier link keeps working until one of them is used (then
all stop), since a person may open whichever e-mail arrived first.

Audit: each invitation sent is a row in the user's history, by the administrator who sent
it, with the change reason "Invitation e-mailed" (and the e-mail itself is in the outbox,
core.Notice, with the time it was written and sent).
"""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode

from core.notify import absolute_url, notify

INVITED_REASON = "Invitation e-mailed"


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Django's reset token with its own salt and an expiry of INVITATION_DAYS days."""

    key_salt = "accounts.invitations.InvitationTokenGenerator"

    def check_token(self, user, token) -> bool:
        """Django's check (signature, password hash, last sign-in) with this expiry."""
        if not (user and token):
            return False
        try:
            timestamp = base36_to_int(str(token).split("-")[0])
        except ValueError:
            return False
        for secret in [self.secret, *self.secret_fallbacks]:
            if constant_time_compare(
                self._make_token_with_timestamp(user, timestamp, secret), token
            ):
                break
        else:
            return False
        age = self._num_seconds(self._now()) - timestamp
        return age <= invitation_days() * 24 * 60 * 60


def invitation_days() -> int:
    return getattr(settings, "INVITATION_DAYS", 7)


invitation_tokens = InvitationTokenGenerator()


def invitation_url(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = invitation_tokens.make_token(user)
    return absolute_url(reverse("invitation_accept", args=[uid, token]))


def send_invitation(user, *, by) -> bool:
    """Store the invitation e-mail in the outbox (sent after commit) and record it in the
    user's history. False (nothing sent) for an inactive account or one without e-mail."""
    if not user.is_active or not user.email:
        return False
    notify(
        recipients=[user],
        subject="You are invited to the improvement plan tracker",
        template="emails/invitation.txt",
        context={
            "invited_by": by,
            "link": invitation_url(user),
            "days": invitation_days(),
            "sign_in_url": absolute_url(reverse("login")),
        },
    )
    user._history_user = by
    user._change_reason = INVITED_REASON
    user.save()
    return True
