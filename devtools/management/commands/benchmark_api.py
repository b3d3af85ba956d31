"""python manage.py benchmark_api: the read API on the load data (docs/performance.md).

Times `/api/v1/actions/?format=csv` (every action, streamed, read to the end) and a JSON
page of 100 actions, with their SQL query counts and this process's peak memory. Run it in
a fresh process. It writes nothing: the request is authenticated as the user directly (no
token row, no last-used time) and, on PostgreSQL, the session is made read-only first.
"""

import json
import resource
import statistics
import time
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIRequestFactory, force_authenticate

from api.views.plans import ActionViewSet
from devtools.perf.sizes import PERF_USERS


def _read_only() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")


def _call(user, query: dict) -> tuple[float, int, int, int]:
    """(milliseconds, queries, bytes, lines) for one list request read to its end."""
    request = APIRequestFactory().get("/api/v1/actions/", query)
    force_authenticate(request, user=user, token=SimpleNamespace(pk=0, prefix="benchmark"))
    view = ActionViewSet.as_view({"get": "list"})
    started = time.perf_counter()
    size = lines = 0
    with CaptureQueriesContext(connection) as captured:
        response = view(request)
        # Read as a client would, a piece at a time, keeping none of it.
        parts = response.streaming_content if response.streaming else [response.render().content]
        for part in parts:
            part = part if isinstance(part, bytes) else part.encode()
            size, lines = size + len(part), lines + part.count(b"\n")
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise CommandError(f"The API answered {response.status_code}")
    return elapsed, len(captured), size, lines


class Command(BaseCommand):
    help = "Time the read API's CSV of every action and a JSON page, with peak memory."

    def add_arguments(self, parser):
        parser.add_argument("--email", default=PERF_USERS["manager"])
        parser.add_argument("--repeat", type=int, default=5, help="JSON page samples")

    def handle(self, *args, email, repeat, **options):
        user = get_user_model().objects.filter(email=email, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {email}: generate_load_data first")
        _read_only()
        ms, queries, size, lines = _call(
            user, {"format": "csv", "include_draft": "1", "include_closed": "1"}
        )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        pages = [_call(user, {"page_size": "100"}) for _ in range(repeat + 1)][1:]
        result = {
            "csv_ms": round(ms),
            "csv_queries": queries,
            "csv_rows": lines - 1,
            "csv_mb": round(size / 1e6, 1),
            "peak_rss_mb": round(peak),
            "json_100_median_ms": round(statistics.median(p[0] for p in pages), 1),
            "json_100_queries": pages[-1][1],
        }
        self.stdout.write(json.dumps(result))
