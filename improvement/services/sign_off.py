"""Putting a plan version to sign-off, each approver's decision, and the date it went to
Ofsted. The only writer of `PlanVersion`, `SignOff` and `Plan.approved_on`.

A version freezes the plan as it stands (its snapshot and SHA-256). Each named approver
approves it or returns it with a reason; a return closes the version (the plan manager
makes a new one), and when every approver has approved, the version is approved that day
and the plan's `approved_on` takes that date. Approvers are e-mailed when asked, and the
plan manager who put the version to sign-off when it is decided.
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from core import notify
from core.roles import has_any_role
from improvement.models import Plan, PlanVersion, SignOff
from improvement.selectors.versions import plan_snapshot, snapshot_sha256
from improvement.status import today

ONE_AWAITING = (
    "This plan already has a version awaiting sign-off. It must be approved or returned "
    "before you put another version to sign-off."
)


def _version_url(version: PlanVersion) -> str:
    return notify.absolute_url(version.get_absolute_url())


def _check_approvers(plan: Plan, approvers: list) -> None:
    if not approvers:
        raise ValidationError({"approvers": "Select at least one approver"})
    for person in approvers:
        if not person.is_active or not has_any_role(person):
            raise ValidationError(
                {"approvers": f"{person.full_name} cannot sign off: they have no active role"}
            )
        if not Plan.objects.visible_to(person).filter(pk=plan.pk).exists():
            raise ValidationError({"approvers": f"{person.full_name} cannot read this plan"})


@transaction.atomic
def version_submit(*, plan: Plan, title: str, approvers: Iterable, submitted_by) -> PlanVersion:
    """Freeze the plan as it stands as its next version, awaiting the approvers' sign-off;
    each approver is e-mailed. Raises ValidationError while another version awaits."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    approvers = list({person.pk: person for person in approvers}.values())
    title = title.strip()
    if not title:
        raise ValidationError({"title": "Enter a title for the version"})
    if plan.versions.filter(state=PlanVersion.State.AWAITING).exists():
        raise ValidationError(ONE_AWAITING)
    _check_approvers(plan, approvers)
    snapshot = plan_snapshot(plan)
    version = PlanVersion(
        plan=plan,
        number=(plan.versions.aggregate(n=Max("number"))["n"] or 0) + 1,
        title=title,
        snapshot=snapshot,
        snapshot_sha256=snapshot_sha256(snapshot),
        submitted_by=submitted_by,
        submitted_at=timezone.now(),
    )
    version.full_clean()
    version.save()
    for person in approvers:
        SignOff.objects.create(version=version, approver=person)
    notify.notify(
        recipients=approvers,
        subject=f"Please sign off {plan.title}: version {version.number}",
        template="emails/version_sign_off_asked.txt",
        context={"version": version, "plan": plan, "url": _version_url(version)},
        about=version,
    )
    return version


@transaction.atomic
def version_decide(*, version: PlanVersion, approver, approve: bool, reason: str = "") -> SignOff:
    """Record the approver's decision. A return needs a reason and closes the version; the
    last approval approves it (today) and sets the plan's approval date."""
    version = PlanVersion.objects.select_for_update().select_related("plan").get(pk=version.pk)
    if version.state != PlanVersion.State.AWAITING:
        raise ValidationError("This version has already been decided")
    sign_off = version.sign_offs.filter(approver=approver).first()
    if sign_off is None:
        raise ValidationError("You are not an approver of this version")
    if sign_off.decision != SignOff.Decision.PENDING:
        raise ValidationError("You have already decided on this version")
    reason = reason.strip()
    if not approve and not reason:
        raise ValidationError({"reason": "Enter why you are returning the version"})
    now = timezone.now()
    sign_off.decision = SignOff.Decision.APPROVED if approve else SignOff.Decision.RETURNED
    sign_off.reason = reason
    sign_off.decided_at = now
    sign_off.full_clean()
    sign_off.save()
    if not approve:
        _close(version, PlanVersion.State.RETURNED, now, by=approver, reason=reason)
    elif not version.sign_offs.exclude(decision=SignOff.Decision.APPROVED).exists():
        _close(version, PlanVersion.State.APPROVED, now, by=approver)
    return sign_off


def _close(version: PlanVersion, state: str, now, *, by, reason: str = "") -> None:
    version.state = state
    version.decided_at = now
    if state == PlanVersion.State.APPROVED:
        version.approved_on = today()
        plan = version.plan
        plan.approved_on = version.approved_on
        plan.save(update_fields=["approved_on", "updated_at"])
    version.save()
    if version.submitted_by is not None:
        approved = state == PlanVersion.State.APPROVED
        notify.notify(
            recipients=[version.submitted_by],
            subject=(
                f"{version.plan.title}: version {version.number} was "
                f"{'approved' if approved else 'returned'}"
            ),
            template="emails/version_sign_off_decided.txt",
            context={
                "version": version,
                "plan": version.plan,
                "approved": approved,
                "by": by,
                "reason": reason,
                "url": _version_url(version),
            },
            about=version,
        )


@transaction.atomic
def version_record_ofsted(*, version: PlanVersion, sent_on: date) -> PlanVersion:
    """Record the date an approved version went to Ofsted."""
    version = PlanVersion.objects.select_for_update().get(pk=version.pk)
    if version.state != PlanVersion.State.APPROVED:
        raise ValidationError("Only an approved version can be sent to Ofsted")
    if sent_on < version.approved_on:
        raise ValidationError(
            {"sent_on": "The date it went to Ofsted must be on or after the date it was approved"}
        )
    if sent_on > today():
        raise ValidationError({"sent_on": "The date it went to Ofsted must be today or earlier"})
    version.sent_to_ofsted_on = sent_on
    version.save()
    return version
