"""Search: spelling variants find the same claims, and the hit is marked in a plain snippet."""

from __future__ import annotations

import pytest

from nktracker.filters import Filters, filter_claims
from nktracker.search import fold, match_snippet, matches_text, word_spans


@pytest.fixture(scope="module")
def dataset(frozen):
    ds, problems = frozen
    assert not problems
    return ds


def found(dataset, text: str) -> set[str]:
    return {c.id for c in filter_claims(dataset, Filters(text=text))}


@pytest.mark.parametrize(
    ("typed", "as_written"),
    [
        ("Zelenskyy", "Zelensky"),
        ("ZELENSKIY", "Zelensky"),
        ("Budanow", "Budanov"),
        ("Kiev", "Kyiv"),
        ("Pjongjang", "Pyongyang"),
        ("P'yŏngyang", "Pyongyang"),
        ("kursk", "Kursk"),
        ("Kurs'k", "Kursk"),
        ("KN23", "KN-23"),
        ("kn 23", "KN-23"),
        ("Kim Jong Un", "Kim Jong-un"),
    ],
)
def test_a_spelling_variant_finds_what_the_written_name_finds(dataset, typed, as_written):
    expected = found(dataset, as_written)
    assert expected, f"the frozen data should hold {as_written!r}"
    assert found(dataset, typed) == expected


def test_source_aliases_and_ids_are_searched(dataset):
    # "Suspline" is how the article misspells Suspilne: an alias in sources.yaml
    assert found(dataset, "Suspline") == found(dataset, "Suspilne") != set()
    chain = {c.id for c in dataset.claims.values() if "liga" in c.sources}
    assert found(dataset, "liga") >= chain != set()


@pytest.mark.parametrize("text", ["hoax", "Sudzha", "battalion"])
def test_exact_words_still_find_exactly(dataset, text):
    assert found(dataset, text) == {
        c.id
        for c in dataset.claims.values()
        if text.lower() in (c.statement + c.quote + (c.note or "")).lower() or text.lower() in c.id
    }


@pytest.mark.parametrize("text", ["hoxa", "Kursx", "no claim says this", "Sudzha elephant"])
def test_short_words_and_words_far_off_find_nothing(dataset, text):
    assert found(dataset, text) == set()


def test_fold_drops_case_accents_apostrophes_and_dashes_and_maps_back():
    folded, where = fold("P’yŏngyang–Moscow")
    assert folded == "pyongyang moscow"
    assert len(where) == len(folded) and where[0] == 0 and where[-1] == len("P’yŏngyang–Moscow") - 1


def test_word_spans_widen_a_fuzzy_hit_to_whole_words():
    text = fold("Kyrylo Budanov said")[0]
    assert [text[a:b] for a, b in word_spans("budanow", text)] == ["budanov"]


def test_the_snippet_marks_every_hit_in_the_original_spelling(dataset):
    claim = next(c for c in dataset.claims.values() if c.statement.startswith("Zelensky insisted"))
    hit = match_snippet(dataset, claim, "zelenskyy north korea")
    assert hit.field == "statement"
    assert str(hit) == "statement: «Zelensky» insisted that «North Korea» is sending personnel."


def test_the_snippet_is_cut_around_the_first_hit_with_ellipses(dataset):
    claim = dataset.claims["treaty-immediate-assistance"]
    last_word = claim.quote.rstrip('.”"').split()[-1]
    text = str(match_snippet(dataset, claim, last_word, width=60))
    assert text.startswith("quote: …") and f"«{last_word}»" in text
    assert len(text) < 100


def test_no_query_no_snippet_and_every_claim_matches(dataset):
    claim = next(iter(dataset.claims.values()))
    assert str(match_snippet(dataset, claim, "")) == ""
    assert matches_text(dataset, claim, "  ")


def test_data_text_in_a_snippet_stays_plain(dataset):
    """The snippet adds only « and »: no Markdown or HTML of its own."""
    for claim in dataset.claims.values():
        text = str(match_snippet(dataset, claim, "troops"))
        assert "**" not in text and "<" not in text.replace(claim.quote, "")
