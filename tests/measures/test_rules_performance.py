"""RAG, direction of travel, comparison, average and rank at their boundaries, for both
polarities and both kinds of tolerance."""

from decimal import Decimal as D

import pytest

from measures.rules_performance import (
    AMBER,
    BETTER,
    DECLINING,
    DOWN,
    GREEN,
    HIGHER_THAN,
    IMPROVING,
    NO_CHANGE,
    RED,
    SAME,
    WORSE,
    compare,
    direction,
    neighbours_average,
    rag,
    rank,
    tolerance_band,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("80", GREEN),  # on the target
        ("80.1", GREEN),
        ("79.9", AMBER),
        ("78", AMBER),  # the band's far edge is still amber
        ("77.9", RED),
    ],
)
def test_rag_higher_is_better_absolute_tolerance(value, expected):
    result = rag(D(value), target=D(80), tolerance=D(2), polarity="higher", places=1)
    assert result == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("20", GREEN), ("19.9", GREEN), ("20.1", AMBER), ("22", AMBER), ("22.1", RED)],
)
def test_rag_lower_is_better_absolute_tolerance(value, expected):
    result = rag(D(value), target=D(20), tolerance=D(2), polarity="lower", places=1)
    assert result == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    # 10% of a target of 50 is a band of 5
    [("50", GREEN), ("49.9", AMBER), ("45", AMBER), ("44.9", RED)],
)
def test_rag_higher_is_better_percentage_tolerance(value, expected):
    result = rag(
        D(value),
        target=D(50),
        tolerance=D(10),
        tolerance_kind="percentage",
        polarity="higher",
        places=1,
    )
    assert result == expected


@pytest.mark.parametrize(
    ("value", "expected"), [("50", GREEN), ("50.1", AMBER), ("55", AMBER), ("55.1", RED)]
)
def test_rag_lower_is_better_percentage_tolerance(value, expected):
    result = rag(
        D(value),
        target=D(50),
        tolerance=D(10),
        tolerance_kind="percentage",
        polarity="lower",
        places=1,
    )
    assert result == expected


def test_rag_compares_the_figure_as_shown():
    # 77.96 shows as 78.0: the edge of the band, so amber, not red
    assert rag(D("77.96"), target=D(80), tolerance=D(2), polarity="higher", places=1) == AMBER


def test_rag_with_no_tolerance_is_green_or_red():
    assert rag(D(10), target=D(10), polarity="higher") == GREEN
    assert rag(D(9), target=D(10), polarity="higher") == RED


def test_no_rag_without_value_target_or_polarity():
    assert rag(None, target=D(1), polarity="higher") is None
    assert rag(D(1), target=None, polarity="higher") is None
    assert rag(D(1), target=D(1), polarity="context") is None


def test_percentage_band_of_a_negative_target_is_positive():
    assert tolerance_band(D(-50), D(10), "percentage") == D(5)


@pytest.mark.parametrize(
    ("latest", "previous", "polarity", "expected"),
    [
        ("21", "20", "higher", IMPROVING),
        ("19", "20", "higher", DECLINING),
        ("21", "20", "lower", DECLINING),
        ("19", "20", "lower", IMPROVING),
        ("20.04", "20", "higher", NO_CHANGE),  # reads 20.0 both times
        ("20.05", "20", "higher", IMPROVING),  # reads 20.1
        ("20.05", "20", "lower", DECLINING),
        ("19", "20", "context", DOWN),
    ],
)
def test_direction_of_travel(latest, previous, polarity, expected):
    assert direction(D(latest), D(previous), polarity=polarity, places=1) == expected


def test_no_direction_without_a_previous_figure():
    assert direction(D(1), None, polarity="higher") is None


@pytest.mark.parametrize(
    ("ours", "theirs", "polarity", "expected"),
    [
        ("23", "22.5", "lower", WORSE),
        ("22", "22.5", "lower", BETTER),
        ("23", "22.5", "higher", BETTER),
        ("22", "22.5", "higher", WORSE),
        ("22.5", "22.5", "lower", SAME),
        ("22.54", "22.5", "higher", SAME),
        ("23", "22.5", "context", HIGHER_THAN),
    ],
)
def test_comparison_with_a_comparator(ours, theirs, polarity, expected):
    assert compare(D(ours), D(theirs), polarity=polarity, places=1) == expected


def test_neighbours_average_uses_only_neighbours_with_a_figure():
    average = neighbours_average([D(10), None, D(20), None, D(30)])
    assert average.value == D(20)
    assert (average.used, average.of) == (3, 5)


def test_neighbours_average_of_none_is_none_not_zero():
    average = neighbours_average([None, None])
    assert average.value is None
    assert average.used == 0


def test_rank_among_neighbours_by_polarity():
    others = [D(10), D(20), None, D(30)]
    assert rank(D(25), others, polarity="higher") == 2
    assert rank(D(25), others, polarity="lower") == 3
    assert rank(D(20), others, polarity="lower") == 2  # a tie shares the better place
    assert rank(None, others, polarity="lower") is None
