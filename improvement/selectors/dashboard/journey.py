"""The inspection journey: every judgement grade by area, inspection by inspection."""

from dataclasses import dataclass

from improvement.status import Status
from inspections.models import Inspection, Judgement

GRADE_STATUS = {  # the RAG colour class each grade borrows; the words are always shown
    Judgement.Grade.OUTSTANDING: Status.VERIFIED,
    Judgement.Grade.GOOD: Status.ON_TRACK,
    Judgement.Grade.REQUIRES_IMPROVEMENT: Status.AT_RISK,
    Judgement.Grade.INADEQUATE: Status.OFF_TRACK,
}
GRADE_SHORT = {1: "Outstanding", 2: "Good", 3: "Requires improvement", 4: "Inadequate"}


@dataclass(frozen=True)
class JourneyCell:
    grade: int | None

    @property
    def label(self) -> str:
        return Judgement.Grade(self.grade).label if self.grade else ""

    @property
    def short(self) -> str:
        return GRADE_SHORT.get(self.grade, "")

    @property
    def status(self) -> str:
        return GRADE_STATUS.get(self.grade, "")


@dataclass
class JourneyRow:
    area: str
    cells: list[JourneyCell]


@dataclass
class Journey:
    inspections: list[Inspection]
    rows: list[JourneyRow]


def inspection_journey(user) -> Journey:
    """Every judgement grade by area, inspection by inspection, oldest first: one query."""
    judgements = (
        Judgement.objects.filter(inspection__in=Inspection.objects.visible_to(user))
        .select_related("inspection", "area")
        .order_by("inspection__start_date", "inspection__pk", "area__order", "area__name")
    )
    inspections: dict[int, Inspection] = {}
    areas: dict[int, tuple] = {}
    grades: dict[tuple[int, int], int] = {}
    for judgement in judgements:
        inspections.setdefault(judgement.inspection_id, judgement.inspection)
        areas.setdefault(judgement.area_id, (judgement.area.order, judgement.area.name))
        grades[(judgement.area_id, judgement.inspection_id)] = judgement.grade
    ordered_areas = sorted(areas.items(), key=lambda item: item[1])
    rows = [
        JourneyRow(name, [JourneyCell(grades.get((area_id, pk))) for pk in inspections])
        for area_id, (_, name) in ordered_areas
    ]
    return Journey(list(inspections.values()), rows)
