"""Issue 17's whole cycle in one journey: a plan manager adds a meeting of the improvement
board, previews its pack with "since the last meeting" worked out, publishes it, records a
decision and an action arising; the next meeting's pack shows the action arising until it
is closed; a scrutiny member of the board reads the published pack and the follow-ups."""

import datetime as dt

from core import clock
from improvement.models import Plan
from meetings.models import Body, BodyKind, BodyMember, Meeting
from tests.e2e.conftest import assert_no_axe_violations, sign_in
from tests.e2e.test_meetings_journey import _fill_date, _go

BOARD = "Northdale Cycle Board"
FOLLOW_UP = "Bring the return-interview figures by district."


def _board() -> tuple[Body, Plan]:
    """A board over the active plan, with the scrutiny member on it and a meeting a month ago."""
    plan = Plan.objects.filter(status=Plan.State.ACTIVE).order_by("pk").first()
    kind, _ = BodyKind.objects.get_or_create(name="Improvement board")
    body = Body.objects.create(name=BOARD, kind=kind, publishes_packs=True)
    body.plans.add(plan)
    BodyMember.objects.create(body=body, user=_user("scrutiny@example.org"), role="Member")
    today = clock.today()
    Meeting.objects.create(
        body=body, date=today - dt.timedelta(days=30), papers_date=today - dt.timedelta(days=37)
    )
    return body, plan


def _user(email):
    from accounts.models import User

    return User.objects.get(email=email)


def _preview_text(page, meeting_pk, plan) -> str:
    page.goto(f"/meetings/{meeting_pk}/packs/")
    page.get_by_role("link", name=f"preview and publish the pack for {plan.title}").click()
    page.wait_for_load_state()
    return page.locator("main").inner_text()


def test_a_meeting_from_pack_to_follow_up(new_page):
    body, plan = _board()
    today = clock.today()
    manager = new_page()
    sign_in(manager, "manager@example.org")
    manager.goto(f"/bodies/{body.pk}/")
    _go(manager, "Add a meeting")
    held = today - dt.timedelta(days=2)
    _fill_date(manager, "date", held)
    _fill_date(manager, "papers_date", held - dt.timedelta(days=7))
    manager.get_by_role("button", name="Save meeting").click()
    manager.wait_for_load_state()
    meeting = Meeting.objects.get(body=body, date=held)

    # The pack: since the board's last meeting, previewed, then published.
    main = _preview_text(manager, meeting.pk, plan)
    last = (today - dt.timedelta(days=30)).strftime("%-d %B %Y")
    assert "Since the last meeting" in main and last in main
    manager.get_by_role("button", name="Publish").click()
    manager.wait_for_load_state()
    assert "Version 1 of the pack is published" in manager.locator("main").inner_text()

    # At the meeting: a decision and an action arising.
    manager.goto(f"/meetings/{meeting.pk}/")
    _go(manager, "Add a decision")
    manager.get_by_label("Decision").fill("The board noted the pack.")
    manager.get_by_role("button", name="Add decision").click()
    manager.wait_for_load_state()
    _go(manager, "Add an action arising")
    manager.get_by_label("Action arising").fill(FOLLOW_UP)
    manager.get_by_label("Or, the owner's name if they have no account").fill("Head of Service")
    _fill_date(manager, "due_on", today + dt.timedelta(days=14))
    manager.get_by_role("button", name="Add action arising").click()
    manager.wait_for_load_state()

    # The next meeting's pack carries it while it is open.
    upcoming = Meeting.objects.create(
        body=body, date=today + dt.timedelta(days=20), papers_date=today
    )
    assert FOLLOW_UP in _preview_text(manager, upcoming.pk, plan)
    assert_no_axe_violations(manager)

    # A scrutiny member of the board reads the published pack and the follow-ups.
    member = new_page(width=390)
    sign_in(member, "scrutiny@example.org")
    home = member.locator("main").inner_text()
    assert BOARD in home and FOLLOW_UP in home
    member.goto(f"/meetings/{meeting.pk}/packs/")
    member.get_by_role("link", name=f"{plan.title}, version 1").click()
    member.wait_for_load_state()
    assert plan.title in member.locator("main").inner_text()
    assert_no_axe_violations(member)

    # Closed, it leaves the next pack.
    manager.goto(f"/meetings/{meeting.pk}/")
    manager.get_by_role("link", name="Close this action arising").first.click()
    manager.wait_for_load_state()
    _fill_date(manager, "closed_on", today)
    manager.get_by_label("Closing note").fill("Figures circulated to members.")
    manager.get_by_role("button", name="Close action arising").click()
    manager.wait_for_load_state()
    assert FOLLOW_UP not in _preview_text(manager, upcoming.pk, plan)
