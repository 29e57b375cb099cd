"""The one written rule that turns the words of a quantity into an honest range."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from nktracker.labels import date_label, format_range
from nktracker.model import Claim, Dataset, Estimate
from nktracker.provenance import contest_label, contested_by, support

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
    "span": (
        "low = X, high = Y, best not stated ('11 to 12,000', 'between 11,000 and 12,000', "
        "'2,000-3,000'); a shorthand X takes Y's scale ('11 to 12,000' is 11,000 to 12,000)"
    ),
    "at-least": "low = N, high not stated ('at least', 'no fewer than', 'no less than')",
    "tens-of-thousands": "low = 20,000, high = 99,999 (two ten thousands up to a hundred thousand)",
    "hundreds": "low = 200, high = 999 (two hundred up to, not including, a thousand); no N",
    "a-couple-of": (
        "N = 2 x the scale ('a couple of thousand' is 2,000, 'a couple of hundred' 200); "
        "best = N, low = 0.9 N, high = 1.1 N, rounded outwards for people as for 'about'"
    ),
}

_FIXED = {
    "a-number-of": (2.0, None),
    "dozens": (24.0, 99.0),
    "hundreds": (200.0, 999.0),
    "thousands": (2000.0, 9999.0),
    "tens-of-thousands": (20000.0, 99999.0),
}
# 'A couple' of what: N is twice one of these ('a couple of thousand' is 2,000).
COUPLE_SCALES = (1.0, 100.0, 1000.0, 1_000_000.0)


@dataclass(frozen=True)
class Range:
    low: float | None
    best: float | None
    high: float | None


def range_for(
    qualifier: str, n: float | None, unit: str = "people", n2: float | None = None
) -> Range:
    """Apply RULE: the range that the words of a quantity allow, and no more.

    n is N (for a span, X); n2 is Y, the second number of a span, and is used by nothing else.
    """
    if qualifier in _FIXED:
        low, high = _FIXED[qualifier]
        return Range(low, None, high)
    if qualifier == "span":
        if n is None or n2 is None:
            raise ValueError("qualifier 'span' needs two numbers")
        return Range(n, None, n2)
    if n is None:
        raise ValueError(f"qualifier '{qualifier}' needs a number")
    if qualifier == "exact":
        return Range(n, n, n)
    if qualifier == "a-couple-of" and n / 2 not in COUPLE_SCALES:
        raise ValueError(
            f"qualifier 'a-couple-of' needs N = 2, 200, 2,000 or 2,000,000 (got {_fmt(n)})"
        )
    if qualifier in ("about", "a-couple-of"):
        if unit == "people":
            return Range(
                float(math.floor(round(n * 0.9, 6))), n, float(math.ceil(round(n * 1.1, 6)))
            )
        return Range(round(n * 0.9, 6), n, round(n * 1.1, 6))
    if qualifier == "up-to":
        return Range(None, None, n)
    if qualifier == "less-than":
        return Range(0.0, None, n)
    if qualifier in ("more-than", "at-least"):
        return Range(n, None, None)
    raise ValueError(f"unknown qualifier '{qualifier}'")


def stated_number(qualifier: str, low: float | None, best: float | None, high: float | None):
    """The N an estimate was built from, recovered from its stored fields (None if none).

    For a span this is X, the low end; Y is its high.
    """
    if qualifier in _FIXED:
        return None
    if qualifier in ("exact", "about", "a-couple-of"):
        return best
    if qualifier in ("up-to", "less-than"):
        return high
    return low  # more-than, at-least, span


def check_rule(qualifier: str, low, best, high, unit: str = "people") -> str | None:
    """None if low/best/high follow RULE for the qualifier, else what the rule expects."""
    n2 = high if qualifier == "span" else None
    try:
        expected = range_for(qualifier, stated_number(qualifier, low, best, high), unit, n2)
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
    return _headline(relevant, label)


def _headline(relevant: list[tuple[Claim, Estimate]], label: str) -> Headline | None:
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
    # the claims' estimates by quantity, once: linear in claims and quantities together
    by_quantity: dict[str, list[tuple[Claim, Estimate]]] = {}
    for claim, estimate in estimates_of(claims):
        by_quantity.setdefault(estimate.quantity, []).append((claim, estimate))
    group = {q.id for q in dataset.quantities.values() if q.group == HEADLINE_GROUP}
    top = _headline(
        [(c, e) for c, e in estimates_of(claims) if e.quantity in group],
        "North Korean personnel in Russia",
    )
    if top:
        out.append(top)
    for quantity in dataset.quantities.values():
        if quantity.group == HEADLINE_GROUP:
            continue
        item = _headline(by_quantity.get(quantity.id, []), quantity.label)
        if item:
            out.append(item)
    return out


def bound_words(claims: tuple[Claim, ...]) -> str:
    """The words behind a bound, as the first claim at that bound said them."""
    for claim in claims:
        if claim.estimate is not None:
            return claim.estimate.words
    return ""


@dataclass(frozen=True)
class HeadlineText:
    """A headline in the sources' own words, each bound with who stands behind it; the rule's
    numbers only in small print, so no bare number nobody said leads."""

    label: str
    value: str
    floor: str
    ceiling: str
    contested: str
    rule: str


def headline_text(dataset: Dataset, headline: Headline, as_of=None) -> HeadlineText:
    """'“Thousands” to “10,000”', with each bound's reports and originators and any denial."""
    low_words, high_words = bound_words(headline.low_claims), bound_words(headline.high_claims)
    same = {c.id for c in headline.low_claims} == {c.id for c in headline.high_claims}
    if same or not headline.low_claims or not headline.high_claims:
        value = f"“{low_words or high_words}”"
    else:
        value = f"“{low_words}” to “{high_words}”"

    def line(side: str, words: str, claims: tuple[Claim, ...]) -> str:
        if not claims:
            return f"{side}: no claim sets one"
        if same:
            side = "Said"
        who = support(dataset, claims).text()
        return f"{side}: “{words}”, {date_label(claims[0].reported)} — {who}"

    contesting: list[str] = []
    for claim in (*headline.low_claims, *headline.high_claims):
        contesting += [d for d in contested_by(dataset, claim, as_of) if d not in contesting]
    readings = [
        f"“{bound_words((c,))}” as {format_range(c.estimate.low, c.estimate.high, c.estimate.unit)}"
        for c in {c.id: c for c in (*headline.low_claims[:1], *headline.high_claims[:1])}.values()
        if c.estimate is not None
    ]
    unit = " people" if headline.unit == "people" else ""
    rule = (
        f"By the written rule: {headline.text()}{unit} over {headline.n_claims} claim(s), "
        f"reading {' and '.join(readings)}."
    )
    return HeadlineText(
        label=headline.label,
        value=value,
        floor=line("Floor", low_words, headline.low_claims),
        ceiling="" if same else line("Ceiling", high_words, headline.high_claims),
        contested=contest_label(dataset, contesting),
        rule=rule,
    )
