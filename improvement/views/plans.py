"""Plans: the list, the plan page in working-document columns, the plan manager's forms,
plan refresh, and decisions on requests for a new target date."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from core.access import (
    get_allowed_or_404,
    get_selected_or_404,
    get_visible_or_404,
    require,
)
from core.editing import edit_attempt
from core.forms import add_errors
from core.pagination import paginate
from core.views import posted
from improvement.forms.date_decisions import DateDecisionForm
from improvement.forms.plans import PlanEditForm, PlanForm, PlanRefreshForm
from improvement.models import DateChangeRequest, Plan
from improvement.selectors import plans as selectors
from improvement.selectors.actions import status_counts
from improvement.services import plans as services
from improvement.status import DASHBOARD_ORDER, Status, today

PLANS_PER_PAGE = 25
ACTIONS_PER_PAGE = 50


def action_list_url(plan: Plan) -> str | None:
    """The filtered action list for this plan, once that page exists."""
    try:
        return f"{reverse('action_list')}?plan={plan.pk}"
    except NoReverseMatch:
        return None


def plan_list(request):
    require(request.user, "improvement.read")
    plans = Plan.objects.visible_to(request.user).order_by("status", "-start_date", "title")
    page = paginate(request, plans, PLANS_PER_PAGE)
    return render(
        request,
        "improvement/plan/plan_list.html",
        {
            "plans": selectors.with_counts(request.user, page.object_list),
            "page_obj": page,
            "elided_page_range": page.elided_page_range,
        },
    )


def plan_detail(request, pk: int):
    require(request.user, "improvement.read")
    plan = get_selected_or_404(selectors.plan_detail, request.user, pk)
    actions = selectors.plan_actions(request.user, plan)
    page = paginate(request, actions, ACTIONS_PER_PAGE)
    counts = status_counts(selectors.plan_actions(request.user, plan))
    return render(
        request,
        "improvement/plan/plan_detail.html",
        {
            "plan": plan,
            "priorities": list(selectors.plan_priorities(request.user, plan)),
            "page_obj": page,
            "elided_page_range": page.elided_page_range,
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
    plan = get_allowed_or_404(Plan.objects, request.user, "improvement.manage_plans", pk=pk)
    form = PlanEditForm(posted(request), instance=plan, initial={"version": plan.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        inspections = fields.pop("inspections")
        version = fields.pop("version")
        attempt = edit_attempt(
            form,
            lambda: services.plan_update(
                plan=plan, version=version, fields=fields, inspections=inspections
            ),
        )
        if attempt.saved:
            messages.success(request, "Your changes have been saved")
            return redirect(plan)
        form, conflict = attempt.form, attempt.conflict
    return render(
        request,
        "improvement/plan/plan_form.html",
        {"form": form, "plan": plan, "conflict": conflict, "heading": f"Edit {plan.title}"},
    )


def plan_refresh(request, pk: int):
    plan = get_allowed_or_404(Plan.objects, request.user, "improvement.manage_plans", pk=pk)
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
    date_request = get_visible_or_404(
        DateChangeRequest.objects.select_related(
            "action__priority__plan", "requested_by", "decided_by"
        ),
        request.user,
        pk=pk,
    )
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
