"""Loader and validator: every problem type, located by (file, line, code)."""

from __future__ import annotations

import pytest

from conftest import BAD, overlay
from nktracker.load import load_dataset

# case folder in tests/fixtures/bad -> the exact problems it must produce, as (file, line, code).
EXPECTED: dict[str, list[tuple[str, int | None, str]]] = {
    "yaml-syntax": [("claims.yaml", 13, "syntax")],
    "json-syntax": [("locations.geojson", 11, "syntax")],
    "not-utf8": [("sources.yaml", 6, "encoding")],
    "empty-file": [("deployments.yaml", 1, "empty-file")],
    "missing-file": [("deployments.yaml", None, "missing-file")],
    "wrong-type": [("claims.yaml", 12, "type")],
    "not-a-list": [("sources.yaml", 1, "type")],
    "unquoted-date": [("deployments.yaml", 12, "type")],
    "missing-field": [("claims.yaml", 8, "missing-field")],
    "denial-without-answers": [("claims.yaml", 28, "missing-field")],
    "unknown-field": [("sources.yaml", 7, "unknown-field")],
    "invalid-value": [("claims.yaml", 13, "invalid-value")],
    "bad-slug": [("claims.yaml", 32, "unknown-ref"), ("sources.yaml", 8, "invalid-value")],
    "duplicate-id": [("claims.yaml", 32, "unknown-ref"), ("sources.yaml", 8, "duplicate-id")],
    "duplicate-key": [("sources.yaml", 10, "duplicate-key")],
    "unknown-source": [("claims.yaml", 12, "unknown-ref")],
    "unknown-relay": [("claims.yaml", 32, "unknown-ref")],
    "unknown-location": [("deployments.yaml", 11, "unknown-ref")],
    "unknown-claim": [("claims.yaml", 34, "unknown-ref")],
    "unused-source": [("sources.yaml", 3, "unused")],
    "estimate-order": [("claims.yaml", 20, "estimate-order")],
    "estimate-rule": [("claims.yaml", 20, "estimate-rule")],
    "impossible-date": [("claims.yaml", 15, "date")],
    "date-precision": [("claims.yaml", 15, "date")],
    "date-after-article": [("claims.yaml", 36, "date")],
    "latitude": [("locations.geojson", 6, "coordinates")],
    "open-ring": [("locations.geojson", 6, "coordinates")],
    "bad-url": [("sources.yaml", 7, "url")],
    "not-verbatim": [("claims.yaml", 30, "not-verbatim")],
    "estimate-words": [("claims.yaml", 20, "estimate-words")],
    "hedge-dropped": [("claims.yaml", 9, "hedge-dropped"), ("claims.yaml", 10, "not-verbatim")],
    # issue 11: hostile input is one problem each, never a crash (more in test_hardening.py)
    "yaml-alias-bomb": [("sources.yaml", 2, "alias")],
    "yaml-recursive-alias": [("claims.yaml", 19, "alias")],
    "yaml-merge-key": [("sources.yaml", 11, "alias")],
    "yaml-tag-on-key": [("sources.yaml", 10, "syntax")],
    "yaml-bad-int": [("claims.yaml", 24, "syntax")],
    "yaml-bad-bool": [("deployments.yaml", 9, "syntax")],
    "yaml-bad-map": [("sources.yaml", 6, "syntax")],
    "yaml-bad-float": [("claims.yaml", 22, "syntax")],
    "yaml-long-int": [("claims.yaml", 24, "too-large")],
    "json-long-int": [("locations.geojson", 6, "too-large")],
    "yaml-too-deep": [("sources.yaml", 6, "too-deep")],
    "json-too-deep": [("locations.geojson", 6, "too-deep")],
    "json-recursion": [("locations.geojson", 6, "too-deep")],
    "yaml-control-char": [("sources.yaml", 4, "syntax")],
    "control-chars-in-key": [("sources.yaml", 7, "unknown-field")],
    "article-absolute-path": [("mini.yaml", 3, "outside-data")],
    "article-dotdot-path": [("mini.yaml", 3, "outside-data")],
    "article-nul-in-path": [("mini.yaml", 3, "outside-data")],
    "unknown-region": [("locations.geojson", 12, "unknown-ref")],
    "region-colour": [("regions.yaml", 5, "invalid-value")],
    "missing-regions": [("regions.yaml", None, "missing-file")],
    "draft-claim": [("claims.yaml", 9, "draft")],
}


def test_every_bad_case_has_an_expectation():
    assert sorted(p.name for p in BAD.iterdir()) == sorted(EXPECTED)


def test_good_fixture_has_no_problems(good_dir):
    dataset, problems = load_dataset(good_dir)
    assert problems == []
    assert dataset.counts() == {
        "sources": 2,
        "claims": 2,
        "deployments": 1,
        "locations": 1,
        "articles": 1,
    }


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_bad_case_reports_exact_problems(case, tmp_path):
    dataset, problems = load_dataset(overlay(case, tmp_path / "data"))
    expected = EXPECTED[case]
    assert sorted((p.key for p in problems), key=str) == sorted(expected, key=str)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_every_problem_line_names_file_path_and_fix(case, tmp_path):
    _, problems = load_dataset(overlay(case, tmp_path / "data"))
    for problem in problems:
        text = str(problem)
        assert "\n" not in text
        assert text.startswith(problem.file)
        assert "Fix: " in text, text


def test_all_problems_are_reported_at_once(good_dir):
    sources = good_dir / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    text = text.replace("url: https://example.org", "url: ftp://example.org")
    text = text.replace("kind: official", "kind: oracle")
    sources.write_text(text, encoding="utf-8")
    _, problems = load_dataset(good_dir)
    assert {p.code for p in problems} >= {"url", "invalid-value"}


def test_invalid_record_is_left_out_and_counted(good_dir):
    claims = good_dir / "claims.yaml"
    claims.write_text(
        claims.read_text(encoding="utf-8").replace("stance: denies", "stance: refutes"),
        encoding="utf-8",
    )
    dataset, problems = load_dataset(good_dir)
    assert list(dataset.claims) == ["times-troops"]
    assert dataset.left_out["claims"] == 1
    assert [p.code for p in problems] == ["invalid-value"]


def test_yaml_is_loaded_safely(good_dir):
    claims = good_dir / "claims.yaml"
    claims.write_text(
        "quantities: !!python/object/apply:os.system ['echo pwned']\n", encoding="utf-8"
    )
    _, problems = load_dataset(good_dir)
    assert [p.key for p in problems if p.code == "syntax"] == [("claims.yaml", 1, "syntax")]


def test_data_dir_comes_from_environment(good_dir, monkeypatch):
    monkeypatch.setenv("NKTRACKER_DATA", str(good_dir))
    dataset, problems = load_dataset()
    assert problems == []
    assert dataset.counts()["claims"] == 2


def test_missing_data_dir_is_reported_not_raised(tmp_path):
    dataset, problems = load_dataset(tmp_path / "nowhere")
    assert dataset.counts()["claims"] == 0
    assert {p.code for p in problems} == {"missing-file"}
