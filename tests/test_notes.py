"""The one tested function that builds source notes, and its helpers."""

from __future__ import annotations

import datetime as dt

import pytest

from nktracker.filters import Filters
from nktracker.notes import as_of_date, describe_filters, format_source_note, map_note


@pytest.fixture(scope="module")
def dataset(frozen):
    return frozen[0]


def test_source_note_names_few_sources_and_the_as_of_date(dataset):
    claims = [dataset.claims["peskov-hoax"], dataset.claims["zelensky-insists"]]
    note = format_source_note(dataset, claims)
    assert note == (
        "Sources: Dmitry Peskov and Volodymyr Zelensky, as reported by The War Zone; "
        "data as of week of 14 Oct 2024."
    )


def test_source_note_counts_many_sources(dataset):
    note = format_source_note(dataset, list(dataset.claims.values()))
    n = len({c.said_by for c in dataset.claims.values()})
    assert f"and {n - 2} others" in note


def test_as_of_follows_the_as_known_on_filter(dataset):
    assert as_of_date(dataset) == dt.date(2024, 10, 20)
    filters = Filters(as_of=dt.date(2024, 10, 12))
    assert as_of_date(dataset, filters) == dt.date(2024, 10, 12)
    assert "as known on 12 Oct 2024" in format_source_note(dataset, [], filters)


def test_describe_filters(dataset):
    assert describe_filters(dataset, Filters()) == "all claims (no filters)"
    text = describe_filters(dataset, Filters(sources=("liga",), regions=("Kursk region",)))
    assert text == "region: Kursk region; source: LIGA.net"


def test_map_note_adds_the_basemap_and_places(dataset):
    note = map_note(dataset, [dataset.claims["peskov-hoax"]])
    assert note.startswith("Sources: Dmitry Peskov, as reported by The War Zone;")
    assert "Natural Earth" in note and "no tiles are fetched" in note
