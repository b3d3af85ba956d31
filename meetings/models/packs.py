"""Published meeting packs: each version frozen as it was published.

Publishing stores the PDF and the .xlsx (private storage, served only through a view)
with each file's SHA-256, and the page's HTML as shown at publication, so later changes
to the plan never alter what was published. A re-publication is a new version with its
reason; earlier versions stay listed and downloadable. The `uuid` is the stable public
address when the body publishes packs for the public.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse

from audit.history import AuditedHistoricalRecords
from meetings.models.bodies import Meeting


class PublishedPackQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Published packs are "for publication": every role reads them."""
        return self.filter(meeting__in=Meeting.objects.visible_to(user).values("pk"))

    def public(self):
        """What anonymous visitors may open: not withdrawn, of a body that publishes."""
        return self.filter(withdrawn_at__isnull=True, meeting__body__publishes_packs=True)


class PublishedPack(models.Model):
    """One published version of the pack of a meeting for one of its body's plans."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="packs")
    plan = models.ForeignKey("improvement.Plan", on_delete=models.PROTECT, related_name="+")
    version = models.PositiveSmallIntegerField()
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=400)
    cover_note = models.TextField(blank=True, max_length=2_000)
    reason = models.TextField(
        blank=True, max_length=2_000, help_text="Why a new version was published."
    )
    page = models.TextField(help_text="The pack's page as published (HTML).")
    filename_stem = models.CharField(max_length=200)
    pdf = models.FileField(upload_to="packs/%Y/%m/", max_length=300)
    pdf_sha256 = models.CharField("PDF SHA-256", max_length=64)
    xlsx = models.FileField(upload_to="packs/%Y/%m/", max_length=300)
    xlsx_sha256 = models.CharField(".xlsx SHA-256", max_length=64)
    names_by_role = models.BooleanField(default=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True, max_length=2_000)
    history = AuditedHistoricalRecords()

    objects = PublishedPackQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "plan", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "plan", "version"], name="unique_pack_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"

    def get_absolute_url(self) -> str:
        return reverse("pack_detail", args=[self.pk])

    def get_public_url(self) -> str:
        return reverse("public_pack", args=[self.uuid])
