"""The main navigation: each role sees only what it may use, as the permission rules say."""

from dataclasses import dataclass

import rules
from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool


# (label, url name, the `rules` permission that opens the page)
NAVIGATION = [
    ("Home", "home", "improvement.read"),
    ("Dashboard", "dashboard", "improvement.read"),
    ("Plans", "plan_list", "improvement.read"),
    ("Actions", "action_list", "improvement.read"),
    ("Recommendations", "recommendation_list", "improvement.read"),
    ("Measures", "measure_list", "improvement.read"),
    ("Inspections", "inspection_list", "improvement.read"),
    ("Challenges", "challenge_list", "improvement.read"),
    ("Meetings", "meeting_list", "improvement.read"),
    ("Audit trail", "audit_trail", "improvement.view_audit_trail"),
    ("Admin", "admin:index", "admin.view_site"),
]


def nav_items(request) -> list[NavItem]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    items = []
    for label, url_name, permission in NAVIGATION:
        if not rules.has_perm(permission, user):
            continue
        url = reverse(url_name)
        active = request.path == url if url == "/" else request.path.startswith(url)
        items.append(NavItem(label, url, active))
    return items
