"""Scrutiny challenges: raising a question on an action or a recommendation, the list of
challenges with their answers, and closing one."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST

from core import roles
from core.access import get_visible_or_404, require
from core.forms import GovForm
from improvement.models import Action, Challenge
from improvement.services.challenges import challenge_close as close_challenge
from improvement.services.challenges import challenge_raise
from recommendations.models import Recommendation

PAGE_SIZE = 25


class ChallengeForm(GovForm):
    submit_label = "Send your question"
    question = forms.CharField(
        label="Your question",
        help_text="Ask what you would ask at the meeting. The answer will be shown on this page "
        "and on your challenges page.",
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Enter your question",
            "max_length": "Your question must be 5,000 characters or fewer",
        },
    )


def visible_challenges(user):
    """Challenges on actions or recommendations the user may read."""
    return Challenge.objects.filter(
        Q(action__in=Action.objects.visible_to(user).values("pk"))
        | Q(recommendation__in=Recommendation.objects.visible_to(user).values("pk"))
    )


def challenges_for_user(user):
    """A scrutiny member's own challenges; everyone who answers or oversees sees all of them,
    and an officer sees those on the actions they lead."""
    challenges = visible_challenges(user)
    if roles.is_plan_manager(user) or roles.is_auditor(user) or roles.is_admin(user):
        return challenges
    mine = Q(raised_by=user) if roles.is_scrutiny(user) else Q(pk__in=[])
    if roles.is_officer(user):
        led = Action.objects.filter(
            Q(lead_officers=user) | Q(lead_team__in=user.teams.values("pk"))
        ).values("pk")
        mine |= Q(action__in=led)
    return challenges.filter(mine)


def _subject_url(subject) -> str | None:
    try:
        return subject.get_absolute_url()
    except NoReverseMatch:
        return None


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


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
            _add_errors(form, error)
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
    page = Paginator(challenges.order_by("-raised_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page_obj": page,
        "challenges": page.object_list,
        "state": state,
        "states": STATES,
        "querystring": f"state={state}" if state else "",
        "elided_page_range": page.paginator.get_elided_page_range(
            page.number, on_each_side=1, on_ends=1
        ),
        "own_only": roles.is_scrutiny(request.user)
        and not (
            roles.is_plan_manager(request.user)
            or roles.is_auditor(request.user)
            or roles.is_admin(request.user)
        ),
    }
    return render(request, "improvement/challenges/list.html", context)


@require_POST
def challenge_close(request, pk: int):
    """The member who raised a challenge closes it once satisfied with the answer."""
    challenge = get_object_or_404(visible_challenges(request.user), pk=pk)
    require(request.user, "improvement.close_challenge", challenge)
    try:
        close_challenge(challenge=challenge, closed_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The challenge is closed")
    return redirect(reverse("challenge_list"))
