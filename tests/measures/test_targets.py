"""Plan managers set and change a measure's targets, with a tolerance band, from its page."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from core import roles
from measures.models import Target
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return factories.UserFactory(roles=[roles.PLAN_MANAGER])


@pytest.fixture
def measure():
    return factories.MeasureFactory(frequency="annual", unit="percentage", decimal_places=1)


def post(client, measure, **data):
    base = {"applies": "from_date", "value": "20", "tolerance": "2", "tolerance_kind": "absolute"}
    return client.post(reverse("measure_targets", args=[measure.pk]), {**base, **data})


def from_date(day: dt.date) -> dict:
    return {"from_date_0": day.day, "from_date_1": day.month, "from_date_2": day.year}


def test_a_manager_sets_a_target_from_a_date_then_changes_it(client, manager, measure):
    client.force_login(manager)
    assert (
        reverse("measure_targets", args=[measure.pk]).encode()
        in client.get(measure.get_absolute_url()).content
    )
    response = post(client, measure, **from_date(dt.date(2025, 4, 1)))
    assert response.status_code == 302
    target = Target.objects.get(measure=measure)
    assert (target.from_date, target.value, target.tolerance) == (
        dt.date(2025, 4, 1),
        Decimal(20),
        Decimal(2),
    )
    post(
        client,
        measure,
        value="18",
        tolerance="10",
        tolerance_kind="percentage",
        **from_date(dt.date(2025, 4, 1)),
    )
    target = Target.objects.get(measure=measure)
    assert (target.value, target.tolerance_kind) == (Decimal(18), "percentage")
    assert [h.value for h in target.history.order_by("history_date")] == [Decimal(20), Decimal(18)]
    page = client.get(reverse("measure_targets", args=[measure.pk]), {"change": target.pk})
    assert page.context["form"].initial["value"] == Decimal(18)
    assert "10% of the target" in page.content.decode()


def test_a_manager_sets_a_target_for_a_period(client, manager, measure):
    client.force_login(manager)
    response = post(client, measure, applies="period", period="2025|Calendar year")
    assert response.status_code == 302
    target = Target.objects.get(measure=measure)
    assert (target.period.start, target.period.end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert target.from_date is None


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"tolerance": "-1"}, "tolerance", "cannot be less than 0"),
        ({"tolerance": "101", "tolerance_kind": "percentage"}, "tolerance", "from 0 to 100"),
        ({"tolerance": "lots"}, "tolerance", "must be a number"),
        ({"value": ""}, "value", "Enter the target"),
        ({"applies": "period", "period": ""}, "period", "Choose the period"),
        ({"from_date_0": "31", "from_date_1": "2", "from_date_2": "2025"}, "from_date", "real"),
        ({"applies": ""}, "applies", "Choose whether"),
    ],
)
def test_bad_input_is_refused_beside_the_field(client, manager, measure, data, field, message):
    client.force_login(manager)
    response = post(client, measure, **{**from_date(dt.date(2025, 4, 1)), **data})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors.get(field, []))
    assert not Target.objects.exists()


@pytest.mark.parametrize("role", [roles.OFFICER, roles.SCRUTINY])
def test_others_may_not_set_targets(client, measure, role):
    client.force_login(factories.UserFactory(roles=[role]))
    assert post(client, measure, **from_date(dt.date(2025, 4, 1))).status_code == 403
    assert not Target.objects.exists()


def test_a_manager_removes_a_target_after_confirming_and_the_history_keeps_it(
    client, manager, measure
):
    kept = factories.TargetFactory(measure=measure, from_date=dt.date(2020, 4, 1), value=25)
    wrong = factories.TargetFactory(measure=measure, from_date=dt.date(2024, 4, 1), value=99)
    client.force_login(manager)
    remove = reverse("measure_target_remove", args=[measure.pk, wrong.pk])
    assert remove.encode() in client.get(reverse("measure_targets", args=[measure.pk])).content

    confirm = client.get(remove).content.decode()
    assert "Remove the target from 1 April 2024" in confirm
    assert Target.objects.filter(pk=wrong.pk).exists()  # nothing removed until confirmed

    response = client.post(remove, follow=True)
    assert response.redirect_chain[-1][0] == reverse("measure_targets", args=[measure.pk])
    assert "The target from 1 April 2024 was removed" in response.content.decode()
    assert list(measure.targets.all()) == [kept]
    deleted = Target.history.filter(id=wrong.pk, history_type="-").get()
    assert deleted.value == Decimal("99") and deleted.history_user == manager


def test_a_target_of_another_measure_cannot_be_removed_through_this_one(client, manager, measure):
    other = factories.TargetFactory()
    client.force_login(manager)
    response = client.post(reverse("measure_target_remove", args=[measure.pk, other.pk]))
    assert response.status_code == 404
    assert Target.objects.filter(pk=other.pk).exists()


def test_officers_and_councillors_cannot_remove_targets(client, measure):
    target = factories.TargetFactory(measure=measure)
    for role in (roles.OFFICER, roles.SCRUTINY, roles.AUDITOR):
        client.force_login(factories.UserFactory(roles=[role]))
        response = client.post(reverse("measure_target_remove", args=[measure.pk, target.pk]))
        assert response.status_code in (403, 404)
    assert Target.objects.filter(pk=target.pk).exists()
