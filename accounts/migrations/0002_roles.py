"""Create the four roles as groups, each with its model permissions (DESIGN.md section 5)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

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
    "Officer": VIEW_ALL
    + POST
    + ["improvement.add_datechangerequest", "improvement.change_challenge"]
    + ["improvement.view_confidential"],
    "Plan manager": VIEW_ALL
    + MANAGE
    + POST
    + ["improvement.change_challenge", "improvement.verify_action"]
    + ["improvement.view_confidential", "improvement.view_audit_trail"],
    "Scrutiny member": VIEW_ALL + ["improvement.add_challenge", "improvement.change_challenge"],
    "Auditor": VIEW_ALL
    + ["improvement.verify_action", "improvement.view_confidential"]
    + ["improvement.view_audit_trail"],
}


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codes in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("inspections", "0001_initial"),
        ("recommendations", "0001_initial"),
        ("improvement", "0001_initial"),
    ]
    operations = [migrations.RunPython(create_roles, remove_roles)]
