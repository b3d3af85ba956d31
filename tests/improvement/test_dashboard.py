"""The dashboard's figures against counts worked out independently from the data."""

import datetime as dt
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.http import QueryDict
from django.urls import reverse

from core import roles
from improvement import charts, periods
from improvement.filters import filtered_actions
from improvement.models import Action, Plan, Priority, ProgressUpdate, TargetDateChange
from improvement.recommendation_status import status_of
from improvement.selectors.dashboard.as_at import declared_between
from improvement.selectors.dashboard.counts import headline
from improvement.selectors.dashboard.page import dashboard
from improvement.selectors.dashboard.trend import month_ends
from improvement.status import DASHBOARD_ORDER, Status
from improvement.templatetags.figures import list_url
from tests import factories
from tests.improvement.scrutiny_data import (
    PAST,
    SINCE,
    TODAY,
    at,
    build_world,
    expected,
    replay,
    visible,
)
from tests.queries import assert_flat_queries


@pytest.fixture
def world(db, fixed_today):
    fixed_today(TODAY)
    return build_world()


def figures(row) -> dict:
    return {figure.status: figure.count for figure in row.figures}


def assert_row_matches(row, counter):
    assert figures(row) == {s: counter[s] for s in Status.values}, row.label
    assert (row.overdue, row.stale) == (counter["overdue"], counter["stale"]), row.label


# Figures today and as at a past date --------------------------------------------------


def test_plan_figures_today_equal_the_python_rules(world):
    data = dashboard(world.scrutiny, plan=world.plan, day=TODAY, since=SINCE)
    mine = [a for a in visible(world) if a.priority.plan_id == world.plan.pk]
    groups, total = expected(mine, TODAY, today=True)
    assert [row.label for row in data.breakdown.rows] == ["1. Front door", "2. Children in care"]
    for priority, row in zip(world.priorities[:2], data.breakdown.rows, strict=True):
        assert_row_matches(row, groups[priority.pk])
    assert_row_matches(data.breakdown.total, total)
    # The hand-checked story behind the data, so the replay itself is checked too.
    assert total[Status.OFF_TRACK] == 4  # a1 declared, a5 overdue, a11 and a12 declared
    assert total["overdue"] == 1 and total[Status.VERIFIED] == 2


def test_figures_as_at_a_past_date_ignore_later_updates_and_date_changes(world):
    data = dashboard(world.scrutiny, plan=world.plan, day=PAST, since=PAST - dt.timedelta(30))
    mine = [a for a in visible(world) if a.priority.plan_id == world.plan.pk]
    groups, total = expected(mine, PAST, today=False)
    for priority, row in zip(world.priorities[:2], data.breakdown.rows, strict=True):
        assert_row_matches(row, groups[priority.pk])
    assert_row_matches(data.breakdown.total, total)
    actions = world.actions
    # a2 was overdue then (its date moved in April); a10 was overdue on its first revised
    # date; a6 did not exist; the update at 23:30 on PAST counts, the one at 00:30 does not.
    assert replay(actions["a2"], PAST).effective == Status.OFF_TRACK
    assert replay(actions["a10"], PAST).overdue
    assert not replay(actions["a6"], PAST).exists
    assert replay(actions["a11"], PAST).status == Status.OFF_TRACK
    assert replay(actions["a12"], PAST).status == Status.NOT_STARTED
    assert total[Status.OFF_TRACK] == 3  # a2 and a10 overdue, a11 declared
    assert data.breakdown.total.total == 10  # eleven actions in the plan, a6 not yet made


def test_all_plans_dashboard_has_a_row_per_plan_and_the_same_totals(world):
    data = dashboard(world.scrutiny, plan=None, day=TODAY, since=SINCE)
    groups, total = expected(visible(world), TODAY, today=True, key=lambda a: a.priority.plan_id)
    rows = {row.label: row for row in data.breakdown.rows}
    assert set(rows) == {"Main plan", "Partnership plan"}
    assert_row_matches(rows["Main plan"], groups[world.plan.pk])
    assert_row_matches(rows["Partnership plan"], groups[world.other_plan.pk])
    assert_row_matches(data.breakdown.total, total)


def test_overdue_and_stale_lists_are_the_flagged_actions(world):
    data = dashboard(world.scrutiny, plan=None, day=TODAY, since=SINCE)
    states = {a.pk: (a, a.is_overdue(TODAY), a.is_stale(TODAY)) for a in visible(world)}
    overdue = sorted((a for a, late, _ in states.values() if late), key=lambda a: a.target_date)
    assert [a.pk for a in data.overdue.actions] == [a.pk for a in overdue]
    assert {a.pk for a in data.stale.actions} == {a.pk for a, _, s in states.values() if s}
    assert data.overdue.actions[0].lead_display == "Lena Lead"


def test_overdue_and_stale_lists_as_at_a_past_day_are_the_flagged_actions_then(world):
    data = dashboard(world.scrutiny, plan=None, day=PAST, since=PAST - dt.timedelta(30))
    states = {a: replay(a, PAST) for a in visible(world)}
    overdue = sorted(
        (a for a, then in states.items() if then.exists and then.overdue),
        key=lambda a: (states[a].target, a.priority.number, a.order),
    )
    assert overdue, "the world has actions overdue on the past day"
    assert [a.pk for a in data.overdue.actions] == [a.pk for a in overdue]
    assert [(a.st, a.tg) for a in data.overdue.actions] == [
        (states[a].status, states[a].target) for a in overdue
    ]
    stale = {a.pk for a, then in states.items() if then.exists and then.stale}
    assert {a.pk for a in data.stale.actions} == stale


def test_a_past_days_lists_hold_the_first_ten_in_order_and_count_them_all(db, fixed_today):
    fixed_today(TODAY)
    plan = factories.PlanFactory(update_cycle_days=30)
    priority = factories.PriorityFactory(plan=plan, number=1)
    # Thirteen actions never updated: on PAST all overdue and all stale. Targets run one
    # way and creation times the other, so the two lists are in different orders.
    actions = [
        factories.ActionFactory(
            priority=priority,
            order=i,
            original_target_date=dt.date(2026, 1, 1) + dt.timedelta(days=i),
            target_date=dt.date(2026, 1, 1) + dt.timedelta(days=i),
            created_at=factories.moment(dt.date(2025, 12, 31) - dt.timedelta(days=i)),
        )
        for i in range(13)
    ]
    user = factories.UserFactory(roles=[roles.PLAN_MANAGER])

    data = dashboard(user, plan=plan, day=PAST, since=PAST - dt.timedelta(30))

    assert [a.pk for a in data.overdue.actions] == [a.pk for a in actions[:10]]
    assert [a.pk for a in data.stale.actions] == [a.pk for a in actions[::-1][:10]]
    assert (data.overdue.total, data.stale.total) == (13, 13)
    assert (data.overdue.more, data.stale.more) == (3, 3)


def test_completed_and_verified_since_count_declarations_in_the_window(world):
    data = dashboard(world.scrutiny, plan=world.plan, day=TODAY, since=SINCE)
    window_start = dt.datetime.combine(
        SINCE + dt.timedelta(1), dt.time.min, tzinfo=at(TODAY).tzinfo
    )
    declared = {Status.COMPLETE: set(), Status.VERIFIED: set()}
    for update in ProgressUpdate.objects.filter(action__priority__plan=world.plan):
        if update.status in declared and update.created_at >= window_start:
            declared[update.status].add(update.action_id)
    assert data.breakdown.total.completed == len(declared[Status.COMPLETE]) == 2
    assert data.breakdown.total.verified == len(declared[Status.VERIFIED]) == 1
    assert {a.pk for a in data.completed} == declared[Status.COMPLETE] | declared[Status.VERIFIED]


def test_declarations_are_read_unordered(world):
    """The counts search these action ids by key, so order is wasted work: with the updates'
    own ordering (latest first), PostgreSQL sorted them and read each from the table rather
    than from the (status, time, action) index alone."""
    declared = declared_between([Status.COMPLETE, Status.VERIFIED], SINCE, TODAY)
    assert "ORDER BY" not in str(declared.query)
    assert len(declared) == 3  # the window's completions and verification, as above


def test_the_page_says_how_many_were_completed_and_verified_since_the_date(world, client):
    client.force_login(world.scrutiny)
    html = client.get(reverse("plan_dashboard", args=[world.plan.pk])).content.decode()
    assert "Completed and verified since 16 May 2026" in html
    assert "<strong>2</strong> actions declared complete and <strong>1</strong> verified" in html


def test_trend_counts_each_month_end_by_replaying_the_records(world):
    data = dashboard(world.scrutiny, plan=None, day=TODAY, since=SINCE)
    days = [dt.date(2025, m, 1) for m in range(7, 13)] + [dt.date(2026, m, 1) for m in range(1, 7)]
    month_end = [day - dt.timedelta(days=1) for day in days]  # 30 June 2025 to 31 May 2026
    assert [point.day for point in data.trend] == month_end
    assert month_ends(dt.date(2026, 5, 31))[-1] == dt.date(2026, 5, 31)
    for point in data.trend:
        _, total = expected(visible(world), point.day, today=False)
        assert point.counts == {s: total[s] for s in Status.values}, point.day
    assert data.trend[-1].counts[Status.COMPLETE] == 2  # a3 and a13 at the end of May


def test_each_figure_links_to_an_action_list_showing_that_many_actions(world):
    data = dashboard(world.scrutiny, plan=world.plan, day=TODAY, since=SINCE)
    rows = [*data.breakdown.rows, data.breakdown.total]
    links = [(list_url("action_list", f.filters), f.count) for row in rows for f in row.figures]
    links += [(list_url("action_list", row.filters), row.total) for row in rows]
    links += [
        (list_url("action_list", data.overdue.filters), data.overdue.total),
        (list_url("action_list", data.stale.filters), data.stale.total),
    ]
    for url, count in links:
        parts = urlsplit(url)
        assert parts.path == reverse("action_list")
        found = filtered_actions(world.scrutiny, QueryDict(parts.query)).qs.count()
        assert found == count, url


def test_recommendation_figures_equal_the_derived_status_of_each(world):
    data = dashboard(world.scrutiny, plan=None, day=TODAY, since=SINCE)
    public = [r for r in world.inspection.recommendations.all()]
    expected_counts = {}
    for recommendation in public:
        expected_counts[status_of(recommendation)] = (
            expected_counts.get(status_of(recommendation), 0) + 1
        )
    (row,) = data.recommendations.by_inspection
    assert row.title == "Public inspection"
    assert {s: n for s, n in row.counts.items() if n} == expected_counts
    assert data.recommendations.total == len(public)


def test_inspection_journey_lists_every_grade_by_area_over_time(world):
    leaders = factories.JudgementAreaFactory(name="Leaders", order=1)
    care = factories.JudgementAreaFactory(name="Children in care", order=2)
    earlier = factories.InspectionFactory(title="Earlier", start_date=dt.date(2022, 3, 1))
    factories.JudgementFactory(inspection=earlier, area=leaders, grade=4)
    factories.JudgementFactory(inspection=world.inspection, area=leaders, grade=3)
    factories.JudgementFactory(inspection=world.inspection, area=care, grade=2)
    journey = dashboard(world.scrutiny, plan=None, day=TODAY, since=SINCE).journey
    assert [i.title for i in journey.inspections] == ["Earlier", "Public inspection"]
    grid = {row.area: [cell.label for cell in row.cells] for row in journey.rows}
    assert grid == {
        "Leaders": ["Inadequate", "Requires improvement to be good"],
        "Children in care": ["", "Good"],
    }


def test_scrutiny_home_shows_the_headline_figures_and_the_way_to_the_dashboard(world, client):
    client.force_login(world.scrutiny)
    response = client.get(reverse("home"))
    _, total = expected(visible(world), TODAY, today=True, key=lambda a: 0)
    assert response.status_code == 200
    assert figures(headline(world.scrutiny).total) == {s: total[s] for s in Status.values}
    html = response.content.decode()
    assert reverse("dashboard") in html
    assert f'{total[Status.OFF_TRACK]}<span class="govuk-visually-hidden"> off track' in html


# The page -----------------------------------------------------------------------------


def test_dashboard_page_shows_the_figures_with_charts_tables_and_words(world, client):
    client.force_login(world.scrutiny)
    response = client.get(reverse("plan_dashboard", args=[world.plan.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('role="img"') == 2  # status bars and trend; no grades, so no journey
    for chart_id in ("status-chart", "trend-chart"):
        assert f'aria-labelledby="{chart_id}-title {chart_id}-desc"' in html
        assert f'<desc id="{chart_id}-desc">' in html
    assert " style=" not in html  # the CSP forbids inline styles
    assert "<caption" in html and "Number and share of actions by status" in html
    for status in DASHBOARD_ORDER:  # every colour in the key has its words
        assert f"app-fill--{status}" not in html or Status(status).label in html


def test_a_past_date_shows_past_figures_without_links(world, client):
    client.force_login(world.scrutiny)
    response = client.get(
        reverse("plan_dashboard", args=[world.plan.pk]),
        {"as_at": "2026-03-31", "since": "2026-03-01"},
    )
    assert response.context["data"].day == PAST
    assert response.context["linked"] is False
    assert "Status as at <strong>31 March 2026</strong>" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"as_at": "31/02/2026"}, "The &#x27;status as at&#x27; date must be a real date"),
        ({"as_at": "not a date"}, "The &#x27;status as at&#x27; date must be a real date"),
        ({"as_at_0": "31", "as_at_2": "2026"}, "date must include a month"),
        ({"as_at": "2030-01-01"}, "Enter a date that is today or in the past"),
        ({"since": "2026-07-01"}, "Enter a date before the &#x27;status as at&#x27; date"),
    ],
)
def test_a_bad_date_gets_a_message_beside_the_field_not_a_500(world, client, query, message):
    client.force_login(world.scrutiny)
    response = client.get(reverse("dashboard"), query)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and message in html
    assert response.context["data"].day == TODAY  # the figures fall back to today


def test_plan_dashboard_answers_404_for_a_plan_that_does_not_exist(world, client):
    client.force_login(world.scrutiny)
    assert client.get(reverse("plan_dashboard", args=[99999])).status_code == 404


# Charts -------------------------------------------------------------------------------


def test_bar_chart_widths_are_the_shares_and_every_segment_has_words():
    class Row:
        label = "Priority 1"
        counts = dict.fromkeys(Status.values, 0) | {"off_track": 1, "on_track": 3}
        total = 4

    chart = charts.status_bars("c", "Title", [Row()])
    (bar,) = chart.bars
    assert [(s.status, s.width) for s in bar.segments] == [
        ("off_track", 200.0),
        ("on_track", 600.0),
    ]
    assert chart.legend == [("off_track", "Off track"), ("on_track", "On track")]
    assert "1 off track" in chart.description and "3 on track" in chart.description


# Query counts -------------------------------------------------------------------------


def bulk_plan(size: int) -> Plan:
    """A plan of `size` actions with updates, date changes and leads, made in bulk."""
    lead = factories.UserFactory(roles=[roles.OFFICER])
    recommendation = factories.RecommendationFactory()
    plan = factories.PlanFactory()
    plan.inspections.add(recommendation.inspection)
    priorities = [factories.PriorityFactory(plan=plan, number=n) for n in range(1, 5)]
    statuses = [Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.COMPLETE]
    actions = Action.objects.bulk_create(
        Action(
            priority=priorities[i % 4],
            order=i + 1,
            description=f"Bulk action {i}",
            original_target_date=dt.date(2026, 1 + i % 12, 10),
            target_date=dt.date(2026, 1 + i % 12, 10),
            declared_status=statuses[i % 4],
            last_update_at=at(dt.date(2026, 1 + i % 5, 3)),
            created_at=at(dt.date(2025, 10, 1)),
        )
        for i in range(size)
    )
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            action=a,
            author=lead,
            narrative="Bulk",
            status=statuses[i % 4],
            created_at=at(dt.date(2026, 1 + i % 5, 3)),
        )
        for i, a in enumerate(actions)
    )
    TargetDateChange.objects.bulk_create(
        TargetDateChange(
            action=a,
            old_date=a.target_date,
            new_date=a.target_date,
            reason="Bulk",
            changed_at=at(dt.date(2026, 2, 1)),
        )
        for a in actions[::3]
    )
    Action.lead_officers.through.objects.bulk_create(
        Action.lead_officers.through(action_id=a.pk, user_id=lead.pk) for a in actions
    )
    Action.recommendations.through.objects.bulk_create(
        Action.recommendations.through(action_id=a.pk, recommendation_id=recommendation.pk)
        for a in actions
    )
    periods.refresh(a.pk for a in actions)  # bulk writes send no signals
    return plan


@pytest.mark.parametrize("role", [roles.SCRUTINY, roles.PLAN_MANAGER])
def test_dashboard_runs_the_same_queries_for_40_and_2000_actions(db, client, fixed_today, role):
    fixed_today(TODAY)
    user = factories.UserFactory(roles=[role])
    small, large = bulk_plan(40), bulk_plan(2_000)

    def urls(plan):
        return [
            reverse("dashboard"),
            reverse("plan_dashboard", args=[plan.pk]),
            reverse("plan_dashboard", args=[plan.pk]) + "?as_at=2026-02-28&since=2026-01-31",
            reverse("home"),
        ]

    def page(url):
        response = client.get(url)
        assert response.status_code == 200, url

    client.force_login(user)
    for at_small, at_large in zip(urls(small), urls(large), strict=True):
        # Warm: the first view stores past month-end counts; measure the steady state.
        assert_flat_queries(page, at_small, at_large, warm=True, at_most=22)


def test_the_page_shows_the_same_number_the_selector_counted(world, client):
    client.force_login(world.scrutiny)
    html = client.get(reverse("plan_dashboard", args=[world.plan.pk])).content.decode()
    total = dashboard(world.scrutiny, plan=world.plan, day=TODAY, since=SINCE).breakdown.total
    shown = re.search(r'(\d+)<span class="govuk-visually-hidden"> actions in total', html)
    assert int(shown.group(1)) == total.total
    assert dict(parse_qsl(urlsplit(list_url("action_list", total.figures[0].filters)).query)) == {
        "status": "off_track",
        "plan": str(world.plan.pk),
    }
    assert Priority.objects.filter(plan=world.plan).count() == len(
        dashboard(world.scrutiny, plan=world.plan, day=TODAY, since=SINCE).breakdown.rows
    )


def test_dates_are_gov_uk_date_inputs_and_shared_links_still_work(world, client):
    """Day, month and year boxes as on every other form (issue 18, item 12), while a link
    with as_at=YYYY-MM-DD, as figures and packs make, still chooses the date."""
    client.force_login(world.scrutiny)
    html = client.get(reverse("dashboard")).content.decode()
    assert 'type="date"' not in html
    for name in ("as_at_0", "as_at_1", "as_at_2", "since_0", "since_1", "since_2"):
        assert f'name="{name}"' in html
    assert "govuk-date-input" in html
    typed = client.get(reverse("dashboard"), {"as_at_0": "31", "as_at_1": "3", "as_at_2": "2026"})
    linked = client.get(reverse("dashboard"), {"as_at": "2026-03-31"})
    assert typed.context["data"].day == linked.context["data"].day == dt.date(2026, 3, 31)
    assert 'name="as_at_0" value="31"' in linked.content.decode()
