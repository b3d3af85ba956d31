"""How the audit trail names jobs and daily runs. Registered from JobsConfig.ready().

A job's entry says who asked for what (its title) and when; its page is "Your downloads"
for its owner, Django admin's for administrators.
"""

from audit import records
from audit.records import AdminRecords


def register() -> None:
    for label in ("jobs.job", "jobs.scheduledrun"):
        records.register(label, AdminRecords)
