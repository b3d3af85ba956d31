"""Every endpoint, as every role, returns the ids the web pages show that role (the
role-by-URL table's world), and no response refers to a record the role may not see."""

import pytest
from django.db.models import Q
from django.test import Client
from django.urls import reverse

from measures.models import MeasureValue
from tests.api.helpers import bearer
from tests.test_url_permissions import build_world
from tests.url_table import SIGNED_IN

SCOPE = "include_draft=1&include_closed=1"


def api_ids(client, headers, resource: str, query: str = "") -> tuple[list[int], list[dict]]:
    """Every row of a list, following `next` links."""
    url, rows = f"/api/v1/{resource}/?page_size=2&{query}", []
    while url:
        response = client.get(url, **headers)
        assert response.status_code == 200, (resource, response.content)
        rows += response.json()["results"]
        url = response.json()["next"]
    return sorted(row["id"] for row in rows), rows


def page_context(client, name: str, *args, query: str = ""):
    response = client.get(reverse(name, args=args) + (f"?{query}" if query else ""))
    assert response.status_code == 200, name
    return response.context


def page_ids(client, objects) -> dict[str, list[int]]:
    """The ids each web page shows the signed-in role."""

    def listed(name, query=""):
        return [obj.pk for obj in page_context(client, name, query=query)["page_obj"]]

    shown = {
        "plans": listed("plan_list"),
        "actions": listed("action_list", SCOPE),
        "challenges": listed("challenge_list", "state=all"),
        "recommendations": listed("recommendation_list"),
        "inspections": listed("inspection_list"),
        "priorities": [],
        "progress-updates": [],
        "target-date-changes": [],
        "date-requests": [],
        "judgements": [],
        "measures": [
            summary.measure.pk for summary in page_context(client, "measure_list")["page_obj"]
        ],
        "measure-values": [],
    }
    for plan in shown["plans"]:
        shown["priorities"] += [
            p.pk for p in page_context(client, "plan_detail", plan)["priorities"]
        ]
    for action in shown["actions"]:
        context = page_context(client, "action_detail", action)
        shown["progress-updates"] += [u.pk for u in context["updates"]]
        shown["target-date-changes"] += [c.pk for c in context["date_changes"]]
        requests = [*context["decided_requests"], context["pending_request"]]
        shown["date-requests"] += [r.pk for r in requests if r]
        # The challenges page lists one's own; an action's page shows all of its challenges.
        shown["challenges"] += [c.pk for c, _ in context["challenges"]]
    for inspection in shown["inspections"]:
        context = page_context(client, "inspection_detail", inspection)
        shown["judgements"] += [j.pk for j in context["inspection"].judgements.all()]
    for measure in shown["measures"]:
        shown["measure-values"] += _value_ids(page_context(client, "measure_detail", measure))
    return {resource: sorted(set(ids)) for resource, ids in shown.items()}


def _value_ids(context) -> list[int]:
    """The stored values behind the figures a measure page shows (its cells carry no id)."""
    shown = Q(pk__in=[])
    for figures in context["page"].figures.periods:
        cells = [("council", figures.council), ("national", figures.england)]
        cells += [("regional", figures.region)]
        cells += [("statistical_neighbour", cell) for cell in figures.neighbours.values()]
        for area, cell in cells:
            if cell is not None:
                shown |= Q(period=figures.period.pk, area_type=area, area_code=cell.area_code)
    measure = context["measure"]
    return list(MeasureValue.objects.filter(shown, measure=measure).values_list("pk", flat=True))


# A field of a row -> the resource whose ids it holds.
REFERENCES = {
    "plan": "plans",
    "priority": "priorities",
    "action": "actions",
    "actions": "actions",
    "recommendation": "recommendations",
    "recommendations": "recommendations",
    "inspection": "inspections",
    "inspections": "inspections",
    "priorities": "priorities",
}


@pytest.mark.parametrize("role", SIGNED_IN)
def test_each_endpoint_returns_what_the_pages_show(role, db):
    objects, users = build_world()
    pages, api = Client(), Client()
    pages.force_login(users[role])
    headers = bearer(users[role])
    expected = page_ids(pages, objects)
    found, rows = {}, {}
    for resource in expected:
        found[resource], rows[resource] = api_ids(api, headers, resource, SCOPE)
    assert found == expected
    assert all(found.values())  # every resource really was read
    for resource, resource_rows in rows.items():
        for row in resource_rows:
            for field, target in REFERENCES.items():
                value = row.get(field)
                ids = value if isinstance(value, list) else [value] if value else []
                hidden = set(ids) - set(found[target])
                assert not hidden, f"{role}: {resource} {row['id']} refers to {target} {hidden}"
    for row in rows["measure-values"]:
        assert row["measure"] in found["measures"]


def test_a_scrutiny_token_sees_no_confidential_id(db):
    objects, users = build_world()
    api, headers = Client(), bearer(users["scrutiny"])
    secrets = {
        "plans": objects["secret_plan"],
        "actions": objects["secret_action"],
        "recommendations": objects["secret_recommendation"],
        "inspections": objects["secret_inspection"],
        "challenges": objects["secret_challenge"],
        "date-requests": objects["secret_date_request"],
        "target-date-changes": objects["secret_date_change"],
        "judgements": objects["secret_judgement"],
    }
    auditor = bearer(users["auditor"])
    for resource, secret in secrets.items():
        assert secret.pk not in api_ids(api, headers, resource, SCOPE)[0], resource
        assert secret.pk in api_ids(api, auditor, resource, SCOPE)[0], resource  # it exists
    status = api.get(f"/api/v1/plans/{objects['plan'].pk}/status/", **headers).json()
    assert objects["secret_action"].pk not in [row["id"] for row in status["actions"]]
    assert objects["action"].pk in [row["id"] for row in status["actions"]]
