"""Plan versions and their sign-off: the plan's versions, one version's frozen page, putting
a version to sign-off, an approver's decision, and the date it went to Ofsted."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from core.access import (
    allowed,
    get_allowed_or_404,
    get_selected_or_404,
    get_visible_or_404,
    require,
)
from core.forms import add_errors
from core.pagination import paginate
from core.views import posted
from improvement.forms.sign_off import OfstedDateForm, SignOffDecisionForm, VersionForm
from improvement.models import Plan, PlanVersion
from improvement.selectors import versions as selectors
from improvement.services import sign_off as services

VERSIONS_PER_PAGE = 25


def plan_versions(request, pk: int):
    require(request.user, "improvement.read")
    plan = get_visible_or_404(Plan.objects, request.user, pk=pk)
    page = paginate(request, selectors.plan_versions(request.user, plan), VERSIONS_PER_PAGE)
    return render(
        request,
        "improvement/plan/version_list.html",
        {
            "plan": plan,
            "versions": page.object_list,
            "page_obj": page,
            "elided_page_range": page.elided_page_range,
            "awaiting": selectors.awaiting_version(plan),
            "can_submit": allowed(request.user, "improvement.submit_plan_version", plan),
        },
    )


def plan_version_create(request, pk: int):
    plan = get_allowed_or_404(Plan.objects, request.user, "improvement.submit_plan_version", pk=pk)
    awaiting = selectors.awaiting_version(plan)
    form = VersionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            version = services.version_submit(
                plan=plan,
                title=form.cleaned_data["title"],
                approvers=form.cleaned_data["approvers"],
                submitted_by=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            count = len(form.cleaned_data["approvers"])
            messages.success(
                request,
                f"Version {version.number} has been put to sign-off. "
                f"{count} approver{'' if count == 1 else 's'} e-mailed.",
            )
            return redirect(version)
    return render(
        request,
        "improvement/plan/version_form.html",
        {"form": form, "plan": plan, "awaiting": awaiting},
    )


def plan_version_detail(request, pk: int):
    require(request.user, "improvement.read")
    version = get_selected_or_404(selectors.version_detail, request.user, pk)
    return render(
        request,
        "improvement/plan/version_detail.html",
        {
            "version": version,
            "plan": version.plan,
            "frozen": version.snapshot.get("plan", {}),
            "priorities": selectors.frozen_priorities(request.user, version),
            "can_decide": allowed(request.user, "improvement.sign_off_plan_version", version),
            "can_record_ofsted": version.state == PlanVersion.State.APPROVED
            and allowed(request.user, "improvement.record_ofsted_date", version),
        },
    )


def plan_version_decide(request, pk: int):
    version = get_allowed_or_404(
        PlanVersion.objects.select_related("plan"),
        request.user,
        "improvement.sign_off_plan_version",
        pk=pk,
    )
    form = SignOffDecisionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            services.version_decide(
                version=version,
                approver=request.user,
                approve=approve,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                f"You have {'approved' if approve else 'returned'} version {version.number}. "
                "The plan manager has been e-mailed.",
            )
            return redirect(version)
    return render(
        request,
        "improvement/plan/version_decide.html",
        {"form": form, "version": version, "plan": version.plan},
    )


def plan_version_ofsted(request, pk: int):
    version = get_allowed_or_404(
        PlanVersion.objects.select_related("plan"),
        request.user,
        "improvement.record_ofsted_date",
        pk=pk,
    )
    form = OfstedDateForm(posted(request), initial={"sent_on": version.sent_to_ofsted_on})
    if request.method == "POST" and form.is_valid():
        try:
            services.version_record_ofsted(version=version, sent_on=form.cleaned_data["sent_on"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"The date version {version.number} went to Ofsted is saved")
            return redirect(version)
    return render(
        request,
        "improvement/plan/version_ofsted.html",
        {"form": form, "version": version, "plan": version.plan},
    )
