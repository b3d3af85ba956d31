"""Writes for meeting packs: publish a version (frozen files, hashes, the page as shown)
and withdraw one. Keyword-only, one transaction each, ValidationError for a broken rule."""

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from improvement.models import Plan
from improvement.reports.files import pack_pdf, pack_xlsx
from meetings.models import Body, Meeting, PublishedPack
from meetings.selectors_packs import meeting_pack, pack_page

REASON_NEEDED = "Give the reason for publishing a new version"
NOT_THE_BODYS = "This plan is not overseen by this meeting's body"


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def publish_pack(
    *, meeting: Meeting, plan: Plan, user, cover_note: str = "", reason: str = ""
) -> PublishedPack:
    """Build the meeting's pack for `plan` once, store its PDF, .xlsx and page with their
    SHA-256, and move the meeting to "papers published". A later version needs a reason."""
    if not meeting.body.plans.filter(pk=plan.pk).exists():
        raise ValidationError(NOT_THE_BODYS)
    earlier = PublishedPack.objects.filter(meeting=meeting, plan=plan)
    if earlier.exists() and not reason.strip():
        raise ValidationError({"reason": REASON_NEEDED})
    # Made before the transaction: drawing the PDF takes seconds and holds no lock.
    pack = meeting_pack(user, meeting=meeting, plan=plan, cover_note=cover_note)
    pdf, xlsx, page = pack_pdf(pack), pack_xlsx(pack), pack_page(pack)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        version = (earlier.aggregate(n=Max("version"))["n"] or 0) + 1
        published = PublishedPack(
            meeting=meeting,
            plan=plan,
            version=version,
            title=f"{plan.title}: {pack.meeting}"[:400],
            cover_note=pack.cover_note,
            reason=reason.strip() if version > 1 else "",
            page=page,
            filename_stem=f"{pack.filename_stem}-v{version}",
            pdf_sha256=sha256(pdf),
            xlsx_sha256=sha256(xlsx),
            names_by_role=meeting.body.public_names == Body.PublicNames.ROLES,
            published_by=user,
            published_at=timezone.now(),
        )
        published.pdf.save(f"{published.filename_stem}.pdf", ContentFile(pdf), save=False)
        published.xlsx.save(f"{published.filename_stem}.xlsx", ContentFile(xlsx), save=False)
        published.save()
        if meeting.status == Meeting.Status.PLANNED:
            meeting.status = Meeting.Status.PAPERS_PUBLISHED
            meeting.save(update_fields=["status"])
    return published


def withdraw_pack(*, pack: PublishedPack, reason: str) -> PublishedPack:
    """Take a published version off the public page (it stays listed for signed-in users)."""
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason for withdrawing this version"})
    if pack.withdrawn_at:
        raise ValidationError("This version has already been withdrawn")
    with transaction.atomic():
        pack.withdrawn_at = timezone.now()
        pack.withdrawn_reason = reason.strip()
        pack.save(update_fields=["withdrawn_at", "withdrawn_reason"])
    return pack
