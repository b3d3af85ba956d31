"""The unfiltered action list reads only the priorities a page overlaps (issue 18.19):
every page must hold exactly the rows a full sort by reference would put there."""

import datetime as dt

import pytest
from django.urls import reverse

from improvement.filters import filtered_actions
from improvement.selectors.action_list import ReferenceWindow, summarise
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans():
    """Three plans (two starting the same day, told apart by title), priorities of uneven
    size created out of order, and one empty priority."""
    newer = factories.PlanFactory(title="B plan", start_date=dt.date(2026, 4, 1))
    older = factories.PlanFactory(title="A plan", start_date=dt.date(2025, 4, 1))
    twin = factories.PlanFactory(title="A plan too", start_date=dt.date(2026, 4, 1))
    sizes = {(newer, 3): 4, (newer, 1): 7, (older, 2): 1, (older, 1): 5, (twin, 1): 6}
    for (plan, number), size in sizes.items():
        priority = factories.PriorityFactory(plan=plan, number=number)
        for order in range(size, 0, -1):
            factories.ActionFactory(priority=priority, order=order)
    factories.PriorityFactory(plan=newer, number=2)  # no actions
    return [newer, older, twin]


def test_every_slice_matches_the_full_sort(manager, plans):
    actions = filtered_actions(manager, {}).qs
    full = list(actions)
    window = ReferenceWindow(actions, summarise(actions).by_priority)

    assert window.count() == len(full) == 23
    for start in range(len(full) + 1):
        for stop in range(start, len(full) + 2):
            assert list(window[start:stop]) == full[start:stop], (start, stop)


def test_summary_counts_priorities_in_reference_order(manager, plans):
    summary = summarise(filtered_actions(manager, {}).qs)

    sizes = [n for _, n in summary.by_priority]
    assert sizes == [6, 7, 4, 5, 1]  # A plan too (2026), B plan (2026) 1 and 3, A plan (2025)
    assert summary.total == 23


def test_the_pages_of_the_list_hold_the_sorted_rows(client, manager, plans, monkeypatch):
    monkeypatch.setattr("improvement.views.lists.PAGE_SIZE", 5)
    client.force_login(manager)
    full = list(filtered_actions(manager, {}).qs)

    seen = []
    for page in range(1, 6):
        response = client.get(reverse("action_list"), {"page": page})
        seen += list(response.context["actions"])

    assert seen == full
