"""The measures register and a measure's page: what a reader sees, who may enter a
figure, "as at", and query counts that stay flat as data grows."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from core import roles
from measures.models import MeasureValue
from tests import factories
from tests.factories import moment
from tests.queries import assert_flat_queries

pytestmark = pytest.mark.django_db


def month(n: int):
    """The n-th month from April 2023."""
    year, index = 2023 + (3 + n) // 12, (3 + n) % 12 + 1
    import calendar

    last = calendar.monthrange(year, index)[1]
    return factories.PeriodFactory(
        time_period=str(year),
        time_identifier=calendar.month_name[index],
        start=dt.date(year, index, 1),
        end=dt.date(year, index, last),
    )


@pytest.fixture
def profile():
    profile = factories.CouncilProfileFactory()
    for n in range(10):
        factories.StatisticalNeighbourFactory(
            profile=profile, rank=n + 1, old_la_code=f"{920 + n}", name=f"Neighbour {n + 1}"
        )
    return profile


def fill(measure, periods, *, council=(), neighbours=3, symbol_at=None):
    """Council values (one per period) and, per period, England, region and neighbours."""
    for index, period in enumerate(periods):
        value = council[index] if index < len(council) else Decimal(20)
        factories.MeasureValueFactory(measure=measure, period=period, value=value)
        factories.MeasureValueFactory(
            measure=measure,
            period=period,
            area_type="national",
            area_code="E92000001",
            area_name="England",
            value=Decimal("22.5"),
        )
        factories.MeasureValueFactory(
            measure=measure,
            period=period,
            area_type="regional",
            area_code="E12000099",
            area_name="Midshire",
            value=Decimal("21.0"),
        )
        for n in range(neighbours):
            symbol = "c" if n == symbol_at else ""
            factories.MeasureValueFactory(
                measure=measure,
                period=period,
                area_type="statistical_neighbour",
                area_code=f"{920 + n}",
                area_name=f"Neighbour {n + 1}",
                value=None if symbol else Decimal(18 + n),
                symbol=symbol,
            )


@pytest.fixture
def scrutiny(client):
    user = factories.UserFactory(roles=[roles.SCRUTINY])
    client.force_login(user)
    return user


def test_register_shows_rag_in_words_and_direction(client, scrutiny, profile):
    measure = factories.MeasureFactory(reference="CSC01", title="Re-referrals")
    factories.TargetFactory(measure=measure, value=20, tolerance=2)
    fill(measure, [month(0), month(1)], council=[Decimal("21"), Decimal("23.4")])
    page = client.get(reverse("measure_list")).content.decode()
    assert "CSC01: Re-referrals" in page
    assert "Off target" in page  # 23.4 is past 20 + 2, lower being better
    assert "Declining" in page
    assert "23.4%" in page


def test_register_filters_by_rag(client, scrutiny, profile):
    red = factories.MeasureFactory(title="Red one")
    green = factories.MeasureFactory(title="Green one")
    for measure, value in ((red, "30"), (green, "10")):
        factories.TargetFactory(measure=measure, value=20, tolerance=2)
        fill(measure, [month(0)], council=[Decimal(value)], neighbours=0)
    page = client.get(reverse("measure_list"), {"rag": "red"}).content.decode()
    assert "Red one" in page and "Green one" not in page


def test_measure_page_shows_table_symbols_average_rank_and_actions(client, scrutiny, profile):
    action = factories.ActionFactory(description="Audit re-referrals monthly")
    secret = factories.ActionFactory(
        description="Confidential work",
        recommendations=[
            factories.RecommendationFactory(
                inspection=factories.InspectionFactory(is_confidential=True)
            )
        ],
    )
    measure = factories.MeasureFactory(actions=[action, secret], title="Re-referrals")
    fill(measure, [month(0), month(1)], council=[Decimal("21"), Decimal("18.5")], symbol_at=1)
    page = client.get(reverse("measure_detail", args=[measure.pk])).content.decode()
    assert "18.5%" in page and "22.5%" in page
    assert "suppressed to protect confidential information" in page.lower()
    # Neighbours 920 (18) and 922 (20) have figures; 921 is suppressed: average 19.0 of 2.
    assert "19.0%" in page and "from 2 of 10" in page
    assert "2 of 3" in page  # only neighbour 920 (18) is lower, lower being better
    assert "Audit re-referrals monthly" in page
    assert "Confidential work" not in page
    assert "<svg" in page and "<table" in page
    assert ">0.0%" not in page and ">0%" not in page  # a symbol is never shown as zero


def test_as_at_shows_the_figure_known_then(client, scrutiny, profile):
    measure = factories.MeasureFactory()
    value = factories.MeasureValueFactory(
        measure=measure,
        period=month(0),
        value=Decimal("30"),
        recorded_at=moment(dt.date(2025, 5, 10)),
    )
    value.value, value.recorded_at = Decimal("25"), moment(dt.date(2025, 6, 10))
    value.save()
    url = reverse("measure_detail", args=[measure.pk])
    assert "25.0%" in client.get(url).content.decode()
    then = client.get(url, {"as_at": "2025-05-31"}).content.decode()
    assert "30.0%" in then and "25.0%" not in then
    before = client.get(url, {"as_at": "2025-05-01"}).content.decode()
    assert "No figures have been recorded yet" in before


def test_lead_enters_a_figure_and_a_revision_keeps_history(client, profile):
    lead = factories.UserFactory(roles=[roles.OFFICER])
    measure = factories.MeasureFactory(lead_user=lead, frequency="monthly")
    client.force_login(lead)
    url = reverse("measure_value_enter", args=[measure.pk])
    form = client.get(url).context["form"]
    period = form.fields["period"].choices[1][0]
    response = client.post(url, {"period": period, "value": "12.5", "note": "Validated"})
    assert response.status_code == 302
    client.post(url, {"period": period, "value": "13.0"})
    value = MeasureValue.objects.get(measure=measure)
    assert value.value == Decimal("13.0") and value.recorded_by == lead
    assert value.history.count() == 2
    assert value.area_code == "991"


def test_figure_form_needs_a_figure_or_a_reason(client, profile):
    manager = factories.UserFactory(roles=[roles.PLAN_MANAGER])
    measure = factories.MeasureFactory()
    client.force_login(manager)
    url = reverse("measure_value_enter", args=[measure.pk])
    period = client.get(url).context["form"].fields["period"].choices[0][0]
    page = client.post(url, {"period": period}).content.decode()
    assert "Enter the figure, or choose why there is none" in page
    client.post(url, {"period": period, "symbol": "not supplied"})
    assert MeasureValue.objects.get().symbol == "not supplied"


def test_register_query_count_is_flat(client, scrutiny, profile):
    def read(_):
        assert client.get(reverse("measure_list")).status_code == 200

    def grow():
        for _ in range(5):
            measure = factories.MeasureFactory(lead_user=factories.UserFactory())
            factories.TargetFactory(measure=measure)
            fill(measure, [month(0), month(1), month(2)], neighbours=2)

    fill(factories.MeasureFactory(), [month(0)], neighbours=1)
    assert_flat_queries(read, None, grow=grow)


def test_measure_page_query_count_is_flat(client, scrutiny, profile):
    measure = factories.MeasureFactory(actions=[factories.ActionFactory()])
    fill(measure, [month(0)], neighbours=1)

    def read(_):
        assert client.get(reverse("measure_detail", args=[measure.pk])).status_code == 200

    def grow():
        measure.actions.add(*factories.ActionFactory.create_batch(3))
        fill(measure, [month(n) for n in range(1, 12)], neighbours=10)

    assert_flat_queries(read, None, grow=grow)


def test_csv_download_has_the_tidy_columns(client, scrutiny, profile):
    measure = factories.MeasureFactory(reference="CSC01")
    fill(measure, [month(0)], neighbours=2)
    lines = b"".join(client.get(reverse("measure_export_csv")).streaming_content).decode()
    assert lines.lstrip("\ufeff").startswith("measure_reference,measure_title,time_period")
    assert "neighbours_average" in lines


def test_xlsx_download_has_the_same_rows_as_the_csv(client, scrutiny, profile):
    import csv
    import io

    from openpyxl import load_workbook

    measure = factories.MeasureFactory(reference="CSC01")
    factories.TargetFactory(measure=measure, value=20)
    fill(measure, [month(0)], neighbours=2, symbol_at=1)
    text = b"".join(client.get(reverse("measure_export_csv")).streaming_content).decode()
    from_csv = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    response = client.get(reverse("measure_export_xlsx"))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    from_xlsx = [
        ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
    ]
    assert from_xlsx[0] == from_csv[0]
    assert len(from_xlsx) == len(from_csv)
    symbol = from_csv[0].index("symbol")
    assert [r[symbol] for r in from_xlsx] == [r[symbol] for r in from_csv]
    value = from_csv[0].index("value")
    assert [Decimal(r[value]) if r[value] else None for r in from_xlsx[1:]] == [
        Decimal(r[value]) if r[value] else None for r in from_csv[1:]
    ]
