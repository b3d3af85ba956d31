"""Plans: the list, the plan page in working-document columns, the plan manager's forms,
plan refresh, and decisions on requests for a new target date."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse

from core.access import require
from improvement.forms.plans import DateDecisionForm, PlanForm, PlanRefreshForm, add_errors
from improvement.models import DateChangeRequest, Plan
from improvement.selectors import plans as selectors
from improvement.selectors.actions import status_counts
from improvement.services import plans as services
from improvement.status import DASHBOARD_ORDER, Status, today

PLANS_PER_PAGE = 25
ACTIONS_PER_PAGE = 50


def posted(request):
    """The submitted data on POST (even if empty, so an empty form shows its errors)."""
    return request.POST if request.method == "POST" else None


def get_plan_or_404(user, pk: int) -> Plan:
    return get_object_or_404(selectors.plans_for_user(user), pk=pk)


def action_list_url(plan: Plan) -> str | None:
    """The filtered action list for this plan, once that page exists."""
    try:
        return f"{reverse('action_list')}?plan={plan.pk}"
    except NoReverseMatch:
        return None


def plan_list(request):
    require(request.user, "improvement.read")
    plans = selectors.plans_for_user(request.user).order_by("status", "-start_date", "title")
    page = Paginator(plans, PLANS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "improvement/plan/plan_list.html",
        {
            "plans": selectors.with_counts(request.user, page.object_list),
            "page_obj": page,
            "elided_page_range": page.paginator.get_elided_page_range(page.number),
        },
    )


def plan_detail(request, pk: int):
    require(request.user, "improvement.read")
    try:
        plan = selectors.plan_detail(request.user, pk)
    except Plan.DoesNotExist as exc:
        raise Http404 from exc
    actions = selectors.plan_actions(request.user, plan)
    page = Paginator(actions, ACTIONS_PER_PAGE).get_page(request.GET.get("page"))
    counts = status_counts(selectors.plan_actions(request.user, plan))
    return render(
        request,
        "improvement/plan/plan_detail.html",
        {
            "plan": plan,
            "priorities": list(selectors.plan_priorities(request.user, plan)),
            "page_obj": page,
            "elided_page_range": page.paginator.get_elided_page_range(page.number),
            "status_rows": [
                (status, Status(status).label, counts[status]) for status in DASHBOARD_ORDER
            ],
            "action_list_url": action_list_url(plan),
            "today": today(),
        },
    )


def plan_create(request):
    require(request.user, "improvement.manage_plans")
    form = PlanForm(posted(request), initial={"start_date": today()})
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        inspections = fields.pop("inspections")
        try:
            plan = services.plan_create(fields=fields, inspections=inspections)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{plan.title} has been created. Now add its priorities.")
            return redirect(plan)
    return render(
        request,
        "improvement/plan/plan_form.html",
        {"form": form, "heading": "Create a plan"},
    )


def plan_edit(request, pk: int):
    plan = get_plan_or_404(request.user, pk)
    require(request.user, "improvement.manage_plans", plan)
    form = PlanForm(posted(request), instance=plan)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        inspections = fields.pop("inspections")
        try:
            services.plan_update(plan=plan, fields=fields, inspections=inspections)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Your changes have been saved")
            return redirect(plan)
    return render(
        request,
        "improvement/plan/plan_form.html",
        {"form": form, "plan": plan, "heading": f"Edit {plan.title}"},
    )


def plan_refresh(request, pk: int):
    plan = get_plan_or_404(request.user, pk)
    require(request.user, "improvement.manage_plans", plan)
    carryable = selectors.carryable_actions(plan)
    form = PlanRefreshForm(
        posted(request),
        plan=plan,
        open_actions=carryable,
        initial={
            "title": selectors.default_refresh_title(plan),
            "start_date": today(),
            "actions": list(carryable),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            new_plan = services.plan_refresh(
                plan=plan,
                title=form.cleaned_data["title"],
                start_date=form.cleaned_data["start_date"],
                actions=form.cleaned_data["actions"],
                refreshed_by=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            carried = len(form.cleaned_data["actions"])
            messages.success(
                request,
                f"{new_plan.title} has been created with {carried} "
                f"action{'' if carried == 1 else 's'} carried over",
            )
            return redirect(new_plan)
    return render(
        request,
        "improvement/plan/plan_refresh.html",
        {"form": form, "plan": plan, "has_open_actions": carryable.exists()},
    )


def date_request_decide(request, pk: int):
    try:
        date_request = selectors.date_requests_for_user(request.user).get(pk=pk)
    except DateChangeRequest.DoesNotExist as exc:
        raise Http404 from exc
    require(request.user, "improvement.manage_plans", date_request.action)
    preselected = request.GET.get("decision")
    form = DateDecisionForm(
        posted(request),
        date_request=date_request,
        initial={"decision": preselected} if preselected in ("approve", "decline") else {},
    )
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            services.date_request_decide(
                date_request=date_request,
                decided_by=request.user,
                approve=approve,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            action = date_request.action
            who = date_request.requested_by.full_name if date_request.requested_by else "The lead"
            messages.success(
                request,
                f"New target date for action {action.reference} "
                f"{'approved' if approve else 'declined'}. {who} has been e-mailed.",
            )
            return redirect("home" if request.POST.get("next") == "home" else action)
    return render(
        request,
        "improvement/plan/date_request_decide.html",
        {"form": form, "date_request": date_request, "action": date_request.action},
    )
