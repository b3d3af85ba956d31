"""Reads for meeting packs: the pack a meeting would publish now (preview), the open
actions arising it carries, and the published versions."""

from dataclasses import dataclass
from datetime import date

from django.template.loader import render_to_string

from core import clock
from improvement.models import Plan
from improvement.panels import PackSection
from improvement.reports.audience import Audience
from improvement.reports.files import pack_charts
from improvement.reports.pack import ReportPack, report_pack
from meetings.models import ActionArising, Body, Meeting, PublishedPack

ARISING_HEADER = ["Raised at the meeting of", "Action arising", "Owner", "Due"]


@dataclass(frozen=True)
class ArisingRow:
    raised_on: date
    text: str
    owner: str
    due_on: date
    overdue: bool


def since_for(meeting: Meeting, plan: Plan) -> date:
    """Where "what changed since" starts: the body's previous meeting, else the plan's start."""
    previous = meeting.previous()
    return previous.date if previous else plan.start_date


def meeting_label(meeting: Meeting) -> str:
    when = f"{meeting.date:%-d %B %Y}"
    if meeting.start_time:
        when += f" at {meeting.start_time:%H:%M}"
    return f"{meeting.body.name}, {when}" + (f", {meeting.venue}" if meeting.venue else "")


def pack_day(meeting: Meeting) -> date:
    """The day a meeting's pack is as at: its papers date, or today while that is still to
    come (a pack made early shows what is known now, never a day not yet reached)."""
    return min(meeting.papers_date, clock.today())


def arising_section(meeting: Meeting, *, by_role: bool) -> PackSection:
    """The body's actions arising open on the pack's day, as a pack section."""
    day = pack_day(meeting)
    found = (
        ActionArising.objects.filter(meeting__body_id=meeting.body_id)
        .open_on(day)
        .select_related("meeting", "owner")
        .order_by("due_on", "pk")
    )
    rows = [
        ArisingRow(
            raised_on=a.meeting.date,
            text=a.text,
            owner="Named owner" if by_role and a.owner_id else a.owner_display,
            due_on=a.due_on,
            overdue=a.due_on < day,
        )
        for a in found
    ]
    return PackSection(
        anchor="actions-arising",
        title="Actions arising from earlier meetings",
        template="meetings/pack_arising.html",
        context={"rows": rows, "day": day},
        header=ARISING_HEADER,
        rows=[[r.raised_on, r.text, r.owner, r.due_on] for r in rows],
        widths=[18, 70, 30, 14],
    )


def meeting_pack(user, *, meeting: Meeting, plan: Plan, cover_note: str = "") -> ReportPack:
    """The pack for `meeting` and `plan` as it would be published now: for publication, as
    at the papers date, changes since the body's last meeting, names as the body chose."""
    by_role = meeting.body.public_names == Body.PublicNames.ROLES
    pack = report_pack(
        user,
        plan=plan,
        day=pack_day(meeting),
        audience=Audience.PUBLICATION,
        meeting=meeting_label(meeting),
        since=since_for(meeting, plan),
        by_role=by_role,
        cover_note=cover_note,
    )
    pack.sections.append(arising_section(meeting, by_role=by_role))
    return pack


def pack_page(pack: ReportPack) -> str:
    """The pack's page body as HTML: what a published pack stores and shows."""
    context = {"pack": pack, "for_pdf": False, **pack_charts(pack)}
    return render_to_string("improvement/reports/_pack_body.html", context)


def published_versions(meeting: Meeting, plan: Plan | None = None):
    packs = PublishedPack.objects.filter(meeting=meeting).select_related("plan", "published_by")
    if plan is not None:
        packs = packs.filter(plan=plan)
    return packs.order_by("plan__title", "plan_id", "-version")


def meeting_plans(meeting: Meeting, user) -> list[Plan]:
    return list(Plan.objects.visible_to(user).filter(bodies=meeting.body_id).order_by("title"))


def public_pack(uuid) -> PublishedPack:
    """A version anyone may open (DoesNotExist otherwise): published, not withdrawn, of a
    body that publishes packs for the public."""
    return PublishedPack.objects.public().select_related("meeting__body", "plan").get(uuid=uuid)
