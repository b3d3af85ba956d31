"""How the audit trail names the meeting cycle's records. Registered from MeetingsConfig.ready()."""

from audit import records

LABELS = (
    "meetings.bodykind",
    "meetings.body",
    "meetings.bodymember",
    "meetings.meeting",
    "meetings.actionarising",
    "meetings.attendance",
    "meetings.decision",
    "meetings.publishedpack",
)


def register() -> None:
    for label in LABELS:
        records.register(label, records.AdminRecords)
