"""The written rule for vague quantities."""

from __future__ import annotations

import pytest

from nktracker.estimates import RULE, Range, check_rule, range_for


@pytest.mark.parametrize(
    ("qualifier", "n", "unit", "expected"),
    [
        ("exact", 10000, "people", Range(10000, 10000, 10000)),
        ("about", 18, "people", Range(16, 18, 20)),
        ("about", 3000, "people", Range(2700, 3000, 3300)),
        ("about", 50, "percent", Range(45, 50, 55)),
        ("up-to", 3000, "people", Range(None, None, 3000)),
        ("less-than", 1, "percent", Range(0, None, 1)),
        ("more-than", 100, "people", Range(100, None, None)),
        ("a-number-of", None, "people", Range(2, None, None)),
        ("dozens", None, "people", Range(24, None, 99)),
        ("thousands", None, "people", Range(2000, None, 9999)),
    ],
)
def test_range_for(qualifier, n, unit, expected):
    assert range_for(qualifier, n, unit) == expected


def test_every_qualifier_has_a_written_rule():
    from nktracker.model import QUALIFIERS

    assert set(RULE) == set(QUALIFIERS)


@pytest.mark.parametrize(
    ("qualifier", "low", "best", "high", "ok"),
    [
        ("thousands", 2000, None, 9999, True),
        ("thousands", 1000, None, 9999, False),
        ("up-to", None, None, 3000, True),
        ("up-to", 0, None, 3000, False),
        ("exact", 10000, 10000, 10001, False),
    ],
)
def test_check_rule(qualifier, low, best, high, ok):
    assert (check_rule(qualifier, low, best, high) is None) is ok


def test_number_needed():
    with pytest.raises(ValueError, match="needs a number"):
        range_for("about", None)
