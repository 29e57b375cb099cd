"""Words for people: source names (defined or not), chains, ranges, dates, years, truncation."""

from __future__ import annotations

import re

import pytest

from nktracker.labels import (
    UNKNOWN_KIND,
    chain_label,
    deployment_years,
    format_range,
    name_list,
    reported_label,
    source_label,
    truncate,
    wrap,
)


@pytest.fixture(scope="module")
def dataset(frozen):
    return frozen[0]


def test_source_label_of_a_defined_source(dataset):
    label = source_label(dataset, "liga")
    assert (label.name, label.kind, label.defined) == ("LIGA.net", "media", True)


def test_source_label_of_an_undefined_id_is_the_id(dataset):
    label = source_label(dataset, "times-net")
    assert (label.name, label.kind, label.defined) == ("times-net", UNKNOWN_KIND, False)


def test_chain_label_reads_originator_first(dataset):
    claim = dataset.claims["budanov-summer-2025-dilemma"]
    assert chain_label(dataset, claim) == "Kyrylo Budanov via Interfax via The War Zone"


def test_chain_label_names_an_undefined_relay_by_its_id(dataset):
    claim = dataset.claims["budanov-summer-2025-dilemma"]
    odd = claim.model_copy(update={"sources": ["twz", "interfax-x", "budanov"]})
    assert chain_label(dataset, odd) == "Kyrylo Budanov via interfax-x via The War Zone"


@pytest.mark.parametrize(
    ("low", "high", "unit", "text"),
    [
        (2000, 9999, "people", "2,000–9,999"),
        (None, 3000, "people", "up to 3,000"),
        (2, None, "people", "2 or more"),
        (10000, 10000, "people", "10,000"),
        (0, 1, "percent", "0%–1%"),
        (0.5, 1.5, "percent", "0.5%–1.5%"),
    ],
)
def test_format_range(low, high, unit, text):
    assert format_range(low, high, unit) == text


def test_reported_label_keeps_the_articles_words(dataset):
    claim = next(c for c in dataset.claims.values() if c.reported.words == "last week")
    assert reported_label(claim) == "week of 7 Oct 2024 (“last week”)"


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        ({"start": "1966", "end": "1969"}, "1966–1969"),
        ({"start": "1973-06", "end": "1973-12"}, "1973"),
        ({"start": "2024-10", "ongoing": True}, "since Oct 2024"),
        ({"start": "1975"}, "from 1975, end not recorded"),
        ({}, "years not recorded"),
    ],
)
def test_deployment_years_one_way_everywhere(dataset, fields, text):
    base = next(iter(dataset.deployments.values()))
    dep = base.model_copy(update={"start": None, "end": None, "ongoing": False, **fields})
    assert deployment_years(dep) == text


@pytest.mark.parametrize(
    ("text", "n", "out"),
    [
        ("short", 10, "short"),
        ("If either party is attacked by a state", 24, "If either party is…"),
        ("Supercalifragilisticexpialidocious", 10, "Supercali…"),
    ],
)
def test_truncate_cuts_at_a_word_when_one_is_near(text, n, out):
    assert truncate(text, n) == out
    assert len(truncate(text, n)) <= n


def test_wrap_keeps_lines_within_the_width():
    lines = wrap("one two three four five six seven", 9).split("\n")
    assert lines == ["one two", "three", "four five", "six seven"]


@pytest.mark.parametrize(
    ("names", "text"),
    [
        ([], "no sources"),
        (["A"], "A"),
        (["A", "B"], "A and B"),
        (["A", "B", "C"], "A, B and C"),
        (["A", "B", "C", "D"], "A, B and 2 others"),
        (["A", "A", "B"], "A and B"),
    ],
)
def test_name_list(names, text):
    assert name_list(names) == text


@pytest.mark.parametrize(
    "text",
    ["[Login](https://evil.example)", "**bold** _it_ `code` $x^2$", "# heading", "a\\b <b>x</b>"],
)
def test_markdown_literal_escapes_everything_markdown_acts_on(text):
    from nktracker.labels import markdown_literal

    escaped = markdown_literal(text)
    assert not re.search(r"(?<!\\)[\[\]*_`$#<>]", escaped.replace("\\\\", ""))
    assert re.sub(r"\\(.)", r"\1", escaped) == text  # unescaping gives the text back
