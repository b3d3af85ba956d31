"""benchmark: valid JSON for every page that exists, skips pages not built, SQL re-run safely."""

import datetime as dt
import json
import types
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import path
from django.utils import timezone

from accounts.models import User
from core.clock import today
from devtools.perf import benchmark as bench
from devtools.perf import days, machine, report
from devtools.perf.sizes import PERF_USERS
from improvement.models import Action, StatusSnapshot

KEYS = {"page", "median_ms", "p95_ms", "queries", "sql_ms", "bytes", "ratio", "reference_ms"}


@pytest.fixture
def tiny_set(db):
    call_command(
        "generate_load_data",
        actions=45,
        updates_per_action=2,
        users=20,
        plans=2,
        measures=3,
        today=dt.date.today(),
        stdout=StringIO(),
    )


def test_writes_json_for_every_built_page_and_skips_the_rest(tiny_set, tmp_path):
    out = StringIO()
    target = tmp_path / "bench.json"
    call_command("benchmark", json=str(target), repeat=2, warmup=1, stdout=out)
    results = {row["page"]: row for row in json.loads(target.read_text())}
    fixtures = bench.find_fixtures()
    printed = out.getvalue()
    assert "my_actions" in results  # the home page exists from the start
    for page in bench.PAGES:
        if bench.page_url(page, fixtures, {}) is None:
            assert f"{page.name}: skipped: not built yet" in printed
            continue
        if f"{page.name}: failed" in printed:
            continue  # a page still being built may fail; it is reported, not measured
        row = results[page.name]
        assert row.keys() >= KEYS
        assert row["queries"] > 0 and row["bytes"] > 0
        assert 0 < row["median_ms"] <= row["p95_ms"]
        assert row["sql_ms"] > 0 and row["ratio"] > 0
        assert row["reference_ms"] > 0  # the machine's speed just before the page
    assert "median ms" in printed and "my_actions" in printed


def test_measures_the_officer_tray_as_the_perf_officer(tiny_set):
    fixtures = bench.find_fixtures()
    officer = fixtures["users"]["officer"]
    assert officer.email == PERF_USERS["officer"]
    assert fixtures["action"].updates.count() == max(
        a.updates.count() for a in Action.objects.all()
    )
    page = next(p for p in bench.PAGES if p.name == "my_actions")
    result = bench.measure(page, bench.page_url(page, fixtures, {}), officer, repeat=3, warmup=0)
    assert result.samples == 3
    assert result.queries > 0 and result.within_budget in (True, False)


def test_a_url_name_that_does_not_reverse_is_skipped(db):
    page = bench.Page("nothing", ("no_such_page",), "manager")
    assert bench.page_url(page, {"plan": None, "action": None}, {}) is None


def test_export_urls_are_found_in_urls_io(monkeypatch):
    module = types.SimpleNamespace(
        urlpatterns=[
            path("plans/<int:pk>/export.csv", lambda r: None, name="plan_export_csv"),
            path("actions/export.csv", lambda r: None, name="action_export_csv"),
            path("actions/export.xlsx", lambda r: None, name="action_export_xlsx"),
            path("import/", lambda r: None, name="plan_import"),
        ]
    )
    monkeypatch.setattr(bench, "import_module", lambda name: module)
    assert bench.export_url_names() == {
        "export_csv": "action_export_csv",
        "export_xlsx": "action_export_xlsx",
    }


def test_one_export_url_serves_both_formats(monkeypatch):
    module = types.SimpleNamespace(
        urlpatterns=[path("export/", lambda r: None, name="actions_export")]
    )
    monkeypatch.setattr(bench, "import_module", lambda name: module)
    assert bench.export_url_names() == {
        "export_csv": "actions_export?format=csv",
        "export_xlsx": "actions_export?format=xlsx",
    }


def test_bare_sql_rerun_rolls_back_writes(tiny_set):
    user = User.objects.get(email=PERF_USERS["manager"])
    assert User._meta.db_table == "accounts_user"
    statements = [
        ("UPDATE accounts_user SET full_name = %s WHERE id = %s", ["Changed", user.pk], False),
        ("SELECT full_name FROM accounts_user WHERE id = %s", [user.pk], False),
    ]
    assert bench.bare_sql_ms(statements, runs=2) > 0
    user.refresh_from_db()
    assert user.full_name != "Changed"


def test_bare_sql_reruns_each_start_from_the_same_data(tiny_set):
    # A cold page's plain INSERT of the day it stores must not meet the row its own
    # previous re-run wrote (each run is rolled back before the next).
    assert StatusSnapshot._meta.db_table == "improvement_statussnapshot"
    insert = (
        "INSERT INTO improvement_statussnapshot (scope, day, counts, created_at)"
        " VALUES (%s, %s, %s, %s)"
    )
    params = ["bench", dt.date(2026, 3, 31), "{}", timezone.now()]
    assert bench.bare_sql_ms([(insert, params, False)], runs=3) > 0
    assert not StatusSnapshot.objects.filter(scope="bench").exists()


def test_percentile_is_nearest_rank():
    values = [float(n) for n in range(1, 21)]
    assert bench.percentile(values, 0.95) == 19.0
    assert bench.percentile([5.0], 0.95) == 5.0


def test_memory_is_measured_around_one_request(tiny_set):
    fixtures = bench.find_fixtures()
    page = next(p for p in bench.PAGES if p.name == "my_actions")
    found = bench.memory_here(
        page, bench.page_url(page, fixtures, {}), fixtures["users"]["officer"]
    )
    assert found["peak_rss_mb"] >= found["rss_before_mb"] > 0
    assert found["bytes"] > 0


def test_month_end_pages_run_on_a_month_end_and_today_can_be_fixed():
    assert days.last_month_end(dt.date(2026, 11, 30)) == dt.date(2026, 11, 30)
    assert days.last_month_end(dt.date(2026, 12, 15)) == dt.date(2026, 11, 30)
    assert days.last_month_end(dt.date(2026, 3, 1)) == dt.date(2026, 2, 28)
    pages = {page.name: page for page in bench.PAGES}
    assert days.page_today(pages["dashboard_month_end"], dt.date(2026, 6, 15)) == dt.date(
        2026, 5, 31
    )
    assert days.page_today(pages["dashboard"], None) is None
    with days.today_is(dt.date(2026, 6, 15)):
        assert today() == dt.date(2026, 6, 15)
    assert today() != dt.date(2026, 6, 15) or dt.date.today() == dt.date(2026, 6, 15)


def test_the_as_at_page_is_measured_cold_every_request_a_day_not_seen_before(tiny_set, monkeypatch):
    """Every request of dashboard_as_at (warm-ups, timed, counted) finds no stored figures
    for its day, so each is the first view of a day not seen before (issue 18.19)."""
    from improvement.models import StatusSnapshot

    fixtures = bench.find_fixtures()
    page = next(p for p in bench.PAGES if p.name == "dashboard_as_at")
    assert page.cold and not any(p.cold for p in bench.PAGES if p is not page)
    found_stored = []
    fetch = bench.fetch

    def fetch_noting(client, url):
        found_stored.append(StatusSnapshot.objects.filter(scope__contains=":figures:").count())
        return fetch(client, url)

    monkeypatch.setattr(bench, "fetch", fetch_noting)
    result = bench.measure(
        page, bench.page_url(page, fixtures, {}), fixtures["users"]["scrutiny"], repeat=3,
        warmup=2,
    )  # fmt: skip
    assert result.samples == 3
    assert found_stored == [0] * 6  # 2 warm-ups, 3 timed, 1 counted
    # The counted request stored its day; it is forgotten again before its SQL is re-run,
    # so the re-run's INSERT stores a day not seen before too.
    assert not StatusSnapshot.objects.filter(scope__contains=":figures:").exists()
    assert result.sql_ms > 0


def test_the_changes_page_asks_what_changed_in_the_last_six_weeks(tiny_set):
    page = next(p for p in bench.PAGES if p.name == "dashboard_changes")
    url = bench.page_url(page, bench.find_fixtures(), {})
    since = timezone.localdate() - dt.timedelta(days=42)
    assert url == f"/dashboard/?since={since.isoformat()}"
    client = bench.client_for(User.objects.get(email=PERF_USERS["scrutiny"]))
    heading = f"What changed since {since.day} {since:%B %Y}"
    assert heading in client.get(url, secure=True).content.decode()


def test_the_forgotten_page_finds_no_stored_day_before_any_request(tiny_set, monkeypatch):
    """dashboard_forgotten measures the first dashboard after a write that forgot every
    stored day: each request counts the trend's month ends again."""
    from improvement.models import StatusSnapshot

    fixtures = bench.find_fixtures()
    page = next(p for p in bench.PAGES if p.name == "dashboard_forgotten")
    found_stored, fetch = [], bench.fetch

    def fetch_noting(client, url):
        found_stored.append(StatusSnapshot.objects.count())
        return fetch(client, url)

    monkeypatch.setattr(bench, "fetch", fetch_noting)
    scrutiny = fixtures["users"]["scrutiny"]
    url = bench.page_url(page, fixtures, {})
    result = bench.measure(page, url, scrutiny, repeat=2, warmup=2)
    assert found_stored == [0] * 5  # 2 warm-ups, 2 timed, 1 counted
    assert result.samples == 2 and result.sql_ms > 0


def test_the_after_edit_page_follows_a_reorder_that_keeps_the_trends_month_ends(
    tiny_set, monkeypatch
):
    """dashboard_after_edit measures the first dashboard after a plan manager reorders an
    active plan's action: a write that forgets stored days' figures, not the month ends."""
    from improvement.models import Action, Plan, StatusSnapshot

    Plan.objects.filter(pk=Plan.objects.order_by("pk")[0].pk).update(status=Plan.State.ACTIVE)
    fixtures = bench.find_fixtures()
    page = next(p for p in bench.PAGES if p.name == "dashboard_after_edit")
    seen, fetch = [], bench.fetch

    def fetch_noting(client, url):
        moved = Action.objects.filter(priority__plan=fixtures["plan"]).order_by("pk").first()
        month_ends = StatusSnapshot.objects.exclude(scope__contains=":figures:").count()
        seen.append((moved.order, moved.history.count(), month_ends))
        return fetch(client, url)

    monkeypatch.setattr(bench, "fetch", fetch_noting)
    url = bench.page_url(page, fixtures, {})
    result = bench.measure(page, url, fixtures["users"]["scrutiny"], repeat=2, warmup=2)
    orders, versions, month_ends = zip(*seen, strict=True)  # 2 warm-ups, 2 timed, 1 counted
    assert len(set(orders)) == 2 and list(versions) == sorted(set(versions))  # edited each time
    assert month_ends[1] > 0 and len(set(month_ends[1:])) == 1  # stored first, kept since
    assert result.samples == 2 and result.sql_ms > 0


def test_says_how_fast_and_busy_the_machine_was(tiny_set):
    out = StringIO()
    call_command("benchmark", repeat=1, warmup=0, only=["my_actions"], stdout=out)
    lines = out.getvalue().splitlines()
    heading = next(x for x in lines if x.startswith("page "))
    row = next(x for x in lines if x.startswith("my_actions "))
    column = heading.index("ref ms")
    assert float(row[column:].split()[0]) > 0
    line = next(x for x in lines if x.startswith("Machine: "))
    assert "reference work" in line
    if machine.cpu_times() is not None:  # Linux
        assert "CPU taken by the host" in line


def test_the_machine_line_gives_the_reference_works_range():
    line = report.describe_machine([9.1, 17.9, 12.0], steal=2.5, load=(1.0, 0.5, 0.3))
    assert "load average 1.0, 0.5, 0.3 (1, 5, 15 min)" in line
    assert "CPU taken by the host 2.5% of the run" in line
    assert "reference work 9.1 to 17.9 ms before each page" in line
    assert "reference work 9.0 ms" in report.describe_machine([9.0], steal=None, load=None)


def test_cpu_steal_is_the_hosts_share_between_two_readings():
    start = machine.parse_cpu_line("cpu  100 0 50 800 10 0 5 35 0 0\ncpu0 1 2 3 4 5 6 7 8 9 10")
    end = machine.parse_cpu_line("cpu  160 0 70 900 10 0 5 55 40 0\n")
    assert start == machine.CpuTimes(total=1000, steal=35)
    assert end == machine.CpuTimes(total=1200, steal=55)  # guest time is in user already
    assert machine.steal_percent(start, end) == 10.0
    assert machine.steal_percent(end, end) is None  # no time passed
    assert machine.steal_percent(None, end) is None  # not Linux
    assert machine.parse_cpu_line("intr 1 2 3") is None


def test_the_reference_work_is_fixed():
    assert machine.reference_work() == machine.reference_work() > 0
    assert machine.reference_ms(repeat=3) > 0
