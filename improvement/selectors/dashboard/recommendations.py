"""Recommendations by source inspection and derived status, and the council's responses."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, QuerySet

from improvement.recommendation_status import TAG_STATUS, DerivedStatus, with_status
from improvement.selectors.dashboard.counts import Figure
from recommendations.models import Recommendation

NO_RESPONSE = "none"


def _share(count: int, total: int) -> int:
    return round(100 * count / total) if total else 0


@dataclass
class InspectionRecommendations:
    inspection_id: int
    title: str
    start_date: date
    counts: dict = field(default_factory=lambda: dict.fromkeys(DerivedStatus.values, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def figures(self) -> list[Figure]:
        return [
            Figure(
                TAG_STATUS[status],
                DerivedStatus(status).label,
                self.counts[status],
                _share(self.counts[status], self.total),
                {"inspection": self.inspection_id, "status": status},
            )
            for status in DerivedStatus.values
        ]


@dataclass
class RecommendationSummary:
    by_inspection: list[InspectionRecommendations]
    responses: list[Figure]
    total: int
    statuses: list[tuple[str, str]]

    @property
    def status_totals(self) -> list[Figure]:
        totals = dict.fromkeys(DerivedStatus.values, 0)
        for row in self.by_inspection:
            for status, count in row.counts.items():
                totals[status] += count
        return [
            Figure(
                TAG_STATUS[s],
                DerivedStatus(s).label,
                totals[s],
                _share(totals[s], self.total),
                {"status": s},
            )
            for s in DerivedStatus.values
        ]


def recommendation_summary(recommendations: QuerySet[Recommendation]) -> RecommendationSummary:
    """Recommendations by source inspection and derived status, and by response: one query."""
    grouped = (
        with_status(recommendations)
        .order_by()
        .values(
            "inspection_id",
            "inspection__title",
            "inspection__start_date",
            "derived_status",
            "response",
        )
        .annotate(n=Count("pk"))
    )
    by_inspection: dict[int, InspectionRecommendations] = {}
    responses = dict.fromkeys([*Recommendation.Response.values, NO_RESPONSE], 0)
    total = 0
    for row in grouped:
        entry = by_inspection.setdefault(
            row["inspection_id"],
            InspectionRecommendations(
                row["inspection_id"], row["inspection__title"], row["inspection__start_date"]
            ),
        )
        entry.counts[row["derived_status"]] += row["n"]
        responses[row["response"] or NO_RESPONSE] += row["n"]
        total += row["n"]
    labels = {**dict(Recommendation.Response.choices), NO_RESPONSE: "No response recorded"}
    response_figures = [
        Figure(key, labels[key], count, _share(count, total), {"response": key})
        for key, count in responses.items()
    ]
    ordered = sorted(by_inspection.values(), key=lambda r: (r.start_date, r.title))
    return RecommendationSummary(
        ordered, response_figures, total, [(s, DerivedStatus(s).label) for s in DerivedStatus]
    )
