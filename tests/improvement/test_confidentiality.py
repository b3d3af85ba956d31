"""No confidential item, and no count that includes one, reaches a scrutiny member through
the dashboards, home page, report pack (page, PDF, workbook) or challenges.

Each check is also run for an auditor, who may read confidential items, so a test that
found nothing because nothing was there would fail."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from core import roles
from improvement.models import Action
from improvement.services.actions import progress_update_post
from improvement.services.challenges import challenge_raise
from improvement.status import Status
from tests import factories
from tests.improvement.scrutiny_data import TODAY, at, build_world, d

SECRETS = ["Quokka", "Narwhal", "Walrus", "Ocelot", "Pangolin"]


@pytest.fixture
def world(db, fixed_today):
    """The shared world plus a confidential inspection with a grade, a recommendation, an
    action answering only it (overdue and off track, with a narrative) and a challenge, and a
    plan that answers only the confidential inspection."""
    fixed_today(TODAY)
    world = build_world()
    secret = world.secret_inspection
    secret.title = "Monitoring visit Quokka"
    secret.save()
    factories.JudgementFactory(
        inspection=secret, area=factories.JudgementAreaFactory(name="Area Narwhal"), grade=4
    )
    recommendation = secret.recommendations.get()
    recommendation.text = "Recommendation Walrus"
    recommendation.save()
    action = world.secret_action
    action.description = "Secret action Pangolin"
    action.save()
    progress_update_post(
        action=action,
        author=world.lead,
        narrative="Narrative Ocelot",
        status=Status.OFF_TRACK,
        at=at(d(6, 3)),
    )
    challenge_raise(raised_by=world.auditor, action=action, question="Question Ocelot")
    hidden_plan = factories.PlanFactory(title="Plan Quokka")
    hidden_plan.inspections.add(secret)
    factories.ActionFactory(
        priority=factories.PriorityFactory(plan=hidden_plan),
        description="Hidden plan action Pangolin",
        recommendations=[recommendation],
    )
    world.hidden_plan = hidden_plan
    return world


def pages(world, audience: str = "") -> dict[str, str]:
    """Every page that shows plan data; the committee pack for `audience` (the default is
    the pack for publication, which leaves confidential items out whoever asks)."""
    plan = world.plan.pk
    pack = f"&audience={audience}" if audience else ""
    return {
        "home": reverse("home"),
        "dashboard": reverse("dashboard"),
        "dashboard, past": reverse("dashboard") + "?as_at=2026-05-31&since=2026-04-01",
        "plan dashboard": reverse("plan_dashboard", args=[plan]),
        "report page": reverse("report_pack", args=[plan]) + f"?{pack[1:]}",
        "report page, past": reverse("report_pack", args=[plan]) + "?as_at=2026-06-10" + pack,
        "challenges": reverse("challenge_list"),
    }


def text_of(response) -> str:
    kind = response["Content-Type"]
    if kind == "application/pdf":
        reader = PdfReader(io.BytesIO(response.content))
        return " ".join(page.extract_text() for page in reader.pages)
    if "spreadsheetml" in kind:
        workbook = load_workbook(io.BytesIO(response.content))
        return " ".join(
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    return response.content.decode()


def everything_seen(client, world, audience: str = "") -> dict[str, str]:
    seen = {name: text_of(client.get(url)) for name, url in pages(world, audience).items()}
    query = f"?audience={audience}" if audience else ""
    for name in ("report_pdf", "report_xlsx"):
        seen[name] = text_of(client.get(reverse(name, args=[world.plan.pk]) + query))
    return seen


def test_no_confidential_text_reaches_a_scrutiny_member(world, client):
    client.force_login(world.scrutiny)
    for name, text in everything_seen(client, world).items():
        found = [word for word in SECRETS if word in text]
        assert not found, f"{name} shows {found}"


def test_an_auditor_sees_the_confidential_items_in_the_same_places(world, client):
    client.force_login(world.auditor)
    seen = everything_seen(client, world, audience="restricted")
    assert "Pangolin" in seen["report page"] and "Ocelot" in seen["report page"]
    assert "Ocelot" in seen["report_pdf"] and "Ocelot" in seen["report_xlsx"]
    assert "Narwhal" in seen["dashboard"] and "Quokka" in seen["dashboard"]
    assert "Question Ocelot" in seen["challenges"]


def test_counts_for_a_scrutiny_member_leave_the_confidential_action_out(world, client):
    public = Action.objects.visible_to(world.scrutiny).filter(priority__plan=world.plan)
    everyone = Action.objects.filter(priority__plan=world.plan)
    assert everyone.count() == public.count() + 1
    for user, expected in ((world.scrutiny, public.count()), (world.auditor, everyone.count())):
        client.force_login(user)
        dashboard = client.get(reverse("plan_dashboard", args=[world.plan.pk])).context["data"]
        assert dashboard.breakdown.total.total == expected, (user, "plan_dashboard")
        pack = client.get(reverse("report_pack", args=[world.plan.pk])).context["pack"]
        assert pack.breakdown.total.total == public.count(), (user, "pack for publication")
        if user == world.auditor:
            restricted = reverse("report_pack", args=[world.plan.pk]) + "?audience=restricted"
            pack = client.get(restricted).context["pack"]
            assert pack.breakdown.total.total == expected, (user, "restricted pack")
        trend = client.get(reverse("dashboard")).context["data"].trend
        assert trend[-1].total == (
            Action.objects.visible_to(user).filter(created_at__lt=at(d(6, 1), 0)).count()
        )


def test_off_track_and_overdue_counts_exclude_the_confidential_action(world, client):
    client.force_login(world.scrutiny)
    scrutiny_total = client.get(reverse("dashboard")).context["data"].breakdown.total
    client.force_login(world.auditor)
    auditor_total = client.get(reverse("dashboard")).context["data"].breakdown.total
    # Both secret actions are past their dates (so off track): the figures differ by them.
    secret = Action.objects.exclude(pk__in=Action.objects.visible_to(world.scrutiny)).count()
    assert secret == 2
    assert auditor_total.counts[Status.OFF_TRACK] - scrutiny_total.counts[Status.OFF_TRACK] == 2
    assert auditor_total.total - scrutiny_total.total == secret
    assert auditor_total.overdue - scrutiny_total.overdue == 2


def test_recommendation_and_journey_figures_leave_confidential_sources_out(world, client):
    client.force_login(world.scrutiny)
    data = client.get(reverse("dashboard")).context["data"]
    assert [r.title for r in data.recommendations.by_inspection] == ["Public inspection"]
    assert data.recommendations.total == world.inspection.recommendations.count()
    assert data.journey.rows == []


def test_a_plan_answering_only_a_confidential_inspection_is_hidden(world, client):
    client.force_login(world.scrutiny)
    for name in ("plan_dashboard", "report_pack", "report_pdf", "report_xlsx"):
        assert client.get(reverse(name, args=[world.hidden_plan.pk])).status_code == 404, name
    plans = client.get(reverse("dashboard")).context["data"].plans
    assert world.hidden_plan not in plans
    client.force_login(world.auditor)
    assert client.get(reverse("plan_dashboard", args=[world.hidden_plan.pk])).status_code == 200


def test_a_scrutiny_member_cannot_raise_a_challenge_on_a_hidden_item(world, client):
    client.force_login(world.scrutiny)
    action = world.secret_action
    recommendation = world.secret_inspection.recommendations.get()
    assert client.get(reverse("challenge_raise_action", args=[action.pk])).status_code == 404
    assert (
        client.post(
            reverse("challenge_raise_recommendation", args=[recommendation.pk]), {"question": "?"}
        ).status_code
        == 404
    )


def test_a_challenge_on_a_hidden_item_cannot_be_closed_by_scrutiny(world, client):
    member = factories.UserFactory(roles=[roles.SCRUTINY])
    challenge = world.secret_action.challenges.get()
    challenge.raised_by = member  # raised before the inspection was marked confidential
    challenge.save()
    client.force_login(member)
    assert client.post(reverse("challenge_close", args=[challenge.pk])).status_code == 404
    assert "Question Ocelot" not in client.get(reverse("challenge_list")).content.decode()
