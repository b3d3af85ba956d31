"""Every list endpoint, as JSON and as CSV, runs the same queries for 10 rows as for 1,000."""

import datetime as dt

import pytest
from simple_history.utils import bulk_create_with_history

from core import roles
from improvement import periods
from improvement.models import (
    Action,
    Challenge,
    DateChangeRequest,
    Evidence,
    Plan,
    Priority,
    ProgressUpdate,
    TargetDateChange,
)
from inspections.models import Inspection, Judgement
from measures.models import Measure, MeasureValue, Target
from recommendations.models import Recommendation
from tests import factories
from tests.api.helpers import bearer
from tests.queries import assert_flat_queries

RESOURCES = [
    "plans",
    "priorities",
    "actions",
    "progress-updates",
    "target-date-changes",
    "date-requests",
    "challenges",
    "recommendations",
    "inspections",
    "judgements",
    "measures",
    "measure-values",
]
DAY = dt.date(2026, 2, 1)


class World:
    """Rows of every kind, added `n` at a time in bulk (one plan, priority and inspection
    hold them), with leads, links and evidence so every prefetch has work to do."""

    def __init__(self, reader):
        self.lead = factories.UserFactory(roles=[roles.OFFICER])
        self.team = factories.TeamFactory()
        self.inspection = factories.InspectionFactory()
        self.priority = factories.PriorityFactory()
        self.area = factories.JudgementAreaFactory()
        self.period = factories.PeriodFactory()
        factories.StatisticalNeighbourFactory(old_la_code="920")
        self.made = 0

    def grow(self, n: int) -> None:
        start, self.made = self.made, self.made + n
        numbers = range(start + 1, start + n + 1)
        Plan.objects.bulk_create(Plan(title=f"Plan {i}", start_date=DAY) for i in numbers)
        Priority.objects.bulk_create(
            Priority(plan=self.priority.plan, number=100 + i, title=f"P{i}") for i in numbers
        )
        inspections = Inspection.objects.bulk_create(
            Inspection(kind="peer_review", title=f"Review {i}", body="Peers", start_date=DAY)
            for i in numbers
        )
        Judgement.objects.bulk_create(
            Judgement(inspection=inspection, area=self.area, grade=2) for inspection in inspections
        )
        recommendations = Recommendation.objects.bulk_create(
            Recommendation(inspection=self.inspection, reference=f"R{i}", text="Do", sort_key=i)
            for i in numbers
        )
        actions = Action.objects.bulk_create(
            Action(
                priority=self.priority,
                order=100 + i,
                description=f"Action {i}",
                lead_team=self.team,
                target_date=DAY,
                original_target_date=DAY,
            )
            for i in numbers
        )
        Action.lead_officers.through.objects.bulk_create(
            Action.lead_officers.through(action=action, user=self.lead) for action in actions
        )
        Action.recommendations.through.objects.bulk_create(
            Action.recommendations.through(action=action, recommendation=recommendation)
            for action, recommendation in zip(actions, recommendations, strict=True)
        )
        self._records(actions, recommendations)
        self._measures(numbers, actions, recommendations)

    def _records(self, actions, recommendations) -> None:
        updates = ProgressUpdate.objects.bulk_create(
            ProgressUpdate(action=a, author=self.lead, narrative="=1+1", status="on_track")
            for a in actions
        )
        Evidence.objects.bulk_create(
            Evidence(update=u, link="https://example.org/e.pdf", uploaded_by=self.lead)
            for u in updates
        )
        TargetDateChange.objects.bulk_create(
            TargetDateChange(action=a, new_date=DAY, reason="r", changed_by=self.lead)
            for a in actions
        )
        DateChangeRequest.objects.bulk_create(
            DateChangeRequest(action=a, new_date=DAY, reason="r", requested_by=self.lead)
            for a in actions
        )
        Challenge.objects.bulk_create(
            Challenge(recommendation=r, question="Why?", raised_by=self.lead)
            for r in recommendations
        )
        periods.refresh(a.pk for a in actions)  # bulk writes send no signals

    def _measures(self, numbers, actions, recommendations) -> None:
        """A measure per action, linked to it, its priority and recommendation, with a
        target, the council's figure and for a third of them England's and a neighbour's."""
        measures = Measure.objects.bulk_create(
            Measure(reference=f"M{i}", title=f"Measure {i}", lead_team=self.team) for i in numbers
        )
        links = zip(measures, actions, recommendations, strict=True)
        for measure, action, recommendation in links:
            measure._links = (action, recommendation)
        Measure.actions.through.objects.bulk_create(
            Measure.actions.through(measure=m, action=m._links[0]) for m in measures
        )
        Measure.recommendations.through.objects.bulk_create(
            Measure.recommendations.through(measure=m, recommendation=m._links[1]) for m in measures
        )
        Measure.priorities.through.objects.bulk_create(
            Measure.priorities.through(measure=m, priority=self.priority) for m in measures
        )
        Target.objects.bulk_create(Target(measure=m, from_date=DAY, value=20) for m in measures)
        areas = (("council", "991"), ("national", "E92000001"), ("statistical_neighbour", "920"))
        bulk_create_with_history(
            [
                MeasureValue(
                    measure=m,
                    period=self.period,
                    area_type=area,
                    area_code=code,
                    value=21,
                    recorded_at=factories.moment(DAY),
                )
                for i, m in enumerate(measures)
                for area, code in areas[: 1 if i % 3 else 3]  # under 2,000 rows: one chunk
            ],
            MeasureValue,
        )


@pytest.fixture
def reader(db):
    return factories.UserFactory(roles=[roles.SCRUTINY])


@pytest.mark.parametrize("as_csv", [False, True], ids=["json", "csv"])
@pytest.mark.parametrize("resource", RESOURCES)
def test_a_list_costs_the_same_queries_for_10_and_1000_rows(client, reader, resource, as_csv):
    world = World(reader)
    world.grow(10)
    headers = bearer(reader)
    query = "format=csv" if as_csv else "page_size=1000"
    url = f"/api/v1/{resource}/?include_draft=1&{query}"

    def read(_):
        response = client.get(url, **headers)
        assert response.status_code == 200
        if as_csv:
            return b"".join(response.streaming_content).count(b"\r\n") - 1
        return len(response.json()["results"])

    rows = assert_flat_queries(read, None, grow=lambda: world.grow(990), warm=True, at_most=16)
    assert rows >= 1000


def test_the_status_as_at_a_date_is_one_query_for_the_actions(client, reader):
    world = World(reader)
    world.grow(10)
    headers = bearer(reader)
    url = f"/api/v1/plans/{world.priority.plan_id}/status/"  # as at today

    def read(_):
        return len(client.get(url, **headers).json()["actions"])

    assert assert_flat_queries(read, None, grow=lambda: world.grow(990), warm=True) == 1000


@pytest.mark.parametrize("as_csv", [False, True], ids=["json", "csv"])
def test_values_as_at_a_day_cost_the_same_queries_for_10_and_1000_rows(client, reader, as_csv):
    world = World(reader)
    world.grow(10)
    headers = bearer(reader)
    url = "/api/v1/measure-values/?as_at=2026-12-31&" + (
        "format=csv" if as_csv else "page_size=1000"
    )

    def read(_):
        response = client.get(url, **headers)
        assert response.status_code == 200
        if as_csv:
            return b"".join(response.streaming_content).count(b"\r\n") - 1
        return len(response.json()["results"])

    assert (
        assert_flat_queries(read, None, grow=lambda: world.grow(990), warm=True, at_most=16) >= 1000
    )
