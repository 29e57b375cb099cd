"""Filters as pure functions, and the one codec between filters and the URL."""

from __future__ import annotations

import datetime as dt

import pytest

from nktracker.filters import (
    Filters,
    by_stance,
    claim_regions,
    filter_claims,
    filter_options,
    showing,
)


@pytest.fixture(scope="module")
def dataset(frozen):
    ds, problems = frozen
    assert not problems
    return ds


def test_no_filters_keep_everything(dataset):
    assert len(filter_claims(dataset, Filters())) == len(dataset.claims)


def test_source_filter_matches_anywhere_in_the_chain(dataset):
    kept = filter_claims(dataset, Filters(sources=("washington-post",)))
    assert kept and all("washington-post" in c.sources for c in kept)
    expected = [c for c in dataset.claims.values() if "washington-post" in c.sources]
    assert kept == expected


def test_region_filter_uses_locations(dataset):
    kept = filter_claims(dataset, Filters(regions=("Kursk region",)))
    assert kept
    assert all("Kursk region" in claim_regions(dataset, c) for c in kept)
    assert "suspilne-18-deserters" in {c.id for c in kept}


def test_stance_and_topic(dataset):
    denials = filter_claims(dataset, Filters(stances=("denies",)))
    assert [c.id for c in denials] == ["peskov-hoax"]
    history = filter_claims(dataset, Filters(topics=("history",)))
    assert all(c.topic == "history" for c in history) and len(history) >= 8


def test_reported_range_overlaps_precision(dataset):
    # "last week" (7-13 Oct) overlaps 10 Oct; "on Tuesday" (15 Oct) does not.
    kept = {
        c.id
        for c in filter_claims(
            dataset, Filters(reported_from=dt.date(2024, 10, 10), reported_to=dt.date(2024, 10, 10))
        )
    }
    assert "wapo-thousands-training" in kept
    assert "peskov-hoax" in kept
    assert "liga-battalion-size" not in kept


def test_as_of_keeps_what_was_known_by_then(dataset):
    """Known from the later of the reported date and the article's publication (the frozen
    data's one article is dated the week of 14 Oct 2024)."""
    assert filter_claims(dataset, Filters(as_of=dt.date(2024, 10, 12))) == []
    ids = {c.id for c in filter_claims(dataset, Filters(as_of=dt.date(2024, 10, 14)))}
    assert "peskov-hoax" in ids  # said 10 Oct, published in the week of 14 Oct
    assert "liga-battalion-size" not in ids  # reported on Tuesday 15 Oct
    assert 0 < len(ids) < len(dataset.claims)


def test_text_search_is_case_insensitive_over_words_and_sources(dataset):
    assert [c.id for c in filter_claims(dataset, Filters(text="HOAX"))] == ["peskov-hoax"]
    by_name = filter_claims(dataset, Filters(text="budanov"))
    assert {c.said_by for c in by_name} == {"budanov"}
    assert filter_claims(dataset, Filters(text="no such words anywhere")) == []


def test_filter_options_cover_the_data(dataset):
    options = filter_options(dataset)
    assert "liga" in options.sources and "Kursk region" in options.regions
    assert options.first_reported <= dt.date(2024, 6, 1)
    assert options.last_reported == dt.date(2024, 10, 20)


def test_source_options_are_grouped_by_kind_then_name_and_labelled(dataset):
    options = filter_options(dataset)
    kinds = [dataset.sources[s].kind for s in options.sources]
    assert kinds == sorted(kinds)  # grouped by kind
    for kind in set(kinds):
        names = [
            dataset.sources[s].name.casefold()
            for s in options.sources
            if kinds[options.sources.index(s)] == kind
        ]
        assert names == sorted(names)
    assert options.source_labels["liga"] == "Media · LIGA.net"
    assert set(options.source_labels) == set(options.sources)  # the URL keeps the ids


@pytest.mark.parametrize(
    ("params", "expected", "n_notes"),
    [
        ({"source": ["liga"]}, Filters(sources=("liga",)), 0),
        ({"source": "liga"}, Filters(sources=("liga",)), 0),
        ({"source": ["liga", "nobody"]}, Filters(sources=("liga",)), 1),
        ({"region": ["Atlantis"]}, Filters(), 1),
        (
            {"reported": ["2024-10-01", "2024-13-01"]},
            Filters(reported_from=dt.date(2024, 10, 1), reported_to=dt.date(2024, 10, 1)),
            1,
        ),
        ({"reported": ["2020-01-01", "2030-01-01"]}, Filters(), 0),  # the whole span: default
        ({"as_of": ["yesterday"]}, Filters(), 1),
        ({"as_of": ["2030-01-01"]}, Filters(), 0),  # after the last report: default
        ({"q": ["<script>"]}, Filters(text="<script>"), 0),
        ({"flavour": ["red"]}, Filters(), 1),
        ({"view": ["World"]}, Filters(), 0),  # a page parameter, passed over
    ],
)
def test_from_params(dataset, params, expected, n_notes):
    filters, notes = Filters.from_params(params, filter_options(dataset), other_keys=("view",))
    assert filters == expected
    assert len(notes) == n_notes


def test_to_params_leaves_defaults_out_and_round_trips(dataset):
    options = filter_options(dataset)
    assert Filters().to_params(options) == []
    filters = Filters(
        regions=("Kursk region", "Bryansk region"),
        topics=("desertion",),
        reported_to=dt.date(2024, 10, 13),
        as_of=dt.date(2024, 10, 12),
    )
    params = filters.to_params(options)
    assert ("reported", options.first_reported.isoformat()) in params
    grouped: dict[str, list[str]] = {}
    for key, value in params:
        grouped.setdefault(key, []).append(value)
    assert Filters.from_params(grouped, options) == (filters, [])


def test_by_stance(dataset):
    denials = by_stance(list(dataset.claims.values()), "denies")
    assert [c.id for c in denials] == ["peskov-hoax"]


def test_showing():
    assert showing(4, 62) == "Showing 4 of 62 claims"
