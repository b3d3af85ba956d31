"""The documented backup and restore (ops/backup.sh, ops/restore.sh) loses nothing."""

import hashlib
import io
import os
import subprocess
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection

from improvement.models import Evidence, ProgressUpdate

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump and pg_restore need PostgreSQL"
)


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def fingerprint() -> dict[str, str]:
    """A hash of every row of every table the app owns, by table."""
    tables = sorted({model._meta.db_table for model in apps.get_models()})
    prints = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM \"{table}\" t"  # noqa: S608, E501
            )
            prints[table] = cursor.fetchone()
    return prints


def files_fingerprint(media: Path) -> dict[str, str]:
    return {
        str(path.relative_to(media)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in media.rglob("*")
        if path.is_file()
    }


def run(script: str, folder: Path):
    env = {**os.environ, "DATABASE_URL": database_url(), "MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    command = [str(ROOT / "ops" / script), str(folder)]
    subprocess.run(command, check=True, env=env, capture_output=True)  # noqa: S603


@pytest.mark.django_db(transaction=True)
def test_backup_empty_restore_finds_every_record_and_file(tmp_path):
    call_command("load_demo", stdout=io.StringIO())
    update = ProgressUpdate.objects.first()
    stored = default_storage.save(
        "evidence/2026/11/audit.pdf", ContentFile(b"%PDF-1.4 audit\n%%EOF")
    )
    Evidence.objects.create(update=update, file=stored, original_name="audit.pdf", size=20)
    before, files_before = fingerprint(), files_fingerprint(Path(settings.MEDIA_ROOT))
    assert files_before and sum(count for count, _ in before.values()) > 100

    run("backup.sh", tmp_path / "backup")
    call_command("flush", "--no-input")
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if path.is_file():
            path.unlink()
    assert fingerprint() != before and not files_fingerprint(Path(settings.MEDIA_ROOT))

    run("restore.sh", tmp_path / "backup")
    assert fingerprint() == before
    assert files_fingerprint(Path(settings.MEDIA_ROOT)) == files_before
