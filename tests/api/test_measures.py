"""The measures and their values in the API: the summary is the pages' summary, values are
the export's tidy rows, `as_at` and the filters."""

import csv
import datetime as dt
import io
import time
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from core import roles
from measures import exports
from measures.models import Measure
from tests import factories
from tests.api.helpers import bearer

MARCH = dt.date(2025, 3, 1)


@pytest.fixture
def measure(db):
    """A lower-is-better measure with two months of figures, England's, one neighbour's and
    a target: red and improving in April."""
    measure = factories.MeasureFactory(reference="CSC01", decimal_places=1)
    factories.StatisticalNeighbourFactory(old_la_code="920", name="Eastvale")
    march = factories.PeriodFactory(
        time_period="2025", time_identifier="March", start=MARCH, end=dt.date(2025, 3, 31)
    )
    april = factories.PeriodFactory()
    factories.TargetFactory(measure=measure, value=20, tolerance=2)
    for period, value in ((march, "30"), (april, "25.5")):
        factories.MeasureValueFactory(measure=measure, period=period, value=Decimal(value))
    factories.MeasureValueFactory(
        measure=measure, period=april, area_type="national", area_code="E92000001", value=22
    )
    factories.MeasureValueFactory(
        measure=measure,
        period=april,
        area_type="statistical_neighbour",
        area_code="920",
        area_name="Eastvale",
        value=None,
        symbol="c",
    )
    return measure


@pytest.fixture
def headers(db):
    return bearer(factories.UserFactory(roles=[roles.SCRUTINY]))


def test_a_measure_carries_the_summary_its_page_shows(client, measure, headers):
    row = client.get(f"/api/v1/measures/{measure.pk}/", **headers).json()
    summary = row["summary"]
    assert summary["period"] == "April 2025"
    assert summary["value"] == 25.5
    assert summary["previous_value"] == 30
    assert summary["target"] == 20
    assert (summary["rag"], summary["rag_words"]) == ("red", "Off target")
    assert (summary["direction"], summary["direction_words"]) == ("improving", "Improving")
    assert (summary["england"], summary["against_england"]) == (22, "worse")
    assert summary["neighbours_average"] is None  # the only neighbour's figure is suppressed
    assert summary["neighbours_average_used"] == 0
    assert summary["due"] is True  # April 2025 is long past


def test_the_summary_is_what_the_measure_page_shows(client, measure, headers):
    reader = factories.UserFactory(roles=[roles.OFFICER])
    client.force_login(reader)
    shown = client.get(reverse("measure_detail", args=[measure.pk])).context["summary"]
    row = client.get(f"/api/v1/measures/{measure.pk}/", **headers).json()["summary"]
    assert Decimal(str(row["value"])) == shown.value
    assert Decimal(str(row["target"])) == shown.target.value
    assert (row["rag_words"], row["direction_words"]) == (shown.rag_words, shown.direction_words)
    assert row["against_england"] == shown.comparisons[0].result
    assert row["period"] == shown.latest.period.label


def test_the_measures_csv_has_the_summary_as_columns(client, measure, headers):
    [row] = csv_rows(client, "/api/v1/measures/?format=csv", headers)
    assert row["reference"] == "CSC01"
    assert (row["summary.value"], row["summary.target"], row["summary.rag"]) == (
        "25.5",
        "20",
        "red",
    )
    assert row["summary.against_england"] == "worse"


def test_a_measure_lists_only_the_linked_records_the_reader_may_see(client, db):
    secret = factories.InspectionFactory(is_confidential=True)
    hidden = factories.ActionFactory(
        recommendations=[factories.RecommendationFactory(inspection=secret)]
    )
    shown = factories.ActionFactory(priority=hidden.priority)
    measure = factories.MeasureFactory(actions=[shown, hidden])
    measure.recommendations.add(*hidden.recommendations.all())
    measure.priorities.add(hidden.priority)
    scrutiny = bearer(factories.UserFactory(roles=[roles.SCRUTINY]))
    auditor = bearer(factories.UserFactory(roles=[roles.AUDITOR]))
    row = client.get(f"/api/v1/measures/{measure.pk}/", **scrutiny).json()
    assert (row["actions"], row["recommendations"]) == ([shown.pk], [])
    row = client.get(f"/api/v1/measures/{measure.pk}/", **auditor).json()
    assert sorted(row["actions"]) == sorted([shown.pk, hidden.pk])
    assert len(row["recommendations"]) == 1
    assert row["priorities"] == [hidden.priority_id]


def test_values_as_at_a_day_are_those_known_then(client, measure, headers):
    value = measure.values.get(period__time_identifier="April", area_type="council")
    value.value, value.recorded_at = Decimal("19"), timezone.now()
    value.save()
    url = "/api/v1/measure-values/?area_type=council&time_identifier=April"
    assert [r["value"] for r in client.get(url, **headers).json()["results"]] == [19]
    then = client.get(f"{url}&as_at=2026-01-05", **headers).json()["results"]
    assert [r["value"] for r in then] == [25.5]
    before = client.get(f"{url}&as_at=2026-01-04", **headers).json()["results"]
    assert before == []


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("measure={pk}", 4),
        ("reference=CSC01", 4),
        ("reference=OTHER", 0),
        ("area_type=national", 1),
        ("time_period=2025&time_identifier=March", 1),
        ("period_from=2025-04-01", 3),
        ("period_to=2025-03-31", 1),
        ("updated_since=2099-01-01", 0),
    ],
)
def test_measure_values_filters(client, measure, headers, query, count):
    url = "/api/v1/measure-values/?" + query.format(pk=measure.pk)
    response = client.get(url, **headers)
    assert response.status_code == 200, response.content
    assert len(response.json()["results"]) == count


@pytest.mark.parametrize(
    "query",
    ["as_at=x", "as_at=1066-10-14", "period_from=31-31-2025", "measure=x", "area_type=mars"],
)
def test_bad_filters_answer_400_naming_the_field(client, measure, headers, query):
    response = client.get(f"/api/v1/measure-values/?{query}", **headers)
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()


def test_measures_changed_since(client, measure, headers):
    def listed(moment):
        query = {"updated_since": moment.isoformat()}
        rows = client.get("/api/v1/measures/", query, **headers).json()
        return sorted(row["id"] for row in rows["results"])

    other, third = factories.MeasureFactory(), factories.MeasureFactory()
    since = timezone.now() + dt.timedelta(seconds=1)
    assert listed(since) == []
    factories.MeasureValueFactory(measure=other, recorded_at=since + dt.timedelta(minutes=1))
    assert listed(since) == [other.pk]  # a value recorded since
    time.sleep(1.1)
    factories.TargetFactory(measure=measure, from_date=dt.date(2026, 1, 1))
    third.title = "Renamed"
    third.save()
    assert listed(since) == sorted([measure.pk, other.pk, third.pk])  # a target, an edit


def csv_rows(client, url: str, headers) -> list[dict]:
    response = client.get(url, **headers)
    assert response.status_code == 200, response.content
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_measure_values_in_csv_are_the_exports_rows(client, measure, headers):
    """The same cells as export_measures, less the neighbours' average (worked out when
    read, not stored: the measure's summary has the latest)."""
    columns = [c for c in exports.COLUMNS if c != "measure_title"]
    rows = csv_rows(client, "/api/v1/measure-values/?format=csv", headers)
    found = sorted(tuple(row[c] for c in columns) for row in rows)
    exported = sorted(
        tuple(cell for name, cell in zip(exports.COLUMNS, row, strict=True) if name in columns)
        for row in exports.tidy_rows(Measure.objects.all())
        if row[6] != "neighbours_average"
    )
    assert found == exported
    assert len(found) == 4
    assert ("c", "") in [(row["symbol"], row["value"]) for row in rows]  # never a zero


def test_measure_values_in_json_are_numbers_or_symbols(client, measure, headers):
    rows = client.get("/api/v1/measure-values/?area_type=council", **headers).json()["results"]
    assert [(row["time_identifier"], row["value"], row["target"]) for row in rows] == [
        ("March", 30, 20),
        ("April", 25.5, 20),
    ]
    url = "/api/v1/measure-values/?area_type=statistical_neighbour"
    suppressed = client.get(url, **headers)
    assert [(r["value"], r["symbol"]) for r in suppressed.json()["results"]] == [(None, "c")]
