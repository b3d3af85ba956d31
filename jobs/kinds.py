"""The kinds of job, registered by the apps that know how to do them.

An app registers each kind from its AppConfig.ready() with `register(name, run)`. The
worker calls `run(job, progress, user)` with the job's owner reloaded from the database,
so a job reads only what its owner may see when it runs. `run` returns an `Outcome`: a file
to keep for download, or a page to link to. A `ValidationError` it raises is shown to the
owner as the reason it failed.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import IO


@dataclass(frozen=True)
class Outcome:
    file: IO[bytes] | None = None  # rewound; the job closes it after storing
    filename: str = ""
    url: str = ""  # a page the finished job links to, when it made no file
    note: str = ""  # one line for "Your downloads" ("Imported 120 actions into ...")


class Progress:
    """Rows done of rows total, kept in memory; the runner writes it out every few seconds."""

    def __init__(self, flush: Callable[["Progress", bool], None] | None = None):
        self.done = 0
        self.total: int | None = None
        self._flush = flush

    def set_total(self, total: int) -> None:
        self.total = total
        self.flush(force=True)

    def step(self, rows: int = 1) -> None:
        self.done += rows
        self.flush()

    def flush(self, *, force: bool = False) -> None:
        if self._flush is not None:
            self._flush(self, force)


Runner = Callable[..., Outcome]
_KINDS: dict[str, Runner] = {}


def register(name: str, run: Runner) -> None:
    _KINDS[name] = run


def runner(name: str) -> Runner:
    return _KINDS[name]
