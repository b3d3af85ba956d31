"""The recommendation form's messages: GOV.UK wording, beside the field they are about."""

import pytest

from recommendations.forms import RecommendationForm
from tests import factories


@pytest.fixture
def ofsted(db):
    """An inspection that already has recommendation R1 (references are unique within one)."""
    ofsted = factories.InspectionFactory(title="ILACS")
    factories.RecommendationFactory(
        inspection=ofsted, reference="R1", text="Improve management oversight", theme="Oversight"
    )
    return ofsted


FORM = {"reference": "R9", "text": "Strengthen supervision", "theme": "", "response": ""}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"inspection": ""}, "inspection", "Select the inspection or review it came from"),
        ({"reference": ""}, "reference", "Enter the reference, for example R15"),
        ({"text": ""}, "text", "Enter the recommendation"),
        ({"response": "rejected"}, "rejection_reason", "Enter why the recommendation was rejected"),
        (
            {"response": "accepted", "rejection_reason": "No money"},
            "rejection_reason",
            "Leave the reason for rejecting empty unless the response is Rejected",
        ),
        (
            {"response_date_0": "12", "response_date_1": "", "response_date_2": "2026"},
            "response_date",
            "The date of the response must include a month",
        ),
        ({"reference": "r1"}, "reference", "already has a recommendation r1"),
    ],
)
def test_form_messages(ofsted, changes, field, message):
    data = {**FORM, "inspection": ofsted.pk, **changes}
    form = RecommendationForm(data)
    assert not form.is_valid()
    assert any(message in error for error in form.errors[field]), form.errors
