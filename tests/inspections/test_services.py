"""Writes to inspections, tested directly: judgements are set, changed and removed."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from inspections.models import Judgement
from inspections.services import inspection_create, inspection_update
from tests import factories

FIELDS = {
    "kind": "ilacs_standard",
    "title": "ILACS 2026",
    "body": "Ofsted",
    "start_date": dt.date(2026, 1, 12),
}


def test_judgements_are_set_changed_and_removed(db):
    leaders, care = factories.JudgementAreaFactory(), factories.JudgementAreaFactory()
    inspection = inspection_create(fields=FIELDS, grades={leaders: 3, care: None})
    assert {(j.area, j.grade) for j in inspection.judgements.all()} == {(leaders, 3)}

    inspection_update(
        inspection=inspection,
        version=inspection.version,
        fields=FIELDS,
        grades={leaders: None, care: 2},
    )
    assert {(j.area, j.grade) for j in Judgement.objects.filter(inspection=inspection)} == {
        (care, 2)
    }


def test_an_inspection_cannot_end_before_it_starts(db):
    with pytest.raises(ValidationError):
        inspection_create(fields={**FIELDS, "end_date": dt.date(2026, 1, 1)})
