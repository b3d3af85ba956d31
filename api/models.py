"""Personal API tokens: a public prefix to find the row, and a hash of the secret.

The secret is shown once, when the token is made; only its SHA-256 is stored, so a copy of
the database gives no way in. A token carries no rights of its own: it acts as its user,
with the user's roles, and stops working when the user is deactivated.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from audit.history import AuditedHistoricalRecords


class ApiTokenQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A person's own tokens (administrators see every token in Django admin)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def usable(self, now):
        """Tokens not revoked and not expired at `now`."""
        return self.filter(revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What it is for, for example Power BI.")
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    # last_used_at changes on use, not by anyone's edit: kept out of the trail.
    history = AuditedHistoricalRecords(excluded_fields=["last_used_at"])

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_usable(self, now) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
