"""Time each page of QUALITY.md's performance table in-process: see docs/performance.md."""

import json
import logging
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings

from devtools.perf import benchmark as bench
from devtools.perf import days, machine, report

# Per-request logs would print thousands of lines; a failing page is reported in one line.
QUIET_LOGGERS = {"django.request": logging.CRITICAL, "improvement.requests": logging.WARNING}


@contextmanager
def quiet_logs():
    saved = {name: logging.getLogger(name).level for name in QUIET_LOGGERS}
    for name, level in QUIET_LOGGERS.items():
        logging.getLogger(name).setLevel(level)
    try:
        yield
    finally:
        for name, level in saved.items():
            logging.getLogger(name).setLevel(level)


class Command(BaseCommand):
    help = (
        "Time each page (median and p95 of repeated requests), count its SQL queries and time "
        "those queries on their own; print a table with QUALITY.md's budgets, optionally JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", metavar="FILE", help="Also write the results as JSON.")
        parser.add_argument("--repeat", type=int, default=10, help="Timed requests per page.")
        parser.add_argument("--warmup", type=int, default=2, help="Untimed requests first.")
        parser.add_argument(
            "--slow-ms",
            type=float,
            default=10_000,
            help="A page whose first request takes longer is measured by it alone (default 10000).",
        )
        parser.add_argument(
            "--only",
            action="append",
            choices=bench.PAGE_NAMES,
            help="Measure only this page (repeatable).",
        )
        parser.add_argument(
            "--url",
            action="append",
            default=[],
            metavar="PAGE=URL_NAME[?QUERY]",
            help="Use another URL name (and query) for a page, e.g. export_csv=action_export_csv",
        )
        parser.add_argument(
            "--memory",
            action="store_true",
            help="Measure peak memory of each selected page in a fresh process instead "
            "(use with --only export_csv).",
        )
        parser.add_argument("--memory-child", action="store_true", help="Internal: see --memory.")
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            metavar="YYYY-MM-DD",
            help="Run as if today were this date (status rules, trend, as-at). The "
            "dashboard_month_end page always runs on a month end: this date if it is one, "
            "else the month end before it.",
        )
        parser.add_argument(
            "--debug-sql",
            action="store_true",
            help="Keep DEBUG's query logging on while timing (off by default, as in production).",
        )

    def handle(self, *args, **options):
        if options["repeat"] < 1:
            raise CommandError("--repeat must be at least 1")
        overrides = {}
        for item in options["url"]:
            page, _, name = item.partition("=")
            if page not in bench.PAGE_NAMES or not name:
                raise CommandError(f"--url takes PAGE=URL_NAME; PAGE is one of {bench.PAGE_NAMES}")
            overrides[page] = name
        pages = [p for p in bench.PAGES if not options["only"] or p.name in options["only"]]
        with override_settings(DEBUG=options["debug_sql"]), quiet_logs():
            fixtures = bench.find_fixtures()
            if options["memory_child"]:
                return self.memory_child(pages, fixtures, overrides)
            self.stdout.write(
                f"Benchmark on {connection.vendor} database {connection.settings_dict['NAME']}"
            )
            self.stdout.write(report.describe_fixtures(fixtures))
            self.stdout.write(report.describe_database())
            started = machine.cpu_times()
            results = self.run_pages(pages, fixtures, overrides, options)
        if results:
            self.stdout.write("")
            self.stdout.write(report.table(results))
            steal = machine.steal_percent(started, machine.cpu_times())
            references = [r.reference_ms for r in results]
            self.stdout.write(
                report.describe_machine(references, steal=steal, load=machine.load_average())
            )
        if options["json"]:
            payload = [r.as_json() for r in results]
            Path(options["json"]).write_text(json.dumps(payload, indent=2) + "\n")
            self.stdout.write(f"Wrote {len(payload)} pages to {options['json']}")
        failed = [r.page for r in results if not r.within_budget]
        if failed:
            self.stdout.write(self.style.WARNING(f"Over budget: {', '.join(failed)}"))

    def run_pages(self, pages, fixtures, overrides, options) -> list:
        results = []
        for page in pages:
            day = days.page_today(page, options["today"])
            with days.today_is(day):
                url = bench.page_url(page, fixtures, overrides)
            user = fixtures["users"].get(page.role)
            if url is None:
                self.stdout.write(f"{page.name}: skipped: not built yet")
                continue
            if user is None:
                self.stdout.write(f"{page.name}: skipped: no {page.role} user in the database")
                continue
            if options["memory"]:
                try:
                    found = bench.memory_in_fresh_process(page.name, overrides)
                except bench.PageError as exc:
                    self.stdout.write(self.style.ERROR(f"{page.name}: {exc}"))
                    continue
                verdict = "ok" if found["peak_rss_mb"] < bench.MEMORY_BUDGET_MB else "FAIL"
                self.stdout.write(
                    f"{page.name}: peak memory {found['peak_rss_mb']:.0f} MB "
                    f"(before the request {found['rss_before_mb']:.0f} MB; budget < "
                    f"{bench.MEMORY_BUDGET_MB} MB {verdict}), {found['ms'] / 1000:.1f} s, "
                    f"{found['bytes']:,} bytes"
                )
                continue
            when = f" on {day:%d %B %Y}" if day else ""
            self.stdout.write(f"{page.name}: {url} as {user.email}{when} ...")
            reference = machine.reference_ms()
            try:
                with days.today_is(day):
                    result = bench.measure(
                        page,
                        url,
                        user,
                        repeat=options["repeat"],
                        warmup=options["warmup"],
                        slow_ms=options["slow_ms"],
                    )
            except Exception as exc:  # noqa: BLE001 - one broken page must not stop the rest
                self.stdout.write(self.style.ERROR(f"{page.name}: failed: {exc!r}"[:300]))
                continue
            result.reference_ms = round(reference, 1)
            results.append(result)
            self.stdout.write(
                f"  {result.median_ms:.0f} ms median of {result.samples}, {result.queries} queries"
            )
            if options["verbosity"] >= 2:
                for ms, sql in result.extra["slowest_sql"]:
                    self.stdout.write(f"    {ms:>9.1f} ms  {sql}")
        return results

    def memory_child(self, pages, fixtures, overrides) -> None:
        page = pages[0]
        url = bench.page_url(page, fixtures, overrides)
        if url is None:
            raise CommandError(f"{page.name} is not built yet")
        found = bench.memory_here(page, url, fixtures["users"][page.role])
        self.stdout.write(json.dumps(found))
