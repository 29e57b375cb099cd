"""Reading the words of the data: quantities (read_quantity) and hedges (HEDGES)."""

from __future__ import annotations

import re

import pytest

from conftest import REPO
from nktracker.wording import (
    HEDGES,
    Reading,
    dropped_hedges,
    format_number,
    hedge_example,
    hedges_in,
    read_quantity,
)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # digits, decimals, percentages
        ("3,000", Reading("exact", 3000)),
        ("600,000", Reading("exact", 600000)),
        ("18", Reading("exact", 18)),
        ("1,500,000", Reading("exact", 1500000)),
        ("1%", Reading("exact", 1, unit="percent")),
        ("0.5 percent", Reading("exact", 0.5, unit="percent")),
        ("5 per cent", Reading("exact", 5, unit="percent")),
        ("10 thousand", Reading("exact", 10000)),
        ("1.5 million", Reading("exact", 1500000)),
        # number words
        ("two", Reading("exact", 2)),
        ("eighteen", Reading("exact", 18)),
        ("ten thousand", Reading("exact", 10000)),
        ("a hundred", Reading("exact", 100)),
        ("three thousand", Reading("exact", 3000)),
        ("twenty-five", Reading("exact", 25)),
        ("one hundred and five", Reading("exact", 105)),
        ("three thousand five hundred", Reading("exact", 3500)),
        ("two million", Reading("exact", 2000000)),
        ("a dozen", Reading("exact", 12)),
        ("Eighteen North Korean soldiers", Reading("exact", 18)),
        # half
        ("half", Reading("exact", 50, unit="percent")),
        ("about half", Reading("about", 50, unit="percent")),
        ("more than half", Reading("more-than", 50, unit="percent")),
        # vague quantities
        ("dozens", Reading("dozens")),
        ("Dozens of North Koreans", Reading("dozens")),
        ("thousands", Reading("thousands")),
        ("Thousands", Reading("thousands")),
        ("several thousand", Reading("thousands")),
        ("tens of thousands", Reading("tens-of-thousands")),
        ("hundreds", Reading("hundreds")),
        ("a few hundred", Reading("hundreds")),
        ("a number of", Reading("a-number-of")),
        ("several", Reading("a-number-of")),
        ("a couple of thousand", Reading("a-couple-of", 2000)),
        ("a couple thousand", Reading("a-couple-of", 2000)),
        ("a couple of hundred", Reading("a-couple-of", 200)),
        # spans
        ("11,000–12,000", Reading("span", 11000, 12000)),
        ("2,000-3,000", Reading("span", 2000, 3000)),
        ("between 11,000 and 12,000", Reading("span", 11000, 12000)),
        ("from 80 to 100 pilots", Reading("span", 80, 100)),
        ("10-20%", Reading("span", 10, 20, unit="percent")),
        # shorthand: X takes Y's scale when it is at most a hundredth of Y
        ("11 to 12,000", Reading("span", 11000, 12000)),
        ("between 11 and 12,000", Reading("span", 11000, 12000)),
        ("eleven to twelve thousand", Reading("span", 11000, 12000)),
        ("1.5 to 2 million", Reading("span", 1500000, 2000000)),
        ("2 to 2,500", Reading("span", 2000, 2500)),
        ("5 to 500", Reading("span", 5, 500)),
        ("15 to 20", Reading("span", 15, 20)),
        ("50 to 12,000", Reading("span", 50, 12000)),
        # qualifier words before the number
        ("up to 3,000", Reading("up-to", 3000)),
        ("as many as 3,000", Reading("up-to", 3000)),
        ("at most 3,000", Reading("up-to", 3000)),
        ("no more than 3,000", Reading("up-to", 3000)),
        ("about 8,000", Reading("about", 8000)),
        ("About 18", Reading("about", 18)),
        ("some 600,000", Reading("about", 600000)),
        ("approximately 3,000", Reading("about", 3000)),
        ("around 3,000", Reading("about", 3000)),
        ("roughly 3,000", Reading("about", 3000)),
        ("nearly 3,000", Reading("about", 3000)),
        ("an estimated 11,000", Reading("about", 11000)),
        ("less than 1%", Reading("less-than", 1, unit="percent")),
        ("Less than 1%", Reading("less-than", 1, unit="percent")),
        ("under 3,000", Reading("less-than", 3000)),
        ("fewer than 3,000", Reading("less-than", 3000)),
        ("more than 600,000", Reading("more-than", 600000)),
        ("over 3,000", Reading("more-than", 3000)),
        ("upwards of 3,000", Reading("more-than", 3000)),
        ("at least 3,000", Reading("at-least", 3000)),
        ("no fewer than 3,000", Reading("at-least", 3000)),
        ("no less than 3,000", Reading("at-least", 3000)),
        ("up to a hundred", Reading("up-to", 100)),
        # ... and after it
        ("3,000 or more", Reading("at-least", 3000)),
        ("3,000+", Reading("at-least", 3000)),
        ("3,000 or so", Reading("about", 3000)),
        ("3,000 or fewer", Reading("up-to", 3000)),
        # a bare number is exact, whatever words are around it
        ("10,000", Reading("exact", 10000)),
        ("10,000 dispatched", Reading("exact", 10000)),
    ],
)
def test_read_quantity(words, expected):
    assert read_quantity(words) == expected


@pytest.mark.parametrize(
    "words",
    [
        "",
        "no number here",
        "troops",
        "a few",  # not a quantity of the rule
        "About 3,000 North Korean troops and 1,000 advisors",  # two numbers, not a span
        "11,000 and 12,000",  # 'and' joins a span only after 'between'
        "between 3,000",  # 'between' with one number
        "12,000 to 11,000",  # a span must rise
        "about 11 to 12,000",  # no rule for a qualified span
        "about thousands",  # no rule for a qualified vague word
        "some thousands",
        "hundreds of thousands",  # no row for it
        "a couple of hundred thousand",
        "up to 3,000 or more",  # two qualifiers
        "the 1980s",  # a number joined to letters
        "KN-23",
        "Hwasong-11s",
        "one and a half",
        "thousand",  # a scale word alone
    ],
)
def test_unreadable_words_give_none(words):
    assert read_quantity(words) is None


@pytest.mark.parametrize(
    ("words", "text"),
    [
        ("about 8,000", "8,000 (about)"),
        ("11 to 12,000", "11,000 to 12,000 (span)"),
        ("about half", "50% (about)"),
        ("Thousands", "thousands"),
    ],
)
def test_reading_describes_itself(words, text):
    reading = read_quantity(words)
    assert reading is not None and reading.describe() == text


def test_format_number():
    assert format_number(0.5) == "0.5"


# -- hedges ----------------------------------------------------------------------------------


def test_hedges_in_a_quote_in_order_longest_first():
    quote = "According to reports, Liga suggested that it could happen."
    assert [m for m, _, _ in hedges_in(quote)] == ["according to reports", "suggested", "could"]


def test_may_the_month_is_no_hedge():
    assert hedges_in("It was signed in May 2024.") == []
    assert [m for m, _, _ in hedges_in("May it be so. It may be so.")] == ["may", "may"]


@pytest.mark.parametrize(
    ("quote", "statement", "dropped"),
    [
        (
            "Liga suggested that the battalion could be near Sudzha",
            "It could be near Sudzha.",
            ["suggested"],
        ),
        ("Liga suggested that the battalion could be near Sudzha", "Liga suggests it could.", []),
        (
            "Thousands are training, according to reports.",
            "Thousands are training.",
            ["according to reports"],
        ),
        (
            "Thousands are training, according to reports.",
            "Reportedly, thousands are training.",
            [],
        ),
        ("about 18 fled, according to Suspilne.", "Suspilne said about 18 fled.", []),
        (
            "One report claims that 10,000 were sent.",
            "10,000 were sent.",
            ["one report", "claims that"],
        ),
        ("One report claims that 10,000 were sent.", "A report claimed 10,000 were sent.", []),
        ("It was reported that it called for workers.", "It reportedly called for workers.", []),
        ("It is unclear whether that occurred.", "Whether it occurred is unknown.", []),
        ("which may be critical", "which could be critical", []),
        ("training (including allegedly of Hezbollah)", "Training persisted.", ["allegedly"]),
        ("It could, and it might.", "It happens.", ["could", "might"]),
        ("The battalion is expected to include 3,000", "It is expected to include 3,000.", []),
        ("No hedge here.", "None here either.", []),
    ],
)
def test_dropped_hedges(quote, statement, dropped):
    assert [m for m, _, _ in dropped_hedges(quote, statement)] == dropped


@pytest.mark.parametrize(
    ("quote", "marker", "example"),
    [
        (
            "Liga suggested that the battalion could be deployed",
            "suggested",
            "Liga suggested that …",
        ),
        (
            "training in Russia, according to reports.",
            "according to reports",
            "According to reports, …",
        ),
        (
            "It helps, according to the Kyiv Post, citing sources.",
            "according to",
            "According to the Kyiv Post, …",
        ),
        ("One report claims that 10,000 troops", "one report", "One report claims …"),
    ],
)
def test_hedge_example_quotes_the_words_around_the_hedge(quote, marker, example):
    (_, start, end), *_ = [h for h in hedges_in(quote) if h[0] == marker]
    assert hedge_example(quote, start, end) == example


def test_docs_list_the_hedges():
    doc = (REPO / "docs" / "data.md").read_text(encoding="utf-8")
    match = re.search(r"^## Hedges\n(.*?)(?=^## |\Z)", doc, flags=re.S | re.M)
    assert match, "docs/data.md has no '## Hedges' section"
    rows = {}
    for line in match.group(1).splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and cells[0].startswith('"'):
            rows[cells[0].strip('"')] = tuple(re.findall(r'"([^"]+)"', cells[1]))
    assert rows == HEDGES


def test_hedges_section_follows_the_rule_for_vague_quantities():
    doc = (REPO / "docs" / "data.md").read_text(encoding="utf-8")
    titles = re.findall(r"^## (.+)$", doc, flags=re.M)
    assert titles[titles.index("The rule for vague quantities") + 1] == "Hedges"
