"""The derived status of a recommendation: the pure rule and its SQL twin agree."""

import pytest

from improvement.recommendation_status import (
    DerivedStatus,
    attach_action_counts,
    derived_status,
    status_of,
    with_derived_status,
    with_status,
)
from improvement.status import Status
from recommendations.models import Recommendation
from tests import factories


@pytest.mark.parametrize(
    ("response", "closed", "statuses", "expected"),
    [
        ("", False, [], DerivedStatus.NO_ACTIONS),
        ("accepted", False, [Status.CLOSED], DerivedStatus.NO_ACTIONS),
        ("accepted", False, [Status.ON_TRACK], DerivedStatus.IN_PROGRESS),
        ("accepted", False, [Status.COMPLETE, Status.OFF_TRACK], DerivedStatus.IN_PROGRESS),
        ("accepted", False, [Status.COMPLETE, Status.VERIFIED], DerivedStatus.COMPLETE),
        ("accepted", False, [Status.COMPLETE, Status.CLOSED], DerivedStatus.COMPLETE),
        ("accepted", False, [Status.VERIFIED, Status.VERIFIED], DerivedStatus.CLOSED),
        ("accepted", False, [Status.VERIFIED, Status.CLOSED], DerivedStatus.CLOSED),
        ("accepted", True, [Status.ON_TRACK], DerivedStatus.CLOSED),
        ("rejected", False, [Status.ON_TRACK], DerivedStatus.REJECTED),
        ("rejected", True, [], DerivedStatus.REJECTED),
        ("noted", False, [], DerivedStatus.NO_ACTIONS),
    ],
)
def test_derived_status_rule_and_sql_annotation_agree(db, response, closed, statuses, expected):
    live = [s for s in statuses if s != Status.CLOSED]
    assert (
        derived_status(
            response=response,
            is_closed=closed,
            open_actions=len(live),
            done_actions=sum(s in (Status.COMPLETE, Status.VERIFIED) for s in live),
            verified_actions=sum(s == Status.VERIFIED for s in live),
        )
        == expected
    )

    recommendation = factories.RecommendationFactory(
        response=response,
        rejection_reason="Not affordable" if response == "rejected" else "",
    )
    if closed:
        Recommendation.objects.filter(pk=recommendation.pk).update(
            closed_at="2026-02-01T12:00:00Z", closed_reason="Superseded"
        )
    for status in statuses:
        factories.ActionFactory(recommendations=[recommendation], declared_status=status)
    annotated = with_derived_status(Recommendation.objects.all()).get(pk=recommendation.pk)
    assert annotated.derived_status == expected
    assert status_of(Recommendation.objects.get(pk=recommendation.pk)) == expected
    # The register's pair: the status alone in SQL (and filterable), the counts per page.
    assert (
        with_status(Recommendation.objects.all()).filter(derived_status=expected).get() == annotated
    )
    page = list(with_status(Recommendation.objects.all()))
    attach_action_counts(page)
    counts = (page[0].open_actions, page[0].done_actions, page[0].verified_actions)
    assert counts == (annotated.open_actions, annotated.done_actions, annotated.verified_actions)
    assert page[0].derived_status == expected


def test_counts_ignore_other_joins(db):
    """Counting by subquery: filtering through the actions join does not inflate counts."""
    recommendation = factories.RecommendationFactory()
    factories.ActionFactory(recommendations=[recommendation], declared_status=Status.VERIFIED)
    factories.ActionFactory(recommendations=[recommendation], declared_status=Status.ON_TRACK)
    row = (
        with_derived_status(Recommendation.objects.filter(actions__isnull=False))
        .filter(pk=recommendation.pk)
        .first()
    )
    assert (row.open_actions, row.done_actions, row.verified_actions) == (2, 1, 1)
    assert row.derived_status == DerivedStatus.IN_PROGRESS
