"""Time pages in-process with the test client, beside the bare SQL each one needs.

For every page: warm-up requests, then `repeat` timed requests (median and p95), one more
request with its SQL captured (query count), and the captured statements run again on a
raw database cursor (their time is `sql_ms`; `ratio` = page median / SQL time shows how
much of the page is Django and templates rather than the database). Budgets are
QUALITY.md's "Performance" table.
"""

import json
import math
import resource
import statistics
import subprocess  # noqa: S404 - runs this same command in a fresh process for memory
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, URLPattern, URLResolver, reverse
from django.utils import timezone

from accounts import roles
from devtools.perf.pages import PAGE_NAMES, PAGES, Page  # noqa: F401 (the pages, here too)
from devtools.perf.sizes import PERF_USERS
from improvement import snapshots
from improvement.models import Action, Plan, ProgressUpdate, StatusSnapshot
from measures.models import Measure

MEMORY_BUDGET_MB = 250
TRANSACTION_CONTROL = ("SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT")


@dataclass
class Result:
    page: str
    median_ms: float
    p95_ms: float
    queries: int
    sql_ms: float
    bytes: int
    ratio: float
    url: str
    role: str
    samples: int
    budget_ms: float | None = None
    budget_queries: int | None = None
    within_budget: bool = True
    reference_ms: float | None = None  # machine.reference_ms() just before the page
    extra: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        data = asdict(self)
        data.update(data.pop("extra"))
        return data


class PageError(Exception):
    """A page answered something other than 200 OK."""


# --- what to request, and as whom --------------------------------------------------------


def export_url_names() -> dict[str, str]:
    """The CSV and .xlsx export URL names of improvement/urls_io.py, if it exists yet.

    Prefers names that mention actions; a single export name without a format in it is used
    for both, with ?format=csv or ?format=xlsx.
    """
    try:
        module = import_module("improvement.urls_io")
    except ImportError:
        return {}
    names = [n for n in _pattern_names(getattr(module, "urlpatterns", [])) if "export" in n]

    def pick(*needles):
        found = [n for n in names if any(needle in n for needle in needles)]
        found.sort(key=lambda n: ("action" not in n, "plan" in n, len(n)))
        return found[0] if found else None

    chosen = {"export_csv": pick("csv"), "export_xlsx": pick("xlsx", "excel")}
    plain = pick("action") or (names[0] if len(names) == 1 else None)
    for page, fmt in (("export_csv", "csv"), ("export_xlsx", "xlsx")):
        if chosen[page] is None and plain:
            chosen[page] = f"{plain}?format={fmt}"
    return {page: name for page, name in chosen.items() if name}


def _pattern_names(patterns) -> list[str]:
    names = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            names += _pattern_names(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.append(pattern.name)
    return names


def measured_plan() -> Plan | None:
    """The plan the single-plan pages are measured on: the first active one, or the first."""
    plan = Plan.objects.filter(status=Plan.State.ACTIVE).order_by("pk").first()
    return plan or Plan.objects.order_by("pk").first()


def find_fixtures() -> dict:
    """Users for each role and the plan and action the pages are measured on."""
    User = get_user_model()

    def user(key: str, role: str | None):
        found = User.objects.filter(email=PERF_USERS[key], is_active=True).first()
        if found is None and role:
            found = User.objects.filter(groups__name=role, is_active=True).order_by("pk").first()
        if found is None and key == "admin":
            found = User.objects.filter(is_staff=True, is_active=True).order_by("pk").first()
        return found

    officer = user("officer", None)
    if officer is None:  # not a generated set: the officer leading the most actions
        officer = (
            User.objects.filter(groups__name=roles.OFFICER, is_active=True)
            .annotate(n=Count("led_actions"))
            .order_by("-n", "pk")
            .first()
        )
    counts = ProgressUpdate.objects.order_by().values("action").annotate(n=Count("pk"))
    busiest = counts.filter(n=20).order_by("action").first() or counts.order_by("-n").first()
    plan = measured_plan()
    return {
        "users": {
            "officer": officer,
            "manager": user("manager", roles.PLAN_MANAGER),
            "scrutiny": user("scrutiny", roles.SCRUTINY),
            "auditor": user("auditor", roles.AUDITOR),
            "admin": user("admin", None),
        },
        "plan": plan,
        "action": Action.objects.filter(pk=busiest["action"]).first() if busiest else None,
        # The measure with the most figures (10 years for 13 areas in a generated set).
        "measure": Measure.objects.annotate(n=Count("values")).order_by("-n", "pk").first(),
    }


def page_url(page: Page, fixtures: dict, overrides: dict[str, str]) -> str | None:
    """The page's URL, or None if its URL name does not reverse (not built yet)."""
    candidates = list(page.url_names)
    if page.name in overrides:
        candidates = [overrides[page.name]]
    elif page.export:
        found = export_url_names().get(page.name)
        candidates = [found] if found else []
    obj = fixtures.get(page.arg) if page.arg else None
    values = {key: getattr(fixtures.get(key), "pk", "") for key in ("plan", "action", "measure")}
    values["three_months_back"] = (timezone.localdate() - timedelta(days=91)).isoformat()
    values["six_weeks_back"] = (timezone.localdate() - timedelta(days=42)).isoformat()
    for candidate in candidates:
        name, _, query = candidate.partition("?")
        query = "&".join(q for q in (page.query, query) if q).format(**values)
        for args in ([], [obj.pk] if obj is not None else None):
            if args is None:
                continue
            try:
                url = reverse(name, args=args)
            except NoReverseMatch:
                continue
            return f"{url}?{query}" if query else url
    return None


# --- measuring ---------------------------------------------------------------------------


def client_for(user) -> Client:
    """A test client signed in as `user`, addressing a host the settings allow."""
    hosts = [h for h in settings.ALLOWED_HOSTS if h != "*"]
    host = "testserver" if "*" in settings.ALLOWED_HOSTS or not hosts else hosts[0]
    client = Client(HTTP_HOST="testserver" if host == "testserver" else host.lstrip("."))
    client.force_login(user)
    return client


def fetch(client: Client, url: str) -> int:
    """One request, its whole body read (streamed bodies too); returns the bytes."""
    response = client.get(url, secure=True)
    if response.status_code != 200:
        raise PageError(f"{url} answered {response.status_code}")
    # The test client closes the response itself (a streamed one once it is read), with
    # Django's close-old-connections hook held off, as a WSGI server would.
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def forget_days() -> None:
    """Delete every past day's stored dashboard figures (not the month ends)."""
    StatusSnapshot.objects.filter(scope__contains=":figures:").delete()


def forget_everything() -> None:
    """Forget every stored day, month ends too, as a write that changes the past does."""
    snapshots.forget_from(None)


def reorder_an_action() -> None:
    """Move the first action of the first active plan one place down its priority, or back
    up: what a plan manager's reordering writes (through save(), so its receivers run)."""
    action = Action.objects.filter(priority__plan=measured_plan()).order_by("pk")[0]
    action.order += 1 if action.order % 2 == 0 else -1
    action.save(update_fields=["order"])


def no_op() -> None:
    pass


def before_each_request(page: Page):
    """What is done, untimed, before each request of a page (and before its SQL is re-run)."""
    if page.cold:
        return forget_days
    if page.forgotten:
        return forget_everything
    return reorder_an_action if page.edited else no_op


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


@dataclass
class Captured:
    """One request with its SQL: the query count, each statement with its parameters."""

    queries: int
    statements: list[tuple[str, object, bool]]
    ms: float
    bytes: int


def capture(client: Client, url: str) -> Captured:
    statements = []

    def record(execute, sql, params, many, context):
        statements.append((sql, params, many))
        return execute(sql, params, many, context)

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(record):
        size = fetch(client, url)
    elapsed = (time.perf_counter() - started) * 1000
    return Captured(len(captured.captured_queries), statements, elapsed, size)


def bare_sql(statements, *, runs: int = 3, warm: bool = True) -> tuple[float, list[float]]:
    """Median total time of the statements run again on a raw cursor, and each statement's
    time in the last run. Each run's writes are rolled back before the next, so each run
    starts from the same data (a plain INSERT would otherwise meet its own earlier row)."""
    timings, each = [], []
    with transaction.atomic():
        cursor = connection.create_cursor()
        try:
            for run in range(runs + warm):  # a warm-up run fills caches and is not counted
                spent, each = 0.0, []
                before = transaction.savepoint()
                for sql, params, many in statements:
                    if sql.lstrip().upper().startswith(TRANSACTION_CONTROL):
                        each.append(0.0)
                        continue
                    started = time.perf_counter()
                    if many:
                        cursor.executemany(sql, params)
                    elif params is None:
                        cursor.execute(sql)
                    else:
                        cursor.execute(sql, params)
                    if cursor.description is not None:
                        cursor.fetchall()
                    each.append((time.perf_counter() - started) * 1000)
                    spent += each[-1]
                transaction.savepoint_rollback(before)
                if run or not warm:
                    timings.append(spent)
        finally:
            cursor.close()
        transaction.set_rollback(True)
    return statistics.median(timings), each


def bare_sql_ms(statements, *, runs: int = 3) -> float:
    return bare_sql(statements, runs=runs)[0]


def slowest(statements, each: list[float], count: int = 3) -> list[tuple[float, str]]:
    """The slowest statements of a page, with their time, for finding what to fix."""
    pairs = sorted(zip(each, (sql for sql, _, _ in statements), strict=True), reverse=True)
    return [(round(ms, 1), " ".join(sql.split())[:240]) for ms, sql in pairs[:count]]


def measure(
    page: Page, url: str, user, *, repeat: int, warmup: int, slow_ms: float = 10_000
) -> Result:
    """Time `url` after warming up. A page whose first request takes longer than `slow_ms`
    is measured by that request alone, so that a run over a slow page still ends."""
    client = client_for(user)
    if page.export:  # long by nature: fewer samples, and only "slow" past a minute
        repeat, warmup, slow_ms = min(repeat, 3), min(warmup, 1), max(slow_ms, 60_000)
    try:
        # A cold page's stored day figures (a forgotten page's every stored day) are
        # deleted before each request, untimed; an edited page's action is reordered.
        forget = before_each_request(page)
        forget()
        first = capture(client, url)  # the first warm-up request, with its SQL
        slow = first.ms > slow_ms
        if slow:
            timings, size, found = [first.ms], first.bytes, first
        else:
            for _ in range(warmup - 1):
                forget()
                fetch(client, url)
            timings = []
            for _ in range(repeat):
                forget()
                started = time.perf_counter()
                size = fetch(client, url)
                timings.append((time.perf_counter() - started) * 1000)
            forget()
            found = capture(client, url)  # warm, so counts hold no first-request extras
    finally:
        client.logout()
    queries, statements = found.queries, found.statements
    forget()  # re-run from the data the counted request met
    sql_ms, each = bare_sql(statements, runs=1 if slow else 3, warm=not slow)
    median = statistics.median(timings)
    within = (page.budget_ms is None or median <= page.budget_ms) and (
        page.budget_queries is None or queries <= page.budget_queries
    )
    return Result(
        page=page.name,
        median_ms=round(median, 1),
        p95_ms=round(percentile(timings, 0.95), 1),
        queries=queries,
        sql_ms=round(sql_ms, 1),
        bytes=size,
        ratio=round(median / sql_ms, 1) if sql_ms else 0.0,
        url=url,
        role=page.role,
        samples=len(timings),
        budget_ms=page.budget_ms,
        budget_queries=page.budget_queries,
        within_budget=within,
        extra={"slowest_sql": slowest(statements, each)},
    )


def memory_here(page: Page, url: str, user) -> dict:
    """Peak resident memory of this process around one full request (run in a fresh one)."""
    client = client_for(user)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    size = fetch(client, url)
    elapsed = (time.perf_counter() - started) * 1000
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    client.logout()
    return {
        "page": page.name,
        "peak_rss_mb": round(peak, 1),
        "rss_before_mb": round(before, 1),
        "ms": round(elapsed, 1),
        "bytes": size,
    }


def memory_in_fresh_process(page_name: str, overrides: dict[str, str]) -> dict:
    """Run `benchmark --only PAGE --memory-child` in a new interpreter and read its answer."""
    command = [sys.executable, "-m", "django", "benchmark", "--only", page_name, "--memory-child"]
    command += [f"--url={page}={name}" for page, name in overrides.items()]
    done = subprocess.run(  # noqa: S603 - our own command, no shell, no user input
        command, cwd=settings.BASE_DIR, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise PageError(f"memory run failed: {done.stderr.strip()[-500:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])
