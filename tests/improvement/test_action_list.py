"""The filtered action list at /actions/: filters, sorting, paging, counts and query counts."""

import datetime as dt

import pytest
from django.urls import reverse

from improvement.filters import ActionFilter, filtered_actions
from improvement.status import Status
from improvement.views import lists
from tests import factories
from tests.factories import moment
from tests.queries import assert_flat_queries

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 1)


def listed(client, **params) -> list[str]:
    response = client.get(reverse("action_list"), params)
    assert response.status_code == 200
    return [action.description for action in response.context["actions"]]


@pytest.fixture
def world(fixed_today, officer):
    """Four actions that differ in every way the list filters on."""
    fixed_today(TODAY)
    team = factories.TeamFactory(name="Front Door")
    ofsted = factories.InspectionFactory(title="Ofsted 2026")
    peer = factories.InspectionFactory(title="Peer review")
    r1 = factories.RecommendationFactory(inspection=ofsted, reference="R1")
    r2 = factories.RecommendationFactory(inspection=peer, reference="P1")
    plan_a = factories.PlanFactory(title="Plan A")
    plan_b = factories.PlanFactory(title="Plan B", update_cycle_days=30)
    a1 = factories.PriorityFactory(plan=plan_a, number=1, title="Front door")
    a2 = factories.PriorityFactory(plan=plan_a, number=2, title="Care")
    b1 = factories.PriorityFactory(plan=plan_b, number=1, title="Leaving care")
    actions = {
        "overdue": factories.ActionFactory(
            priority=a1,
            order=1,
            description="Overdue but declared on track",
            declared_status=Status.ON_TRACK,
            target_date=dt.date(2026, 5, 1),
            last_update_at=moment(dt.date(2026, 5, 25)),
            leads=[officer],
            recommendations=[r1],
        ),
        "stale": factories.ActionFactory(
            priority=a1,
            order=2,
            description="Stale and at risk",
            declared_status=Status.AT_RISK,
            target_date=dt.date(2026, 9, 1),
            last_update_at=moment(dt.date(2026, 3, 1)),
            lead_team=team,
            lead_names="Named Nurse",
            recommendations=[r2],
        ),
        "complete": factories.ActionFactory(
            priority=a2,
            order=1,
            description="Finished audit work",
            declared_status=Status.COMPLETE,
            target_date=dt.date(2026, 4, 1),
            last_update_at=moment(dt.date(2026, 5, 30)),
        ),
        "planb": factories.ActionFactory(
            priority=b1,
            order=1,
            description="Plan B starting work",
            declared_status=Status.NOT_STARTED,
            target_date=None,
            created_at=moment(dt.date(2026, 5, 20)),
        ),
    }
    return {
        "team": team,
        "ofsted": ofsted,
        "r1": r1,
        "r2": r2,
        "plan_a": plan_a,
        "a2": a2,
        **actions,
    }


def test_everything_visible_is_listed_in_reference_order(client, manager, world):
    client.force_login(manager)

    assert listed(client) == [
        "Overdue but declared on track",
        "Stale and at risk",
        "Finished audit work",
        "Plan B starting work",
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "off_track"}, ["Overdue but declared on track"]),
        ({"status": "on_track"}, []),
        ({"declared": "on_track"}, ["Overdue but declared on track"]),
        ({"overdue": "1"}, ["Overdue but declared on track"]),
        ({"stale": "on"}, ["Stale and at risk"]),
        ({"due_from": "1/5/2026", "due_to": "2026-08-31"}, ["Overdue but declared on track"]),
        ({"due_to": "01/04/2026"}, ["Finished audit work"]),
        ({"q": "finished"}, ["Finished audit work"]),
        ({"q": "named nurse"}, ["Stale and at risk"]),
        ({"q": "olu"}, ["Overdue but declared on track"]),
        ({"q": "1.2"}, ["Stale and at risk"]),
        ({"status": "at_risk", "stale": "1"}, ["Stale and at risk"]),
    ],
)
def test_each_filter(params, expected, client, manager, world):
    client.force_login(manager)

    assert listed(client, **params) == expected


def test_filters_by_plan_priority_lead_team_inspection_and_recommendation(
    client, manager, officer, world
):
    client.force_login(manager)

    assert listed(client, plan=world["plan_a"].pk) == listed(client)[:3]
    assert listed(client, priority=world["a2"].pk) == ["Finished audit work"]
    assert listed(client, team=world["team"].pk) == ["Stale and at risk"]
    assert listed(client, inspection=world["ofsted"].pk) == ["Overdue but declared on track"]


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("olu", ["overdue"]),  # part of a lead officer's name
        (" OLU OFFICER ", ["overdue"]),
        ("nurse", ["stale"]),  # a lead kept as text
        ("nobody", []),
        ("99999999999999999999", []),  # too long for an id: just text
    ],
)
def test_filters_by_lead_name_or_email(lead, expected, client, manager, world):
    client.force_login(manager)

    assert listed(client, lead=lead) == [world[key].description for key in expected]


def test_the_lead_filter_matches_an_email_and_still_takes_a_user_id(
    client, manager, officer, world
):
    client.force_login(manager)

    assert listed(client, lead=officer.email.split("@")[0].upper()) == [
        "Overdue but declared on track"
    ]
    # Drill-down links and bookmarks name a lead by user id.
    assert listed(client, lead=officer.pk) == ["Overdue but declared on track"]
    assert listed(client, lead=manager.pk) == []


def test_an_action_with_several_matching_leads_is_listed_once(client, manager, fixed_today):
    fixed_today(TODAY)
    action = factories.ActionFactory(
        leads=[factories.UserFactory(full_name="Ann Smith"), factories.UserFactory()],
        lead_names="Smith family worker",
    )
    client.force_login(manager)

    response = client.get(reverse("action_list"), {"lead": "smith"})

    assert [a.pk for a in response.context["actions"]] == [action.pk]
    assert response.context["page_obj"].paginator.count == 1


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"recommendation": "P1"}, ["stale"]),
        ({"recommendation": " p1 "}, ["stale"]),
        ({"recommendation": "R"}, []),  # a whole reference, not part of one
        ({"recommendation": "R1", "inspection": "ofsted"}, ["overdue"]),
        ({"recommendation": "R1", "inspection": "peer"}, []),
    ],
)
def test_filters_by_recommendation_reference(params, expected, client, manager, world):
    """A reference is unique only within its source, so a chosen source narrows it."""
    world["peer"] = world["r2"].inspection
    params = {k: world[v].pk if k == "inspection" else v for k, v in params.items()}
    client.force_login(manager)

    assert listed(client, **params) == [world[key].description for key in expected]


def test_leads_and_recommendations_are_typed_not_chosen_from_long_lists(client, manager, world):
    client.force_login(manager)

    html = client.get(reverse("action_list")).content.decode()

    assert 'name="lead" ' in html and 'name="recommendation" ' in html
    assert '<select name="lead"' not in html
    assert '<select name="recommendation"' not in html
    assert "Lead (name or e-mail)" in html


def test_choosing_a_plan_narrows_the_priorities_offered(client, manager, world):
    client.force_login(manager)

    form = client.get(reverse("action_list"), {"plan": world["plan_a"].pk}).context["form"]

    assert [label for _, label in form.fields["priority"].choices][1:] == [
        "1. Front door",
        "2. Care",
    ]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("target", ["complete", "overdue", "stale", "planb"]),
        ("-target", ["planb", "stale", "overdue", "complete"]),
        ("status", ["overdue", "stale", "planb", "complete"]),
        ("-updated", ["complete", "overdue", "stale", "planb"]),
        ("updated", ["planb", "stale", "overdue", "complete"]),
        # Leads who are users and leads kept as text sort together; no lead comes last.
        ("lead", ["stale", "overdue", "complete", "planb"]),
        ("nonsense", ["overdue", "stale", "complete", "planb"]),
    ],
)
def test_sorting(sort, expected, client, manager, world):
    client.force_login(manager)

    assert listed(client, sort=sort) == [world[key].description for key in expected]


def test_column_headings_sort_both_ways_and_keep_the_filters(client, manager, world):
    client.force_login(manager)

    response = client.get(reverse("action_list"), {"q": "work", "sort": "target", "page": "1"})

    columns = {column.label: column for column in response.context["columns"]}
    assert columns["Target date"].url == "?q=work&sort=-target"
    assert columns["Target date"].aria_sort == "ascending"
    assert columns["Status"].url == "?q=work&sort=status"
    assert columns["Action"].url is None
    assert b'aria-sort="ascending"' in response.content


def test_the_form_works_without_javascript_as_a_get_form(client, manager, world):
    client.force_login(manager)

    html = client.get(reverse("action_list")).content.decode()

    assert f'<form method="get" action="{reverse("action_list")}" novalidate>' in html
    assert 'name="submit"' not in html  # the button adds nothing to shared URLs


def test_counts_by_effective_status_link_to_their_lists(client, manager, world):
    client.force_login(manager)

    response = client.get(reverse("action_list"), {"plan": world["plan_a"].pk})

    assert response.context["counts"] == [
        ("off_track", "Off track", 1, f"?plan={world['plan_a'].pk}&status=off_track"),
        ("at_risk", "At risk", 1, f"?plan={world['plan_a'].pk}&status=at_risk"),
        ("complete", "Complete", 1, f"?plan={world['plan_a'].pk}&status=complete"),
    ]
    assert "<strong>3</strong> actions match the filters." in response.content.decode()


def test_a_bad_date_is_explained_beside_the_field(client, manager, world):
    client.force_login(manager)

    response = client.get(reverse("action_list"), {"due_from": "31/02/2026", "due_to": "x"})

    form = response.context["form"]
    assert form.errors["due_from"] == ["Enter a real date, for example 31/3/2026"]
    assert "There is a problem" in response.content.decode()
    response = client.get(reverse("action_list"), {"due_from": "2/2/2026", "due_to": "1/2/2026"})
    assert response.context["form"].errors["due_to"] == [
        "The end date must be the same as or after the start date"
    ]


def test_a_large_excel_download_is_announced(client, manager, world, monkeypatch):
    client.force_login(manager)
    hint = "An Excel file this large takes a while to prepare"
    assert hint not in client.get(reverse("action_list")).content.decode()
    monkeypatch.setattr(lists, "SLOW_XLSX_ACTIONS", 1)
    assert hint in client.get(reverse("action_list")).content.decode()


def test_fifty_actions_a_page(client, manager, fixed_today):
    fixed_today(TODAY)
    priority = factories.PriorityFactory()
    for order in range(1, 56):
        factories.ActionFactory(priority=priority, order=order)
    client.force_login(manager)

    first = client.get(reverse("action_list"), {"sort": "ref"})
    second = client.get(reverse("action_list"), {"sort": "ref", "page": "2"})

    assert len(first.context["actions"]) == 50
    assert [a.order for a in second.context["actions"]] == [51, 52, 53, 54, 55]
    assert "Showing 51 to 55 of <strong>55</strong> actions" in second.content.decode()
    assert 'href="?sort=ref&amp;page=2"' in first.content.decode()


def test_scrutiny_never_sees_confidential_actions_or_their_sources(client, scrutiny):
    secret_inspection = factories.InspectionFactory(is_confidential=True, title="Unpublished")
    secret = factories.RecommendationFactory(inspection=secret_inspection)
    public = factories.ActionFactory(description="Public")
    factories.ActionFactory(description="Secret", recommendations=[secret])
    client.force_login(scrutiny)

    response = client.get(reverse("action_list"))

    assert [a.description for a in response.context["actions"]] == [public.description]
    form = response.context["form"]
    assert str(secret_inspection.pk) not in dict(form.fields["inspection"].choices)
    # Typing the hidden recommendation's reference finds nothing, even on a public action
    # that also answers it.
    factories.ActionFactory(
        description="Public, answers both",
        recommendations=[factories.RecommendationFactory(), secret],
    )
    response = client.get(reverse("action_list"), {"recommendation": secret.reference})
    assert list(response.context["actions"]) == []
    assert b"Unpublished" not in response.content


def _populate(n: int, officer):
    plan = factories.PlanFactory()
    team = factories.TeamFactory()
    rec = factories.RecommendationFactory()
    priorities = [factories.PriorityFactory(plan=plan, number=i) for i in (1, 2)]
    for i in range(n):
        action = factories.ActionFactory(
            priority=priorities[i % 2],
            order=i + 1,
            leads=[officer, factories.UserFactory()],
            lead_team=team,
            recommendations=[rec, factories.RecommendationFactory()],
            declared_status=[Status.ON_TRACK, Status.AT_RISK, Status.COMPLETE][i % 3],
        )
        factories.ProgressUpdateFactory(action=action)
    return plan


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"status": "off_track", "q": "audit", "sort": "-lead", "overdue": "1"},
        {"lead": "person", "recommendation": "R1", "team": "", "inspection": ""},
    ],
)
def test_query_count_is_the_same_for_10_and_200_actions(params, client, manager, officer):
    client.force_login(manager)

    def page(plan):
        response = client.get(reverse("action_list"), {"plan": plan.pk, **params})
        assert response.status_code == 200

    small = _populate(10, officer)
    large = _populate(200, officer)
    assert_flat_queries(page, small, large, warm=True, at_most=15)  # warm: the session


def test_the_filter_is_usable_from_code_for_drill_downs(manager, world):
    action_filter = filtered_actions(manager, {"status": "off_track"})

    assert isinstance(action_filter, ActionFilter)
    assert list(action_filter.qs) == [world["overdue"]]


def test_a_choice_not_in_the_list_gets_a_plain_message(client, manager, world):
    client.force_login(manager)

    form = client.get(reverse("action_list"), {"plan": "999", "status": "purple"}).context["form"]

    assert form.errors == {
        "plan": ["Select a plan from the list"],
        "status": ["Select a status from the list"],
    }
