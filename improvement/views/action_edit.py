"""The plan manager's writes to actions: add, edit (safe against a colleague's edit),
change the target date with a reason, close or withdraw with a reason."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from core.access import get_allowed_or_404, require
from core.editing import edit_attempt
from core.forms import add_errors
from core.views import posted
from improvement.forms.actions import ActionCloseForm, ActionEditForm, ActionForm
from improvement.forms.date_decisions import TargetDateChangeForm
from improvement.models import Action
from improvement.services import plans as services
from improvement.services.actions import action_close, action_target_date_change
from improvement.views.priorities import get_priority_or_404


def action_create(request, pk: int):
    priority = get_priority_or_404(request.user, pk)
    require(request.user, "improvement.manage_plans", priority.plan)
    form = ActionForm(posted(request), plan=priority.plan)
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_create(
                priority=priority,
                fields=form.action_fields(),
                target_date=form.cleaned_data["target_date"],
                lead_officers=form.cleaned_data["lead_officers"],
                recommendations=form.cleaned_data["recommendations"],
                created_by=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Action {action.reference} has been added")
            return redirect(f"{priority.plan.get_absolute_url()}#priority-{priority.number}")
    return render(
        request,
        "improvement/plan/action_form.html",
        {
            "form": form,
            "plan": priority.plan,
            "priority": priority,
            "heading": f"Add an action to priority {priority.number}",
        },
    )


def action_edit(request, pk: int):
    action = get_allowed_or_404(
        Action.objects.select_related("priority__plan"),
        request.user,
        "improvement.manage_plans",
        pk=pk,
    )
    plan = action.priority.plan
    form = ActionEditForm(
        posted(request), instance=action, plan=plan, initial={"version": action.version}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        attempt = edit_attempt(
            form,
            lambda: services.action_update(
                action=action,
                version=data["version"],
                edited_by=request.user,
                fields=form.action_fields(),
                lead_officers=data["lead_officers"],
                recommendations=data["recommendations"],
                target_date=data["target_date"],
                date_reason=data["date_reason"],
            ),
            plan=plan,
        )
        if attempt.saved:
            messages.success(request, f"Action {action.reference} has been saved")
            return redirect(action)
        form, conflict = attempt.form, attempt.conflict
    return render(
        request,
        "improvement/plan/action_form.html",
        {
            "form": form,
            "plan": plan,
            "priority": action.priority,
            "action": action,
            "conflict": conflict,
            "heading": f"Edit action {action.reference}",
        },
    )


def action_change_target_date(request, pk: int):
    action = get_allowed_or_404(
        Action.objects.select_related("priority__plan"),
        request.user,
        "improvement.manage_plans",
        pk=pk,
    )
    form = TargetDateChangeForm(posted(request), action=action)
    if request.method == "POST" and form.is_valid():
        try:
            action_target_date_change(
                action=action,
                new_date=form.cleaned_data["new_date"],
                reason=form.cleaned_data["reason"],
                changed_by=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"The target date of action {action.reference} has changed")
            return redirect(action)
    return render(
        request,
        "improvement/plan/action_target_date.html",
        {"form": form, "action": action, "plan": action.priority.plan},
    )


def action_close_view(request, pk: int):
    action = get_allowed_or_404(
        Action.objects.select_related("priority__plan"),
        request.user,
        "improvement.manage_plans",
        pk=pk,
    )
    form = ActionCloseForm(posted(request), action=action)
    if request.method == "POST" and form.is_valid():
        try:
            action_close(action=action, closed_by=request.user, reason=form.full_reason)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Action {action.reference} has been closed")
            return redirect(action)
    return render(
        request,
        "improvement/plan/action_close.html",
        {"form": form, "action": action, "plan": action.priority.plan},
    )
