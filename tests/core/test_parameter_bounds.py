"""Dates and page numbers in a URL out of any sensible range get a message, never a 500.

Found by an outside probe (issue 19): year 1 or 9999 overflowed the first date sum made
on them, and a page number of 23 digits overflowed SQLite's LIMIT.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

OUT_OF_RANGE = "must be between 1 January 1990 and 31 December 2099"
HUGE_PAGE = "99999999999999999999999"


@pytest.fixture
def plan():
    action = factories.ActionFactory()
    return action.priority.plan


def shows_the_range_message(response) -> bool:
    html = response.content.decode()
    return response.status_code == 200 and "There is a problem" in html and OUT_OF_RANGE in html


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1989-12-31"])
@pytest.mark.parametrize("page", ["dashboard", "plan_dashboard", "report_pack"])
def test_an_as_at_date_out_of_range_is_shown_on_the_page(client, manager, plan, page, day):
    client.force_login(manager)
    args = [] if page == "dashboard" else [plan.pk]

    response = client.get(reverse(page, args=args), {"as_at": day})

    assert shows_the_range_message(response)


@pytest.mark.parametrize("page", ["dashboard", "plan_dashboard"])
def test_a_changes_since_date_out_of_range_is_shown_on_the_page(client, manager, plan, page):
    client.force_login(manager)
    args = [] if page == "dashboard" else [plan.pk]

    response = client.get(reverse(page, args=args), {"since": "0001-01-01"})

    assert shows_the_range_message(response)


@pytest.mark.parametrize("download", ["report_pdf", "report_xlsx"])
def test_a_report_download_out_of_range_goes_back_to_the_page_with_the_message(
    client, manager, plan, download
):
    client.force_login(manager)

    response = client.get(reverse(download, args=[plan.pk]), {"as_at": "0001-01-01"})

    assert response.status_code == 302
    assert response["Location"] == reverse("report_pack", args=[plan.pk]) + "?as_at=0001-01-01"
    assert shows_the_range_message(client.get(response["Location"]))


@pytest.mark.parametrize(("field", "day"), [("until", "9999-12-31"), ("since", "0001-01-01")])
def test_an_audit_trail_date_out_of_range_is_shown_on_the_page(client, auditor, field, day):
    client.force_login(auditor)

    response = client.get(reverse("audit_trail"), {field: day})

    assert shows_the_range_message(response)


def test_an_audit_trail_page_number_past_any_end_shows_an_empty_page(client, auditor):
    client.force_login(auditor)

    response = client.get(reverse("audit_trail"), {"page": HUGE_PAGE})

    assert response.status_code == 200
    assert response.context["page"].entries == []


def test_an_action_history_page_number_past_any_end_shows_an_empty_page(client, manager, plan):
    client.force_login(manager)
    action = plan.priorities.first().actions.first()

    response = client.get(reverse("action_history", args=[action.pk]), {"page": HUGE_PAGE})

    assert response.status_code == 200


def test_an_action_list_due_date_out_of_range_is_shown_on_the_page(client, manager, plan):
    client.force_login(manager)

    response = client.get(reverse("action_list"), {"due_from": "01/01/0001"})

    assert shows_the_range_message(response)
    assert client.get(reverse("action_list"), {"page": HUGE_PAGE}).status_code == 200


@pytest.mark.parametrize(("year", "ok"), [("0001", False), ("1989", False), ("1990", True)])
def test_typed_dates_in_forms_are_bounded_too(year, ok):
    # (The date request's own form already asks for a year from 2000 to 2100.)
    from core.forms import GovDateField

    field = GovDateField(name="the target date")
    if ok:
        assert field.clean(["1", "1", year]).year == 1990
    else:
        with pytest.raises(ValidationError, match=OUT_OF_RANGE):
            field.clean(["1", "1", year])
