"""The zero-set-up SQLite database under writes at the same moment, on a real server.

gunicorn (2 processes x 4 threads) serves a SQLite file loaded with the demo council;
people post at once through it, and a backup is taken while another writer keeps writing.
Skipped unless the suite runs on SQLite (tests/ops/test_concurrency.py covers PostgreSQL).
"""

import contextlib
import html
import http.client
import os
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "demo-password-1"  # noqa: S105 - the published demo sign-in
AT_ONCE = 12
REQUEST_TIMEOUT = 30
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?')
CONFLICT = "Someone else has posted an update on this action since you opened the form"
BUSY = "The system is busy: your change was not saved"
STATUSES = ["on_track", "at_risk", "off_track", "not_started"]
SET_UP = (
    "import django; django.setup(); from django.core.management import call_command; "
    "call_command('migrate', verbosity=0); call_command('load_demo', verbosity=0)"
)

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite only: the suite runs on another database"
)


class Site:
    def __init__(self, port: int, database: Path, env: dict, folder: Path):
        self.port, self.database, self.env, self.folder = port, database, env, folder

    def query(self, sql: str, *params) -> list[tuple]:
        with contextlib.closing(sqlite3.connect(self.database, timeout=REQUEST_TIMEOUT)) as db:
            return db.execute(sql, params).fetchall()

    def count(self, table: str, where: str = "1", *params) -> int:
        return self.query(f"SELECT count(*) FROM {table} WHERE {where}", *params)[0][0]  # noqa: S608


class Browser:
    """One person's cookies; each request on its own connection, with a timeout."""

    def __init__(self, port: int, cookies: dict | None = None):
        self.port, self.cookies = port, dict(cookies or {})

    def request(self, method: str, path: str, fields: dict | None = None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if fields is not None:
            body = urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        server = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
        try:
            server.request(method, path, body, headers)
            response = server.getresponse()
            page = response.read().decode()
        finally:
            server.close()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";")[0]
        return response.status, response, page

    def form(self, path: str) -> dict:
        status, _, page = self.request("GET", path)
        assert status == 200, f"GET {path} answered {status}"
        return hidden_fields(page)


def hidden_fields(page: str) -> dict:
    return {name: html.unescape(value or "") for name, value in HIDDEN.findall(page)}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(server: subprocess.Popen, port: int, log: Path):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if Browser(port).request("GET", "/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not start:\n{log.read_text()}")


@contextlib.contextmanager
def serving(env: dict, folder: Path, *, workers: int, threads: int):
    """gunicorn on a free loopback port until the block ends; yields the port."""
    port, log = free_port(), folder / f"gunicorn-{workers}x{threads}.log"
    command = [
        sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers), "--threads", str(threads), "--timeout", "60",
        "--log-level", "warning",
    ]  # fmt: skip
    with log.open("w") as output:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output)  # noqa: S603
    try:
        wait_until_up(server, port, log)
        yield port
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(5)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """2 gunicorn processes x 4 threads, serving a migrated SQLite file with the demo data."""
    folder = tmp_path_factory.mktemp("sqlite-site")
    database = folder / "tracker.sqlite3"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin"),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{database}",
        "MEDIA_ROOT": str(folder / "media"),
        "AXES_ENABLED": "false",
        "LOG_LEVEL": "WARNING",
    }
    set_up = subprocess.run(  # noqa: S603
        [sys.executable, "-c", SET_UP], cwd=ROOT, env=env, capture_output=True, timeout=120
    )
    assert set_up.returncode == 0, set_up.stderr.decode()
    with serving(env, folder, workers=2, threads=4) as port:
        yield Site(port, database, env, folder)


def signed_in(port: int, email: str) -> Browser:
    browser = Browser(port)
    fields = browser.form("/sign-in/")
    status, _, _ = browser.request(
        "POST", "/sign-in/", {**fields, "username": email, "password": PASSWORD}
    )
    assert status == 302 and "sessionid" in browser.cookies, f"{email} could not sign in"
    return browser


def all_at_once(jobs) -> list:
    """Run each job in its own thread, released together; returns each job's result."""
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def run(index, job):
        try:
            results[index] = job(barrier)
        except Exception as error:  # noqa: BLE001 - the test reports it
            results[index] = error

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not any(thread.is_alive() for thread in threads), "a request never finished"
    return results


def test_twelve_updates_posted_at_once_on_one_action_all_land_and_it_shows_the_latest(site):
    [(action_id,)] = site.query(
        "SELECT a.id FROM improvement_action a"
        " JOIN improvement_action_lead_officers l ON l.action_id = a.id"
        " JOIN accounts_user u ON u.id = l.user_id"
        " WHERE u.email = 'officer@example.org' AND a.declared_status = 'on_track'"
        " ORDER BY a.id LIMIT 1"
    )
    path = f"/actions/{action_id}/update/"
    before = site.count("improvement_progressupdate")
    officer = signed_in(site.port, "officer@example.org")

    def post(n):
        def job(barrier):
            browser = Browser(site.port, officer.cookies)  # the officer, in another tab
            mine = {"narrative": f"Update {n}: audit sample reviewed", "status": STATUSES[n % 4]}
            fields = {**browser.form(path), **mine}
            barrier.wait(30)
            answers = []
            # Told of a colleague's update, a person reads it, ticks the box and posts again.
            for _ in range(AT_ONCE + 3):
                status, response, page = browser.request("POST", path, fields)
                answers.append((status, response.getheader("Location"), page))
                if status != 200 or CONFLICT not in page:
                    break
                fields = {**hidden_fields(page), **mine, "confirm": "on"}
            return answers

        return job

    results = all_at_once([post(n) for n in range(AT_ONCE)])

    assert all(isinstance(result, list) for result in results), results
    answers = [answer for result in results for answer in result]
    statuses = [status for status, _, _ in answers]
    assert 500 not in statuses
    for status, location, page in answers:
        assert (
            (status == 302 and location.endswith(f"/actions/{action_id}/"))
            or (status == 200 and CONFLICT in page)
            or (status == 503 and BUSY in page)
        ), (status, page[:300])
    saved = statuses.count(302)
    # Every officer's update lands: each write queues for the lock (IMMEDIATE, 20 s), where
    # with SQLite's default (DEFERRED) 9 of the 12 got the busy page on a 2-core machine.
    assert saved == AT_ONCE
    assert site.count("improvement_progressupdate") == before + saved
    # Nothing half-written: the action shows its latest update, which has its history row.
    [(declared, last_at, latest_status, latest_at, histories)] = site.query(
        "SELECT a.declared_status, a.last_update_at, u.status, u.created_at,"
        " (SELECT count(*) FROM improvement_historicalprogressupdate h WHERE h.id = u.id)"
        " FROM improvement_action a JOIN improvement_progressupdate u ON u.action_id = a.id"
        " WHERE a.id = ? ORDER BY u.created_at DESC, u.id DESC LIMIT 1",
        action_id,
    )
    assert (declared, last_at) == (latest_status, latest_at) and histories == 1


def test_twelve_actions_added_at_once_to_one_priority_all_land_in_their_own_place(site):
    [(priority_id,)] = site.query("SELECT min(id) FROM improvement_priority")
    path = f"/priorities/{priority_id}/actions/new/"
    [(count_before, last_order)] = site.query(
        'SELECT count(*), max("order") FROM improvement_action WHERE priority_id = ?',
        priority_id,
    )
    manager = signed_in(site.port, "manager@example.org")

    def add(n):
        def job(barrier):
            browser = Browser(site.port, manager.cookies)
            fields = {
                **browser.form(path),
                "description": f"Concurrent action {n}",
                "lead_names": "Head of Early Help",
            }
            barrier.wait(30)
            status, response, page = browser.request("POST", path, fields)
            return status, page

        return job

    results = all_at_once([add(n) for n in range(AT_ONCE)])

    assert all(isinstance(result, tuple) for result in results), results
    statuses = [status for status, _ in results]
    assert 500 not in statuses
    for status, page in results:
        assert status == 302 or (status == 503 and BUSY in page), (status, page[:300])
    added = site.query(
        'SELECT a.description, a."order",'
        " (SELECT count(*) FROM improvement_historicalaction h WHERE h.id = a.id)"
        " FROM improvement_action a WHERE a.priority_id = ? AND a.description LIKE 'Concurrent%'",
        priority_id,
    )
    assert len(added) == statuses.count(302) == AT_ONCE  # DEFERRED: 4 of 12 saved
    assert sorted(order for _, order, _ in added) == list(
        range(last_order + 1, last_order + 1 + len(added))
    )
    assert all(histories == 1 for _, _, histories in added)
    assert site.count("improvement_action", "priority_id = ?", priority_id) == count_before + len(
        added
    )


def test_a_write_that_waits_too_long_for_the_lock_gets_the_busy_page_and_saves_nothing(site):
    """Another process holds the write lock past the busy timeout (1 s here, not 20)."""
    env = {**site.env, "SQLITE_BUSY_TIMEOUT": "1"}
    [(action_id,)] = site.query("SELECT min(id) FROM improvement_action")
    path = f"/actions/{action_id}/update/"
    with serving(env, site.folder, workers=1, threads=1) as port:
        manager = signed_in(port, "manager@example.org")
        fields = {**manager.form(path), "narrative": "Posted while locked", "status": "at_risk"}
        before = site.count("improvement_progressupdate")
        holder = sqlite3.connect(site.database, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            status, response, page = manager.request("POST", path, fields)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
    assert status == 503, page[:300]
    assert response.getheader("Retry-After") == "10"
    assert BUSY in page and "what you typed is still there" in page
    assert site.count("improvement_progressupdate") == before


def test_backup_taken_while_another_process_writes_restores_every_row_committed_before_it(
    site, tmp_path
):
    writer = sqlite3.connect(site.database, timeout=REQUEST_TIMEOUT, isolation_level=None,
                             check_same_thread=False)  # fmt: skip
    writer.execute("CREATE TABLE IF NOT EXISTS backup_probe (n INTEGER PRIMARY KEY)")
    committed: list[int] = []
    stop = threading.Event()

    def keep_writing():
        n = 0
        while not stop.is_set():
            n += 1
            writer.execute("BEGIN IMMEDIATE")
            writer.execute("INSERT INTO backup_probe (n) VALUES (?)", (n,))
            writer.execute("COMMIT")
            committed.append(n)
            time.sleep(0.002)

    thread = threading.Thread(target=keep_writing)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while len(committed) < 50 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert len(committed) >= 50, "the writer did not get going"
        rows_before = set(committed)
        app_rows = table_counts(site.database)
        run_script("backup.sh", tmp_path / "backup", site.env["DATABASE_URL"], site)
        written_during = len(committed) - len(rows_before)
    finally:
        stop.set()
        thread.join(30)
        writer.close()
    assert written_during > 0, "the writer was held up by the backup"

    restored = tmp_path / "restored.sqlite3"
    run_script("restore.sh", tmp_path / "backup", f"sqlite:///{restored}", site)
    assert_sound_copy(restored, rows_before, app_rows)

    # Restoring over a database that has moved on (in WAL mode, as the app leaves it).
    with contextlib.closing(sqlite3.connect(restored, isolation_level=None)) as moved_on:
        moved_on.execute("PRAGMA journal_mode=WAL")
        moved_on.execute("INSERT INTO backup_probe (n) VALUES (-1)")
        moved_on.execute("DELETE FROM improvement_progressupdate")
    run_script("restore.sh", tmp_path / "backup", f"sqlite:///{restored}", site)
    assert_sound_copy(restored, rows_before, app_rows)
    with contextlib.closing(sqlite3.connect(restored)) as copy:
        assert copy.execute("SELECT count(*) FROM backup_probe WHERE n < 0").fetchone()[0] == 0


def run_script(script: str, folder: Path, database_url: str, site: Site):
    env = {
        "PATH": site.env["PATH"],
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": site.env["MEDIA_ROOT"],
    }
    command = [str(ROOT / "ops" / script), str(folder)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)  # noqa: S603
    assert done.returncode == 0, done.stderr


def table_counts(database: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(database)) as db:
        tables = db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'backup_probe'"
        ).fetchall()
        return {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for (t,) in tables}  # noqa: S608


def assert_sound_copy(database: Path, probe_rows: set[int], app_rows: dict[str, int]):
    with contextlib.closing(sqlite3.connect(database)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        kept = {n for (n,) in db.execute("SELECT n FROM backup_probe")}
    assert probe_rows <= kept
    assert table_counts(database) == app_rows
