"""The benchmark's printed report: the results table, and its data, database and machine."""

import os

from django.db import connection

from devtools.perf.benchmark import Result
from devtools.perf.sizes import MY_ACTIONS
from improvement.models import Action, ProgressUpdate


def mark(value: float, budget: float | None) -> str:
    if budget is None:
        return ""
    return f" (<= {budget:g} {'ok' if value <= budget else 'FAIL'})"


def table(results: list[Result]) -> str:
    headings = (
        "page",
        "median ms",
        "p95 ms",
        "queries",
        "SQL ms",
        "ratio",
        "ref ms",
        "bytes",
        "role",
    )
    rows = [
        (
            r.page,
            f"{r.median_ms:.1f}{mark(r.median_ms, r.budget_ms)}",
            f"{r.p95_ms:.1f}",
            f"{r.queries}{mark(r.queries, r.budget_queries)}",
            f"{r.sql_ms:.1f}",
            f"{r.ratio:.1f}",
            "-" if r.reference_ms is None else f"{r.reference_ms:.1f}",
            f"{r.bytes:,}",
            r.role,
        )
        for r in results
    ]
    widths = [max(len(str(x)) for x in col) for col in zip(headings, *rows, strict=False)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headings, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(lines)


def describe_fixtures(fixtures: dict) -> str:
    action, plan, officer = fixtures["action"], fixtures["plan"], fixtures["users"]["officer"]
    led = officer.led_actions.count() if officer else 0
    updates = action.updates.count() if action else 0
    return (
        f"Data: {Action.objects.count():,} actions, {ProgressUpdate.objects.count():,} updates; "
        f"plan {getattr(plan, 'pk', '-')}, action {getattr(action, 'pk', '-')} "
        f"({updates} updates), officer {getattr(officer, 'email', '-')} "
        f"leads {led} actions (budget page expects {MY_ACTIONS})."
    )


def describe_database() -> str:
    """Settings that change the figures: PostgreSQL's JIT compiler and index costing."""
    if connection.vendor != "postgresql":
        return f"Database: {connection.vendor}."
    with connection.cursor() as cursor:
        shown = []
        for name in ("server_version", "jit", "random_page_cost"):
            cursor.execute(f"SHOW {name}")  # noqa: S608 - names from the tuple above
            shown.append(cursor.fetchone()[0])
    version, jit, page_cost = shown
    return f"Database: PostgreSQL {version}, jit={jit}, random_page_cost={page_cost}."


def describe_machine(
    references: list[float], *, steal: float | None, load: tuple[float, float, float] | None
) -> str:
    """One line under the results: `references`, the reference work's time before each page."""
    parts = [f"{os.cpu_count()} CPUs"]
    if load is not None:
        parts.append("load average {:.1f}, {:.1f}, {:.1f} (1, 5, 15 min)".format(*load))
    if steal is not None:
        parts.append(f"CPU taken by the host {steal:.1f}% of the run")
    low, high = min(references), max(references)
    spread = f"{low:.1f} ms" if low == high else f"{low:.1f} to {high:.1f} ms"
    parts.append(f"reference work {spread} before each page (ref ms; lower is faster)")
    return "Machine: " + "; ".join(parts) + "."
