"""The roles of DESIGN.md section 2, held as Django groups."""

OFFICER = "Officer"
PLAN_MANAGER = "Plan manager"
SCRUTINY = "Scrutiny member"
AUDITOR = "Auditor"
ALL_ROLES = (OFFICER, PLAN_MANAGER, SCRUTINY, AUDITOR)


def role_names(user) -> set[str]:
    """Names of the roles a user holds, cached on the user object for the request."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_role_names"):
        user._role_names = set(user.groups.values_list("name", flat=True))
    return user._role_names


def has_role(user, role: str) -> bool:
    return role in role_names(user)
