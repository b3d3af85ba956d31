#!/usr/bin/env bash
# Back up the database and the uploaded files into DEST (a new or empty folder).
# Usage: DATABASE_URL=postgres://... MEDIA_ROOT=/srv/tracker/media ops/backup.sh DEST
#        DATABASE_URL=sqlite:////srv/tracker/db.sqlite3 MEDIA_ROOT=... ops/backup.sh DEST
# The app can keep running: pg_dump and SQLite's online backup both copy one consistent
# moment of the database while writes go on.
set -euo pipefail
dest=${1:?usage: ops/backup.sh DEST}
: "${DATABASE_URL:?set DATABASE_URL to the database (postgres://... or sqlite:///...)}"
: "${MEDIA_ROOT:?set MEDIA_ROOT to the uploaded files folder}"
ops=$(dirname "$0")
mkdir -p "$dest"
case "$DATABASE_URL" in
  sqlite:*)
    "${PYTHON:-python3}" "$ops/sqlite_copy.py" backup "$DATABASE_URL" "$dest/database.sqlite3"
    database=database.sqlite3
    ;;
  *)
    pg_dump --format=custom --no-owner --no-privileges --file "$dest/database.dump" "$DATABASE_URL"
    database=database.dump
    ;;
esac
mkdir -p "$MEDIA_ROOT"
tar -C "$MEDIA_ROOT" -czf "$dest/media.tar.gz" .
echo "Backed up to $dest: $database and media.tar.gz"
