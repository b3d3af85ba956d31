"""The rules every scrutiny challenge follows, whatever it is asked about: a question must
say something; only an open challenge is answered, and only with an answer; only the member
who raised it closes it, once. Called by the services for challenges on actions and
recommendations (services/challenges.py) and on measures (measures/services/challenges.py),
inside their transactions; each service then tells whom it must."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError

from improvement.models import ChallengeBase


def question_check(question: str) -> str:
    """The question, trimmed; refused when empty."""
    if not question.strip():
        raise ValidationError({"question": "Enter your question"})
    return question.strip()


def answer_record(*, challenge: ChallengeBase, answered_by, answer: str, at: datetime):
    """Lock the challenge, refuse an answer it cannot take, then record it as answered."""
    challenge = type(challenge).objects.select_for_update().get(pk=challenge.pk)
    if challenge.state != ChallengeBase.State.OPEN:
        raise ValidationError(
            "This challenge has already been answered or closed, so it cannot be answered again"
        )
    if not answer.strip():
        raise ValidationError({"answer": "Enter your answer to the challenge"})
    challenge.answer = answer.strip()
    challenge.answered_by = answered_by
    challenge.answered_at = at
    challenge.state = ChallengeBase.State.ANSWERED
    challenge.full_clean()
    challenge.save()
    return challenge


def close_record(*, challenge: ChallengeBase, closed_by, at: datetime):
    """Lock the challenge; only the member who raised it closes it, and only once."""
    challenge = type(challenge).objects.select_for_update().get(pk=challenge.pk)
    if challenge.raised_by_id != closed_by.pk:
        raise PermissionDenied
    if challenge.state == ChallengeBase.State.CLOSED:
        raise ValidationError("This challenge is already closed")
    challenge.state = ChallengeBase.State.CLOSED
    challenge.closed_at = at
    challenge.save(update_fields=["state", "closed_at"])
    return challenge
