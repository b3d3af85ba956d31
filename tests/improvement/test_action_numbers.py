"""Action numbers with a restricted action between two others (issue 19).

Decision: numbers stay the council's published references (2.5, 2.6, 2.7 in the working
document), so a scrutiny member sees 2.5 then 2.7 where 2.6 is restricted. Every action
list tells everyone, on every plan, that numbers can skip for several reasons, so a gap
is no sign of a restricted action.
"""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

NOTE = (
    "Action numbers are the council’s references from the plan, so they can skip: an action "
    "may have been withdrawn, carried over or restricted."
)


@pytest.fixture
def priority_two():
    priority = factories.PriorityFactory(number=2)
    secret = factories.RecommendationFactory(
        inspection=factories.InspectionFactory(is_confidential=True)
    )
    for order in (5, 7):
        factories.ActionFactory(priority=priority, order=order, description=f"Public {order}")
    factories.ActionFactory(
        priority=priority, order=6, description="Secret", recommendations=[secret]
    )
    return priority


def references(response) -> list[str]:
    return [action.reference for action in response.context["page_obj"].object_list]


@pytest.mark.parametrize("page", ["plan_detail", "action_list"])
def test_scrutiny_sees_the_numbers_with_a_gap_and_the_note(client, scrutiny, priority_two, page):
    client.force_login(scrutiny)
    url = reverse(page, args=[priority_two.plan_id]) if page == "plan_detail" else reverse(page)

    response = client.get(url)

    assert references(response) == ["2.5", "2.7"]
    html = response.content.decode()
    assert "Secret" not in html
    assert NOTE in html


@pytest.mark.parametrize("page", ["plan_detail", "action_list"])
def test_everyone_sees_the_note_whether_or_not_numbers_skip(client, manager, priority_two, page):
    client.force_login(manager)
    url = reverse(page, args=[priority_two.plan_id]) if page == "plan_detail" else reverse(page)

    response = client.get(url)

    assert references(response) == ["2.5", "2.6", "2.7"]
    assert NOTE in response.content.decode()
