"""The one tested function that builds source notes, and its helpers."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import SHIPPED
from nktracker.filters import Filters
from nktracker.load import load_dataset
from nktracker.notes import as_of_date, describe_filters, format_source_note, name_list


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


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(SHIPPED)[0]


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
