"""The officer's work tray: which actions, in which group, in what order, in fixed queries."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from core import roles
from improvement.models import Action, ProgressUpdate
from improvement.selectors.tray import work_tray
from improvement.status import Status
from tests import factories
from tests.queries import count_queries

TODAY = dt.date(2026, 6, 15)


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def led(officer, *, target, status=Status.ON_TRACK, last_update=TODAY, **kwargs):
    return factories.ActionFactory(
        leads=[officer],
        target_date=target,
        declared_status=status,
        last_update_at=at(last_update) if last_update else None,
        **kwargs,
    )


def keys(tray, key) -> list[int]:
    return [row.action.pk for row in tray.group(key).rows]


@pytest.fixture
def today(fixed_today):
    return fixed_today(TODAY)


def test_actions_fall_into_groups_by_urgency(db, officer, today):
    very_late = led(officer, target=dt.date(2026, 5, 1))
    late = led(officer, target=dt.date(2026, 6, 14), status=Status.AT_RISK)
    due_today = led(officer, target=TODAY)
    due_later = led(officer, target=dt.date(2026, 7, 15))  # 30 days: still "due soon"
    later = led(officer, target=dt.date(2026, 7, 16))
    stale = led(officer, target=dt.date(2026, 9, 1), last_update=dt.date(2026, 5, 1))
    done = led(officer, target=dt.date(2026, 5, 1), status=Status.COMPLETE)
    stale_and_late = led(officer, target=dt.date(2026, 6, 1), last_update=dt.date(2026, 4, 1))
    tray = work_tray(officer)
    assert keys(tray, "overdue") == [very_late.pk, stale_and_late.pk, late.pk]
    assert keys(tray, "due_soon") == [due_today.pk, due_later.pk]
    # An action fitting two groups is listed once, in the more urgent (overdue).
    assert keys(tray, "stale") == [stale.pk]
    assert keys(tray, "others") == [done.pk, later.pk]
    assert tray.total == 8
    assert sum(len(group.rows) for group in tray.groups) == 8


def test_an_action_due_soon_and_not_updated_is_listed_once_as_due_soon(db, officer, today):
    both = led(officer, target=dt.date(2026, 6, 20), last_update=dt.date(2026, 4, 1))
    tray = work_tray(officer)
    assert keys(tray, "due_soon") == [both.pk]
    assert keys(tray, "stale") == []


def stale_box_and_group(client, officer) -> tuple[int, str]:
    """The summary's "not updated on time" count, and the text of that group's section."""
    client.force_login(officer)
    html = client.get(reverse("home")).content.decode()
    box = re.search(
        r'app-stat__value">(\d+)</span>\s*<span class="app-stat__label">not updated on time', html
    )
    stale = html[html.index('id="tray-stale"') : html.index('id="tray-challenges"')]
    return int(box.group(1)), stale


def test_actions_not_updated_listed_as_more_urgent_are_still_counted_and_pointed_to(
    client, db, officer, today
):
    """Listed once, in the more urgent group, but an officer whose overdue and due-soon
    actions carry the "Not updated on time" tag is not told that none are late with news."""
    led(officer, target=dt.date(2026, 6, 1), last_update=dt.date(2026, 4, 1))  # overdue
    led(officer, target=dt.date(2026, 6, 20), last_update=dt.date(2026, 4, 1))  # due soon
    tray = work_tray(officer)
    assert (len(tray.group("stale").rows), tray.stale_above, tray.stale_total) == (0, 2, 2)
    box, stale = stale_box_and_group(client, officer)
    assert box == 2
    assert "None besides the 2 listed above as overdue or due soon." in stale

    led(officer, target=dt.date(2026, 9, 1), last_update=dt.date(2026, 4, 1))  # only stale
    box, stale = stale_box_and_group(client, officer)
    assert box == 3
    assert "(1)" in stale
    assert "And 2 more listed above as overdue or due soon." in stale


def test_no_note_when_no_action_above_is_late_with_an_update(client, db, officer, today):
    led(officer, target=dt.date(2026, 6, 1))  # overdue, updated today
    led(officer, target=dt.date(2026, 9, 1), last_update=dt.date(2026, 4, 1))
    box, stale = stale_box_and_group(client, officer)
    assert "listed above" not in stale
    assert box == 1


@pytest.mark.parametrize("state", ["draft", "closed"])
def test_the_tray_leaves_out_actions_of_draft_and_closed_plans(db, officer, today, state):
    live = led(officer, target=dt.date(2026, 5, 1))
    led(
        officer,
        target=dt.date(2026, 5, 1),
        priority=factories.PriorityFactory(plan=factories.PlanFactory(status=state)),
    )
    tray = work_tray(officer)
    assert keys(tray, "overdue") == [live.pk]
    assert tray.total == 1


def test_rows_say_how_late_or_how_soon(db, officer, today):
    led(officer, target=dt.date(2026, 6, 14))
    led(officer, target=dt.date(2026, 6, 5))
    led(officer, target=TODAY)
    led(officer, target=dt.date(2026, 6, 16))
    led(officer, target=dt.date(2026, 6, 25))
    led(officer, target=None)
    tray = work_tray(officer)
    assert [row.when for row in tray.group("overdue").rows] == ["10 days overdue", "1 day overdue"]
    assert [row.when for row in tray.group("due_soon").rows] == [
        "due today",
        "due in 1 day",
        "due in 10 days",
    ]
    assert [row.when for row in tray.group("others").rows] == [""]


def test_the_tray_holds_actions_led_by_name_or_through_a_team_and_no_others(db, today):
    team = factories.TeamFactory()
    officer = factories.UserFactory(roles=[roles.OFFICER], teams=[team])
    mine = factories.ActionFactory(leads=[officer])
    my_teams = factories.ActionFactory(lead_team=team)
    both = factories.ActionFactory(leads=[officer, factories.UserFactory()], lead_team=team)
    factories.ActionFactory(leads=[factories.UserFactory()])
    factories.ActionFactory(lead_team=factories.TeamFactory())
    tray = work_tray(officer)
    held = {row.action.pk for group in tray.groups for row in group.rows}
    assert held == {mine.pk, my_teams.pk, both.pk}
    overdue = keys(tray, "overdue")
    assert sorted(overdue) == sorted(set(overdue))  # led twice over, listed once
    assert tray.total == 3


def test_open_challenges_on_my_actions_await_my_answer(db, officer, today):
    action = led(officer, target=dt.date(2026, 9, 1))
    waiting = factories.ChallengeFactory(action=action, raised_at=at(dt.date(2026, 6, 1)))
    older = factories.ChallengeFactory(action=action, raised_at=at(dt.date(2026, 5, 1)))
    factories.ChallengeFactory(action=action, state="answered", answer="Done")
    factories.ChallengeFactory(action=factories.ActionFactory())
    assert work_tray(officer).challenges == [older, waiting]


def test_the_home_page_shows_the_tray_with_counts_links_and_labels(client, db, officer, today):
    late = led(officer, target=dt.date(2026, 6, 5), status=Status.AT_RISK)
    led(officer, target=dt.date(2026, 6, 20), last_update=dt.date(2026, 4, 1))
    challenge = factories.ChallengeFactory(action=late, question="When will it be done?")
    client.force_login(officer)
    html = client.get(reverse("home")).content.decode()
    assert "Your actions" in html
    counts = html[html.index("Summary of your actions") : html.index('id="tray-overdue"')]
    assert ">1</span>" in counts and "overdue" in counts
    assert "due in the next 30 days" in counts and "not updated on time" in counts
    assert "challenge to answer" in counts
    assert late.reference in html and late.title in html and late.priority.plan.title in html
    assert "5 June 2026" in html and "10 days overdue" in html
    assert "At risk" in html  # status with its text label
    assert "1 April 2026" in html  # last update date
    assert reverse("progress_update_create", args=[late.pk]) in html
    assert reverse("challenge_answer", args=[challenge.pk]) in html
    assert "When will it be done?" in html


def test_an_officer_with_no_actions_is_told_so(client, db, officer):
    client.force_login(officer)
    assert "You do not lead any actions yet" in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize("role", [roles.PLAN_MANAGER, roles.SCRUTINY, roles.AUDITOR])
def test_other_roles_have_no_work_tray(client, db, role):
    client.force_login(factories.UserFactory(roles=[role]))
    assert 'id="work-tray"' not in client.get(reverse("home")).content.decode()


# Query count ----------------------------------------------------------------------------


def _give_actions(officer, count: int, updates_each: int):
    plan = factories.PlanFactory()
    priority = factories.PriorityFactory(plan=plan)
    actions = Action.objects.bulk_create(
        Action(
            priority=priority,
            order=n + 1,
            description=f"Action {n}",
            target_date=TODAY + dt.timedelta(days=n * 3 - 60),
            original_target_date=TODAY,
            created_at=at(dt.date(2026, 1, 1)),
            declared_status=Status.ON_TRACK,
            last_update_at=at(TODAY - dt.timedelta(days=n)),
        )
        for n in range(count)
    )
    Action.lead_officers.through.objects.bulk_create(
        Action.lead_officers.through(action=action, user=officer) for action in actions
    )
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            action=action,
            author=officer,
            narrative=f"Update {n}",
            status=Status.ON_TRACK,
            created_at=at(dt.date(2026, 1, 1)) + dt.timedelta(days=n),
        )
        for action in actions
        for n in range(updates_each)
    )
    for action in actions[:3]:
        factories.ChallengeFactory(action=action)


def _home_queries(client, user) -> int:
    client.force_login(user)
    client.get(reverse("home"))  # warm the session

    def home():
        assert client.get(reverse("home")).status_code == 200

    return count_queries(home)


def test_tray_query_count_is_the_same_for_3_and_60_actions_with_30_updates(client, db, today):
    few = factories.UserFactory(roles=[roles.OFFICER])
    many = factories.UserFactory(roles=[roles.OFFICER])
    _give_actions(few, 3, 1)
    _give_actions(many, 60, 30)
    assert ProgressUpdate.objects.filter(author=many).count() == 1800
    assert len(work_tray(many).group("overdue").rows) > 10
    # Roles, plan cycles, actions, challenges.
    assert 3 <= count_queries(lambda: work_tray(many)) <= 5
    assert _home_queries(client, few) == _home_queries(client, many)
