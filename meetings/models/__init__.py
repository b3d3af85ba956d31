"""The meeting cycle's records, one module a subject."""

from meetings.models.bodies import Body, BodyKind, BodyMember, Meeting

__all__ = ["Body", "BodyKind", "BodyMember", "Meeting"]
