"""Two plan managers editing the same inspection: the second save is refused, shown what
differs, keeps its input, and above all cannot silently clear "confidential"."""

import pytest
from django.urls import reverse

from core import roles
from core.editing import EditConflict
from inspections.models import Inspection
from inspections.services import inspection_update
from tests import factories


@pytest.fixture
def other_manager(db):
    return factories.UserFactory(full_name="Priya Planner", roles=[roles.PLAN_MANAGER])


def form_data(inspection, *, version, **changes):
    """What the edit form posts, as it was filled in when loaded (an unticked box is absent)."""
    data = {
        "version": version,
        "kind": inspection.kind,
        "title": inspection.title,
        "body": inspection.body,
        "start_date_0": inspection.start_date.day,
        "start_date_1": inspection.start_date.month,
        "start_date_2": inspection.start_date.year,
        "judgements-TOTAL_FORMS": "0",
        "judgements-INITIAL_FORMS": "0",
    }
    if inspection.is_confidential:
        data["is_confidential"] = "on"
    data.update(changes)
    return data


def test_a_stale_form_cannot_unhide_a_confidential_inspection(
    client, manager, other_manager, scrutiny
):
    """The attack: A opens the form, B marks the inspection confidential, A saves a typo fix."""
    inspection = factories.InspectionFactory(title="Focused vist", is_confidential=False)
    client.force_login(manager)
    assert client.get(reverse("inspection_edit", args=[inspection.pk])).status_code == 200
    stale = form_data(inspection, version=1)  # what A's open form holds

    client.force_login(other_manager)
    response = client.post(
        reverse("inspection_edit", args=[inspection.pk]),
        form_data(inspection, version=1, is_confidential="on"),
    )
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.is_confidential

    client.force_login(manager)
    response = client.post(
        reverse("inspection_edit", args=[inspection.pk]), {**stale, "title": "Focused visit"}
    )

    inspection.refresh_from_db()
    assert inspection.is_confidential, "a form that never showed the tick cleared it"
    assert inspection.title == "Focused vist"
    assert inspection.version == 2
    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else saved first" in page
    assert "Priya Planner saved this inspection" in page
    assert "Is confidential" in page and ">Yes<" in page and ">No<" in page
    assert 'value="Focused visit"' in page  # A's input is kept
    assert 'name="version" value="2"' in page  # saving again is a choice made having seen it

    client.force_login(scrutiny)
    assert client.get(reverse("inspection_detail", args=[inspection.pk])).status_code == 404
    assert inspection.title not in client.get(reverse("inspection_list")).content.decode()


def test_the_service_refuses_an_edit_from_an_old_version_and_writes_nothing(db):
    inspection = factories.InspectionFactory(title="ILACS 2026")
    fields = {
        "kind": inspection.kind,
        "title": inspection.title,
        "body": inspection.body,
        "start_date": inspection.start_date,
    }
    inspection_update(inspection=inspection, version=1, fields={**fields, "is_confidential": True})
    with pytest.raises(EditConflict) as caught:
        inspection_update(
            inspection=inspection,
            version=1,
            fields={**fields, "title": "ILACS 2026 (final)", "is_confidential": False},
        )
    assert [(c.label, c.theirs, c.yours) for c in caught.value.changes] == [
        ("Title", "ILACS 2026", "ILACS 2026 (final)"),
        ("Is confidential", "Yes", "No"),
    ]
    saved = Inspection.objects.get(pk=inspection.pk)
    assert (saved.title, saved.is_confidential, saved.version) == ("ILACS 2026", True, 2)


def test_saving_again_from_the_conflict_page_is_accepted(client, manager, other_manager):
    inspection = factories.InspectionFactory(title="Old title", body="Ofsted")
    url = reverse("inspection_edit", args=[inspection.pk])
    client.force_login(other_manager)
    client.post(url, form_data(inspection, version=1, body="Ofsted and CQC"))
    client.force_login(manager)
    refused = client.post(url, form_data(inspection, version=1, title="New title"))
    assert refused.status_code == 200 and 'name="version" value="2"' in refused.content.decode()

    response = client.post(url, form_data(inspection, version=2, title="New title"))

    assert response.status_code == 302
    inspection.refresh_from_db()
    assert (inspection.title, inspection.body, inspection.version) == ("New title", "Ofsted", 3)


def test_an_edit_in_admin_also_refuses_a_form_loaded_before_it(admin_client):
    inspection = factories.InspectionFactory(title="Monitoring visit")
    response = admin_client.post(
        reverse("admin:inspections_inspection_change", args=[inspection.pk]),
        {
            "kind": inspection.kind,
            "title": inspection.title,
            "body": inspection.body,
            "start_date": inspection.start_date.isoformat(),
            "is_confidential": "on",
            "judgements-TOTAL_FORMS": "0",
            "judgements-INITIAL_FORMS": "0",
            "_save": "1",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    inspection.refresh_from_db()
    assert (inspection.is_confidential, inspection.version) == (True, 2)
    with pytest.raises(EditConflict):
        inspection_update(
            inspection=inspection,
            version=1,
            fields={"title": "Monitoring visit 1", "is_confidential": False},
        )
