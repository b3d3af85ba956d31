"""Challenges on a measure: a scrutiny member asks, its lead or a plan manager answers,
the member closes. Thin views over services/challenges.py."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.access import get_allowed_or_404, get_visible_or_404, require
from core.forms import add_errors
from core.views import posted
from measures.forms import ChallengeAnswerForm, ChallengeQuestionForm
from measures.models import Measure, MeasureChallenge
from measures.services.challenges import (
    measure_challenge_answer,
    measure_challenge_close,
    measure_challenge_raise,
)


def measure_challenge_raise_view(request, pk: int):
    measure = get_allowed_or_404(Measure.objects, request.user, "measures.raise_challenge", pk=pk)
    form = ChallengeQuestionForm(posted(request))
    if form.is_valid():
        try:
            measure_challenge_raise(
                measure=measure,
                raised_by=request.user,
                question=form.cleaned_data["question"],
                at=timezone.now(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Your question has been sent to the measure's lead")
            return redirect(measure.get_absolute_url() + "#challenges")
    return render(request, "measures/challenge_form.html", {"form": form, "measure": measure})


def measure_challenge_answer_view(request, pk: int):
    challenge = get_allowed_or_404(
        MeasureChallenge.objects.select_related("measure"),
        request.user,
        "measures.answer_challenge",
        pk=pk,
    )
    form = ChallengeAnswerForm(posted(request))
    if form.is_valid():
        try:
            measure_challenge_answer(
                challenge=challenge,
                answered_by=request.user,
                answer=form.cleaned_data["answer"],
                at=timezone.now(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Your answer has been sent")
            return redirect(challenge.get_absolute_url())
    return render(
        request,
        "measures/challenge_answer.html",
        {"form": form, "challenge": challenge, "measure": challenge.measure},
    )


@require_POST
def measure_challenge_close_view(request, pk: int):
    require(request.user, "measures.read")
    challenge = get_visible_or_404(MeasureChallenge.objects, request.user, pk=pk)
    require(request.user, "measures.close_challenge", challenge)
    try:
        measure_challenge_close(challenge=challenge, closed_by=request.user, at=timezone.now())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The challenge is closed")
    return redirect(challenge.get_absolute_url())
