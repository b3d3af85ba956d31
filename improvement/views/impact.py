"""Judging a finished action's impact after it was verified (or while it waits)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from improvement.forms.verification import ActionImpactForm
from improvement.impact import can_judge
from improvement.models import Action
from improvement.panels import impact_movement
from improvement.services.impact import action_impact_record
from improvement.views.verification import action_for_verifier, saved


def _page(request, action: Action, form: ActionImpactForm, *, status: int = 200):
    return render(
        request,
        "improvement/verification/action_impact.html",
        {
            "action": action,
            "form": form,
            "movement": impact_movement(action, since=action.start_date),
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def action_impact_page(request, pk: int):
    """GET: the linked measures' movement and the judgement form. POST: record it."""
    action = action_for_verifier(request, pk)
    if not can_judge(action.declared_status):
        messages.info(
            request,
            f"Action {action.reference} is {action.status_label.lower()}: only a complete or "
            "verified action's impact can be judged",
        )
        return redirect(action.get_absolute_url())
    if request.method != "POST":
        initial = {"impact": action.impact, "impact_note": action.impact_note}
        return _page(request, action, ActionImpactForm(initial=initial))
    form = ActionImpactForm(request.POST)
    done = saved(
        request,
        form,
        lambda data: action_impact_record(
            action=action,
            recorded_by=request.user,
            impact=data["impact"],
            note=data["impact_note"],
        ),
        message=f"The impact of action {action.reference} has been recorded",
        to=action.get_absolute_url(),
    )
    return done or _page(request, action, form, status=400)
