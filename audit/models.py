"""Sign-in events: the part of the audit trail that is not a change to a record."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from audit.history import SIGN_IN_TABLE


class SignInEvent(models.Model):
    """A sign-in, sign-out, failed sign-in, lock-out or change of authenticator app: part of
    the audit trail, never edited.

    Written by the auth signal receivers in audit/signins.py. The e-mail address is kept as
    typed (a failed attempt may name no real account) and the person's name is kept, so the
    record survives the deletion of the user.
    """

    class Kind(models.TextChoices):
        SIGNED_IN = "signed_in", "Signed in"
        SIGNED_OUT = "signed_out", "Signed out"
        FAILED = "failed", "Failed sign-in"
        LOCKED_OUT = "locked_out", "Locked out"
        # Changes to the authenticator app Django admin asks for (accounts/two_factor.py).
        TWO_FACTOR_ADDED = "two_factor_added", "Authenticator app set up"
        TWO_FACTOR_REPLACED = "two_factor_replaced", "Authenticator app replaced"
        TWO_FACTOR_REMOVED = "two_factor_removed", "Authenticator app removed"

    class Method(models.TextChoices):
        PASSWORD = "password", "Password"
        PROVIDER = "provider", "Council account"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    # How a sign-in (or failed one) was made; blank for the other kinds.
    method = models.CharField(max_length=10, choices=Method.choices, blank=True)
    # From the provider's ID token: when the person last proved who they are to it, and how
    # ("pwd mfa"); a refused sign-in's reason (accounts/sso/refusals.py).
    auth_time = models.DateTimeField("signed in at the provider", null=True, blank=True)
    amr = models.CharField("how the provider checked them", max_length=100, blank=True)
    reason = models.CharField("why refused", max_length=200, blank=True)
    email = models.CharField("e-mail address as typed", max_length=254, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    user_name = models.CharField(max_length=150, blank=True)
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        # The table keeps the name it had when accounts held the model.
        db_table = SIGN_IN_TABLE
        ordering = ["-at", "-pk"]
        verbose_name = "sign-in event"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.email or self.user_name}"
