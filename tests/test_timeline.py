"""Timeline rows run earliest first, open ends are drawn as open, labels wrap at words, claims
are counted by the week they became known, and the story's cards follow the story."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from nktracker.figures import LABEL_CHARS, build_sequence_figure, build_timeline_figure
from nktracker.labels import wrap_lines
from nktracker.model import DateRef
from nktracker.story import card_position, map_view_for, story_cards
from nktracker.timeline import (
    deployment_personnel,
    known_until,
    sequence_items,
    timeline_rows,
    weekly_counts,
)

TODAY = dt.date(2024, 10, 20)


@pytest.fixture(scope="module")
def dataset(frozen):
    """The frozen dataset (62 claims, 10 deployments, one article of 14 Oct 2024)."""
    return frozen[0]


@pytest.fixture(scope="module")
def claims(dataset):
    return list(dataset.claims.values())


def test_rows_run_from_the_earliest_start_whatever_the_region(dataset):
    rows = timeline_rows(dataset, list(dataset.deployments.values()), TODAY)
    assert [r.deployment.id for r in rows] == [
        "north-vietnam",
        "egypt-1973",
        "angola",
        "iran-iraq",
        "zimbabwe",
        "syria",
        "russia-2024",
    ]
    assert [r.first for r in rows] == sorted(r.first for r in rows)


def test_only_angola_has_an_open_end_and_it_covers_its_start_year_only(dataset):
    rows = timeline_rows(dataset, list(dataset.deployments.values()), TODAY)
    open_rows = [r for r in rows if r.open_end]
    assert [r.deployment.id for r in open_rows] == ["angola"]
    assert (open_rows[0].first, open_rows[0].last) == (dt.date(1975, 1, 1), dt.date(1975, 12, 31))


def timeline(dataset):
    deps = list(dataset.deployments.values())
    personnel = {d.id: deployment_personnel(dataset, d) for d in deps}
    return build_timeline_figure(dataset, deps, personnel, TODAY, "T", "s", "f")


def test_an_open_end_fades_to_the_axis_edge_and_says_the_end_is_not_reported(dataset):
    fig = timeline(dataset)
    axis_end = fig.layout.xaxis.range[1]
    angola_y = next(t.y[0] for t in fig.data if "Angola" in (t.hovertemplate or ""))
    row = [t for t in fig.data if t.type == "scatter" and t.y[0] == angola_y]
    dotted = [t for t in row if t.mode == "lines"]
    assert dotted and all(t.line.dash == "dot" for t in dotted)
    assert dotted[0].x[0] == "1976-01-01"  # from the end of the start year
    assert dotted[-1].x[-1] == axis_end  # to the edge: no end is claimed
    alphas = [float(t.line.color.rsplit(",", 1)[1].rstrip(")")) for t in dotted]
    assert alphas == sorted(alphas, reverse=True)  # fading
    marks = [t for t in row if "markers" in t.mode]
    assert marks[0].marker.symbol == "triangle-right-open"
    assert all("end not reported" in t.hovertemplate for t in row)


def test_no_other_row_draws_an_open_end(dataset):
    fig = timeline(dataset)
    assert sum(1 for t in fig.data if t.type == "scatter" and "markers" in (t.mode or "")) == 1


def test_the_first_label_is_the_top_row(dataset):
    fig = timeline(dataset)
    labels = [
        a
        for a in fig.layout.annotations
        if a.xref == "paper" and a.yanchor == "bottom" and a.yref != "paper"
    ]
    assert labels[0].text.startswith("<b>North Vietnam</b>")
    assert labels[-1].text.startswith("<b>Russia")


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("short", 20, ["short"]),
        ("", 20, []),
        ("If either party is attacked the other", 20, ["If either party is", "attacked the other"]),
        (
            "If either party is attacked the other shall provide assistance",
            20,
            ["If either party is", "attacked the other…"],
        ),
        ("a" * 30, 20, ["a" * 19 + "…"]),  # one word longer than a line: cut, with '…'
    ],
)
def test_wrap_lines_breaks_at_words_and_ends_with_an_ellipsis(text, width, expected):
    assert wrap_lines(text, width, 2) == expected


def plain_lines(annotation_text: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", line) for line in annotation_text.split("<br>")]


def test_sequence_labels_wrap_to_two_lines_and_never_cut_a_word(dataset, claims):
    items = sequence_items(dataset, claims)
    fig = build_sequence_figure(items, "S", "s", "f")
    labels = [
        a
        for a in fig.layout.annotations
        if a.xref == "paper" and a.yanchor == "bottom" and a.yref != "paper"
    ]
    assert len(labels) == len(items)
    words = set(" ".join(items["when"] + " · " + items["label"]).split())
    for label in labels:
        lines = plain_lines(label.text)
        assert 1 <= len(lines) <= 2
        for line in lines:
            assert len(line) <= LABEL_CHARS
            for word in line.split():
                assert word.rstrip("…") in {w.rstrip("…") for w in words} or word.endswith("…"), (
                    word
                )
    assert any(len(plain_lines(a.text)) == 2 for a in labels)


def test_wrapped_rows_get_more_room_so_labels_do_not_overlap(dataset, claims):
    items = sequence_items(dataset, claims)
    fig = build_sequence_figure(items, "S", "s", "f")
    labels = [
        a
        for a in fig.layout.annotations
        if a.xref == "paper" and a.yanchor == "bottom" and a.yref != "paper"
    ]
    ys = [a.y for a in labels]
    for upper, lower, label in zip(ys, ys[1:], labels[1:], strict=False):
        lines = len(plain_lines(label.text))
        assert upper - lower >= 1 + (lines - 1) * 17 / 50 - 1e-9


def test_claims_count_in_the_week_they_became_known(dataset, claims):
    counts = weekly_counts(dataset, claims)
    assert counts["claims"].sum() == len(claims)
    assert set(counts["week"]) == {"2024-10-14"}  # the article's week (a Monday)
    assert list(counts["stance"]) == ["asserts", "denies", "doubts"]
    assert list(counts["claims"]) == [57, 1, 4]
    assert counts["coarse"].sum() == 0  # the article's day bounds every loose date


def test_a_loose_date_with_no_later_bound_counts_from_its_first_day_and_is_coarse(dataset):
    claim = next(c for c in dataset.claims.values() if c.reported.precision == "month")
    loose = claim.model_copy(
        update={
            "article": "no-such-article",
            "reported": DateRef(date="2024-11", precision="month"),
        }
    )
    assert known_until(dataset, loose) == dt.date(2024, 11, 30)
    counts = weekly_counts(dataset, [loose])
    assert counts.to_dict("records") == [
        {"week": "2024-10-28", "stance": loose.stance, "claims": 1, "coarse": 1}
    ]


def test_story_cards_run_from_vietnam_to_the_october_reports(dataset, claims):
    cards = story_cards(dataset, claims)
    assert cards[0].id == "deployment-north-vietnam"
    assert len({c.id for c in cards}) == len(cards)
    kinds = [c.kind for c in cards]
    assert kinds.index("key date") > kinds.index("deployment")
    for card in cards:
        assert card.words == dataset.claims[card.claims[0]].quote  # the source's own words
        assert card.chain
    days = [c.order[2] for c in cards if c.kind == "key date"]
    assert days == sorted(days)


def test_the_linked_card_is_found_or_the_first_is_shown(dataset, claims):
    cards = story_cards(dataset, claims)
    assert card_position(cards, cards[3].id) == (3, True)
    assert card_position(cards, None) == (0, True)
    assert card_position(cards, "gone") == (0, False)


def test_a_card_maps_on_the_theatre_only_when_its_places_are_there(dataset, claims):
    cards = {c.id: c for c in story_cards(dataset, claims)}
    assert map_view_for(dataset, cards["deployment-angola"]) == "world"
    assert map_view_for(dataset, cards["deployment-russia-2024"]) == "theatre"
    assert dataclasses.replace(cards["deployment-angola"], places=()).places == ()
    assert map_view_for(dataset, dataclasses.replace(cards["deployment-angola"], places=())) == (
        "world"
    )


def test_story_cards_sort_when_a_deployment_starts_on_a_key_date(frozen_copy):
    """A deployment and a dated report on the same day compare field by field without mixing
    types (synthetic data at 100x crashed the page here)."""
    import yaml  # this test writes a data folder

    from nktracker.load import load_dataset  # the copied folder, after the edit
    from nktracker.story import story_cards  # the function under test

    path = frozen_copy / "deployments.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    present = next(d for d in data["deployments"] if d["era"] == "present")
    dataset, _ = load_dataset(frozen_copy)
    days = sorted(c.reported.date for c in dataset.claims.values() if c.reported.precision == "day")
    present["start"] = days[0]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    dataset, problems = load_dataset(frozen_copy)
    cards = story_cards(dataset, list(dataset.claims.values()))
    assert cards and not [p for p in problems if "deployments" in str(p)]
