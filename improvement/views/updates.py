"""Posting a progress update, with the warning when a colleague posted in the meantime."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from core.access import get_allowed_or_404
from core.forms import add_errors
from improvement.forms.updates import ProgressUpdateForm
from improvement.models import Action, ProgressUpdate
from improvement.services.actions import UpdateConflict, progress_update_post


def _newer_than(action: Action, seen_id) -> list[ProgressUpdate]:
    updates = action.updates.select_related("author").prefetch_related("evidence")
    return list(updates.filter(pk__gte=seen_id) if seen_id else updates[:1])


def progress_update_create(request, pk: int):
    """The update form (GET) and posting it (POST); the action page carries the same form."""
    action = get_allowed_or_404(
        Action.objects.select_related("priority__plan").prefetch_related("lead_officers"),
        request.user,
        "improvement.post_update",
        pk=pk,
    )
    latest = action.updates.only("pk").first()
    conflict_updates = []
    if request.method != "POST":
        form = ProgressUpdateForm(latest_update_id=latest.pk if latest else None)
    else:
        form = ProgressUpdateForm(request.POST, request.FILES)
        if form.conflict and not form.is_valid() and "confirm" in form.errors:
            conflict_updates = _newer_than(action, form.data.get("seen_update"))
        if form.is_valid():
            data = form.cleaned_data
            try:
                progress_update_post(
                    action=action,
                    author=request.user,
                    narrative=data["narrative"],
                    status=data["status"],
                    percent_complete=data["percent_complete"],
                    files=data["files"],
                    links=data["links"],
                    seen_update_id=data["seen_update"],
                )
            except UpdateConflict as conflict:
                conflict_updates = conflict.newer
                form = ProgressUpdateForm.after_conflict(
                    request.POST, newest_id=max(u.pk for u in conflict.newer)
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, "Your update has been posted")
                # The top of the page, where the success banner is (GOV.UK Frontend focuses
                # it); a fragment would open the page below it, the message off-screen.
                return redirect(action.get_absolute_url())
    context = {
        "action": action,
        "form": form,
        "latest": latest and action.updates.select_related("author").first(),
        "conflict_updates": conflict_updates,
        "files_dropped": bool(request.FILES) and (form.errors or conflict_updates),
    }
    return render(request, "improvement/action/update_form.html", context)
