"""The members' calendar feed: an RFC 5545 writer (folding, escaping, CRLF) and private,
revocable addresses that open the feed without signing in."""

import datetime as dt

import pytest
from django.urls import reverse

from meetings import calendar, services
from tests import factories

STAMP = dt.datetime(2026, 1, 5, 9, 30, tzinfo=dt.UTC)


def test_text_values_escape_backslash_semicolon_comma_and_line_breaks():
    assert calendar.escape("Room 1, Town Hall; Northdale\\East\nFloor 2") == (
        "Room 1\\, Town Hall\\; Northdale\\\\East\\nFloor 2"
    )


def test_long_lines_fold_at_75_octets_without_splitting_a_character():
    line = "SUMMARY:" + "Children’s improvement board " * 6  # ’ is three octets
    folded = calendar.fold(line)
    parts = folded.split("\r\n")
    assert len(parts) > 1
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join([parts[0], *(part[1:] for part in parts[1:])]) == line


def test_a_short_line_is_not_folded():
    assert calendar.fold("VERSION:2.0") == "VERSION:2.0"


def _event(**changes):
    event = {
        "uid": "meeting-1@example.org",
        "day": dt.date(2026, 3, 12),
        "start": dt.time(14, 0),
        "summary": "Northdale Improvement Board",
        "location": "Civic Centre, room 2",
        "description": "",
        "url": "https://example.org/meetings/1/",
        "status": "CONFIRMED",
    }
    return {**event, **changes}


def test_the_calendar_has_the_required_properties_and_crlf_line_ends():
    text = calendar.calendar("Board", [_event()], stamp=STAMP)
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")
    assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"]
    assert any(line.startswith("PRODID:") for line in lines)
    for expected in [
        "UID:meeting-1@example.org",
        "DTSTAMP:20260105T093000Z",
        "DTSTART;TZID=Europe/London:20260312T140000",
        "SUMMARY:Northdale Improvement Board",
        "LOCATION:Civic Centre\\, room 2",
        "URL:https://example.org/meetings/1/",
        "STATUS:CONFIRMED",
        "TZID:Europe/London",
    ]:
        assert expected in lines
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 1


def test_a_meeting_without_a_time_is_an_all_day_event():
    lines = calendar.calendar("Board", [_event(start=None)], stamp=STAMP).split("\r\n")
    assert "DTSTART;VALUE=DATE:20260312" in lines
    assert "DTEND;VALUE=DATE:20260313" in lines


@pytest.fixture
def member(db, scrutiny):
    body = factories.BodyFactory(name="Children's Scrutiny Panel")
    factories.MeetingFactory(body=body, venue="Town Hall, council chamber")
    return factories.BodyMemberFactory(body=body, user=scrutiny)


def _feed(client, token):
    return client.get(reverse("body_calendar", args=[token]))


def test_a_members_address_opens_the_feed_without_signing_in(client, member):
    response = _feed(client, calendar.feed_token(member))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert "SUMMARY:Children's Scrutiny Panel" in text
    assert "LOCATION:Town Hall\\, council chamber" in text
    assert f"/meetings/{member.body.meetings.get().pk}/" in text


def test_a_new_address_revokes_the_old_one(client, member):
    old = calendar.feed_token(member)
    services.calendar_address_renew(member=member)
    assert _feed(client, old).status_code == 404
    assert _feed(client, calendar.feed_token(member)).status_code == 200


def test_a_tampered_or_foreign_token_is_a_404(client, member):
    token = calendar.feed_token(member)
    other = factories.BodyMemberFactory()
    assert _feed(client, token[:-2] + "xx").status_code == 404
    assert _feed(client, f"{other.pk}:{token.split(':')[1]}").status_code == 404
    assert _feed(client, "nonsense").status_code == 404


def test_leaving_the_body_or_the_council_ends_the_feed(client, member):
    token = calendar.feed_token(member)
    member.user.is_active = False
    member.user.save()
    assert _feed(client, token).status_code == 404
    member.user.is_active = True
    member.user.save()
    services.member_remove(member=member)
    assert _feed(client, token).status_code == 404


def test_the_body_page_shows_a_member_their_address_and_no_one_else(client, member, manager):
    client.force_login(member.user)
    page = client.get(reverse("body_detail", args=[member.body.pk])).content.decode()
    assert calendar.feed_token(member) in page
    client.force_login(manager)
    page = client.get(reverse("body_detail", args=[member.body.pk])).content.decode()
    assert "Your calendar address" not in page
