"""The provider's role claim turned into the tracker's roles: plain functions, one service.

OIDC_ROLE_MAP names, for each claim value (an Entra app role's value or a group id), the
role it gives: `Tracker.Officer=officer,Tracker.Manager=plan_manager`. `admin` makes the
person an administrator (staff); the other four are the role groups of core.roles.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from core.roles import AUDITOR, OFFICER, PLAN_MANAGER, SCRUTINY

ADMIN = "admin"
ROLE_GROUPS = {
    "officer": OFFICER,
    "plan_manager": PLAN_MANAGER,
    "scrutiny_member": SCRUTINY,
    "auditor": AUDITOR,
}
ROLE_KEYS = (*ROLE_GROUPS, ADMIN)
ROLE_CHANGE_REASON = "role changed by sign-in"


def parse_role_map(text: str) -> dict[str, frozenset[str]]:
    """`value=role,...` as {claim value: roles}; a value may be named more than once."""
    mapping: dict[str, set[str]] = {}
    for item in (text or "").split(","):
        if not item.strip():
            continue
        value, sep, role = item.rpartition("=")
        value, role = value.strip(), role.strip().lower()
        if not sep or not value or role not in ROLE_KEYS:
            raise ImproperlyConfigured(
                f"OIDC_ROLE_MAP: {item.strip()!r} must be 'claim value=role', the role one of "
                f"{', '.join(ROLE_KEYS)}"
            )
        mapping.setdefault(value, set()).add(role)
    return {value: frozenset(roles) for value, roles in mapping.items()}


def claim_values(claims: dict, claim: str) -> set[str]:
    """The values of the role claim: Entra sends a list; a single string is taken too."""
    raw = claims.get(claim)
    if raw is None:
        return set()
    if isinstance(raw, str):
        return {raw}
    if isinstance(raw, list | tuple):
        return {str(value) for value in raw}
    return set()


def roles_from_claims(claims: dict, *, claim: str, role_map: dict[str, frozenset[str]]) -> set:
    """The role keys (ROLE_KEYS) the claims give; values the map does not name give none."""
    roles: set[str] = set()
    for value in claim_values(claims, claim):
        roles |= role_map.get(value, frozenset())
    return roles


def role_labels(roles: set[str]) -> list[str]:
    """The roles as people read them, in a fixed order."""
    labels = {**ROLE_GROUPS, ADMIN: "Administrator"}
    return [labels[key] for key in ROLE_KEYS if key in roles]


@transaction.atomic
def user_roles_sync(*, user, roles: set[str]) -> bool:
    """Make the person's role groups and administrator status what `roles` says.

    Groups that are not roles are left alone. Each change is written to the person's
    history with the reason "role changed by sign-in". Returns whether anything changed.
    """
    from django.contrib.auth.models import Group

    wanted = {ROLE_GROUPS[key] for key in roles if key in ROLE_GROUPS}
    held = set(user.groups.filter(name__in=ROLE_GROUPS.values()).values_list("name", flat=True))
    make_staff = ADMIN in roles
    if wanted == held and user.is_staff == make_staff:
        return False
    user._change_reason = ROLE_CHANGE_REASON
    if user.is_staff != make_staff:
        user.is_staff = make_staff
        user.save(update_fields=["is_staff"])
    if held - wanted:
        user.groups.remove(*Group.objects.filter(name__in=held - wanted))
    if wanted - held:
        user.groups.add(*Group.objects.filter(name__in=wanted - held))
    user.__dict__.pop("_role_names", None)
    del user._change_reason
    return True
