"""A plan's priorities: add, rename, and move up or down (plain POST buttons, no script)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.access import get_allowed_or_404, get_visible_or_404, require
from core.editing import edit_attempt
from core.forms import add_errors
from core.views import posted
from improvement.forms.plans import PriorityEditForm, PriorityForm
from improvement.models import Plan, Priority
from improvement.services import plans as services


def get_priority_or_404(user, pk: int) -> Priority:
    return get_visible_or_404(Priority.objects.select_related("plan"), user, pk=pk)


def priority_create(request, pk: int):
    plan = get_allowed_or_404(Plan.objects, request.user, "improvement.manage_plans", pk=pk)
    form = PriorityForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            priority = services.priority_create(plan=plan, title=form.cleaned_data["title"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Priority {priority.number} has been added")
            return redirect(f"{plan.get_absolute_url()}#priorities")
    return render(
        request,
        "improvement/plan/priority_form.html",
        {"form": form, "plan": plan, "heading": "Add a priority"},
    )


def priority_edit(request, pk: int):
    priority = get_priority_or_404(request.user, pk)
    require(request.user, "improvement.manage_plans", priority.plan)
    form = PriorityEditForm(
        posted(request), instance=priority, initial={"version": priority.version}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        attempt = edit_attempt(
            form,
            lambda: services.priority_update(
                priority=priority,
                version=form.cleaned_data["version"],
                title=form.cleaned_data["title"],
            ),
        )
        if attempt.saved:
            messages.success(request, f"Priority {priority.number} has been saved")
            return redirect(f"{priority.plan.get_absolute_url()}#priorities")
        form, conflict = attempt.form, attempt.conflict
    return render(
        request,
        "improvement/plan/priority_form.html",
        {
            "form": form,
            "plan": priority.plan,
            "priority": priority,
            "conflict": conflict,
            "heading": f"Edit priority {priority.number}",
        },
    )


@require_POST
def priority_move(request, pk: int):
    priority = get_priority_or_404(request.user, pk)
    require(request.user, "improvement.manage_plans", priority.plan)
    direction = request.POST.get("direction", "")
    try:
        moved = services.priority_move(priority=priority, direction=direction)
    except ValidationError:
        messages.error(request, "Choose whether to move the priority up or down")
    else:
        if moved.number != priority.number:
            messages.success(request, f"{priority.title} is now priority {moved.number}")
    return redirect(f"{priority.plan.get_absolute_url()}#priorities")
