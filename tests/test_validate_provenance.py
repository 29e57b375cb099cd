"""Checks on the provenance fields: part_of, originator blocks and denial selectors."""

from __future__ import annotations

from pathlib import Path

from nktracker.load import load_dataset


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def keys(problems) -> list[tuple[str, int | None, str]]:
    return sorted((p.key for p in problems), key=str)


def test_part_of_that_loops_is_refused(good_dir):
    sources = good_dir / "sources.yaml"
    rewrite(
        sources,
        "    url: https://example.org\n",
        "    url: https://example.org\n    part_of: spokesman\n",
    )
    rewrite(sources, "    name: A spokesman\n", "    name: A spokesman\n    part_of: times\n")
    _, problems = load_dataset(good_dir)
    assert [p.code for p in problems] == ["invalid-value", "invalid-value"]
    assert all("loop" in p.message and p.line for p in problems)


def test_an_unknown_body_is_reported_with_its_line(good_dir):
    rewrite(
        good_dir / "sources.yaml",
        "    country: Nowhere\n",
        "    country: Nowhere\n    part_of: agency\n",
    )
    _, problems = load_dataset(good_dir)
    assert [(p.code, "part_of" in p.path) for p in problems] == [("unknown-ref", True)]


def test_a_selector_needs_a_denial_and_known_groups(good_dir):
    rewrite(
        good_dir / "claims.yaml",
        "    stance: asserts\n",
        "    stance: asserts\n    answers_where: {quantity_groups: [nowhere]}\n",
    )
    _, problems = load_dataset(good_dir)
    codes = sorted(p.code for p in problems)
    assert codes == ["invalid-value", "unknown-ref"]
    assert any("only a denial or a doubt" in p.message for p in problems)


def test_an_originator_block_needs_background_and_a_known_source(good_dir):
    rewrite(
        good_dir / "claims.yaml",
        "    stance: asserts\n",
        "    stance: asserts\n    originator: {source: nobody}\n",
    )
    _, problems = load_dataset(good_dir)
    assert [p.code for p in problems] == ["missing-field"]
    rewrite(
        good_dir / "claims.yaml",
        "originator: {source: nobody}",
        "originator: {source: nobody, background: {note: n, references: "
        "[{title: t, url: 'https://example.org'}]}}",
    )
    _, problems = load_dataset(good_dir)
    assert [p.code for p in problems] == ["unknown-ref"]


def test_a_body_used_only_through_part_of_is_not_unused(good_dir):
    sources = good_dir / "sources.yaml"
    sources.write_text(
        sources.read_text("utf-8")
        + "  - id: ministry\n    name: A ministry\n    kind: government\n    country: Nowhere\n",
        "utf-8",
    )
    _, problems = load_dataset(good_dir)
    assert [p.code for p in problems] == ["unused"]
    rewrite(sources, "    name: A spokesman\n", "    name: A spokesman\n    part_of: ministry\n")
    _, problems = load_dataset(good_dir)
    assert problems == []
