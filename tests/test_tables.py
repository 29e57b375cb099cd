"""Tables, headline ranges and exports."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest

from nktracker.filters import Filters, filter_claims
from nktracker.model import Dataset
from nktracker.tables import (
    CLAIM_COLUMNS,
    DEPLOYMENT_COLUMNS,
    SOURCE_COLUMNS,
    chain_links,
    claims_csv,
    claims_frame,
    claims_json,
    deployments_frame,
    estimate_frame,
    newest_claims,
    outlets_frame,
    sources_frame,
)


@pytest.fixture(scope="module")
def dataset(frozen):
    return frozen[0]


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
    # the sources they cite, and the body behind them (LIGA.net's intelligence interlocutor)
    assert {s["id"] for s in payload["sources"]} == {"twz", "liga", "ukraine-military-intelligence"}
    assert {c["originator"] for c in payload["claims"]} == {"ukraine-military-intelligence"}
    assert payload["claims"][0]["quote"] == claims[0].quote


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


def test_sources_frame_of_no_sources_has_its_columns():
    frame = sources_frame(Dataset(), [])
    assert frame.empty and list(frame.columns) == SOURCE_COLUMNS


def test_sources_frame_keeps_only_web_links(dataset):
    source = dataset.sources["liga"].model_copy(update={"url": "javascript:alert(1)"})
    ds = Dataset(sources={"liga": source})
    assert sources_frame(ds, [])["url"].tolist() == [""]


def test_newest_claims_come_first(dataset):
    newest = newest_claims(list(dataset.claims.values()), 3)
    assert len(newest) == 3
    firsts = [c.reported.date for c in newest]
    assert firsts == sorted(firsts, reverse=True)


def test_deployments_frame_has_years_and_a_web_reference(dataset):
    frame = deployments_frame(dataset, list(dataset.deployments.values()))
    assert list(frame.columns) == DEPLOYMENT_COLUMNS
    assert len(frame) == len(dataset.deployments)
    assert all(ref == "" or ref.startswith("http") for ref in frame["reference"])
    assert "1975" in " ".join(frame["years"])


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("https://evil.example")', '\'=HYPERLINK("https://evil.example")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("plain text", "plain text"),
        (-5.0, -5.0),
        (None, None),
    ],
)
def test_formula_safe(cell, safe):
    from nktracker.tables import formula_safe

    assert formula_safe(cell) == safe


def test_csv_cells_never_start_a_formula(dataset):
    claim = dataset.claims["peskov-hoax"].model_copy(
        update={"statement": '=HYPERLINK("https://evil.example","click")'}
    )
    text = claims_csv(dataset, [claim])
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["statement"].startswith("'=")
    for value in rows[0].values():
        assert not value.startswith(("=", "+", "@")), value


def test_outlets_frame_puts_the_originator_behind_most_outlets_first(dataset):
    frame = outlets_frame(dataset, list(dataset.claims.values()))
    top = frame["originator"].iloc[0]
    assert top == "Defence Intelligence of Ukraine (HUR)"
    assert set(frame[frame["originator"] == top]["outlet"]) >= {
        "LIGA.net",
        "The Washington Post",
        "Kyiv Post",
        "Suspilne",
    }
