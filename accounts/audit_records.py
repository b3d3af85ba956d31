"""How the audit trail names people, teams, organisations and permissions.

Registered from AccountsConfig.ready(). None has a page of its own: administrators get
Django admin's page.
"""

from audit import records
from audit.records import AdminRecords


def register() -> None:
    for label in ("accounts.organisation", "accounts.team", "accounts.user"):
        records.register(label, AdminRecords)
    # A team's name includes its organisation's.
    records.register_names("accounts.team", records.by_str("organisation"))
    # A permission by its own name ("Can verify action"), not "app | model | name".
    records.register_names("auth.permission", _permission_names)


def _permission_names(queryset) -> dict:
    return dict(queryset.values_list("pk", "name"))
