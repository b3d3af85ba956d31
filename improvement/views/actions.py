"""The action page, evidence downloads, date change requests and answers to challenges."""

from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from core.access import (
    allowed,
    get_allowed_or_404,
    get_selected_or_404,
    get_visible_or_404,
)
from core.clock import day_in_words
from core.forms import add_errors
from core.text import end_sentence
from improvement import evidence_storage
from improvement import status as rules_of_status
from improvement.forms.updates import (
    ChallengeAnswerForm,
    DateChangeRequestForm,
    ProgressUpdateForm,
)
from improvement.models import Action, Challenge, DateChangeRequest, Evidence, ProgressUpdate
from improvement.panels import action_links
from improvement.selectors.actions import action_detail as action_with_everything
from improvement.selectors.challenges import raiser_may_see
from improvement.services.challenges import challenge_answer as answer_challenge
from improvement.services.date_requests import date_change_request_create
from improvement.status import Status, today


@dataclass(frozen=True)
class StatusChange:
    on: object
    status: str
    label: str
    by: str


def status_history(updates: list[ProgressUpdate]) -> list[StatusChange]:
    """Each time the declared status changed, oldest first, from the (newest-first) updates."""
    changes, previous = [], Status.NOT_STARTED
    for update in reversed(updates):
        if update.status != previous:
            changes.append(
                StatusChange(
                    update.created_at, update.status, update.get_status_display(), _author(update)
                )
            )
            previous = update.status
    return changes


def _author(update: ProgressUpdate) -> str:
    return update.author_name or (update.author.full_name if update.author else "") or "Unknown"


def flags(action: Action, on: date) -> list[str]:
    """The plain-language warnings of DESIGN.md section 4, for this action today."""
    found = []
    overdue = action.is_overdue(on)
    if overdue:
        days = (on - action.target_date).days
        found.append(
            f"Overdue: the target date ({day_in_words(action.target_date)}) passed {days} "
            f"day{'s' if days != 1 else ''} ago. Dashboards count it as off track, "
            "whatever its declared status."
        )
    if action.is_stale(on):
        if action.last_update_at:
            since = f"since {day_in_words(action.last_update_at)}"
        else:
            since = "since it was created"
        found.append(
            f"Not updated on time: no progress update {since}. This plan asks for one every "
            f"{action.priority.plan.update_cycle_days} days."
        )
    found += rules_of_status.contradictions(
        status=action.declared_status,
        overdue=overdue,
        has_evidence=action.has_evidence,
        date_changes=action.date_change_count,
    )
    pace = action.pace(on)
    if pace and pace.behind and action.declared_status not in rules_of_status.DONE:
        found.append(
            f"Behind pace: {pace.percent_complete}% complete with {pace.percent_time_elapsed}% "
            "of the time to the target date used, so it is likely to miss its date."
        )
    if action.is_returned:
        returned_on = day_in_words(action.returned_at)
        reason = f", saying: “{action.returned_reason}”" if action.returned_reason else ""
        returned = end_sentence(f"Returned by the verifier on {returned_on}{reason}")
        found.append(f"{returned} Post an update that answers it.")
    return found


def action_page(request, pk: int):
    """Everything about one action, for every role that may read it."""
    action = get_selected_or_404(action_with_everything, request.user, pk)
    on = today()
    updates = list(action.updates.all())
    requests = list(action.date_requests.all())
    can_post = allowed(request.user, "improvement.post_update", action)
    context = {
        "action": action,
        "plan": action.priority.plan,
        "updates": updates,
        "latest": updates[0] if updates else None,
        "status_changes": status_history(updates),
        "date_changes": list(action.date_changes.all()),
        "pending_request": next(
            (r for r in requests if r.state == DateChangeRequest.State.PENDING), None
        ),
        "decided_requests": [r for r in requests if r.state != DateChangeRequest.State.PENDING],
        "recommendations": list(action.recommendations.all()),
        "challenges": [
            (challenge, allowed(request.user, "improvement.answer_challenge", challenge))
            for challenge in action.challenges.all()
        ],
        "flags": flags(action, on),
        "overdue": action.is_overdue(on),
        "days_overdue": (on - action.target_date).days if action.is_overdue(on) else None,
        "can_post": can_post,
        "can_request_date": allowed(request.user, "improvement.request_date_change", action),
        "action_links": action_links(request.user, action),
        "form": ProgressUpdateForm(latest_update_id=updates[0].pk if updates else None)
        if can_post
        else None,
    }
    return render(request, "improvement/action/detail.html", context)


def evidence_download(request, pk: int):
    """A stored evidence file, as an attachment, for people who may read its action."""
    evidence = get_visible_or_404(Evidence.objects.exclude(file=""), request.user, pk=pk)
    return evidence_storage.download(evidence)


def date_change_request_create_view(request, pk: int):
    """An officer asks for a new target date; the plan managers decide."""
    action = get_allowed_or_404(
        Action.objects.select_related("priority__plan").prefetch_related("lead_officers"),
        request.user,
        "improvement.request_date_change",
        pk=pk,
    )
    pending = action.date_requests.filter(state=DateChangeRequest.State.PENDING).first()
    form = DateChangeRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            date_change_request_create(
                action=action,
                requested_by=request.user,
                new_date=form.cleaned_data["new_date"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, "Your request has been sent to the plan managers for a decision"
            )
            return redirect(action)
    context = {"action": action, "form": form, "pending": pending}
    return render(request, "improvement/action/request_date.html", context)


def challenge_answer(request, pk: int):
    """An action's lead (or a plan manager) answers a scrutiny member's challenge."""
    challenge = get_allowed_or_404(
        Challenge.objects.select_related(
            "action__priority__plan", "recommendation__inspection", "raised_by"
        ),
        request.user,
        "improvement.answer_challenge",
        pk=pk,
    )
    form = ChallengeAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            answer_challenge(
                challenge=challenge, answered_by=request.user, answer=form.cleaned_data["answer"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Your answer has been sent")
            return redirect(challenge.subject)
    context = {
        "challenge": challenge,
        "form": form,
        "is_open": challenge.state == Challenge.State.OPEN,
        "raiser_may_see": raiser_may_see(challenge),
    }
    return render(request, "improvement/action/challenge_answer.html", context)
