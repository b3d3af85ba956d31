"""The linked measures' movement since an action started, shown on the verification page
and stored with the impact judgement (measures/impact.py, through improvement.panels)."""

import datetime as dt

import pytest
from django.urls import reverse

from improvement.services.impact import action_verify_with_impact
from measures.impact import NO_NEWER_FIGURE, NO_START_FIGURE, measure_movement
from tests import factories
from tests.improvement.test_verification import complete_action

pytestmark = pytest.mark.django_db


def month(year: int, number: int):
    start = dt.date(year, number, 1)
    end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return factories.PeriodFactory(
        time_period=str(year), time_identifier=start.strftime("%B"), start=start, end=end
    )


@pytest.fixture
def linked(officer):
    """An action starting 5 January 2026 with a lower-is-better measure: 24.0% in December
    2025 (the last figure before the start), 25.0% in November, 19.5% in March 2026."""
    action = complete_action(officer)
    measure = factories.MeasureFactory(reference="CSC01", actions=[action])
    for period, value in ((month(2025, 11), 25), (month(2025, 12), 24), (month(2026, 3), 19.5)):
        factories.MeasureValueFactory(measure=measure, period=period, value=value)
    return action, measure


def test_movement_compares_the_figure_before_the_start_with_the_latest(linked):
    action, _ = linked

    [row] = measure_movement(action, since=action.start_date)

    assert (row["then_value"], row["then_period"]) == ("24.0%", "December 2025")
    assert (row["latest_value"], row["latest_period"]) == ("19.5%", "March 2026")
    assert row["direction"] == "Improving"


def test_movement_says_so_when_there_is_no_figure_before_or_since_the_start(linked):
    action, measure = linked
    assert measure_movement(action, since=dt.date(2025, 10, 1))[0]["direction"] == NO_START_FIGURE
    assert measure_movement(action, since=dt.date(2026, 4, 30))[0]["direction"] == NO_NEWER_FIGURE


def test_the_verify_page_shows_it_and_the_judgement_keeps_it(linked, auditor, client):
    action, measure = linked
    client.force_login(auditor)

    page = client.get(reverse("action_verify", args=[action.pk])).content.decode()
    action_verify_with_impact(
        action=action, verifier=auditor, note="Checked.", impact="evidenced", impact_note=""
    )
    measure.values.all().delete()  # later figures change; the judgement reads the same

    assert "CSC01" in page and "19.5%" in page and "Improving" in page
    action.refresh_from_db()
    assert action.impact_movement[0]["latest_value"] == "19.5%"
    detail = client.get(reverse("action_detail", args=[action.pk])).content.decode()
    assert "Linked measures when the impact was judged" in detail and "19.5%" in detail
