"""The scorecard on the dashboards: per priority, its measures' latest figure, target,
RAG in words and colour, direction of travel, and England and the neighbours' average
beside it, "as at" the dashboard's day. Registered as a dashboard panel from
MeasuresConfig.ready() (improvement/panels.py), so the plan app does not import this one.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Subquery

from core.clock import end_of_day
from improvement.models import Plan, Priority
from improvement.panels import PackSection, Panel
from measures import rules_performance as perf
from measures.models import Measure, StatisticalNeighbour
from measures.selectors import figures_for, recent_from
from measures.summary import MeasureSummary, summarise

LIMIT = 40  # rows on a dashboard; the register has every measure


@dataclass
class ScorecardGroup:
    priority: Priority
    summaries: list[MeasureSummary]


@dataclass
class Scorecard:
    groups: list[ScorecardGroup]
    shown: int
    more: bool  # links beyond the first LIMIT, in the register
    as_at: date | None


def _links(user, *, plans: list[Plan]):
    """(priority, measure) links to show, in plan, priority and reference order, one more
    than fits (to say there are more), each carrying how many neighbours the council has
    and where its measure's recent periods start (`selectors.recent_from`): one query."""
    neighbours = (
        StatisticalNeighbour.objects.order_by()
        .values("profile")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    links = (
        Measure.priorities.through.objects.filter(
            priority__plan__in=[p.pk for p in plans],
            measure__in=Measure.objects.visible_to(user),
        )
        .select_related("priority__plan", "measure")
        .annotate(neighbours=Subquery(neighbours), recent_from=recent_from("measure_id"))
        .order_by("priority__plan__title", "priority__number", "measure__reference")
    )
    return list(links[: LIMIT + 1])


def scorecard(user, *, plans: list[Plan], day: date, is_today: bool) -> Scorecard:
    """The measures linked to the priorities of `plans` (ones the reader may see), the
    figures as known at the end of `day`: three queries (links, values, targets). Today's
    read only each measure's recent periods; a past day's, all it knew then."""
    links = _links(user, plans=plans)
    if not links:
        return Scorecard([], 0, False, None if is_today else day)
    more, links = len(links) > LIMIT, links[:LIMIT]
    measures = {link.measure_id: link.measure for link in links}
    as_at = None if is_today else end_of_day(day)
    figures = figures_for(
        list(measures.values()),
        as_at=as_at,
        averaged=True,
        neighbour_count=links[0].neighbours or 0,
        from_end={link.measure_id: link.recent_from for link in links} if is_today else None,
    )
    summaries = {pk: summarise(figures[pk], today=day) for pk in measures}
    groups: dict[int, ScorecardGroup] = {}
    for link in links:
        group = groups.setdefault(link.priority_id, ScorecardGroup(link.priority, []))
        group.summaries.append(summaries[link.measure_id])
    return Scorecard(list(groups.values()), len(links), more, None if is_today else day)


def scorecard_panel(user, *, plan, plans, day: date, is_today: bool) -> Panel | None:
    card = scorecard(user, plans=plans, day=day, is_today=is_today)
    if not card.groups:
        return None
    return Panel("scorecard", "Scorecard", "measures/_scorecard.html", {"scorecard": card})


PACK_HEADER = [
    "Priority",
    "Measure",
    "Title",
    "Period",
    "Latest",
    "Target",
    "Against target",
    "Direction",
    "England",
    "Against England",
    "Neighbours' average",
    "Against neighbours",
    "Figure due",
    "Exception",
]


def exception_words(summary: MeasureSummary) -> str:
    """Why the measure is one of the pack's exceptions: red (off target) or declining."""
    found = []
    if summary.rag == perf.RED:
        found.append("Off target")
    if summary.direction == perf.DECLINING:
        found.append("Declining")
    return "; ".join(found)


def _number(value) -> str:
    return "" if value is None else format(value.normalize(), "f")


def _pack_row(priority, summary: MeasureSummary) -> list:
    measure = summary.measure
    england, _, neighbours = summary.comparisons or (None, None, None)
    return [
        str(priority),
        measure.reference,
        measure.title,
        summary.latest.period.label if summary.latest else "",
        _number(summary.value),
        _number(summary.target.value) if summary.target else "",
        summary.rag_words,
        summary.direction_words,
        _number(england.value) if england else "",
        england.words if england else "",
        _number(neighbours.value) if neighbours else "",
        neighbours.words if neighbours else "",
        "Due" if summary.due else "",
        exception_words(summary),
    ]


def scorecard_pack_section(reader, *, plan, day: date, is_today: bool) -> PackSection | None:
    """The scorecard in the committee report pack: the same figures as the dashboard's."""
    card = scorecard(reader, plans=[plan], day=day, is_today=is_today)
    if not card.groups:
        return None
    rows = [_pack_row(g.priority, s) for g in card.groups for s in g.summaries]
    exceptions = [
        (g.priority, s, exception_words(s))
        for g in card.groups
        for s in g.summaries
        if exception_words(s)
    ]
    return PackSection(
        anchor="scorecard",
        title="Scorecard",
        template="measures/_pack_scorecard.html",
        context={"scorecard": card, "exceptions": exceptions},
        header=PACK_HEADER,
        rows=rows,
        widths=[30, 10, 40, 18, 10, 10, 16, 16, 10, 14, 12, 14, 10, 20],
    )
