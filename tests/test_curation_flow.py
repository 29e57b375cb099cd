"""End to end, as a curator works: archive a new text, draft it, accept the drafts, check, and
open every page. The text is one the team wrote for the tests (tests/fixtures/articles/)."""

from __future__ import annotations

import re
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from conftest import FIXTURES, FROZEN, REPO
from nktracker.cli import main
from nktracker.load import load_dataset
from test_draft import merge

ARTICLE = FIXTURES / "articles" / "wire-2024-11-06.txt"  # written by the team for the tests
ARTICLE_ID = "wire-2024-11-06"
PUBLISHED = "2024-11-06"
DAY_BEFORE = "2024-11-05"
PAGES = [
    "pages/overview.py",
    "pages/estimates.py",
    "pages/map.py",
    "pages/timeline.py",
    "pages/sources.py",
    "pages/claims.py",
    "pages/briefing.py",
]


@pytest.fixture(scope="module")
def curated(tmp_path_factory) -> tuple:
    """A copy of the frozen data with the new article archived, drafted and accepted."""
    data = tmp_path_factory.mktemp("curated") / "data"
    shutil.copytree(FROZEN, data)
    before, _ = load_dataset(data)
    archived = main(
        ["archive", str(ARTICLE), "--id", ARTICLE_ID, "--outlet", "twz"]
        + ["--published", PUBLISHED, "--url", "https://example.org/test-wire", "--data", str(data)]
    )
    assert archived == 0
    drafts = data.parent / "drafts.yaml"
    assert main(["draft", ARTICLE_ID, "--data", str(data), "--out", str(drafts)]) == 0
    added = merge(data, drafts, reviewed=True)
    assert added > 0
    return data, before, added


def test_the_archived_text_is_kept_byte_for_byte(curated):
    data, _, _ = curated
    assert (data / "articles" / f"{ARTICLE_ID}.txt").read_bytes() == ARTICLE.read_bytes()


def test_accepted_drafts_pass_check(curated, capsys):
    data, before, added = curated
    assert main(["check", str(data)]) == 0
    dataset, problems = load_dataset(data)
    assert problems == []
    assert len(dataset.claims) == len(before.claims) + added
    new = [c for c in dataset.claims.values() if c.article == ARTICLE_ID]
    assert len(new) == added and all(c.quote in dataset.article_texts[ARTICLE_ID] for c in new)


def open_page(data, page: str, params: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    if page != "pages/overview.py":
        at.switch_page(page)
    return at.run()


def shown_count(at: AppTest) -> tuple[int, int]:
    text = re.sub(r"\\(.)", r"\1", at.caption[0].value)
    found = re.search(r"Showing (\d+) of (\d+) claims", text)
    assert found, text
    return int(found[1]), int(found[2])


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_the_new_claims_and_none_of_them_the_day_before(
    curated, page, monkeypatch
):
    data, before, added = curated
    monkeypatch.setenv("NKTRACKER_DATA", str(data))
    total = len(before.claims) + added
    at = open_page(data, page)
    assert not at.exception, at.exception
    if page != "pages/briefing.py":
        assert shown_count(at) == (total, total)
    earlier = open_page(data, page, {"as_of": DAY_BEFORE})
    assert not earlier.exception, earlier.exception
    if page != "pages/briefing.py":
        shown, _ = shown_count(earlier)
        assert shown <= len(before.claims)


def test_the_claims_table_lists_the_new_claims_only_once_they_are_known(curated, monkeypatch):
    data, _, _ = curated
    monkeypatch.setenv("NKTRACKER_DATA", str(data))
    dataset, _ = load_dataset(data)
    new = {c.id for c in dataset.claims.values() if c.article == ARTICLE_ID}
    now = open_page(data, "pages/claims.py")
    assert new <= set(now.dataframe[0].value["id"])
    earlier = open_page(data, "pages/claims.py", {"as_of": DAY_BEFORE})
    assert not new & set(earlier.dataframe[0].value["id"])


def test_the_estimates_claims_tab_lists_the_new_estimates_only_once_they_are_known(
    curated, monkeypatch
):
    data, _, _ = curated
    monkeypatch.setenv("NKTRACKER_DATA", str(data))
    dataset, _ = load_dataset(data)
    new = {c.quote for c in dataset.claims.values() if c.article == ARTICLE_ID and c.estimate}
    assert new
    view = {"estimates-view": "The claims"}  # the Estimates page draws only its open tab
    now = open_page(data, "pages/estimates.py", view)
    assert not now.exception, now.exception
    assert new <= set(now.dataframe[0].value["quote"])
    earlier = open_page(data, "pages/estimates.py", {**view, "as_of": DAY_BEFORE})
    assert not earlier.exception, earlier.exception
    assert not new & set(earlier.dataframe[0].value["quote"])
