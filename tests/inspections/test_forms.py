"""The inspection form's messages: GOV.UK wording, beside the field they are about."""

import pytest

from inspections.forms import InspectionForm


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"kind": ""}, "kind", "Select the kind of inspection or review"),
        ({"title": ""}, "title", "Enter a title"),
        ({"body": ""}, "body", "Enter who carried it out, for example Ofsted"),
        (
            {"start_date_0": "", "start_date_1": "", "start_date_2": ""},
            "start_date",
            "Enter the date the inspection started",
        ),
        (
            {"end_date_0": "1", "end_date_1": "1", "end_date_2": "2026"},
            "end_date",
            "End date must be the same as or after the start date",
        ),
        (
            {"published_on_0": "31", "published_on_1": "4", "published_on_2": "2026"},
            "published_on",
            "The date the report was published must be a real date",
        ),
        ({"report_url": "not a link"}, "report_url", "Enter a link in the correct format"),
    ],
)
def test_inspection_form_messages(db, changes, field, message):
    data = {
        "kind": "ilacs_standard",
        "title": "ILACS",
        "body": "Ofsted",
        "start_date_0": "12",
        "start_date_1": "1",
        "start_date_2": "2026",
        **changes,
    }
    form = InspectionForm(data)
    assert not form.is_valid()
    assert any(error.startswith(message) for error in form.errors[field]), form.errors
