"""The verification queue, and verifying or returning one completed action."""

from collections.abc import Callable

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from core.access import get_allowed_or_404
from core.forms import add_errors
from core.pagination import paginate
from improvement.forms.verification import ActionReturnForm, ActionVerifyForm
from improvement.models import Action, Evidence
from improvement.panels import impact_movement
from improvement.rules import leads_action
from improvement.selectors.exceptions import returned_actions, verification_queue
from improvement.services.impact import action_verify_with_impact
from improvement.services.verification import action_return
from improvement.status import Status

QUEUE_PAGE_SIZE = 50


@require_GET
def verification_queue_page(request):
    """Complete actions waiting to be verified, with their latest narrative and evidence."""
    if not rules.test_rule("verify_action", request.user):
        raise PermissionDenied
    page_obj = paginate(
        request, verification_queue(request.user), QUEUE_PAGE_SIZE, on_each_side=1, on_ends=1
    )
    rows = [(action, leads_action(request.user, action)) for action in page_obj]
    return render(
        request,
        "improvement/verification/queue.html",
        {
            "page_obj": page_obj,
            "rows": rows,
            "returned": list(returned_actions(request.user)[:20]),
            "elided_page_range": page_obj.elided_page_range,
        },
    )


def action_for_verifier(request, pk: int) -> Action:
    # 403 for the action's leads too: no one verifies their own work.
    return get_allowed_or_404(
        Action.objects.select_related("priority__plan", "lead_team").prefetch_related(
            "lead_officers"
        ),
        request.user,
        "improvement.verify_action",
        pk=pk,
    )


def _page(request, action: Action, *, verify_form=None, return_form=None, status=200):
    latest = action.updates.select_related("author").first()
    evidence = Evidence.objects.filter(update__action=action).select_related("update")
    return render(
        request,
        "improvement/verification/action_verify.html",
        {
            "action": action,
            "latest": latest,
            "evidence": list(evidence.order_by("-uploaded_at", "-pk")),
            "can_decide": action.declared_status == Status.COMPLETE and not action.is_returned,
            "verify_form": verify_form or ActionVerifyForm(),
            "return_form": return_form or ActionReturnForm(),
            "movement": impact_movement(action, since=action.start_date),
            # The error summary reads `form`: the one that was posted.
            "form": verify_form if verify_form is not None else return_form,
        },
        status=status,
    )


def _nothing_to_decide(action: Action) -> str | None:
    """Why an action cannot be verified or returned now, or None if it can."""
    if action.declared_status == Status.VERIFIED:
        return f"Action {action.reference} has already been verified"
    if action.declared_status != Status.COMPLETE:
        return (
            "Only an action its lead has declared complete can be verified or returned. "
            f"Action {action.reference} is {action.status_label.lower()}"
        )
    if action.is_returned:
        return (
            f"Action {action.reference} has been returned to its leads and is waiting for "
            "them to post an update"
        )
    return None


def _decision_page(request, action: Action):
    """GET: the evidence and both forms, or back to the action saying why there is nothing
    to decide."""
    reason = _nothing_to_decide(action)
    if reason:
        messages.info(request, reason)
        return redirect(action.get_absolute_url())
    return _page(request, action)


def show_on_form(error: ValidationError | PermissionDenied, form) -> None:
    """Put a service's refusal on the form: beside its field, or at the top of the page."""
    if isinstance(error, PermissionDenied):
        raise error
    add_errors(form, error)


def saved(request, form, write: Callable[[dict], object], *, message: str, to: str):
    """Give a valid form's data to `write` (a service call), then redirect to `to` saying
    `message`; None when the form or the service refused, with the reason on the form."""
    if not form.is_valid():
        return None
    try:
        write(form.cleaned_data)
    except (ValidationError, PermissionDenied) as error:
        show_on_form(error, form)
        return None
    messages.success(request, message)
    return redirect(to)


@require_http_methods(["GET", "HEAD", "POST"])
def action_verify_page(request, pk: int):
    """GET: the evidence and both decisions. POST: verify the action, with a note."""
    action = action_for_verifier(request, pk)
    if request.method != "POST":
        return _decision_page(request, action)
    form = ActionVerifyForm(request.POST)

    def verify(data: dict) -> None:
        action_verify_with_impact(
            action=action,
            verifier=request.user,
            note=data["note"],
            impact=data["impact"],
            impact_note=data["impact_note"],
        )

    done = saved(
        request,
        form,
        verify,
        message=f"Action {action.reference} has been verified",
        to="verification_queue",
    )
    return done or _page(request, action, verify_form=form, status=400)


@require_http_methods(["GET", "HEAD", "POST"])
def action_return_page(request, pk: int):
    """POST: return a completed action to its leads with a reason (they are e-mailed)."""
    action = action_for_verifier(request, pk)
    if request.method != "POST":
        return _decision_page(request, action)
    form = ActionReturnForm(request.POST)
    done = saved(
        request,
        form,
        lambda data: action_return(action=action, returned_by=request.user, reason=data["reason"]),
        message=f"Action {action.reference} has been returned to its leads",
        to="verification_queue",
    )
    return done or _page(request, action, return_form=form, status=400)
