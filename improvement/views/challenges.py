"""Scrutiny challenges: raising a question on an action or a recommendation, the list of
challenges with their answers, and closing one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST

from core import roles
from core.access import get_allowed_or_404, get_visible_or_404, require
from core.forms import add_errors
from core.pagination import paginate
from improvement.forms.challenges import ChallengeForm
from improvement.models import Action, Challenge
from improvement.selectors.challenges import challenges_for_user, sees_every_challenge
from improvement.services.challenges import challenge_close as close_challenge
from improvement.services.challenges import challenge_raise
from recommendations.models import Recommendation

PAGE_SIZE = 25


def _subject_url(subject) -> str | None:
    try:
        return subject.get_absolute_url()
    except NoReverseMatch:
        return None


def _raise(request, *, action=None, recommendation=None):
    subject = action or recommendation
    require(request.user, "improvement.raise_challenge", subject)
    form = ChallengeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            challenge_raise(
                raised_by=request.user,
                question=form.cleaned_data["question"],
                action=action,
                recommendation=recommendation,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            who = "the action's leads" if action else "the plan managers"
            messages.success(request, f"Your question has been sent to {who}")
            return redirect(_subject_url(subject) or reverse("challenge_list"))
    context = {
        "form": form,
        "action": action,
        "recommendation": recommendation,
        "subject_url": _subject_url(subject),
    }
    return render(request, "improvement/challenges/raise.html", context)


def challenge_raise_action(request, pk: int):
    action = get_visible_or_404(
        Action.objects.select_related("priority__plan"), request.user, pk=pk
    )
    return _raise(request, action=action)


def challenge_raise_recommendation(request, pk: int):
    recommendation = get_visible_or_404(
        Recommendation.objects.select_related("inspection"), request.user, pk=pk
    )
    return _raise(request, recommendation=recommendation)


STATES = [("", "All")] + list(Challenge.State.choices)


def challenge_list(request):
    """The member's challenges with their answers (plan managers and auditors: all)."""
    require(request.user, "improvement.read")
    challenges = challenges_for_user(request.user).select_related(
        "action__priority__plan",
        "recommendation__inspection",
        "raised_by",
        "answered_by",
    )
    state = request.GET.get("state", "")
    if state in Challenge.State.values:
        challenges = challenges.filter(state=state)
    else:
        state = ""
    page = paginate(
        request, challenges.order_by("-raised_at", "-pk"), PAGE_SIZE, on_each_side=1, on_ends=1
    )
    context = {
        "page_obj": page,
        "challenges": page.object_list,
        "state": state,
        "states": STATES,
        "querystring": f"state={state}" if state else "",
        "elided_page_range": page.elided_page_range,
        "own_only": roles.is_scrutiny(request.user) and not sees_every_challenge(request.user),
    }
    return render(request, "improvement/challenges/list.html", context)


@require_POST
def challenge_close(request, pk: int):
    """The member who raised a challenge closes it once satisfied with the answer."""
    challenge = get_allowed_or_404(
        Challenge.objects, request.user, "improvement.close_challenge", pk=pk
    )
    try:
        close_challenge(challenge=challenge, closed_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The challenge is closed")
    return redirect(reverse("challenge_list"))
