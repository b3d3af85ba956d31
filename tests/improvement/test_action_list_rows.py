"""What each row of the action list shows, cell by cell
(improvement/templatetags/action_rows.py)."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from improvement.status import Status
from tests import factories
from tests.factories import moment

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 1)
HINT = (
    '<span class="govuk-hint govuk-!-display-block govuk-!-font-size-16 govuk-!-margin-bottom-0">'
)


def rows(client) -> dict[str, list[str]]:
    """Each listed action's cells (inner HTML), by reference."""
    html = client.get(reverse("action_list")).content.decode()
    body = html.split('<tbody class="govuk-table__body">')[1].split("</tbody>")[0]
    found = {}
    for row in re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', body, re.S):
        cells = re.findall(r'<td class="govuk-table__cell">(.*?)</td>', row, re.S)
        found[cells[0]] = cells
    return found


@pytest.fixture
def listed(fixed_today, manager, client):
    fixed_today(TODAY)
    lead = factories.UserFactory(full_name="Ada <Lead>")
    no_name = factories.UserFactory(full_name="", email="quiet@example.org")
    plan = factories.PlanFactory(title="Plan & Co", update_cycle_days=30)
    priority = factories.PriorityFactory(plan=plan, number=2)
    inspection = factories.InspectionFactory()
    recs = [
        factories.RecommendationFactory(inspection=inspection, reference=ref)
        for ref in ("R1", "R2")
    ]
    overdue = factories.ActionFactory(
        priority=priority,
        order=1,
        description="Audit <b>case</b> files\nsecond line",
        declared_status=Status.ON_TRACK,
        original_target_date=dt.date(2026, 3, 1),
        target_date=dt.date(2026, 5, 1),
        last_update_at=moment(dt.date(2026, 4, 1)),
        leads=[lead, no_name],
        lead_names="Named Nurse",
        lead_team=factories.TeamFactory(name="Front Door"),
        recommendations=recs,
    )
    factories.ActionFactory(
        priority=priority,
        order=2,
        description="No date yet",
        declared_status=Status.NOT_STARTED,
        target_date=None,
        original_target_date=None,
        timescale="",
        created_at=moment(dt.date(2026, 5, 20)),
        lead_names="",
    )
    client.force_login(manager)
    return overdue


def test_a_row_shows_leads_dates_status_and_what_the_action_answers(client, listed):
    reference, title, leads, target, status, updated = rows(client)["2.1"]
    assert title == (
        f'<a class="govuk-link" href="/actions/{listed.pk}/">'
        "Audit &lt;b&gt;case&lt;/b&gt; files</a> "
        f"{HINT}Plan &amp; Co, priority 2; answers R1, R2</span>"
    )
    assert leads == f"quiet@example.org, Ada &lt;Lead&gt;, Named Nurse {HINT}Front Door</span>"
    assert target == (
        '1 May 2026 <span class="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">'
        "was 1 Mar 2026</span>"
    )
    assert status == (
        '<strong class="govuk-tag app-status app-status--off_track">Off track</strong> '
        '<strong class="govuk-tag govuk-tag--red app-flag">Overdue</strong> '
        f"{HINT}Lead declared: On track</span>"
    )
    assert updated == (
        '1 Apr 2026 <strong class="govuk-tag govuk-tag--yellow app-flag">'
        "Not updated on time</strong>"
    )


def test_a_row_without_leads_dates_or_updates_says_so(client, listed):
    reference, title, leads, target, status, updated = rows(client)["2.2"]
    assert leads == '<span class="govuk-body-s">No lead</span>'
    assert target == "None set"
    assert status == (
        '<strong class="govuk-tag app-status app-status--not_started">Not started</strong>'
    )
    assert updated == "None yet"
