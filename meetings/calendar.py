"""A body's meetings as an iCalendar feed (RFC 5545), and each member's private address.

Calendar apps cannot sign in, so the address carries a token: the member's id signed with
django.core.signing, salted with the member's `calendar_key`. A new key revokes the old
address; leaving the body removes the membership and so the feed. The `icalendar` package
is not installed, so this is a small writer: CRLF line ends, lines folded at 75 octets,
text values escaped.
"""

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

from django.core import signing

SALT = "meetings.calendar"
LONDON = "Europe/London"
STATUS = {  # a meeting's status as a VEVENT's STATUS
    "planned": "TENTATIVE",
    "papers_published": "CONFIRMED",
    "held": "CONFIRMED",
    "minutes_approved": "CONFIRMED",
}
# Europe/London's rules since 1996, so calendars need not know the zone by name.
VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/London",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "TZNAME:BST",
    "DTSTART:19700329T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "TZNAME:GMT",
    "DTSTART:19701025T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def feed_token(member) -> str:
    """The member's calendar token: their membership's id, signed with their key."""
    return signing.Signer(salt=f"{SALT}:{member.calendar_key}").sign(str(member.pk))


def member_id_in(token: str) -> int | None:
    """The membership id a token names (not yet checked), or None if it names none."""
    value, _, _ = token.rpartition(":")
    return int(value) if value.isdigit() and len(value) < 12 else None


def token_holds(token: str, member) -> bool:
    """Whether the token is the member's current one (a revoked key fails)."""
    try:
        value = signing.Signer(salt=f"{SALT}:{member.calendar_key}").unsign(token)
    except signing.BadSignature:
        return False
    return value == str(member.pk)


def escape(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks escaped."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not parts else 74  # continuation lines start with a space
        if size + width > limit:
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def event_lines(event: dict, *, stamp: datetime) -> list[str]:
    """One VEVENT. `event` has uid, day, start (a time or None: an all-day event), summary,
    location, url, status and description."""
    day: date = event["day"]
    start: time | None = event["start"]
    if start is None:
        when = [
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
        ]
    else:
        begins = datetime.combine(day, start)
        ends = begins + timedelta(hours=2)
        when = [
            f"DTSTART;TZID={LONDON}:{begins:%Y%m%dT%H%M%S}",
            f"DTEND;TZID={LONDON}:{ends:%Y%m%dT%H%M%S}",
        ]
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event['uid']}",
        f"DTSTAMP:{_stamp(stamp)}",
        *when,
        f"SUMMARY:{escape(event['summary'])}",
    ]
    if event.get("location"):
        lines.append(f"LOCATION:{escape(event['location'])}")
    if event.get("description"):
        lines.append(f"DESCRIPTION:{escape(event['description'])}")
    lines += [f"URL:{event['url']}", f"STATUS:{event['status']}", "END:VEVENT"]
    return lines


def calendar(name: str, events: Iterable[dict], *, stamp: datetime) -> str:
    """A whole VCALENDAR, folded, with CRLF line ends."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Improvement plan tracker//Meetings//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
        *VTIMEZONE,
    ]
    for event in events:
        lines += event_lines(event, stamp=stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
