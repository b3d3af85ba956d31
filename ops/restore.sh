#!/usr/bin/env bash
# Restore a backup made by ops/backup.sh over the database and uploaded files.
# Usage: DATABASE_URL=postgres://... MEDIA_ROOT=/srv/tracker/media ops/restore.sh SRC
#        DATABASE_URL=sqlite:////srv/tracker/db.sqlite3 MEDIA_ROOT=... ops/restore.sh SRC
# Stop the app servers first; the restore replaces every table in one transaction.
set -euo pipefail
src=${1:?usage: ops/restore.sh SRC}
: "${DATABASE_URL:?set DATABASE_URL to the database (postgres://... or sqlite:///...)}"
: "${MEDIA_ROOT:?set MEDIA_ROOT to the uploaded files folder}"
ops=$(dirname "$0")
case "$DATABASE_URL" in
  sqlite:*)
    "${PYTHON:-python3}" "$ops/sqlite_copy.py" restore "$src/database.sqlite3" "$DATABASE_URL"
    ;;
  *)
    pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
      --dbname "$DATABASE_URL" "$src/database.dump"
    ;;
esac
mkdir -p "$MEDIA_ROOT"
tar -C "$MEDIA_ROOT" -xzf "$src/media.tar.gz"
echo "Restored from $src"
