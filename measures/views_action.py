"""Measures linked to an action, managed from the action's side: the plan app cannot
import measures, so this page lives here and a link to it is added to the action's page
(improvement.panels.register_action_link)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from core.access import allowed, get_allowed_or_404
from core.text import collapsed
from core.views import posted
from improvement.models import Action
from improvement.panels import ActionLink
from measures.forms_edit import (
    FIND_MAX_LENGTH,
    ActionMeasuresForm,
    find_measures,
    offered_measures,
)
from measures.services.action_links import action_measures_set


def action_measures(request, pk: int):
    action = get_allowed_or_404(
        Action.objects.select_related("priority__plan"), request.user, "measures.manage", pk=pk
    )
    text = collapsed(request.GET.get("q"), FIND_MAX_LENGTH)
    found, matched = find_measures(text) if text else ([], 0)
    linked = list(action.measures.all())
    offered = offered_measures(action, found=found)
    form = ActionMeasuresForm(posted(request), initial={"measures": linked}, offered=offered)
    if request.method == "POST" and form.is_valid():
        added, removed = action_measures_set(action=action, measures=form.cleaned_data["measures"])
        messages.success(
            request,
            f"Measures saved for action {action.reference}: {added} linked, {removed} unlinked",
        )
        return redirect(action)
    return render(
        request,
        "measures/action_measures.html",
        {
            "form": form,
            "find_max_length": FIND_MAX_LENGTH,
            "text": text,
            "found": len(found),
            "matched": matched,
            "action": action,
            "plan": action.priority.plan,
            "linked": linked,
            "offers_any": bool(linked or found) or offered.exists(),
        },
    )


def action_measures_link(user, action) -> ActionLink | None:
    """For the action's page: plan managers and administrators manage its measures."""
    if not allowed(user, "measures.manage", action):
        return None
    return ActionLink("Link or unlink measures", reverse("action_measures", args=[action.pk]))
