"""Storing evidence files so that an update which is not saved leaves no file behind.

Each file is written under a temporary name in evidence/incoming/; only when the update's
transaction commits is it moved to the name its Evidence row holds. When writing fails
(a full or read-only disk) or the transaction rolls back, the temporaries, partial ones
included, are deleted and the person posting is told plainly that nothing was saved.
Anything left in evidence/incoming/ (a worker killed between writing and committing) is
swept once it is an hour old. Also here: a stored file sent back as a download.
"""

import logging
import os
from datetime import timedelta
from uuid import uuid4

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.utils import timezone

log = logging.getLogger("improvement.evidence")

INCOMING = "evidence/incoming"
STALE_AFTER = timedelta(hours=1)
NOT_STORED = (
    "The server could not store the file. Your update was not saved. Try again later or "
    "tell the service desk"
)


class EvidenceNotStored(ValidationError):
    """Writing a file failed; the update it came with is not saved."""

    def __init__(self):
        super().__init__(NOT_STORED, code="not_stored")


class StagedFiles:
    """Files written under temporary names, moved to their final names after commit."""

    def __init__(self, storage):
        self.storage = storage
        self.moves: list[tuple[str, str]] = []

    def stage(self, content, final_name: str) -> str:
        """Write `content` under a temporary name; return `final_name`, which it takes on
        commit. Raises EvidenceNotStored (removing every temporary) if writing fails."""
        if not self.moves:
            sweep_stale(self.storage)
        temporary = f"{INCOMING}/{uuid4().hex}.part"
        try:
            temporary = self.storage.save(temporary, content)
        except OSError as error:
            log.error("evidence not stored: %s", error, extra={"file": temporary})
            self._delete(temporary)  # the partial file, if the write got that far
            self.discard()
            raise EvidenceNotStored() from error
        self.moves.append((temporary, final_name))
        return final_name

    def move_after_commit(self) -> None:
        moves, self.moves = self.moves, []
        if moves:
            transaction.on_commit(lambda: self._move_all(moves))

    def discard(self) -> None:
        """Delete every file staged so far (the update is not being saved)."""
        for temporary, _final in self.moves:
            self._delete(temporary)
        self.moves = []

    def _move_all(self, moves: list[tuple[str, str]]) -> None:
        for temporary, final in moves:
            try:
                move(self.storage, temporary, final)
            except OSError:
                # The row is committed: keep the temporary so someone can move it by hand.
                log.exception("evidence committed but not moved: %s -> %s", temporary, final)

    def _delete(self, name: str) -> None:
        try:
            self.storage.delete(name)
        except OSError:
            log.exception("could not delete temporary evidence file %s", name)


def move(storage, source: str, target: str) -> None:
    """Rename a stored file: in place on a local disk, by copy and delete elsewhere."""
    try:
        source_path, target_path = storage.path(source), storage.path(target)
    except NotImplementedError:  # object storage has no paths
        with storage.open(source) as content:
            storage.save(target, content)
        storage.delete(source)
        return
    os.makedirs(os.path.dirname(target_path), exist_ok=True)
    os.replace(source_path, target_path)


def sweep_stale(storage) -> None:
    """Delete temporaries older than STALE_AFTER; best effort, never fails an upload."""
    cutoff = timezone.now() - STALE_AFTER
    try:
        _folders, names = storage.listdir(INCOMING)
        for name in names:
            path = f"{INCOMING}/{name}"
            if storage.get_modified_time(path) < cutoff:
                storage.delete(path)
    except (OSError, NotImplementedError):
        pass  # no incoming folder yet, or a storage that cannot list


def download(evidence) -> FileResponse:
    """The evidence's stored file as an attachment under its original name, with the type
    found when it was checked; 404 when the file is missing from storage. The caller has
    checked that the reader may see it."""
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.original_name or "evidence",
        content_type=evidence.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
