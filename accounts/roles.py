"""The roles (named in core.roles) held as Django groups, with the model permissions of each."""

from core.roles import ALL_ROLES, AUDITOR, OFFICER, PLAN_MANAGER, SCRUTINY, has_role

__all__ = [
    "ALL_ROLES",
    "AUDITOR",
    "OFFICER",
    "PLAN_MANAGER",
    "SCRUTINY",
    "ensure_roles",
    "has_role",
]


# The model permissions each role's group holds; per-object rules live in improvement/rules.py.
VIEW_ALL = [
    "inspections.view_inspection",
    "inspections.view_judgement",
    "inspections.view_judgementarea",
    "recommendations.view_recommendation",
    "improvement.view_plan",
    "improvement.view_priority",
    "improvement.view_action",
    "improvement.view_progressupdate",
    "improvement.view_evidence",
    "improvement.view_challenge",
    "improvement.view_targetdatechange",
    "improvement.view_datechangerequest",
]
MANAGE = [
    f"{app}.{verb}_{model}"
    for app, model in [
        ("inspections", "inspection"),
        ("inspections", "judgement"),
        ("recommendations", "recommendation"),
        ("improvement", "plan"),
        ("improvement", "priority"),
        ("improvement", "action"),
        ("improvement", "datechangerequest"),
    ]
    for verb in ("add", "change")
] + ["improvement.add_targetdatechange", "improvement.import_plan"]
POST = ["improvement.add_progressupdate", "improvement.add_evidence"]

ROLE_PERMISSIONS = {
    OFFICER: VIEW_ALL
    + POST
    + ["improvement.add_datechangerequest", "improvement.change_challenge"]
    + ["improvement.view_confidential"],
    PLAN_MANAGER: VIEW_ALL
    + MANAGE
    + POST
    + ["improvement.change_challenge", "improvement.verify_action"]
    + ["improvement.view_confidential", "improvement.view_audit_trail"],
    SCRUTINY: VIEW_ALL + ["improvement.add_challenge", "improvement.change_challenge"],
    AUDITOR: VIEW_ALL
    + ["improvement.verify_action", "improvement.view_confidential"]
    + ["improvement.view_audit_trail"],
}


def ensure_roles(group_model, permission_model) -> None:
    """Create any missing role group and grant its permissions; safe to run again.

    Runs in the data migration (with historical models) and after every migrate or
    flush (see AccountsConfig.ready), so the roles are always there.
    """
    for role, codes in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=role)
        wanted = [code.split(".") for code in codes]
        found = permission_model.objects.select_related("content_type").filter(
            content_type__app_label__in={app for app, _ in wanted},
            codename__in={codename for _, codename in wanted},
        )
        group.permissions.add(
            *[p for p in found if [p.content_type.app_label, p.codename] in wanted]
        )
