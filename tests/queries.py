"""Query counts pinned in tests, one way: run the same read at two data sizes and compare.

An N+1 shows as a count that grows with the data, so each test reads at a small and a
larger size and the counts must be equal (and, where the test says, exactly a number or at
most a budget).
"""

from collections.abc import Callable
from typing import TypeVar

from django.db import connection
from django.test.utils import CaptureQueriesContext

Subject = TypeVar("Subject")


def count_queries(read: Callable[[], object]) -> int:
    """How many SQL queries one call of `read` runs."""
    with CaptureQueriesContext(connection) as captured:
        read()
    return len(captured)


def assert_flat_queries(
    read: Callable[[Subject], object],
    small: Subject,
    large: Subject | None = None,
    *,
    grow: Callable[[], object] | None = None,
    warm: bool = False,
    exactly: int | None = None,
    at_most: int | None = None,
):
    """`read(small)` and `read(large)` run the same number of queries.

    `large` defaults to `small`, for a test that adds data to the same subject with
    `grow()`, which runs between the two reads. `warm` reads once, uncounted, before each
    counted read (sessions, stored snapshots). Returns the large read's result.
    """
    few, result = _counted(read, small, warm=warm)
    if grow is not None:
        grow()
    many, result = _counted(read, small if large is None else large, warm=warm)
    assert few == many, f"{few} queries at the small size, {many} at the large size"
    if exactly is not None:
        assert many == exactly, f"{many} queries, expected {exactly}"
    if at_most is not None:
        assert many <= at_most, f"{many} queries, more than {at_most}"
    return result


def _counted(read: Callable[[Subject], object], subject: Subject, *, warm: bool):
    if warm:
        read(subject)
    with CaptureQueriesContext(connection) as captured:
        result = read(subject)
    return len(captured), result
