"""Back up or restore a SQLite database with SQLite's online backup, and check the result.

Usage: python3 ops/sqlite_copy.py backup DATABASE_URL FILE
       python3 ops/sqlite_copy.py restore FILE DATABASE_URL

Called by ops/backup.sh and ops/restore.sh; needs only Python's standard library. The
whole database is copied in one step, that is inside one read transaction, so the copy is
the database as it stood when the step began while, in WAL mode, the app goes on writing.
(The sqlite3 shell's `.backup` copies 100 pages at a time and starts again whenever
another process writes between two steps, so under steady writes it might never finish.)
Copying the file with `cp` could catch a write half-done and would miss whatever still
sits in the -wal file.
"""

import sqlite3
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

BUSY_TIMEOUT_SECONDS = 60


def database_path(url: str) -> str:
    """The file a sqlite:/// DATABASE_URL names, read the way dj-database-url reads it."""
    path = unquote(urlsplit(url).path[1:])
    if not path or path == ":memory:":
        sys.exit(f"{url} names no database file")
    return path


def copy(source: str, destination: str, *, single_file: bool) -> None:
    if not Path(source).is_file():
        sys.exit(f"There is no database at {source}")
    src = sqlite3.connect(source, timeout=BUSY_TIMEOUT_SECONDS)
    dest = sqlite3.connect(destination, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        src.backup(dest)  # pages=-1: everything in one step
        if single_file:
            # A backup is one self-contained file, not a database plus its -wal file.
            dest.execute("PRAGMA journal_mode=DELETE")
        [result] = dest.execute("PRAGMA integrity_check").fetchone()
        if result != "ok":
            sys.exit(f"{destination} failed SQLite's integrity check: {result}")
    finally:
        dest.close()
        src.close()


if __name__ == "__main__":
    match sys.argv[1:]:
        case ["backup", url, file]:
            copy(database_path(url), file, single_file=True)
        case ["restore", file, url]:
            copy(file, database_path(url), single_file=False)
        case _:
            sys.exit(__doc__.split("\n\n")[1])
