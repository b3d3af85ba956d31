"""A database built at the layout before issue 12 upgrades to today's code with every row kept.

The old code (commit OLD_LAYOUT) migrates a fresh database and loads the demo council; today's
code then migrates the same database. Every table's rows must be byte-for-byte the same
before and after, history tables and sign-in events included. The only change allowed is the
one the move itself makes: the sign-in events' content type now belongs to the audit app.
Runs on the suite's database engine: a SQLite file, or a throwaway PostgreSQL database.
"""

import hashlib
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
OLD_LAYOUT = "17a39e7"  # main before the restructure: settings in improvement/, one big app
CHANGED_BY_DESIGN = {"django_migrations", "django_content_type"}
# Tables a later migration adds rows to by design: the old rows must all still be there.
GROWN_BY_DESIGN = {"auth_permission"}  # a new model's permissions


def select(table: str, columns: list[str] | None) -> str:
    """All of a table's rows; with `columns`, only those (the ones the old layout had)."""
    listed = ", ".join(f'"{name}"' for name in columns) if columns else "*"
    return f'SELECT {listed} FROM "{table}"'  # noqa: S608


def old_tree(destination: Path) -> Path:
    """The repository at OLD_LAYOUT, unpacked (skips when the clone lacks that history)."""
    found = subprocess.run(  # noqa: S603
        ["git", "-C", str(ROOT), "cat-file", "-e", f"{OLD_LAYOUT}^{{commit}}"],  # noqa: S607
        capture_output=True,
    )
    if found.returncode != 0:
        pytest.skip(f"this clone does not hold commit {OLD_LAYOUT} (shallow clone?)")
    archive = destination / "old.tar"
    with archive.open("wb") as out:
        subprocess.run(  # noqa: S603
            ["git", "-C", str(ROOT), "archive", OLD_LAYOUT],  # noqa: S607
            stdout=out,
            check=True,
        )
    tree = destination / "old"
    with tarfile.open(archive) as tar:
        tar.extractall(tree, filter="data")
    return tree


def manage(tree: Path, database_url: str, media: Path, *args: str) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DEBUG": "1",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media),
        "PYTHONPATH": str(tree),
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=tree, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]


class SQLiteDatabase:
    def __init__(self, folder: Path):
        self.path = folder / "upgrade.sqlite3"
        self.url = f"sqlite:///{self.path}"

    def rows(self, columns: dict[str, list[str]] | None = None) -> dict[str, list[tuple]]:
        import sqlite3

        self.columns = {}
        with sqlite3.connect(self.path) as db:
            tables = [
                name
                for (name,) in db.execute(
                    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
                )
            ]
            found = {}
            for table in tables:
                cursor = db.execute(select(table, (columns or {}).get(table)))
                self.columns[table] = [d[0] for d in cursor.description]
                found[table] = sorted(cursor, key=repr)
            return found

    def drop(self) -> None:
        self.path.unlink(missing_ok=True)


class PostgresDatabase:
    def __init__(self):
        settings = connection.settings_dict
        self.name = f"upgrade_check_{uuid.uuid4().hex[:8]}"
        self.params = {
            "user": settings["USER"],
            "password": settings["PASSWORD"] or None,
            "host": settings["HOST"] or "127.0.0.1",
            "port": settings["PORT"] or 5432,
        }
        password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
        host = f"{self.params['host']}:{self.params['port']}"
        self.url = f"postgres://{settings['USER']}{password}@{host}/{self.name}"
        self._admin(f'CREATE DATABASE "{self.name}"')

    def _admin(self, sql: str) -> None:
        import psycopg2

        admin = psycopg2.connect(dbname="postgres", **self.params)
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(sql)
        admin.close()

    def rows(self, columns: dict[str, list[str]] | None = None) -> dict[str, list[tuple]]:
        import psycopg2

        self.columns = {}
        db = psycopg2.connect(dbname=self.name, **self.params)
        with db.cursor() as cursor:
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
            tables = [name for (name,) in cursor.fetchall()]
            found = {}
            for table in tables:
                cursor.execute(select(table, (columns or {}).get(table)))
                self.columns[table] = [d[0] for d in cursor.description]
                found[table] = sorted(cursor.fetchall(), key=repr)
        db.close()
        return found

    def drop(self) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}"')


def fingerprint(rows: dict[str, list[tuple]]) -> dict[str, tuple[int, str]]:
    return {
        table: (len(found), hashlib.sha256(repr(found).encode()).hexdigest())
        for table, found in rows.items()
    }


@pytest.fixture
def database(tmp_path):
    db = PostgresDatabase() if connection.vendor == "postgresql" else SQLiteDatabase(tmp_path)
    yield db
    db.drop()


def test_a_demo_database_from_the_old_layout_upgrades_with_every_row_kept(tmp_path, database):
    old = old_tree(tmp_path)
    media = tmp_path / "media"
    manage(old, database.url, media, "migrate", "--no-input")
    manage(old, database.url, media, "load_demo")
    before = database.rows()

    manage(ROOT, database.url, media, "migrate", "--no-input")
    # Columns added since keep their defaults: compare the columns the old layout had.
    after = database.rows(columns=dict(database.columns))

    kept = {table: before[table] for table in before if table not in CHANGED_BY_DESIGN}
    same = {t: rows for t, rows in kept.items() if t not in GROWN_BY_DESIGN}
    assert fingerprint({t: after[t] for t in same}) == fingerprint(same)
    for table in GROWN_BY_DESIGN:
        assert set(kept[table]) <= set(after[table]), table
    assert (
        sum(len(rows) for table, rows in kept.items() if table.startswith("improvement_historical"))
        > 100
    )
    assert "accounts_signinevent" in kept  # the sign-in events' table, now audit's
    # The sign-in events' content type moved app, keeping its id (and so its permissions).
    old_types = {row[0]: row[1:] for row in before["django_content_type"]}
    new_types = {row[0]: row[1:] for row in after["django_content_type"]}
    moved = [
        pk for pk, (app, model) in old_types.items() if (app, model) == ("accounts", "signinevent")
    ]
    assert moved and all(new_types[pk] == ("audit", "signinevent") for pk in moved)
    assert {pk: v for pk, v in new_types.items() if pk not in moved and pk in old_types} == {
        pk: v for pk, v in old_types.items() if pk not in moved
    }
    applied = {(app, name) for _, app, name, *_ in after["django_migrations"]}
    assert ("audit", "0001_initial") in applied
    assert ("accounts", "0004_signinevent_moves_to_audit") in applied
