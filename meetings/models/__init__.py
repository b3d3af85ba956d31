"""The meeting cycle's records, one module a subject."""

from meetings.models.arising import ActionArising
from meetings.models.bodies import Body, BodyKind, BodyMember, Meeting
from meetings.models.packs import PublishedPack

__all__ = ["ActionArising", "Body", "BodyKind", "BodyMember", "Meeting", "PublishedPack"]
