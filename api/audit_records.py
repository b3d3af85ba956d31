"""How the audit trail names API tokens: by name and prefix, never the secret (only its
hash is stored). Registered from ApiConfig.ready(). Tokens have no page of their own:
administrators get Django admin's page."""

from audit import records
from audit.records import AdminRecords, Record


class TokenRecords(AdminRecords):
    def describe(self, label: str, row) -> Record:
        link = super().describe(label, row).link
        return Record(f"API token {row.name} ({row.prefix}…)", link)


def register() -> None:
    records.register("api.apitoken", TokenRecords)
    records.register_names("api.apitoken", records.by_str())
