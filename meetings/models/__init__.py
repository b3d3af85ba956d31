"""The meeting cycle's records, one module a subject."""

from meetings.models.arising import ActionArising
from meetings.models.bodies import Body, BodyKind, BodyMember, Meeting

__all__ = ["ActionArising", "Body", "BodyKind", "BodyMember", "Meeting"]
