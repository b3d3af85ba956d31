"""A bounded load test: gunicorn on loopback, many signed-in users of mixed roles.

Used by `manage.py load_test`. Traffic goes only to 127.0.0.1, each virtual user stops
at the deadline, and every request has a timeout.
"""

import http.client
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class VirtualUser:
    role: str
    session: str
    reads: list[str]
    write_path: str | None = None  # an action's update form this user may post to


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, name: str, seconds: float, ok: bool):
        with self.lock:
            self.latencies.setdefault(name, []).append(seconds)
            if not ok:
                self.errors[name] = self.errors.get(name, 0) + 1


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def start_gunicorn(port: int, workers: int, env: dict) -> subprocess.Popen:
    """Collect static files as a deployment would, then start gunicorn and wait for /healthz."""
    env = {**os.environ, "STATIC_ROOT": tempfile.mkdtemp(prefix="loadtest-static-"), **env}
    collect = [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"]
    subprocess.run(collect, env=env, check=True)  # noqa: S603
    command = [
        sys.executable, "-m", "gunicorn", "config.wsgi",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
        "--access-logfile", "/dev/null", "--log-level", "warning", "--timeout", "60",
    ]  # fmt: skip
    server = subprocess.Popen(command, env=env)  # noqa: S603
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise RuntimeError("gunicorn did not start within 30 seconds")


class Session:
    """One keep-alive connection with the user's session cookie."""

    def __init__(self, port: int, session_key: str):
        self.port = port
        self.cookies = {"sessionid": session_key}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def request(self, method: str, path: str, body: bytes | None = None, headers=None):
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        all_headers = {"Cookie": cookie, "Host": "127.0.0.1", **(headers or {})}
        try:
            self.connection.request(method, path, body=body, headers=all_headers)
            response = self.connection.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";")[0]
        return response.status, content


def post_update(session: Session, path: str, n: int) -> int:
    """Open an action's update form and post an update, as an officer would."""
    status, page = session.request("GET", path)
    token = CSRF_INPUT.search(page)
    if status != 200 or not token:
        return status or 599
    hidden = {name.decode(): value.decode() for name, value in HIDDEN.findall(page)}
    fields = {
        **hidden,
        "csrfmiddlewaretoken": token.group(1).decode(),
        "narrative": f"Load test update {n}: audit sample reviewed, no concerns.",
        "status": "on_track",
        "percent_complete": "50",
        "confirm_overwrite": "on",
    }
    body = urlencode(fields).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Referer": "http://127.0.0.1"}
    status, _ = session.request("POST", path, body, headers)
    return status


HIDDEN = re.compile(rb'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def drive(user: VirtualUser, port: int, deadline: float, results: Results, write_every: int):
    session = Session(port, user.session)
    n = 0
    while time.monotonic() < deadline:
        n += 1
        if user.write_path and n % write_every == 0:
            name, started = "POST update", time.perf_counter()
            try:
                status = post_update(session, user.write_path, n)
            except (OSError, http.client.HTTPException):
                status = 599
            results.record(name, time.perf_counter() - started, status in (200, 302))
            continue
        path = user.reads[n % len(user.reads)]
        started = time.perf_counter()
        try:
            status, _ = session.request("GET", path)
        except (OSError, http.client.HTTPException):
            status = 599
        results.record(f"GET {path.split('?')[0]}", time.perf_counter() - started, status == 200)


def run(users: list[VirtualUser], port: int, seconds: float, write_every: int = 10) -> Results:
    results = Results()
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(target=drive, args=(u, port, deadline, results, write_every), daemon=True)
        for u in users
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 60)
    return results


def summary(results: Results, seconds: float) -> tuple[list[str], dict]:
    everything = [t for values in results.latencies.values() for t in values]
    totals = {
        "requests": len(everything),
        "rps": len(everything) / seconds,
        "p50_ms": statistics.median(everything) * 1000 if everything else 0,
        "p95_ms": percentile(everything, 0.95) * 1000,
        "p99_ms": percentile(everything, 0.99) * 1000,
        "errors": sum(results.errors.values()),
    }
    lines = ["| request | count | p50 ms | p95 ms | p99 ms | errors |", "|---|---|---|---|---|---|"]
    for name, values in sorted(results.latencies.items()):
        lines.append(
            f"| {name} | {len(values)} | {statistics.median(values) * 1000:.0f} | "
            f"{percentile(values, 0.95) * 1000:.0f} | {percentile(values, 0.99) * 1000:.0f} | "
            f"{results.errors.get(name, 0)} |"
        )
    lines.append(
        f"| **all** | {totals['requests']} | {totals['p50_ms']:.0f} | {totals['p95_ms']:.0f} | "
        f"{totals['p99_ms']:.0f} | {totals['errors']} |"
    )
    return lines, totals
