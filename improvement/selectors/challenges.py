"""Which challenges a user's challenges page lists."""

from django.db.models import Q, QuerySet

from core import roles
from improvement.models import Action, Challenge


def sees_every_challenge(user) -> bool:
    """Plan managers, auditors and administrators answer or oversee every challenge."""
    return roles.is_plan_manager(user) or roles.is_auditor(user) or roles.is_admin(user)


def challenges_for_user(user) -> QuerySet[Challenge]:
    """A scrutiny member's own challenges; everyone who answers or oversees sees all of them,
    and an officer sees those on the actions they lead."""
    challenges = Challenge.objects.visible_to(user)
    if sees_every_challenge(user):
        return challenges
    mine = Q(raised_by=user) if roles.is_scrutiny(user) else Q(pk__in=[])
    if roles.is_officer(user):
        mine |= Q(action__in=Action.objects.led_by(user).values("pk"))
    return challenges.filter(mine)


def raiser_may_see(challenge: Challenge) -> bool:
    """Whether the member who raised the challenge may still read what it is about (it may
    have become confidential since); if not, it is closed to them."""
    raiser = challenge.raised_by
    return raiser is not None and (
        Challenge.objects.visible_to(raiser).filter(pk=challenge.pk).exists()
    )


def answered_for_member(user) -> QuerySet[Challenge]:
    """The member's answered challenges that they may still read: the home page's count."""
    return Challenge.objects.visible_to(user).filter(raised_by=user, state=Challenge.State.ANSWERED)
