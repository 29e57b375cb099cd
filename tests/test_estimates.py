"""The written rule for vague quantities."""

from __future__ import annotations

import pytest

from nktracker.estimates import (
    HEADLINE_GROUP,
    RULE,
    Range,
    check_rule,
    headline_range,
    quantity_headlines,
    range_for,
    span,
)


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


def test_headline_is_lowest_and_highest_bound_with_their_claims(frozen):
    dataset, _ = frozen
    claims = list(dataset.claims.values())
    top = quantity_headlines(dataset, claims)[0]
    group = [
        c
        for c in claims
        if c.estimate and dataset.quantities[c.estimate.quantity].group == HEADLINE_GROUP
    ]
    lows = [c.estimate.low for c in group if c.estimate.low is not None]
    highs = [c.estimate.high for c in group if c.estimate.high is not None]
    assert (top.low, top.high) == (min(lows), max(highs))
    assert top.low_claims and all(c.estimate and c.estimate.low == top.low for c in top.low_claims)
    assert top.high_claims
    assert all(c.estimate and c.estimate.high == top.high for c in top.high_claims)
    assert top.n_claims == len(group)


def test_span_ignores_open_ends(frozen):
    dataset, _ = frozen
    estimates = [c.estimate for c in dataset.claims.values() if c.estimate]
    up_to = [e for e in estimates if e.qualifier == "up-to"]
    assert span(up_to) == (None, max(e.high for e in up_to))
    assert span([]) == (None, None)


def test_no_headline_without_estimates():
    assert headline_range([], {"anything"}, "label") is None


@pytest.mark.parametrize(
    ("qualifier", "n", "n2", "unit", "expected"),
    [
        ("span", 11000, 12000, "people", Range(11000, None, 12000)),
        ("span", 10, 20, "percent", Range(10, None, 20)),
        ("at-least", 3000, None, "people", Range(3000, None, None)),
        ("tens-of-thousands", None, None, "people", Range(20000, None, 99999)),
        ("hundreds", None, None, "people", Range(200, None, 999)),
        ("a-couple-of", 2000, None, "people", Range(1800, 2000, 2200)),
        ("a-couple-of", 200, None, "people", Range(180, 200, 220)),
        ("a-couple-of", 2, None, "people", Range(1, 2, 3)),  # rounded outwards like 'about'
    ],
)
def test_range_for_new_qualifiers(qualifier, n, n2, unit, expected):
    assert range_for(qualifier, n, unit, n2) == expected


def test_a_span_needs_two_numbers():
    with pytest.raises(ValueError, match="needs two numbers"):
        range_for("span", 11000)


def test_a_couple_is_twice_a_scale():
    with pytest.raises(ValueError, match="2, 200, 2,000 or 2,000,000"):
        range_for("a-couple-of", 3000)


@pytest.mark.parametrize(
    ("qualifier", "low", "best", "high", "ok"),
    [
        ("span", 11000, None, 12000, True),
        ("span", 11000, 11500, 12000, False),  # a span states no best
        ("span", None, None, 12000, False),
        ("at-least", 3000, None, None, True),
        ("at-least", 3000, None, 4000, False),
        ("tens-of-thousands", 20000, None, 99999, True),
        ("tens-of-thousands", 10000, None, 99999, False),
        ("hundreds", 200, None, 999, True),
        ("hundreds", 100, None, 999, False),
        ("a-couple-of", 1800, 2000, 2200, True),
        ("a-couple-of", 2700, 3000, 3300, False),  # 3,000 is not a couple of anything
        ("a-couple-of", 1900, 2000, 2100, False),
    ],
)
def test_check_rule_new_qualifiers(qualifier, low, best, high, ok):
    assert (check_rule(qualifier, low, best, high) is None) is ok
