"""The main navigation: each role sees only what it may use."""

from dataclasses import dataclass

from django.urls import reverse

from improvement import rules


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool


# (label, url name, predicate deciding who sees it)
# Each feature area adds its pages here as it lands.
NAVIGATION = [
    ("Home", "home", rules.has_any_role),
    ("Dashboard", "dashboard", rules.has_any_role),
    ("Plans", "plan_list", rules.has_any_role),
    ("Actions", "action_list", rules.has_any_role),
    ("Recommendations", "recommendation_list", rules.has_any_role),
    ("Inspections", "inspection_list", rules.has_any_role),
    ("Challenges", "challenge_list", rules.has_any_role),
    ("Audit trail", "audit_trail", rules.is_plan_manager | rules.is_auditor | rules.is_admin),
    ("Admin", "admin:index", rules.is_admin),
]


def nav_items(request) -> list[NavItem]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    items = []
    for label, url_name, allowed in NAVIGATION:
        if not allowed(user):
            continue
        url = reverse(url_name)
        active = request.path == url if url == "/" else request.path.startswith(url)
        items.append(NavItem(label, url, active))
    return items
