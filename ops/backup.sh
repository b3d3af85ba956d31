#!/usr/bin/env bash
# Back up the database and the uploaded files into DEST (a new or empty folder).
# Usage: DATABASE_URL=postgres://... MEDIA_ROOT=/srv/tracker/media ops/backup.sh DEST
set -euo pipefail
dest=${1:?usage: ops/backup.sh DEST}
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database}"
: "${MEDIA_ROOT:?set MEDIA_ROOT to the uploaded files folder}"
mkdir -p "$dest"
pg_dump --format=custom --no-owner --no-privileges --file "$dest/database.dump" "$DATABASE_URL"
mkdir -p "$MEDIA_ROOT"
tar -C "$MEDIA_ROOT" -czf "$dest/media.tar.gz" .
echo "Backed up to $dest: database.dump and media.tar.gz"
