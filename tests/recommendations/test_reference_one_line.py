"""A recommendation's reference reaches e-mail subjects ("... about recommendation R4"), so
line breaks and other control characters are refused where it is entered.

The attack: a reference saved as "R4\\r\\nBcc: ..." made every challenge on the
recommendation answer 500 (BadHeaderError) when the notice's subject was built.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from improvement.services.imports.matching import split_recommendations
from recommendations.forms import RecommendationEditForm, RecommendationForm
from recommendations.models import Recommendation
from tests import factories

MESSAGE = "Enter the reference on one line, without line breaks, tabs or other control characters"
UNSAFE = ["R4\r\nBcc: everyone@example.org", "R4\nR5", "R4\rX", "R4\tR5", "R4\x1b[2J", "R4\u2028X"]


@pytest.fixture
def inspection(db):
    return factories.InspectionFactory(title="ILACS")


def form_data(inspection, reference):
    return {"inspection": inspection.pk, "reference": reference, "text": "Do it", "response": ""}


@pytest.mark.parametrize("reference", UNSAFE)
def test_the_form_refuses_a_reference_with_a_line_break_or_control_character(inspection, reference):
    form = RecommendationForm(form_data(inspection, reference))
    assert not form.is_valid()
    assert form.errors["reference"] == [MESSAGE]


def test_the_edit_form_refuses_it_too(inspection):
    recommendation = factories.RecommendationFactory(inspection=inspection, reference="R4")
    data = {**form_data(inspection, "R4\r\nBcc: x"), "version": recommendation.version}
    form = RecommendationEditForm(data, instance=recommendation)
    assert not form.is_valid()
    assert form.errors["reference"] == [MESSAGE]


def test_the_page_shows_the_message_beside_the_field_and_saves_nothing(client, manager, inspection):
    client.force_login(manager)
    response = client.post(
        reverse("recommendation_create"), form_data(inspection, "R4\r\nBcc: x@example.org")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and MESSAGE in page
    assert not Recommendation.objects.exists()


def test_an_ordinary_reference_is_accepted(inspection):
    assert RecommendationForm(form_data(inspection, "Recommendation 9 (a) – care")).is_valid()


def test_the_model_field_refuses_it_for_the_admin_and_every_full_clean(inspection):
    recommendation = factories.RecommendationFactory.build(
        inspection=inspection, reference="R4\r\nBcc: x"
    )
    with pytest.raises(ValidationError, match="on one line"):
        recommendation.full_clean()


def test_the_importer_puts_a_reference_cell_on_one_line():
    assert split_recommendations("R4\r\nBcc: x", "Do it") == [("R4 Bcc: x", "Do it")]
