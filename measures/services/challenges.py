"""Scrutiny challenges on measures: raising, answering, closing (as on actions)."""

from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from accounts import roles
from accounts.models import User
from core.notify import absolute_url, notify
from improvement.services.challenge_rules import answer_record, close_record, question_check
from measures.models import Measure, MeasureChallenge


def _answerers(measure: Measure):
    """The measure's lead (named, or the officers of its team), else the plan managers."""
    leads = User.objects.filter(is_active=True).filter(
        Q(pk=measure.lead_user_id)
        | Q(teams__isnull=False, teams=measure.lead_team_id, groups__name=roles.OFFICER)
    )
    if measure.lead_user_id or measure.lead_team_id:
        return leads.distinct()
    return User.objects.filter(is_active=True, groups__name=roles.PLAN_MANAGER).distinct()


@transaction.atomic
def measure_challenge_raise(*, measure: Measure, raised_by, question: str, at) -> MeasureChallenge:
    """A scrutiny member's question on a measure; its lead (or the plan managers) are told."""
    challenge = MeasureChallenge(
        measure=measure, raised_by=raised_by, raised_at=at, question=question_check(question)
    )
    challenge.full_clean()
    challenge.save()
    notify(
        recipients=_answerers(measure),
        subject=f"A scrutiny member has asked a question about measure {measure.reference}",
        template="emails/measure_challenge_raised.txt",
        context={
            "challenge": challenge,
            "measure_url": absolute_url(challenge.get_absolute_url()),
            "answer_url": absolute_url(reverse("measure_challenge_answer", args=[challenge.pk])),
        },
        about=challenge,
    )
    return challenge


@transaction.atomic
def measure_challenge_answer(
    *, challenge: MeasureChallenge, answered_by, answer: str, at
) -> MeasureChallenge:
    """Record the answer to an open challenge and tell the member who raised it."""
    challenge = answer_record(challenge=challenge, answered_by=answered_by, answer=answer, at=at)
    if challenge.raised_by:
        notify(
            recipients=[challenge.raised_by],
            subject="Your challenge on a measure has been answered",
            template="emails/measure_challenge_answered.txt",
            context={
                "challenge": challenge,
                "measure_url": absolute_url(challenge.get_absolute_url()),
            },
            about=challenge,
        )
    return challenge


@transaction.atomic
def measure_challenge_close(*, challenge: MeasureChallenge, closed_by, at) -> MeasureChallenge:
    """The member who raised a challenge closes it; it stays on the page with its answer."""
    return close_record(challenge=challenge, closed_by=closed_by, at=at)
