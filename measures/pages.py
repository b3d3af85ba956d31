"""What the measures pages read: the register's rows and a measure's page, scoped to the
reader, with a fixed number of queries whatever the data (tests/measures/test_pages.py)."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Prefetch

from improvement.models import Action, Priority
from measures.models import CouncilProfile, Measure, MeasureChallenge
from measures.selectors import MeasureFigures, figures_for
from measures.summary import MeasureSummary, summarise
from recommendations.models import Recommendation


def register_measures(user, *, filters: dict):
    """Measures the user may read, filtered by what SQL can decide, in reference order."""
    measures = Measure.objects.visible_to(user).select_related("lead_user", "lead_team")
    if filters.get("priority"):
        measures = measures.filter(priorities=filters["priority"])
    if filters.get("source"):
        measures = measures.filter(data_source=filters["source"])
    lead = filters.get("lead")
    if lead == "me":
        measures = measures.filter(lead_user=user) | measures.filter(lead_team__in=user.teams.all())
    elif lead:
        measures = measures.filter(lead_user=lead)
    return measures.order_by("reference").distinct()


def summaries_for(measures: list[Measure], *, today: date) -> list[MeasureSummary]:
    figures = figures_for(measures, council_only=True)
    return [summarise(figures[m.pk], today=today) for m in measures]


def needs_every_summary(filters: dict) -> bool:
    """RAG and "due" come from the figures, so filtering by them reads every measure."""
    return bool(filters.get("rag") or filters.get("due"))


def register_summaries(user, *, filters: dict, today: date) -> list[MeasureSummary]:
    """Every measure the user may read that passes the filters, each with its summary."""
    summaries = summaries_for(list(register_measures(user, filters=filters)), today=today)
    rag = filters.get("rag")
    if rag:
        summaries = [s for s in summaries if (s.rag or "none") == rag]
    if filters.get("due"):
        summaries = [s for s in summaries if s.due == (filters["due"] == "yes")]
    return summaries


def register_choices(user) -> tuple[list, list]:
    """The filter's priorities (of plans the user may read) and measure leads."""
    priorities = list(
        Priority.objects.visible_to(user)
        .filter(measures__isnull=False)
        .select_related("plan")
        .distinct()
        .order_by("plan__title", "number")
    )
    leads = (
        Measure.objects.exclude(lead_user=None)
        .values_list("lead_user", "lead_user__full_name")
        .distinct()
        .order_by("lead_user__full_name")
    )
    return priorities, list(leads)


@dataclass
class MeasurePage:
    measure: Measure
    figures: MeasureFigures
    summary: MeasureSummary
    profile: CouncilProfile | None
    actions: list
    recommendations: list
    priorities: list
    challenges: list


def measure_page(user, pk: int, *, today: date, as_at: datetime | None = None) -> MeasurePage:
    """One measure with its figures, summary and the plan records it is linked to (only
    those the user may read). Raises Measure.DoesNotExist."""
    measure = (
        Measure.objects.visible_to(user)
        .select_related("lead_user", "lead_team")
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=Action.objects.visible_to(user)
                .select_related("priority__plan")
                .order_by("priority__plan__title", "priority__number", "order"),
                to_attr="visible_actions",
            ),
            Prefetch(
                "recommendations",
                queryset=Recommendation.objects.visible_to(user).select_related("inspection"),
                to_attr="visible_recommendations",
            ),
            Prefetch(
                "challenges",
                queryset=MeasureChallenge.objects.select_related("raised_by", "answered_by"),
                to_attr="challenge_list",
            ),
            Prefetch(
                "priorities",
                queryset=Priority.objects.visible_to(user).select_related("plan"),
                to_attr="visible_priorities",
            ),
        )
        .get(pk=pk)
    )
    figures = figures_for([measure], as_at=as_at)[measure.pk]
    profile = CouncilProfile.objects.prefetch_related("neighbours").order_by("pk").first()
    return MeasurePage(
        measure,
        figures,
        summarise(figures, today=today),
        profile,
        measure.visible_actions,
        measure.visible_recommendations,
        measure.visible_priorities,
        measure.challenge_list,
    )


def import_preview_reads(file_name: str) -> tuple[dict, list[Measure]]:
    """For the import's preview: the choices remembered for a file of this name, and the
    measures a series may go into."""
    from measures.models import ImportMapping

    mapping = ImportMapping.objects.filter(file_name=file_name).first()
    measures = list(Measure.objects.order_by("reference").only("reference", "title"))
    return (mapping.choices if mapping else {}), measures


def measures_due_for(user, *, today: date) -> list[MeasureSummary]:
    """The measures the user leads (named, or through a team) whose figure is due."""
    from django.db.models import Q

    led = Measure.objects.filter(
        Q(lead_user=user) | Q(lead_team__in=user.teams.values("pk"))
    ).order_by("reference")
    summaries = summaries_for(list(led), today=today)
    return [summary for summary in summaries if summary.due]
