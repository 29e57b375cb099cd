"""The shipped data/ folder: invariants only (valid, non-empty, every quote verbatim, every
reference resolved), so a curator's valid addition never breaks the suite. Every test runs twice:
on data/ and on a grown copy of it (tests/grow_data.py: a second article and a copy of every
claim), which proves the point. Tests that pin counts run on tests/fixtures/frozen."""

from __future__ import annotations

import re

import pytest

from conftest import SHIPPED
from grow_data import grow
from nktracker.load import load_dataset
from nktracker.provenance import known_from
from nktracker.validate import is_web_url, normalise_space


@pytest.fixture(scope="module", params=["shipped", "grown"])
def shipped(request, tmp_path_factory):
    """(dataset, problems) of data/, then of a grown copy of it."""
    if request.param == "shipped":
        return load_dataset(SHIPPED)
    return load_dataset(grow(SHIPPED, tmp_path_factory.mktemp("grown") / "data").data)


def test_grown_data_holds_the_additions(tmp_path):
    before, _ = load_dataset(SHIPPED)
    grown = grow(SHIPPED, tmp_path / "data")
    after, problems = load_dataset(grown.data)
    assert [str(p) for p in problems] == []
    copies = {c + grown.copy_suffix for c in before.claims}
    assert set(after.claims) >= set(before.claims) | copies
    new = [c for c in after.claims.values() if c.article == grown.article_id]
    assert new and all(known_from(after, c).isoformat() == "2024-11-05" for c in new)
    assert len(after.regions) == len(before.regions) + 1
    # and once more: a grown folder grows again with new ids
    again, problems = load_dataset(grow(grown.data, tmp_path / "again").data)
    assert [str(p) for p in problems] == [] and len(again.claims) > len(after.claims)


def test_shipped_data_has_no_problems(shipped):
    _, problems = shipped
    assert [str(p) for p in problems] == []


def test_shipped_data_is_not_empty(shipped):
    dataset, _ = shipped
    counts = dataset.counts()
    assert all(n > 0 for n in counts.values()), counts


def test_every_quote_is_verbatim_in_its_document(shipped):
    dataset, _ = shipped
    checked = 0
    for claim in dataset.claims.values():
        text = normalise_space(dataset.article_texts[claim.article])
        assert normalise_space(claim.quote) in text, claim.id
        checked += 1
    assert checked == len(dataset.claims) > 0


SEED_ARTICLE = "twz-2024-10-15"  # the project's source document (../shared/seed/article.txt)


def test_every_sentence_of_the_seed_article_is_quoted(shipped):
    """Curation check: each sentence with a fact appears, at least in part, in some quote."""
    dataset, _ = shipped
    if SEED_ARTICLE not in dataset.article_texts:
        pytest.skip("the seed article is not in this data folder")
    text = dataset.article_texts[SEED_ARTICLE]
    quotes = " ".join(normalise_space(c.quote) for c in dataset.claims.values())
    sentences = [s for s in re.split(r"(?<=[.!?”])\s+", text) if len(s.split()) > 4]
    uncovered = []
    for sentence in sentences:
        words = normalise_space(sentence).split()
        # a sentence counts as covered when any 6 consecutive words of it are in a quote
        windows = {" ".join(words[i : i + 6]) for i in range(max(1, len(words) - 5))}
        if not any(w in quotes for w in windows):
            uncovered.append(sentence)
    assert uncovered == []


def test_denials_answer_claims_and_exist(shipped):
    dataset, _ = shipped
    denials = [c for c in dataset.claims.values() if c.stance == "denies"]
    assert denials, "the Kremlin's 'hoax' denial must be in the data"
    for claim in denials:
        assert claim.answers and all(a in dataset.claims for a in claim.answers)


def test_every_url_in_the_data_is_http(shipped):
    dataset, _ = shipped
    urls = [s.url for s in dataset.sources.values() if s.url]
    for dep in dataset.deployments.values():
        if dep.background:
            urls += [r.url for r in dep.background.references]
    assert urls and all(is_web_url(u) for u in urls)


def test_background_years_carry_references(shipped):
    dataset, _ = shipped
    dated = [d for d in dataset.deployments.values() if d.start or d.end]
    assert dated
    for dep in dated:
        assert dep.background and dep.background.references, dep.id
