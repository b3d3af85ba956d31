from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from audit.history import AuditedHistoricalRecords


class Organisation(models.Model):
    class Kind(models.TextChoices):
        COUNCIL = "council", "Council"
        HEALTH = "health", "Health (NHS)"
        POLICE = "police", "Police"
        EDUCATION = "education", "Schools and education"
        PARTNERSHIP = "partnership", "Safeguarding partnership"
        VOLUNTARY = "voluntary", "Voluntary sector"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COUNCIL)
    is_active = models.BooleanField(default=True)
    history = AuditedHistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=200)
    is_active = models.BooleanField(default=True)
    history = AuditedHistoricalRecords()

    class Meta:
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_team_per_org"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **fields):
        if not email:
            raise ValueError("Users need an e-mail address")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **fields):
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with their e-mail address."""

    email = models.EmailField("e-mail address", unique=True)
    full_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="people"
    )
    teams = models.ManyToManyField(Team, blank=True, related_name="members")
    wants_reminders = models.BooleanField(
        "e-mail me a reminder digest",
        default=True,
        help_text="A daily e-mail listing your overdue, stale and due-soon actions.",
    )

    class NoticeDelivery(models.TextChoices):
        AT_ONCE = "at_once", "At once"
        DIGEST = "digest", "In my daily digest"

    notice_delivery = models.CharField(
        "send these notices",
        max_length=10,
        choices=NoticeDelivery.choices,
        default=NoticeDelivery.AT_ONCE,
        help_text="When an action is assigned to you, a manager changes your action's target "
        "date, or your action is verified.",
    )
    last_digest_on = models.DateField(null=True, blank=True, editable=False)
    is_staff = models.BooleanField(
        "administrator", default=False, help_text="Can sign in to Django admin."
    )
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    # Single sign-on (accounts/sso/): the provider's stable id for the person (Entra's `oid`,
    # else `sub`), set at their first sign-in through it, and whose id it is.
    oidc_subject = models.CharField(
        "subject at the council's sign-in provider",
        max_length=255,
        unique=True,
        null=True,
        blank=True,
        help_text="Set at their first sign-in with their council account. Clear it to let "
        "the person link a different council account.",
    )
    oidc_issuer = models.CharField("sign-in provider", max_length=255, blank=True, editable=False)
    last_provider_sign_in = models.DateTimeField(
        "last sign-in with council account", null=True, blank=True, editable=False
    )
    # Role (group) membership and direct permissions are tracked too, as many-to-many history.
    history = AuditedHistoricalRecords(
        m2m_fields=[teams, "groups", "user_permissions"],
        excluded_fields=["last_login", "password", "last_provider_sign_in"],
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="unique_email_ignoring_case"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def sign_in_method(self) -> str:
        return "Council account" if self.oidc_subject else "Password"

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email
