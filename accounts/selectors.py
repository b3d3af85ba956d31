"""Reads about people that forms across the apps share."""

from django.db.models import Q, QuerySet

from accounts.models import User
from core.roles import OFFICER, PLAN_MANAGER, SCRUTINY

# Council officers: plan managers are officers who run the plan, so they may lead too.
OFFICER_ROLES = (OFFICER, PLAN_MANAGER)


def officers(*, keep=()) -> QuerySet[User]:
    """Active council officers, who may lead an action or answer for a recommendation.

    Councillors (scrutiny members) and people without an officer role are not offered.
    `keep` (users or ids) stays choosable so that editing a record does not force someone
    already named, who has since changed role, off it.
    """
    kept = [getattr(person, "pk", person) for person in keep if person is not None]
    eligible = Q(is_active=True, groups__name__in=OFFICER_ROLES) & ~Q(
        pk__in=User.objects.filter(groups__name=SCRUTINY).values("pk")
    )
    return User.objects.filter(
        pk__in=User.objects.filter(eligible | Q(pk__in=kept)).values("pk")
    ).order_by("full_name", "email")
