"""The pages the benchmark measures, as whom, and their budgets (QUALITY.md)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    name: str
    url_names: tuple[str, ...]
    role: str
    arg: str | None = None  # fixture passed as the URL's argument if it needs one
    query: str = ""
    budget_ms: float | None = None
    budget_queries: int | None = None
    export: bool = False
    month_end: bool = False  # measured with today set to a month end (the trend's worst day)
    cold: bool = False  # every request the first view of its day: stored day figures deleted
    # Every request the first after a write that forgets every stored day (an action moved
    # to another plan, say): the trend's month ends counted again too.
    forgotten: bool = False
    # Every request the first after a plan manager reorders an active plan's action: a
    # write that forgets stored days' figures but keeps the trend's month ends.
    edited: bool = False


PAGES = [
    Page("dashboard", ("dashboard",), "scrutiny", budget_ms=150, budget_queries=15),
    Page(
        "action_list",
        ("action_list",),
        "manager",
        arg="plan",
        query="plan={plan}&status=on_track",
        budget_ms=100,
        budget_queries=15,
    ),
    Page(
        "dashboard_month_end",
        ("dashboard",),
        "scrutiny",
        budget_ms=150,
        budget_queries=15,
        month_end=True,
    ),
    Page(
        "dashboard_as_at",
        ("dashboard",),
        "scrutiny",
        query="as_at={three_months_back}",
        budget_ms=150,
        budget_queries=15,
        cold=True,
    ),
    Page("dashboard_forgotten", ("dashboard",), "scrutiny", forgotten=True),
    Page(
        "dashboard_after_edit",
        ("dashboard",),
        "scrutiny",
        budget_ms=150,
        budget_queries=15,
        edited=True,
    ),
    # What changed since a meeting six weeks ago: never stored, worked out on every view.
    Page("dashboard_changes", ("dashboard",), "scrutiny", query="since={six_weeks_back}"),
    Page("action_list_all", ("action_list",), "manager", budget_ms=100, budget_queries=15),
    Page("action_detail", ("action_detail",), "manager", arg="action", budget_ms=50),
    Page("my_actions", ("home",), "officer", budget_ms=50),
    Page("recommendation_list", ("recommendation_list",), "scrutiny"),
    Page("plan_dashboard", ("plan_dashboard",), "scrutiny", arg="plan", budget_ms=150),
    Page("measure_page", ("measure_detail",), "scrutiny", arg="measure", budget_ms=50),
    Page("measure_list", ("measure_list",), "scrutiny"),
    Page("audit_trail", ("audit_trail",), "auditor", budget_ms=100),
    # Every entry an action's change, shown against the version before: the first page of
    # the default view holds whatever was done last (the benchmark's own sign-ins, often).
    Page(
        "audit_trail_actions",
        ("audit_trail",),
        "auditor",
        query="record_type=improvement.action",
        budget_ms=100,
    ),
    Page("report_pack", ("report_pack",), "manager", arg="plan"),
    Page("export_csv", (), "manager", budget_ms=15_000, export=True),
    Page("export_xlsx", (), "manager", export=True),
]
PAGE_NAMES = [page.name for page in PAGES]
