"""Walks every URL pattern for every role against the table in tests/url_table.py."""

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core import roles
from tests import factories
from tests.api.helpers import bearer
from tests.url_table import ALLOWED, LOGIN, ROLES, ROWS


def named_patterns(resolver=None, namespace="") -> set[str]:
    """Every URL name in the project, skipping Django admin (covered by its own test)."""
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= named_patterns(pattern, prefix)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"URL {pattern.pattern} has no name, so no permission row"
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_has_a_row_in_the_table():
    missing = named_patterns() - {row.url for row in ROWS}
    assert not missing, f"Add these URLs to tests/url_table.py: {sorted(missing)}"


def test_table_names_only_real_urls():
    unknown = {row.url for row in ROWS} - named_patterns()
    assert not unknown, f"Rows for URLs that do not exist: {sorted(unknown)}"


def _file_evidence(update):
    """A stored PDF, so evidence downloads can answer 200."""
    return factories.EvidenceFactory(
        update=update,
        link="",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="report.pdf"),
        original_name="report.pdf",
        content_type="application/pdf",
    )


@pytest.fixture
def world(db):
    """The objects URL arguments refer to, and a user per role."""
    return build_world()


def build_world():
    """The objects URL arguments refer to, and a user per role (also used by the browser's
    reflow test, tests/e2e/test_reflow.py)."""
    lead = factories.UserFactory(roles=[roles.OFFICER])
    public_inspection = factories.InspectionFactory()
    secret_inspection = factories.InspectionFactory(is_confidential=True)
    recommendation = factories.RecommendationFactory(inspection=public_inspection)
    secret_recommendation = factories.RecommendationFactory(inspection=secret_inspection)
    action = factories.ActionFactory(leads=[lead], recommendations=[recommendation])
    secret_action = factories.ActionFactory(
        priority=action.priority, leads=[lead], recommendations=[secret_recommendation]
    )
    update = factories.ProgressUpdateFactory(action=action, author=lead)
    objects = {
        "uid": "MQ",
        "token": "not-a-token",
        "plan": action.priority.plan,
        "secret_plan": _secret_plan(secret_inspection),
        "priority": action.priority,
        "action": action,
        "secret_action": secret_action,
        "inspection": public_inspection,
        "secret_inspection": secret_inspection,
        "recommendation": recommendation,
        "secret_recommendation": secret_recommendation,
        "update": update,
        "evidence": factories.EvidenceFactory(update=update),
        "secret_evidence": factories.EvidenceFactory(
            update=factories.ProgressUpdateFactory(action=secret_action, author=lead)
        ),
        "file_evidence": _file_evidence(update),
        "secret_file_evidence": _file_evidence(
            factories.ProgressUpdateFactory(action=secret_action, author=lead)
        ),
        "challenge": factories.ChallengeFactory(action=action),
        "measure": (
            measure := factories.MeasureFactory(lead_user=lead, actions=[action, secret_action])
        ),
        "measure_challenge": factories.MeasureChallengeFactory(measure=measure),
        "measure_value": factories.MeasureValueFactory(measure=measure),
        "target": factories.TargetFactory(measure=measure),
        "secret_challenge": factories.ChallengeFactory(action=secret_action),
        "date_request": factories.DateChangeRequestFactory(action=action, requested_by=lead),
        "secret_date_request": factories.DateChangeRequestFactory(
            action=secret_action, requested_by=lead
        ),
        "date_change": factories.TargetDateChangeFactory(action=action),
        "secret_date_change": factories.TargetDateChangeFactory(action=secret_action),
        "judgement": factories.JudgementFactory(inspection=public_inspection),
        "secret_judgement": factories.JudgementFactory(inspection=secret_inspection),
        "api_token": factories.ApiTokenFactory(user=lead),
    }
    users = {
        "anonymous": None,
        "lead": lead,
        "officer": factories.UserFactory(roles=[roles.OFFICER]),
        "manager": factories.UserFactory(roles=[roles.PLAN_MANAGER]),
        "scrutiny": factories.UserFactory(roles=[roles.SCRUTINY]),
        "auditor": factories.UserFactory(roles=[roles.AUDITOR]),
        "admin": factories.UserFactory(is_staff=True, is_superuser=True),
    }
    objects.update(_jobs(users["manager"]))
    objects.update(_plan_versions(objects, users))
    objects.update(_meetings(users, action=action))
    objects.update(_packs(objects["plan"]))
    return objects, users


def _plan_versions(objects, users) -> dict:
    """A version of each plan awaiting sign-off by the (non-lead) officer."""
    from improvement.services.sign_off import version_submit

    return {
        name: version_submit(
            plan=objects[plan],
            title="Version for cabinet",
            approvers=[users["officer"]],
            submitted_by=users["manager"],
        )
        for name, plan in (("plan_version", "plan"), ("secret_plan_version", "secret_plan"))
    }


def _jobs(owner) -> dict:
    """The manager's finished export (with its file) and a failed one (jobs/)."""
    from django.core.files.base import ContentFile

    from jobs.models import Job

    kind, params = "improvement.action_export", {"format": "csv", "query": ""}
    finished = Job(owner=owner, kind=kind, title="Done", params=params, status="finished")
    finished.file.save("done.csv", ContentFile(b"a\r\n"), save=False)
    finished.filename = "done.csv"
    finished.save()
    failed = Job.objects.create(
        owner=owner, kind=kind, title="Failed", params=params, status="failed"
    )
    return {"manager_job": finished, "manager_failed_job": failed}


def _meetings(users, *, action) -> dict:
    """A body with the scrutiny member (whose feed token opens its calendar), one member
    without an account, a meeting, and an action arising the lead owns (meetings/)."""
    from meetings import calendar, services

    body = factories.BodyFactory()
    member = factories.BodyMemberFactory(body=body, user=users["scrutiny"])
    gone = factories.BodyMemberFactory(body=body, user=users["lead"])
    revoked = calendar.feed_token(gone)
    services.calendar_address_renew(member=gone)
    meeting = factories.MeetingFactory(body=body)
    meeting.challenges.add(factories.ChallengeFactory(action=action))
    return {
        "body": body,
        "body_member": factories.BodyMemberFactory(body=body, user=None, name="Cllr Test"),
        "meeting": meeting,
        "action_arising": factories.ActionArisingFactory(meeting=meeting, owner=users["lead"]),
        "feed_token": calendar.feed_token(member),
        "revoked_feed_token": revoked,
    }


def _packs(plan) -> dict:
    """A meeting of a body over `plan` that publishes packs, with a published version; a
    version of a body that does not publish, and a withdrawn one (meetings/)."""
    from django.utils import timezone

    body = factories.BodyFactory(publishes_packs=True)
    body.plans.add(plan)
    meeting = factories.MeetingFactory(body=body)
    pack = factories.PublishedPackFactory(meeting=meeting, plan=plan)
    private = factories.PublishedPackFactory(plan=plan)
    withdrawn = factories.PublishedPackFactory(
        meeting=meeting, plan=plan, version=2, withdrawn_at=timezone.now()
    )
    return {
        "pack_meeting": meeting,
        "pack": pack,
        "public_pack": str(pack.uuid),
        "private_pack": str(private.uuid),
        "withdrawn_pack": str(withdrawn.uuid),
    }


def _secret_plan(inspection):
    """A plan answering only a confidential inspection (hidden from scrutiny members)."""
    plan = factories.PlanFactory()
    plan.inspections.add(inspection)
    return plan


def url_for(row, objects) -> str:
    args = [getattr(objects[name], "pk", objects[name]) for name in row.args]
    url = reverse(row.url, args=args)
    return f"{url}?{row.query}" if row.query else url


def matches(expected, response) -> bool:
    location = response.get("Location", "")
    if expected == LOGIN:
        return response.status_code == 302 and location.startswith(reverse("login"))
    if expected == ALLOWED:
        signed_out = response.status_code == 302 and location.startswith(reverse("login"))
        return response.status_code not in (403, 404) and not signed_out
    return response.status_code == expected


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r.method}-{r.url}-{'-'.join(r.args)}")
def test_each_role_gets_the_expected_answer(row, world, client):
    objects, users = world
    url = url_for(row, objects)
    wrong = []
    for role in ROLES:
        client.logout()
        headers = {}
        if users[role] and row.auth == "token":
            headers = bearer(users[role])
        elif users[role]:
            client.force_login(users[role])
        response = getattr(client, row.method)(url, row.data, **headers)
        if not matches(row.expect[role], response):
            wrong.append(f"{role}: expected {row.expect[role]}, got {response.status_code}")
    assert not wrong, f"{row.method.upper()} {url}\n" + "\n".join(wrong)


@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_reach_django_admin(role, world, client):
    _, users = world
    if users[role]:
        client.force_login(users[role])
    response = client.get(reverse("admin:index"))
    if role == "admin":
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert reverse("admin:login") in response["Location"]
