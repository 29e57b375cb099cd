"""The validator reads the words: estimates against their own words, hedges kept from the
quote, quotes with cuts and where they depart, and close ids for unknown ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import overlay
from nktracker.load import load_dataset
from nktracker.validate import quote_departure

GOOD_ESTIMATE = """      low: null
      best: null
      high: 3000
      unit: people
      qualifier: up-to
      words: up to 3,000
"""


def _yaml(value: float | None) -> str:
    return "null" if value is None else f"{value:g}"


def with_estimate(data: Path, words: str, qualifier: str, low, best, high, unit="people") -> Path:
    """The good data with the first claim's number said as `words` (article, quote, estimate)."""
    article = data / "articles" / "mini.txt"
    article.write_text(
        article.read_text(encoding="utf-8").replace("“up to 3,000 troops”", f"“{words} troops”"),
        encoding="utf-8",
    )
    claims = data / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    assert GOOD_ESTIMATE in text
    text = text.replace("“up to 3,000 troops”", f"“{words} troops”")
    text = text.replace(
        GOOD_ESTIMATE,
        f"      low: {_yaml(low)}\n      best: {_yaml(best)}\n      high: {_yaml(high)}\n"
        f"      unit: {unit}\n      qualifier: {qualifier}\n      words: {words}\n",
    )
    claims.write_text(text, encoding="utf-8")
    return data


def problems_of(data: Path) -> list[str]:
    _, problems = load_dataset(data)
    return [str(p) for p in problems]


def codes_of(data: Path) -> list[tuple[str, int | None, str]]:
    _, problems = load_dataset(data)
    return [p.key for p in problems]


# -- estimate-words ----------------------------------------------------------------------------


def test_a_tenfold_typo_is_caught(good_dir):
    with_estimate(good_dir, "about 8,000", "about", 72000, 80000, 88000)
    [problem] = problems_of(good_dir)
    assert problem.endswith(
        "claims.yaml:20: claims[0].estimate: words 'about 8,000' read as 8,000 (about): "
        "expected low=7200, best=8000, high=8800 (got low=72000, best=80000, high=88000). "
        "Fix: correct the numbers or the words (docs/data.md#the-rule-for-vague-quantities)"
    )


def test_the_typo_follows_the_rule_so_only_the_words_catch_it(good_dir):
    with_estimate(good_dir, "about 8,000", "about", 72000, 80000, 88000)
    assert codes_of(good_dir) == [("claims.yaml", 20, "estimate-words")]


def test_a_wrong_qualifier_is_caught(good_dir):
    with_estimate(good_dir, "up to 3,000", "about", 2700, 3000, 3300)
    [problem] = problems_of(good_dir)
    assert (
        "words 'up to 3,000' read as 3,000 (up-to): expected qualifier up-to, low=null, "
        "best=null, high=3000 (got qualifier about, low=2700, best=3000, high=3300)"
    ) in problem


@pytest.mark.parametrize(
    ("words", "qualifier", "low", "best", "high", "unit"),
    [
        ("11 to 12,000", "span", 11000, None, 12000, "people"),
        ("between 11,000 and 12,000", "span", 11000, None, 12000, "people"),
        ("2,000-3,000", "span", 2000, None, 3000, "people"),
        ("at least 3,000", "at-least", 3000, None, None, "people"),
        ("no fewer than 3,000", "at-least", 3000, None, None, "people"),
        ("tens of thousands of", "tens-of-thousands", 20000, None, 99999, "people"),
        ("hundreds of", "hundreds", 200, None, 999, "people"),
        ("a couple of thousand", "a-couple-of", 1800, 2000, 2200, "people"),
        ("about 18", "about", 16, 18, 20, "people"),
        ("some 600,000", "about", 540000, 600000, 660000, "people"),
        ("10,000", "exact", 10000, 10000, 10000, "people"),
        ("Thousands of", "thousands", 2000, None, 9999, "people"),
    ],
)
def test_estimates_that_agree_with_their_words_pass(
    good_dir, words, qualifier, low, best, high, unit
):
    with_estimate(good_dir, words, qualifier, low, best, high, unit)
    assert problems_of(good_dir) == []


def test_a_shorthand_span_stored_as_written_is_caught(good_dir):
    with_estimate(good_dir, "11 to 12,000", "span", 11, None, 12000)
    [problem] = problems_of(good_dir)
    assert (
        "words '11 to 12,000' read as 11,000 to 12,000 (span): expected low=11000, best=null, "
        "high=12000 (got low=11, best=null, high=12000)"
    ) in problem


def test_at_least_is_not_more_than(good_dir):
    with_estimate(good_dir, "at least 3,000", "more-than", 3000, None, None)
    [problem] = problems_of(good_dir)
    assert "(at-least): expected qualifier at-least" in problem
    assert "(got qualifier more-than" in problem


def test_a_unit_the_words_do_not_say_is_caught(good_dir):
    with_estimate(good_dir, "less than 1%", "less-than", 0, None, 1, unit="people")
    [problem] = problems_of(good_dir)
    assert "read as 1% (less-than): expected unit percent, low=0" in problem
    assert "(got unit people, low=0" in problem


def test_words_that_cannot_be_read_say_nothing(good_dir):
    with_estimate(good_dir, "about 3,000 soldiers and 1,000", "about", 900, 1000, 1100)
    assert problems_of(good_dir) == []


def test_a_range_against_the_rule_is_reported_once(good_dir):
    with_estimate(good_dir, "up to 3,000", "up-to", 1, None, 3000)
    assert codes_of(good_dir) == [("claims.yaml", 20, "estimate-rule")]


def test_the_frozen_estimates_agree_with_their_words(frozen):
    _, problems = frozen
    assert [str(p) for p in problems if p.code in ("estimate-words", "estimate-rule")] == []


# -- hedge-dropped -----------------------------------------------------------------------------


def hedged(data: Path, quote_words: str, statement: str) -> Path:
    """The good data with a hedge in the article and the first claim's quote."""
    article = data / "articles" / "mini.txt"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("were training", quote_words), encoding="utf-8")
    claims = data / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    text = text.replace("” were training near", f"” {quote_words} near")
    text = text.replace(
        "statement: Up to 3,000 troops were training near Sudzha.", f"statement: {statement}"
    )
    claims.write_text(text, encoding="utf-8")
    return data


def test_a_dropped_hedge_points_at_the_statement(good_dir):
    hedged(good_dir, "were reportedly training", "Up to 3,000 troops were training near Sudzha.")
    [problem] = problems_of(good_dir)
    assert problem.endswith(
        "claims.yaml:9: claims[0].statement: statement drops the quote's hedge 'reportedly'. "
        'Fix: keep the hedge in the statement, e.g. "were reportedly training …"'
    )


@pytest.mark.parametrize(
    ("quote_words", "statement"),
    [
        ("were reportedly training", "Up to 3,000 troops were reportedly training near Sudzha."),
        ("were reportedly training", "Up to 3,000 troops reported training near Sudzha."),
        ("could be training", "Up to 3,000 troops may be training near Sudzha."),
        ("were training", "Up to 3,000 troops were training near Sudzha."),
    ],
)
def test_a_kept_hedge_passes(good_dir, quote_words, statement):
    hedged(good_dir, quote_words, statement)
    assert problems_of(good_dir) == []


def test_every_dropped_hedge_is_named(good_dir):
    hedged(good_dir, "could allegedly be training", "Up to 3,000 troops trained near Sudzha.")
    [problem] = problems_of(good_dir)
    assert "statement drops the quote's hedges 'could', 'allegedly'" in problem


# -- not-verbatim: cuts and departures -----------------------------------------------------------


def set_quote(data: Path, quote: str) -> Path:
    claims = data / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    old = 'quote: "A spokesman on Monday called it a “hoax.”"'
    assert old in text
    claims.write_text(text.replace(old, f"quote: {quote!r}"), encoding="utf-8")
    return data


@pytest.mark.parametrize(
    "quote",
    [
        "A spokesman … called it a “hoax.”",
        "A spokesman ... called it a “hoax.”",
        "…on Monday called it…",
        "The Example Times reported … A spokesman on Monday … “hoax.”",
    ],
)
def test_a_quote_may_cut_words_with_an_ellipsis(good_dir, quote):
    set_quote(good_dir, quote)
    assert problems_of(good_dir) == []


def test_pieces_must_keep_the_article_order(good_dir):
    set_quote(good_dir, "called it a “hoax.” … A spokesman")
    [problem] = problems_of(good_dir)
    assert "claims.yaml:30:" in problem
    assert "must keep the article's order" in problem


def test_a_cut_piece_that_departs_says_where(good_dir):
    set_quote(good_dir, "A spokesman … called it a “fake.”")
    [problem] = problems_of(good_dir)
    assert "quote departs from article 'mini' at character 28: '…“fake.”'" in problem
    assert "vs the article's '…“hoax.”'" in problem


def test_not_verbatim_points_at_the_departure(tmp_path):
    _, problems = load_dataset(overlay("not-verbatim", tmp_path / "data"))
    [problem] = problems
    assert problem.key == ("claims.yaml", 30, "not-verbatim")
    assert problem.message == (
        "quote departs from article 'mini' at character 23: '…branded it' vs the article's "
        "'…called it'"
    )


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("abc def ghi jkl", None),
        ("abc … jkl", None),
        ("abc def ghi xyz", "at character 13: '…xyz' vs the article's '…jkl mno'"),
        ("xbc def ghi jkl", "at character 1: 'xbc def' vs the article's '…abc def'"),
        ("nothing like it", "'nothing like it' is nowhere in it"),
    ],
)
def test_quote_departure(quote, expected):
    found = quote_departure(quote, "abc def ghi jkl mno")
    if expected is None:
        assert found is None
    else:
        assert found is not None and expected in found


def test_departure_on_a_long_text_points_at_the_end_of_the_shared_start():
    text = " ".join(f"word{i}" for i in range(20000))
    quote = " ".join(f"word{i}" for i in range(500, 560)) + " wrong"
    found = quote_departure(quote, text)
    assert found is not None and "'…wrong'" in found


# -- unknown-ref: did you mean -----------------------------------------------------------------


def test_unknown_id_suggests_the_closest(tmp_path):
    _, problems = load_dataset(overlay("unknown-source", tmp_path / "data"))
    [problem] = problems
    assert problem.message == (
        "unknown source 'times-net': did you mean 'times'? (known: spokesman, times)"
    )


def test_unknown_id_with_no_close_match_lists_the_known(good_dir):
    claims = good_dir / "claims.yaml"
    text = claims.read_text(encoding="utf-8").replace("sources: [times]", "sources: [zzz]")
    claims.write_text(text, encoding="utf-8")
    [problem] = problems_of(good_dir)
    assert "unknown source 'zzz' (known: spokesman, times)" in problem
    assert "did you mean" not in problem
