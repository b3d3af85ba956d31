"""Limits that keep a strange upload from tying up a web worker, and the error for a file."""

from __future__ import annotations

import time

MAX_ROWS = 20_000  # rows with something in them
MAX_COLUMNS = 200
MAX_EMPTY_RUN = 10_000  # stop reading after this many empty rows in a row
MAX_SECONDS = 20  # reading one file; a real plan of 20,000 rows takes a few seconds
EXCEL_MAX_COLUMNS = 16_384  # column XFD: no real sheet has a cell beyond it
MAX_SHARED_STRINGS = 200_000  # 20,000 rows of 10 different texts
MAX_CELL_PARTS = 1_000  # XML elements inside one cell or shared string (rich-text runs)
MAX_SMALL_PART_BYTES = 10 * 1024 * 1024  # workbook, styles, relationships: read whole
MAX_STREAMED_PART_BYTES = 100 * 1024 * 1024  # a sheet or the shared strings, once inflated


class FileProblem(Exception):
    """The file as a whole cannot be read. ``str(error)`` is the message for the user."""


def deadline_from_now() -> float:
    return time.monotonic() + MAX_SECONDS


def check_deadline(deadline: float) -> None:
    if time.monotonic() > deadline:
        raise FileProblem(
            "The file took too long to read. Check it is the right file, or split it into "
            "smaller files."
        )


def too_many_columns(row: int, column: int) -> FileProblem:
    return FileProblem(
        f"The file has more than {MAX_COLUMNS} columns: row {row:,} has something in column "
        f"{column:,}. Delete the columns you do not need, or check it is the right file."
    )
