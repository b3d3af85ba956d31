"""Search (/search/): grouped results over what the user may read, on SQLite and PostgreSQL."""

import pytest
from django.db import connection
from django.urls import reverse

from core import roles
from improvement.selectors.search import PER_GROUP, search
from tests import factories
from tests.queries import assert_flat_queries, count_queries

SECRET = "Quokka"


@pytest.fixture
def world(db):
    """A public inspection, plan, action and update mentioning "kestrel"; a confidential
    inspection, its recommendation, an action answering only it (with an update) and a plan
    answering only it, all mentioning "Quokka" and nothing else does."""
    scrutiny = factories.UserFactory(roles=[roles.SCRUTINY])
    auditor = factories.UserFactory(roles=[roles.AUDITOR])
    public = factories.InspectionFactory(title="Kestrel inspection")
    public_rec = factories.RecommendationFactory(inspection=public, text="Kestrel oversight")
    plan = factories.PlanFactory(title="Main plan", description="Kestrel improvement")
    plan.inspections.add(public)
    action = factories.ActionFactory(
        priority=factories.PriorityFactory(plan=plan),
        description="Kestrel audits of strategy discussions",
        recommendations=[public_rec],
    )
    factories.ProgressUpdateFactory(action=action, narrative="Kestrel audit done")

    secret = factories.InspectionFactory(
        title=f"Monitoring visit {SECRET}", summary=f"{SECRET} findings", is_confidential=True
    )
    secret_rec = factories.RecommendationFactory(inspection=secret, text=f"{SECRET} rota")
    hidden_plan = factories.PlanFactory(title=f"{SECRET} plan")
    hidden_plan.inspections.add(secret)
    secret_action = factories.ActionFactory(
        priority=factories.PriorityFactory(plan=plan),
        description=f"{SECRET} action",
        recommendations=[secret_rec],
    )
    factories.ProgressUpdateFactory(action=secret_action, narrative=f"{SECRET} narrative")
    return {"scrutiny": scrutiny, "auditor": auditor, "plan": plan}


def counts(groups) -> dict[str, int]:
    return {group.key: group.count for group in groups}


def test_public_word_found_in_every_type_and_grouped(world):
    found = counts(search(world["scrutiny"], "kestrel"))
    assert found == {
        "inspections": 1,
        "recommendations": 1,
        "plans": 1,
        "actions": 1,
        "updates": 1,
    }


def test_scrutiny_member_finds_nothing_of_a_confidential_word(world, client):
    """Regression for the confidentiality of search: no result and no count."""
    everything = counts(search(world["auditor"], SECRET.lower()))
    assert everything == {
        "inspections": 1,
        "recommendations": 1,
        "plans": 1,
        "actions": 1,
        "updates": 1,
    }, "the auditor must find the confidential items, or this test proves nothing"
    assert set(counts(search(world["scrutiny"], SECRET.lower())).values()) == {0}

    client.force_login(world["scrutiny"])
    page = client.get(reverse("search"), {"q": SECRET})
    assert page.status_code == 200
    assert page.context["total"] == 0
    text = page.content.decode()
    assert "Nothing you can see matches" in text
    assert "found</span>" not in text
    assert text.count(SECRET) == text.count(f"“{SECRET}”") + text.count(f'value="{SECRET}"')


def test_auditor_page_shows_groups_with_counts_and_links(world, client):
    client.force_login(world["auditor"])
    page = client.get(reverse("search"), {"q": "kestrel"})
    text = page.content.decode()
    assert "<strong>5</strong> results" in text
    for label in ("Inspections (1)", "Recommendations (1)", "Plans (1)", "Actions (1)"):
        assert label in text
    assert world["plan"].get_absolute_url() in text


@pytest.mark.parametrize("query", ["", "a", "  b  "])
def test_short_query_runs_no_search_and_says_why(world, client, query):
    assert count_queries(lambda: search(world["auditor"], query)) == 0
    client.force_login(world["auditor"])
    page = client.get(reverse("search"), {"q": query})
    assert page.status_code == 200
    assert "Type at least 2 characters to search." in page.content.decode()
    assert page.context["groups"] == []


def test_each_group_is_capped_with_a_link_to_the_filtered_list(world):
    plan = world["plan"]
    priority = factories.PriorityFactory(plan=plan)
    factories.ActionFactory.create_batch(
        PER_GROUP + 5, priority=priority, description="Heron panel"
    )
    actions = next(g for g in search(world["auditor"], "heron") if g.key == "actions")
    assert actions.count == PER_GROUP + 5
    assert len(actions.hits) == PER_GROUP
    assert actions.more == 5
    assert actions.more_url == reverse("action_list") + "?q=heron"


def test_query_count_is_flat_as_the_data_grows(world):
    user = world["auditor"]

    def grow():
        priority = factories.PriorityFactory(plan=world["plan"])
        for action in factories.ActionFactory.create_batch(
            8, priority=priority, description="Kestrel review"
        ):
            factories.ProgressUpdateFactory(action=action, narrative="Kestrel review")
        factories.RecommendationFactory.create_batch(
            4, inspection=factories.InspectionFactory(title="Kestrel two"), text="Kestrel"
        )

    groups = assert_flat_queries(
        lambda u: search(u, "kestrel"), user, grow=grow, warm=True, exactly=10
    )
    assert counts(groups)["actions"] == 9


def test_every_word_must_match(world):
    assert counts(search(world["auditor"], "kestrel strategy"))["actions"] == 1
    assert counts(search(world["auditor"], "kestrel giraffe"))["actions"] == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")
def test_postgresql_matches_word_forms(world):
    """The 'english' configuration: "audited" finds "audits" and "audit" (both actions'
    measures say "Monthly audit of 20 cases")."""
    found = counts(search(world["auditor"], "audited"))
    assert found["actions"] == 2 and found["updates"] == 1
    assert counts(search(world["auditor"], "audited"))["inspections"] == 0


def test_header_has_a_search_form_that_works_without_javascript(world, client):
    client.force_login(world["scrutiny"])
    text = client.get(reverse("home")).content.decode()
    assert f'action="{reverse("search")}"' in text
    assert 'method="get"' in text and 'name="q"' in text


def test_odd_input_is_no_500(world, client):
    client.force_login(world["scrutiny"])
    for query in ("'\"<script>", "a & | ! :*", "x" * 5000, "(((", "-kestrel"):
        assert client.get(reverse("search"), {"q": query}).status_code == 200
