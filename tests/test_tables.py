"""Tables, headline ranges and exports."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from conftest import SHIPPED
from nktracker.filters import Filters, filter_claims
from nktracker.load import load_dataset
from nktracker.tables import (
    CLAIM_COLUMNS,
    chain_label,
    chain_links,
    claims_csv,
    claims_frame,
    claims_json,
    estimate_frame,
    format_range,
    quantity_headlines,
    sources_frame,
)


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(SHIPPED)[0]


def test_claims_frame_has_every_claim_and_column(dataset):
    frame = claims_frame(dataset, list(dataset.claims.values()))
    assert list(frame.columns) == CLAIM_COLUMNS
    assert list(frame["id"]) == list(dataset.claims)


def test_csv_and_json_round_trip(dataset):
    claims = filter_claims(dataset, Filters(sources=("liga",)))
    frame = pd.read_csv(io.StringIO(claims_csv(dataset, claims)))
    assert list(frame["id"]) == [c.id for c in claims]
    payload = json.loads(claims_json(dataset, claims))
    assert [c["id"] for c in payload["claims"]] == [c.id for c in claims]
    assert {s["id"] for s in payload["sources"]} == {"twz", "liga"}
    assert payload["claims"][0]["quote"] == claims[0].quote


def test_chain_label_reads_originator_first(dataset):
    claim = dataset.claims["budanov-summer-2025-dilemma"]
    assert chain_label(dataset, claim) == "Kyrylo Budanov via Interfax via The War Zone"


def test_headline_is_lowest_and_highest_bound_with_their_claims(dataset):
    claims = list(dataset.claims.values())
    top = quantity_headlines(dataset, claims)[0]
    group = [
        c
        for c in claims
        if c.estimate and dataset.quantities[c.estimate.quantity].group == "nk-in-russia"
    ]
    lows = [c.estimate.low for c in group if c.estimate.low is not None]
    highs = [c.estimate.high for c in group if c.estimate.high is not None]
    assert (top.low, top.high) == (min(lows), max(highs))
    assert all(c.estimate.low == top.low for c in top.low_claims) and top.low_claims
    assert all(c.estimate.high == top.high for c in top.high_claims) and top.high_claims


@pytest.mark.parametrize(
    ("low", "high", "unit", "text"),
    [
        (2000, 9999, "people", "2,000–9,999"),
        (None, 3000, "people", "up to 3,000"),
        (2, None, "people", "2 or more"),
        (10000, 10000, "people", "10,000"),
        (0, 1, "percent", "0%–1%"),
    ],
)
def test_format_range(low, high, unit, text):
    assert format_range(low, high, unit) == text


def test_estimate_frame_rows_are_claims_with_estimates(dataset):
    claims = list(dataset.claims.values())
    frame = estimate_frame(dataset, claims)
    assert set(frame["claim"]) == {c.id for c in claims if c.estimate}


def test_sources_frame_counts_said_and_relayed(dataset):
    frame = sources_frame(dataset, list(dataset.claims.values())).set_index("id")
    assert frame.loc["peskov", "denies"] == 1
    assert frame.loc["washington-post", "relays"] == sum(
        "washington-post" in c.sources[:-1] for c in dataset.claims.values()
    )


def test_chain_links_weight_by_claims(dataset):
    links = chain_links(dataset, list(dataset.claims.values()))
    row = links[(links["from"] == "gur-sources") & (links["to"] == "kyiv-post")]
    assert int(row["claims"].iloc[0]) == 2
