"""SQLite connections are set up for several writers at once; PostgreSQL's are left alone."""

import json
import subprocess
import sys

READ_CONNECTION = """
import json, django
django.setup()
from django.conf import settings
from django.db import connection
options = settings.DATABASES["default"]["OPTIONS"]
pragmas = {}
if connection.vendor == "sqlite":
    with connection.cursor() as cursor:
        for name in ("journal_mode", "synchronous", "busy_timeout"):
            pragmas[name] = cursor.execute(f"PRAGMA {name}").fetchone()[0]
print(json.dumps({"options": options, "pragmas": pragmas}))
"""


def connection_settings(database_url: str, **env) -> dict:
    """Settings and live PRAGMAs of a fresh interpreter's connection to `database_url`."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", READ_CONNECTION],
        env={
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "1",
            "DATABASE_URL": database_url,
            "PATH": "/usr/bin",
            **env,
        },
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(result.stdout)


def test_sqlite_uses_wal_a_busy_timeout_and_takes_the_write_lock_when_a_transaction_begins(
    tmp_path,
):
    found = connection_settings(f"sqlite:///{tmp_path / 'tracker.sqlite3'}")
    assert found["options"]["transaction_mode"] == "IMMEDIATE"
    assert found["pragmas"] == {"journal_mode": "wal", "synchronous": 1, "busy_timeout": 20_000}


def test_sqlite_busy_timeout_can_be_set_and_url_options_win(tmp_path):
    url = f"sqlite:///{tmp_path / 'tracker.sqlite3'}?transaction_mode=EXCLUSIVE"
    found = connection_settings(url, SQLITE_BUSY_TIMEOUT="3")
    assert found["options"]["transaction_mode"] == "EXCLUSIVE"
    assert found["pragmas"]["busy_timeout"] == 3_000


def test_postgresql_connections_get_none_of_the_sqlite_options():
    # Settings only: nothing connects to this address.
    found = connection_settings("postgres://tracker@127.0.0.1:1/tracker")
    assert found["options"] == {"options": "-c jit=off -c random_page_cost=1.1"}
