"""The meeting cycle's records, one module a subject."""

from meetings.models.arising import ActionArising
from meetings.models.bodies import Body, BodyKind, BodyMember, Meeting
from meetings.models.packs import PublishedPack
from meetings.models.records import Attendance, Decision

__all__ = [
    "ActionArising",
    "Attendance",
    "Body",
    "BodyKind",
    "BodyMember",
    "Decision",
    "Meeting",
    "PublishedPack",
]
