"""Reads for the bodies and meetings pages, the home page and the calendar feed."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, Min, Q, QuerySet

from improvement.models import Challenge, Plan
from measures.models import Measure
from meetings.models import ActionArising, Body, BodyMember, Meeting


def bodies_for(user, *, today: date) -> QuerySet[Body]:
    """The bodies list: each with its kind, member count and next meeting's date."""
    return (
        Body.objects.visible_to(user)
        .select_related("kind")
        .annotate(
            member_count=Count("members", distinct=True),
            next_meeting_on=Min("meetings__date", filter=Q(meetings__date__gte=today)),
        )
        .order_by("name")
    )


@dataclass
class BodyPage:
    body: Body
    members: list
    plans: list
    measures: list
    upcoming: list
    past: list
    membership: BodyMember | None = None


def body_page(user, pk: int, *, today: date) -> BodyPage:
    """One body with its members, the plans and measures it oversees (those the user may
    see) and its meetings; raises Body.DoesNotExist if hidden."""
    body = Body.objects.visible_to(user).select_related("kind").get(pk=pk)
    members = list(
        body.members.select_related("user").order_by(
            F("user__full_name").asc(nulls_last=True), "name"
        )
    )
    meetings = list(body.meetings.order_by("date", "pk"))
    return BodyPage(
        body=body,
        members=members,
        plans=list(Plan.objects.visible_to(user).filter(bodies=body).order_by("title")),
        measures=list(Measure.objects.visible_to(user).filter(bodies=body).order_by("title")),
        upcoming=[m for m in meetings if m.date >= today],
        past=[m for m in reversed(meetings) if m.date < today],
        membership=next((m for m in members if m.user_id == user.pk), None),
    )


def meetings_for(user) -> QuerySet[Meeting]:
    """Every meeting the user may read, latest first, with its body."""
    return Meeting.objects.visible_to(user).select_related("body").order_by("-date", "body__name")


@dataclass
class MeetingPage:
    meeting: Meeting
    attendance: list
    decisions: list
    arising: list
    carried: list = field(default_factory=list)
    challenges: list = field(default_factory=list)


def _challenges(user):
    return Challenge.objects.visible_to(user).select_related(
        "action__priority", "recommendation", "raised_by"
    )


def meeting_page(user, pk: int) -> MeetingPage:
    """One meeting and what it recorded; `carried` are actions arising from the body's
    earlier meetings still open on its date. Raises Meeting.DoesNotExist if hidden."""
    meeting = Meeting.objects.visible_to(user).select_related("body__kind").get(pk=pk)
    arising = ActionArising.objects.select_related("owner", "meeting")
    return MeetingPage(
        meeting=meeting,
        attendance=list(
            meeting.attendance.select_related("member").order_by(
                F("member").asc(nulls_last=True), "name"
            )
        ),
        decisions=list(meeting.decisions.all()),
        arising=list(arising.filter(meeting=meeting)),
        carried=list(
            arising.filter(meeting__body_id=meeting.body_id, meeting__date__lt=meeting.date)
            .open_on(meeting.date)
            .order_by("due_on", "pk")
        ),
        challenges=list(_challenges(user).filter(meetings=meeting).order_by("raised_at")),
    )


def linkable_challenges(user, meeting: Meeting, *, own_only: bool = False) -> QuerySet[Challenge]:
    """Challenges that may be marked as raised at the meeting: those raised in the 90 days
    before it, and those already linked; `own_only`, only those the user raised."""
    from datetime import timedelta

    from core.clock import end_of_day, start_of_day

    recent = Q(
        raised_at__gte=start_of_day(meeting.date - timedelta(days=90)),
        raised_at__lte=end_of_day(meeting.date),
    )
    found = _challenges(user).filter(recent | Q(meetings=meeting))
    if own_only:
        found = found.filter(raised_by=user)
    return found.distinct().order_by("-raised_at")


@dataclass
class MemberBody:
    """A body the user sits on, as their home page shows it."""

    body: Body
    next_meeting: Meeting | None
    last_meeting: Meeting | None
    outstanding: list


def member_bodies(user, *, today: date) -> list[MemberBody]:
    """The bodies the user is a member of, each with its next and last meeting and the
    actions arising still open (three queries, however many bodies)."""
    bodies = list(Body.objects.visible_to(user).filter(members__user=user).order_by("name"))
    if not bodies:
        return []
    meetings = list(Meeting.objects.filter(body__in=bodies).order_by("date", "pk"))
    open_arising = list(
        ActionArising.objects.filter(meeting__body__in=bodies)
        .open_on(today)
        .select_related("owner", "meeting")
    )
    rows = []
    for body in bodies:
        own = [m for m in meetings if m.body_id == body.pk]
        rows.append(
            MemberBody(
                body=body,
                next_meeting=next((m for m in own if m.date >= today), None),
                last_meeting=next((m for m in reversed(own) if m.date < today), None),
                outstanding=[a for a in open_arising if a.meeting.body_id == body.pk],
            )
        )
    return rows


def arising_owned_by(user) -> QuerySet[ActionArising]:
    """Open actions arising the user owns, soonest due first."""
    return (
        ActionArising.objects.visible_to(user)
        .filter(owner=user, closed_on__isnull=True)
        .select_related("meeting__body")
        .order_by("due_on", "pk")
    )


def feed_member(member_id: int) -> BodyMember | None:
    """The membership a calendar token names, if it still exists for an active user."""
    member = (
        BodyMember.objects.select_related("body", "user")
        .filter(pk=member_id)
        .filter(Q(user__isnull=True) | Q(user__is_active=True))
        .first()
    )
    return member if member is not None and member.user_id else None
