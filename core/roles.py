"""The roles of DESIGN.md section 2 and the `rules` predicates that test them.

Every app's permission rules are built from these. The roles are held as Django groups
(`accounts.roles` creates them and grants their model permissions); an administrator is
an active staff user.
"""

import rules

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


@rules.predicate
def is_officer(user) -> bool:
    return has_role(user, OFFICER)


@rules.predicate
def is_plan_manager(user) -> bool:
    return has_role(user, PLAN_MANAGER)


@rules.predicate
def is_scrutiny(user) -> bool:
    return has_role(user, SCRUTINY)


@rules.predicate
def is_auditor(user) -> bool:
    return has_role(user, AUDITOR)


@rules.predicate
def is_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


has_any_role = is_officer | is_plan_manager | is_scrutiny | is_auditor | is_admin
can_read_confidential = is_officer | is_plan_manager | is_auditor | is_admin
can_manage_plans = is_plan_manager | is_admin


class PublicationReader:
    """Whoever reads a document made for publication: it reads what a scrutiny member
    reads and nothing confidential, whoever asked for the document.

    Not a user (it has no id, no team and signs in nowhere): pass it to `visible_to` and
    the selectors built on it to get the public scope, the same for every requester.
    """

    pk = id = None
    is_authenticated = True
    is_active = True
    is_staff = False
    is_superuser = False
    _role_names = frozenset({SCRUTINY})

    def __str__(self) -> str:
        return "Publication"


PUBLICATION_READER = PublicationReader()
