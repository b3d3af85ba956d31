"""A full disk, too many files, too large a request: the update is refused plainly, nothing
is saved, and no file is left behind."""

import errno
import os
import time
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from improvement.evidence_storage import INCOMING, NOT_STORED
from improvement.models import Evidence, ProgressUpdate
from improvement.services.actions import progress_update_post
from improvement.status import Status
from tests import factories

PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n" + b"%" * 4096


def pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


@pytest.fixture
def action(db, officer):
    return factories.ActionFactory(leads=[officer])


@pytest.fixture
def url(action):
    return reverse("progress_update_create", args=[action.pk])


def form(**changes):
    data = {
        "narrative": "Audit reports for the quarter attached.",
        "status": Status.ON_TRACK,
        "percent_complete": "",
        "links": "",
        "seen_update": "",
    }
    data.update(changes)
    return data


class HalfWritten(File):
    """Content whose second chunk never reaches the disk: the disk filled up mid-write."""

    def chunks(self, chunk_size=None):
        yield PDF_BYTES[:100]
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def disk_full_on_third_file(monkeypatch):
    """The third file written fails part-way with ENOSPC, leaving a partial file."""
    original = FileSystemStorage._save
    calls = []

    def save(self, name, content):
        calls.append(name)
        if len(calls) == 3:
            return original(self, name, HalfWritten(content.file, name=content.name))
        return original(self, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", save)
    return calls


def test_a_full_disk_refuses_the_update_plainly_and_leaves_no_file(
    client,
    officer,
    action,
    url,
    settings,
    disk_full_on_third_file,
    django_capture_on_commit_callbacks,
):
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form(files=[pdf("a.pdf"), pdf("b.pdf"), pdf("c.pdf")]))

    assert response.status_code == 200
    page = response.content.decode()
    assert NOT_STORED in page
    assert "Audit reports for the quarter attached." in page  # the input is kept
    assert len(disk_full_on_third_file) == 3
    assert not ProgressUpdate.objects.filter(action=action).exists()
    assert not Evidence.objects.exists()
    assert stored_files(settings) == []  # neither the two whole files nor the partial one


def test_a_full_disk_is_refused_by_the_service_too(
    officer, action, settings, disk_full_on_third_file
):
    with pytest.raises(ValidationError, match="could not store the file"):
        progress_update_post(
            action=action,
            author=officer,
            narrative="Three files",
            status=Status.ON_TRACK,
            files=[pdf("a.pdf"), pdf("b.pdf"), pdf("c.pdf")],
        )
    assert not action.updates.exists()
    assert stored_files(settings) == []


def test_files_take_their_names_only_when_the_update_commits(
    officer, action, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        update = progress_update_post(
            action=action,
            author=officer,
            narrative="Two files",
            status=Status.ON_TRACK,
            files=[pdf("a.pdf"), pdf("b.pdf")],
        )
        names = [item.file.name for item in update.evidence.all()]
        assert [path.parent.name for path in stored_files(settings)] == ["incoming"] * 2
        assert not any((Path(settings.MEDIA_ROOT) / name).exists() for name in names)

    for callback in callbacks:
        callback()
    assert sorted(stored_files(settings)) == sorted(Path(settings.MEDIA_ROOT) / n for n in names)
    assert all(name.startswith("evidence/") and name.endswith(".pdf") for name in names)
    assert all(path.read_bytes() == PDF_BYTES for path in stored_files(settings))


def test_files_written_before_a_later_failure_are_deleted(officer, action, settings):
    """The files are written, then a bad link fails the update: the files go too."""
    with pytest.raises(ValidationError):
        progress_update_post(
            action=action,
            author=officer,
            narrative="Files and a bad link",
            status=Status.ON_TRACK,
            files=[pdf("a.pdf"), pdf("b.pdf")],
            links=["not a link"],
        )
    assert not action.updates.exists()
    assert stored_files(settings) == []


def test_temporaries_left_by_a_killed_worker_are_swept_after_an_hour(officer, action, settings):
    storage = Evidence._meta.get_field("file").storage
    old = storage.save(f"{INCOMING}/old.part", ContentFile(b"left behind"))
    recent = storage.save(f"{INCOMING}/recent.part", ContentFile(b"being written"))
    two_hours_ago = time.time() - 2 * 3600
    os.utime(storage.path(old), (two_hours_ago, two_hours_ago))

    progress_update_post(
        action=action,
        author=officer,
        narrative="One file",
        status=Status.ON_TRACK,
        files=[pdf("a.pdf")],
    )

    assert not storage.exists(old)
    assert storage.exists(recent)


# Health check ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_says_503_when_uploads_cannot_be_stored(client, settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = blocker / "media"

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "ok",
        "storage": "unwritable",
        "queue": "ok",
        "oldest_waiting_seconds": 0,
    }


@pytest.mark.django_db
def test_healthz_leaves_no_probe_file_behind(client, settings):
    assert client.get("/healthz").status_code == 200
    assert stored_files(settings) == []


# Limits on what one request may carry ---------------------------------------------------


def test_more_files_than_one_update_may_carry_are_refused(client, officer, action, url, settings):
    client.force_login(officer)
    files = [pdf(f"report-{number}.pdf") for number in range(6)]

    response = client.post(url, form(files=files))

    assert response.status_code == 200
    assert "Attach up to 5 files to one update" in response.content.decode()
    assert not action.updates.exists()
    assert stored_files(settings) == []


def test_the_file_limit_is_a_setting_and_the_service_keeps_it(officer, action, settings):
    settings.EVIDENCE_MAX_FILES = 2
    with pytest.raises(ValidationError, match="Attach up to 2 files to one update"):
        progress_update_post(
            action=action,
            author=officer,
            narrative="Three files",
            status=Status.ON_TRACK,
            files=[pdf("a.pdf"), pdf("b.pdf"), pdf("c.pdf")],
        )
    assert not action.updates.exists()


def test_a_body_over_the_cap_is_refused_with_413_before_it_is_read(client, officer, action, url):
    """The request claims 1 GB but carries a few bytes: reading the body would fail the
    test client, so a 413 here shows the body was never read."""
    client.force_login(officer)

    response = client.post(
        url,
        data=b'--b\r\nContent-Disposition: form-data; name="files"; filename="x.pdf"\r\n\r\n%PDF',
        content_type="multipart/form-data; boundary=b",
        CONTENT_LENGTH=str(1024**3),
    )

    assert response.status_code == 413
    page = response.content.decode()
    assert "What you sent is too large: nothing was saved" in page
    assert "at most 50 MB" in page
    assert not action.updates.exists()


def test_the_request_cap_is_a_setting(client, officer, action, url, settings):
    settings.REQUEST_MAX_BYTES = 2048
    client.force_login(officer)
    response = client.post(url, form(files=[pdf("big.pdf")]))  # about 4 KB with the file
    assert response.status_code == 413
    response = client.post(url, form())
    assert response.status_code == 302
    assert action.updates.count() == 1
