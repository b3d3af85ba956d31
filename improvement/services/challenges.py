"""Scrutiny challenges on actions and recommendations: raising, answering, closing."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.models import User
from core.notify import absolute_url, notify
from improvement.models import Action, Challenge
from improvement.selectors.challenges import raiser_may_see
from improvement.services.challenge_rules import answer_record, close_record, question_check
from recommendations.models import Recommendation


@transaction.atomic
def challenge_answer(
    *, challenge: Challenge, answered_by, answer: str, at: datetime | None = None
) -> Challenge:
    """Record the answer to an open challenge and tell the member who raised it."""
    challenge = answer_record(
        challenge=challenge, answered_by=answered_by, answer=answer, at=at or timezone.now()
    )
    if challenge.raised_by:
        _tell_the_member(challenge)
    return challenge


def _tell_the_member(challenge: Challenge) -> None:
    """E-mail the answer to the member who asked, if they may still read what they asked
    about; if it has since become confidential, a note without the question or answer."""
    if raiser_may_see(challenge):
        notify(
            recipients=[challenge.raised_by],
            subject="Your challenge has been answered",
            template="emails/challenge_answered.txt",
            context={
                "challenge": challenge,
                "subject_url": absolute_url(challenge.subject.get_absolute_url()),
            },
            about=challenge,  # withheld if it becomes confidential before it is sent
        )
    else:
        notify(
            recipients=[challenge.raised_by],
            subject="A question you asked can no longer be shown",
            template="emails/challenge_no_longer_shown.txt",
            context={"challenges_url": absolute_url(reverse("challenge_list"))},
        )


# Raising and closing (scrutiny area; tests in tests/improvement/test_challenges.py).
@transaction.atomic
def challenge_raise(
    *,
    raised_by,
    question: str,
    action: Action | None = None,
    recommendation: Recommendation | None = None,
    at: datetime | None = None,
) -> Challenge:
    """A scrutiny member's question on an action or a recommendation; those who answer are told."""
    if (action is None) == (recommendation is None):
        raise ValidationError("A challenge is asked about one action or one recommendation")
    question = question_check(question)
    challenge = Challenge(
        action=action,
        recommendation=recommendation,
        raised_by=raised_by,
        raised_at=at or timezone.now(),
        question=question,
    )
    challenge.full_clean()
    challenge.save()
    if action is not None:
        answerers = User.objects.filter(is_active=True).filter(
            Q(led_actions=action)
            | Q(teams__isnull=False, teams=action.lead_team_id, groups__name=roles.OFFICER)
        )
    else:
        answerers = User.objects.filter(is_active=True, groups__name=roles.PLAN_MANAGER)
    about = f"action {action.reference}" if action else f"recommendation {recommendation.reference}"
    notify(
        recipients=answerers.distinct(),
        subject=f"A scrutiny member has asked a question about {about}",
        template="emails/challenge_raised.txt",
        context={
            "challenge": challenge,
            "subject_url": absolute_url(challenge.subject.get_absolute_url()),
            "answer_url": absolute_url(reverse("challenge_answer", args=[challenge.pk])),
        },
        about=challenge,
    )
    return challenge


@transaction.atomic
def challenge_close(*, challenge: Challenge, closed_by, at: datetime | None = None) -> Challenge:
    """The member who raised a challenge closes it; it stays on the page with its answer."""
    return close_record(challenge=challenge, closed_by=closed_by, at=at or timezone.now())
