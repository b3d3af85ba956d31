"""Everything an import will write, worked out from the file and the database first.

The preview and the import both build the same `Blueprint`, so the preview never promises
something the import does not do.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db.models import Max
from django.db.models.functions import Lower

from improvement.importing import ParsedRow, ParseResult, Problem
from improvement.models import Action, Plan
from improvement.services.imports.matching import People, folded, split_recommendations
from improvement.services.imports.priorities import PriorityMatch
from improvement.services.imports.summary import ImportSummary
from improvement.services.imports.updates import has_update
from inspections.models import Inspection
from recommendations.models import Recommendation


@dataclass
class NewRecommendation:
    source: str  # key into the blueprint's inspections
    reference: str
    text: str
    instance: Recommendation | None = None


@dataclass
class NewAction:
    row: ParsedRow
    priority: int  # the number in the plan
    order: int
    leads: list  # users
    lead_names: list[str]
    recommendations: list  # Recommendation (existing) or NewRecommendation


class Blueprint:
    """Everything an import will write, worked out from the file and the database."""

    def __init__(
        self,
        parse_result: ParseResult,
        *,
        plan: Plan | None,
        plan_title: str,
        skip_rows: Iterable[int],
        priority_choices: Mapping[int, str] | None = None,
    ):
        self.plan = plan
        self.plan_title = plan.title if plan else " ".join(plan_title.split())
        skip = set(skip_rows)
        self.rows = [row for row in parse_result.rows if row.row not in skip]
        self.skipped = tuple(sorted(row.row for row in parse_result.rows if row.row in skip))
        self.notes: list[Problem] = []
        self.people = People()
        self.leads_matched: dict[str, str] = {}
        self.leads_as_text: dict[str, str] = {}
        self._priorities(parse_result.columns.get("priority"), priority_choices or {})
        self._sources()
        self._actions()

    # Priorities --------------------------------------------------------------------
    def _priorities(self, column: str | None, choices: Mapping[int, str]) -> None:
        existing = {p.number: p for p in self.plan.priorities.all()} if self.plan else {}
        self.existing_priorities = existing
        self.priorities = PriorityMatch(
            self.rows, existing=existing, column=column, choices=choices
        )
        self.new_priorities = self.priorities.new  # the plan's number -> title
        for kept in self.priorities.kept:
            self.notes.append(
                Problem(
                    kept.row,
                    kept.column,
                    f"The actions of the file’s priority {kept.number} “{kept.file_title}” "
                    f"will be added to the plan’s priority {kept.number} “{kept.plan_title}”",
                )
            )

    # Sources and recommendations ----------------------------------------------------
    def _sources(self) -> None:
        fallback = f"Recommendations imported with {self.plan_title}"[:300]
        wanted: dict[str, str] = {}  # key -> title as written
        for row in self.rows:
            if split_recommendations(row.recommendation_ref, row.recommendation_text):
                title = (row.source or fallback)[:300]
                wanted.setdefault(folded(title), title)
        # Oldest first, so that where two inspections share a title the newest wins.
        found = {
            folded(inspection.title): inspection
            for inspection in Inspection.objects.annotate(lower=Lower("title"))
            .filter(lower__in=[title.casefold() for title in wanted.values()])
            .order_by("start_date", "pk")
        }
        self.inspections = found  # key -> existing Inspection
        self.new_inspections = {key: title for key, title in wanted.items() if key not in found}
        self.fallback_source = folded(fallback)
        existing = Recommendation.objects.filter(inspection__in=found.values()).select_related(
            "inspection"
        )
        self.existing_recommendations = {
            (folded(rec.inspection.title), folded(rec.reference)): rec for rec in existing
        }
        self.existing_refs: dict[str, set[str]] = defaultdict(set)
        self.existing_by_text: dict[tuple[str, str], Recommendation] = {}
        for (source, ref), rec in self.existing_recommendations.items():
            self.existing_refs[source].add(ref)
            self.existing_by_text.setdefault((source, folded(rec.text)), rec)
        self.new_recommendations: dict[tuple[str, str], NewRecommendation] = {}
        self.reused_recommendations: dict[int, Recommendation] = {}
        self._unnumbered: dict[tuple[str, str], NewRecommendation] = {}

    def _recommendations_for(self, row: ParsedRow) -> list:
        pairs = split_recommendations(row.recommendation_ref, row.recommendation_text)
        source = folded((row.source or "")[:300]) or self.fallback_source
        found = []
        for ref, text in pairs:
            if not ref:
                found.append(self._unnumbered_recommendation(source, text))
                continue
            key = (source, folded(ref))
            if key in self.existing_recommendations:
                rec = self.existing_recommendations[key]
                self.reused_recommendations[rec.pk] = rec
                found.append(rec)
            elif key in self.new_recommendations:
                new = self.new_recommendations[key]
                if text and not new.text:
                    new.text = text
                found.append(new)
            else:
                new = NewRecommendation(source, ref, text)
                self.new_recommendations[key] = new
                self.existing_refs[source].add(folded(ref))
                found.append(new)
        return found

    def _unnumbered_recommendation(self, source: str, text: str):
        """A recommendation given by its text alone gets a reference the plan manager can edit."""
        if rec := self.existing_by_text.get((source, folded(text))):
            self.reused_recommendations[rec.pk] = rec
            return rec
        if (source, folded(text)) in self._unnumbered:
            return self._unnumbered[(source, folded(text))]
        n = 1
        while folded(f"Unnumbered {n}") in self.existing_refs[source]:
            n += 1
        new = NewRecommendation(source, f"Unnumbered {n}", text)
        self.existing_refs[source].add(folded(new.reference))
        self.new_recommendations[(source, folded(new.reference))] = new
        self._unnumbered[(source, folded(text))] = new
        return new

    # Actions and leads -----------------------------------------------------------------
    def _actions(self) -> None:
        next_order: dict[int, int] = {}
        if self.plan:
            next_order = dict(
                Action.objects.filter(priority__plan=self.plan)
                .values_list("priority__number")
                .annotate(last=Max("order"))
            )
        self.actions: list[NewAction] = []
        for row in self.rows:
            number = self.priorities.number_for[row.priority_number]
            order = next_order.get(number, 0) + 1
            next_order[number] = order
            leads, names = self._leads(row)
            self.actions.append(
                NewAction(
                    row=row,
                    priority=number,
                    order=order,
                    leads=leads,
                    lead_names=names,
                    recommendations=self._recommendations_for(row),
                )
            )

    def _leads(self, row: ParsedRow) -> tuple[list, list[str]]:
        users, names = [], []
        for written in row.leads:
            user = self.people.find(written)
            if user is not None:
                if user not in users:
                    users.append(user)
                self.leads_matched.setdefault(folded(written), user.full_name or user.email)
            else:
                names.append(written)
                self.leads_as_text.setdefault(folded(written), written)
                if folded(written) in self.people.ambiguous:
                    self.notes.append(
                        Problem(
                            row.row,
                            None,
                            f"More than one user is called {written}, so the name is kept as text",
                        )
                    )
        return users, names

    def summary(self) -> ImportSummary:
        return ImportSummary(
            plan_title=self.plan_title,
            plan=self.plan,
            plan_created=self.plan is None,
            priorities_created=len(self.new_priorities),
            priorities_reused=len(
                {a.priority for a in self.actions}
                - set(self.new_priorities)
                - {c.number for c in self.priorities.unresolved}
            ),
            priorities_renamed=dict(self.priorities.renamed),
            priority_conflicts=list(self.priorities.conflicts),
            actions=len(self.actions),
            updates=sum(1 for a in self.actions if has_update(a.row)),
            inspections_created=len(self.new_inspections),
            recommendations_created=len(self.new_recommendations),
            recommendations_reused=len(self.reused_recommendations),
            leads_matched=dict(sorted(self.leads_matched.items())),
            leads_as_text=sorted(self.leads_as_text.values(), key=str.casefold),
            rows_skipped=self.skipped,
            notes=list(self.notes),
        )
