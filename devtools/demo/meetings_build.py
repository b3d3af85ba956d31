"""Northdale's improvement board and children's scrutiny panel: members, a year of
meetings with attendance, decisions and actions arising, and two meetings ahead."""

from datetime import date, time, timedelta

from improvement.models import Challenge
from measures.models import Measure
from meetings.models import (
    ActionArising,
    Attendance,
    Body,
    BodyKind,
    BodyMember,
    Decision,
    Meeting,
)

BOARD = "Northdale Children's Improvement Board"
PANEL = "Northdale Children's Scrutiny Panel"
BOARD_MEMBERS = [("dcs", "Chair"), ("manager", "Programme lead"), ("mash", ""), ("qa", "")]
BOARD_NAMES = [("Prof. Ruth Calder", "Independent adviser"), ("Supt. Owen Marsh", "Police")]
PANEL_MEMBERS = [("scrutiny", "Chair")]
PANEL_NAMES = [
    ("Cllr Peter Hale", "Vice-chair"),
    ("Cllr Nadia Brook", ""),
    ("Cllr Simon Varley", ""),
    ("Janet Moss", "Co-optee"),
]
DECISIONS = [
    "The board noted the progress and exception report.",
    "The board agreed the revised target dates in the report, subject to the reasons "
    "being recorded against each action.",
]
ARISING = [
    ("Bring caseload figures by team to the next meeting.", "officer"),
    ("Report on the audit of strategy discussions held out of hours.", "mash"),
    ("Circulate the revised supervision policy to members.", "qa"),
]


def _members(body, builder, users, names) -> list[BodyMember]:
    rows = [
        BodyMember.objects.create(body=body, user=builder.users[key], role=role)
        for key, role in users
        if key in builder.users
    ]
    rows += [BodyMember.objects.create(body=body, name=n, role=r) for n, r in names]
    return rows


def _status(day: date, today: date) -> str:
    if day > today:
        return "papers_published" if (day - today).days <= 7 else "planned"
    return "held" if (today - day).days < 30 else "minutes_approved"


def _meetings(body, members, builder, *, every: int, start: time, venue: str) -> list:
    today, made = builder.on, []
    for step in range(-12, 3, every):
        day = today + timedelta(days=30 * step + 3)
        meeting = Meeting.objects.create(
            body=body,
            date=day,
            start_time=start,
            venue=venue,
            papers_date=day - timedelta(days=7),
            status=_status(day, today),
        )
        made.append(meeting)
        if day > today:
            continue
        for index, member in enumerate(members):
            status = "present" if (index + step) % 5 else "apologies"
            Attendance.objects.create(
                meeting=meeting, member=member, name=member.display_name, status=status
            )
        Attendance.objects.create(meeting=meeting, name="Democratic services officer")
        for number, text in enumerate(DECISIONS, 1):
            Decision.objects.create(meeting=meeting, number=number, text=text)
    return made


def _arising(meetings, builder) -> None:
    """A few actions arising from the last three meetings held: the oldest closed, one
    overdue, one still in time."""
    held = [m for m in meetings if m.date <= builder.on][-3:]
    for meeting, (text, owner) in zip(held, ARISING, strict=False):
        arising = ActionArising.objects.create(
            meeting=meeting,
            text=text,
            owner=builder.users.get(owner),
            owner_name="" if owner in builder.users else "Service manager",
            due_on=meeting.date + timedelta(days=21),
        )
        if meeting is held[0]:
            arising.closed_on = meeting.date + timedelta(days=18)
            arising.closing_note = "Presented at the following meeting."
            arising.save()


def build_meetings(builder) -> None:
    # get_or_create: the kinds come from a data migration, which a flushed test database lacks
    board_kind, _ = BodyKind.objects.get_or_create(name="Improvement board")
    panel_kind, _ = BodyKind.objects.get_or_create(name="Scrutiny panel")
    board = Body.objects.create(name=BOARD, kind=board_kind)
    panel = Body.objects.create(name=PANEL, kind=panel_kind)
    for body in (board, panel):
        body.plans.add(builder.current_plan)
        body.measures.add(*Measure.objects.order_by("reference")[:4])
    board_meetings = _meetings(
        board,
        _members(board, builder, BOARD_MEMBERS, BOARD_NAMES),
        builder,
        every=1,
        start=time(14, 0),
        venue="Northdale Civic Centre, committee room 2",
    )
    panel_meetings = _meetings(
        panel,
        _members(panel, builder, PANEL_MEMBERS, PANEL_NAMES),
        builder,
        every=2,
        start=time(10, 30),
        venue="Northdale Town Hall, council chamber",
    )
    _arising(board_meetings, builder)
    _arising(panel_meetings, builder)
    held = [m for m in panel_meetings if m.date <= builder.on]
    if held:
        held[-1].challenges.set(Challenge.objects.order_by("-raised_at")[:2])
