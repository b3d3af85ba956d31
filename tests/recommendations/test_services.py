"""Writes to recommendations, tested directly: the response rules and closing."""

import pytest
from django.core.exceptions import ValidationError

from recommendations.services import recommendation_close, recommendation_create
from tests import factories


def test_a_rejection_needs_its_reason(db):
    inspection = factories.InspectionFactory()
    with pytest.raises(ValidationError) as caught:
        recommendation_create(
            inspection=inspection,
            fields={"reference": "R1", "text": "Do it", "response": "rejected"},
        )
    assert caught.value.message_dict == {
        "rejection_reason": ["Enter why the recommendation was rejected"]
    }
    created = recommendation_create(
        inspection=inspection,
        fields={
            "reference": "R1",
            "text": "Do it",
            "response": "rejected",
            "rejection_reason": "Not affordable",
        },
    )
    assert created.sort_key == 1


def test_closing_needs_a_reason_happens_once_and_moves_the_version_on(db):
    recommendation = factories.RecommendationFactory()
    with pytest.raises(ValidationError):
        recommendation_close(recommendation=recommendation, reason="  ")
    closed = recommendation_close(recommendation=recommendation, reason="Superseded by R7")
    assert closed.closed_at is not None and closed.closed_reason == "Superseded by R7"
    assert closed.version == 2
    with pytest.raises(ValidationError, match="already closed"):
        recommendation_close(recommendation=recommendation, reason="Again")
