"""The one written rule that turns the words of a quantity into an honest range."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from nktracker.labels import format_range
from nktracker.model import Claim, Dataset, Estimate

# The quantity group whose members all count North Korean personnel in Russia: the headline.
HEADLINE_GROUP = "nk-in-russia"

# The rule, qualifier by qualifier (docs/data.md repeats this table and a test keeps them equal).
# N is the number in the words; None means the words set no bound on that side.
RULE: dict[str, str] = {
    "exact": "low = best = high = N ('10,000 dispatched')",
    "about": (
        "best = N, low = 0.9 N, high = 1.1 N ('about', 'some', 'approximately'): +/-10 %, "
        "rounded outwards to whole people when the unit is people"
    ),
    "up-to": "high = N, low not stated ('up to', 'as many as'); best not stated",
    "less-than": "high = N, low = 0 ('less than', 'under'); best not stated",
    "more-than": "low = N, high not stated ('more than', 'over'); best not stated",
    "a-number-of": "low = 2, high not stated ('a number of', 'several'); no N",
    "dozens": "low = 24, high = 99 (two dozen up to, not including, a hundred); no N",
    "thousands": "low = 2,000, high = 9,999 (two thousand up to ten thousand); no N",
}

_FIXED = {"a-number-of": (2.0, None), "dozens": (24.0, 99.0), "thousands": (2000.0, 9999.0)}


@dataclass(frozen=True)
class Range:
    low: float | None
    best: float | None
    high: float | None


def range_for(qualifier: str, n: float | None, unit: str = "people") -> Range:
    """Apply RULE: the range that the words of a quantity allow, and no more."""
    if qualifier in _FIXED:
        low, high = _FIXED[qualifier]
        return Range(low, None, high)
    if n is None:
        raise ValueError(f"qualifier '{qualifier}' needs a number")
    if qualifier == "exact":
        return Range(n, n, n)
    if qualifier == "about":
        if unit == "people":
            return Range(
                float(math.floor(round(n * 0.9, 6))), n, float(math.ceil(round(n * 1.1, 6)))
            )
        return Range(round(n * 0.9, 6), n, round(n * 1.1, 6))
    if qualifier == "up-to":
        return Range(None, None, n)
    if qualifier == "less-than":
        return Range(0.0, None, n)
    if qualifier == "more-than":
        return Range(n, None, None)
    raise ValueError(f"unknown qualifier '{qualifier}'")


def stated_number(qualifier: str, low: float | None, best: float | None, high: float | None):
    """The N an estimate was built from, recovered from its stored fields (None if none)."""
    if qualifier in _FIXED:
        return None
    if qualifier in ("exact", "about"):
        return best
    if qualifier in ("up-to", "less-than"):
        return high
    return low  # more-than


def check_rule(qualifier: str, low, best, high, unit: str = "people") -> str | None:
    """None if low/best/high follow RULE for the qualifier, else what the rule expects."""
    try:
        expected = range_for(qualifier, stated_number(qualifier, low, best, high), unit)
    except ValueError as err:
        return str(err)
    got = Range(low, best, high)
    if got != expected:
        return (
            f"'{qualifier}' gives low={_fmt(expected.low)}, best={_fmt(expected.best)}, "
            f"high={_fmt(expected.high)} (got low={_fmt(low)}, best={_fmt(best)}, "
            f"high={_fmt(high)})"
        )
    return None


def _fmt(value: float | None) -> str:
    if value is None:
        return "null"
    return f"{value:g}"


def estimates_of(claims: Iterable[Claim]) -> list[tuple[Claim, Estimate]]:
    """(claim, estimate) for the claims that state a quantity."""
    return [(c, c.estimate) for c in claims if c.estimate is not None]


def span(estimates: Iterable[Estimate]) -> tuple[float | None, float | None]:
    """The lowest stated low and the highest stated high (None where no estimate sets one)."""
    items = list(estimates)
    lows = [e.low for e in items if e.low is not None]
    highs = [e.high for e in items if e.high is not None]
    return (min(lows) if lows else None, max(highs) if highs else None)


@dataclass(frozen=True)
class Headline:
    """A range across claims: the lowest bound and the highest, each with the claims behind it."""

    label: str
    unit: str
    low: float | None
    low_claims: tuple[Claim, ...]
    high: float | None
    high_claims: tuple[Claim, ...]
    n_claims: int

    def text(self) -> str:
        return format_range(self.low, self.high, self.unit)


def headline_range(claims: list[Claim], quantity_ids: set[str], label: str) -> Headline | None:
    """Lowest stated bound and highest stated bound over claims on these quantities."""
    relevant = [(c, e) for c, e in estimates_of(claims) if e.quantity in quantity_ids]
    if not relevant:
        return None
    low, high = span(e for _, e in relevant)
    return Headline(
        label=label,
        unit=relevant[0][1].unit,
        low=low,
        low_claims=tuple(c for c, e in relevant if low is not None and e.low == low),
        high=high,
        high_claims=tuple(c for c, e in relevant if high is not None and e.high == high),
        n_claims=len(relevant),
    )


def quantity_headlines(dataset: Dataset, claims: list[Claim]) -> list[Headline]:
    """The headline group (North Korean personnel in Russia) first, then one per quantity."""
    out = []
    group = {q.id for q in dataset.quantities.values() if q.group == HEADLINE_GROUP}
    top = headline_range(claims, group, "North Korean personnel in Russia")
    if top:
        out.append(top)
    for quantity in dataset.quantities.values():
        if quantity.group == HEADLINE_GROUP:
            continue
        item = headline_range(claims, {quantity.id}, quantity.label)
        if item:
            out.append(item)
    return out
