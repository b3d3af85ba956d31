"""A plan manager previews the improvement board's meeting pack with "since the last
meeting" worked out, adds a cover note and publishes it; a scrutiny member reads the
published version; anyone reads its public page, which sets no cookie. axe finds no
violation on any of these pages, and none scrolls sideways at 320 px."""

import datetime as dt

from improvement.models import Plan
from meetings.models import Body, BodyKind, Meeting
from tests.e2e.conftest import assert_no_axe_violations, screenshot, sign_in


def _meeting() -> Meeting:
    plan = Plan.objects.filter(status=Plan.State.ACTIVE).order_by("pk").first()
    kind, _ = BodyKind.objects.get_or_create(name="Improvement board")
    body = Body.objects.create(name="Northdale Pack Board", kind=kind, publishes_packs=True)
    body.plans.add(plan)
    today = dt.date.today()
    Meeting.objects.create(
        body=body, date=today - dt.timedelta(days=30), papers_date=today - dt.timedelta(days=37)
    )
    return Meeting.objects.create(body=body, date=today + dt.timedelta(days=5), papers_date=today)


def test_a_meeting_pack_is_previewed_published_and_read(new_page):
    meeting = _meeting()
    plan = meeting.body.plans.get()
    manager = new_page()
    sign_in(manager, "manager@example.org")
    manager.goto(f"/meetings/{meeting.pk}/packs/")
    assert_no_axe_violations(manager)
    manager.get_by_role("link", name=f"preview and publish the pack for {plan.title}").click()
    manager.wait_for_load_state()
    main = manager.locator("main").inner_text()
    since = (meeting.date - dt.timedelta(days=35)).strftime("%-d %B %Y")
    assert "Since the last meeting" in main and since in main
    assert_no_axe_violations(manager)
    manager.get_by_label("Cover note (optional)").fill("The board is asked to note progress.")
    manager.get_by_role("button", name="Preview with this cover note").click()
    manager.wait_for_load_state()
    assert "The board is asked to note progress." in manager.locator(".app-pack-cover").inner_text()
    manager.get_by_role("button", name="Publish").click()
    manager.wait_for_load_state()
    assert "Version 1 of the pack is published" in manager.locator("main").inner_text()
    assert_no_axe_violations(manager)
    screenshot(manager, "meeting-pack-published-1280")
    public_url = manager.get_by_role("link", name="/public/packs/").first.get_attribute("href")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PAPERS_PUBLISHED

    member = new_page()
    sign_in(member, "scrutiny@example.org")
    member.goto(f"/meetings/{meeting.pk}/packs/")
    member.get_by_role("link", name=f"{plan.title}, version 1").click()
    member.wait_for_load_state()
    assert "The board is asked to note progress." in member.locator("main").inner_text()
    assert_no_axe_violations(member)
    member.set_viewport_size({"width": 320, "height": 640})
    assert member.evaluate("document.documentElement.scrollWidth") <= 320  # hashes wrap

    visitor = new_page(width=320, height=640)
    response = visitor.goto(public_url)
    assert response.headers["x-robots-tag"] == "noindex"
    assert plan.title in visitor.locator("main").inner_text()
    assert not visitor.context.cookies()
    assert visitor.evaluate("document.documentElement.scrollWidth") <= 320
    assert_no_axe_violations(visitor)
    screenshot(visitor, "meeting-pack-public-320")
