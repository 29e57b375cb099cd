"""Decks: no tile server, bundled basemap, escaped tooltips, sensible points."""

from __future__ import annotations

import json

import pytest

from conftest import SHIPPED
from nktracker.load import load_dataset
from nktracker.maps import build_map_deck, load_basemap, point_records

EVIL = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(SHIPPED)[0]


@pytest.fixture(scope="module")
def basemap():
    return load_basemap(SHIPPED, "110m")


@pytest.mark.parametrize("view", ["theatre", "world"])
def test_deck_uses_no_tile_server(dataset, basemap, view):
    deck = build_map_deck(
        dataset, list(dataset.claims.values()), list(dataset.deployments.values()), basemap, view
    )
    spec = json.loads(deck.to_json())
    # Streamlit only fetches a remote style when mapStyle is absent or names one.
    assert spec.get("mapStyle") == "__MAP_STYLE__"
    assert "mapProvider" not in spec or spec["mapProvider"] is None
    assert "http" not in json.dumps({k: v for k, v in spec.items() if k != "layers"})
    ids = [layer["id"] for layer in spec["layers"]]
    assert {"countries", "points", "labels"} <= set(ids)
    points = next(layer for layer in spec["layers"] if layer["id"] == "points")
    assert points["radiusUnits"] == "pixels"


def test_theatre_points_count_claims_per_place(dataset):
    records = point_records(dataset, list(dataset.claims.values()), "theatre")
    by_id = {r["id"]: r for r in records}
    expected = sum("sudzha" in c.locations for c in dataset.claims.values())
    assert by_id["sudzha"]["count"] == expected
    assert "angola" not in by_id  # historical places belong to the world view


def test_tooltips_escape_place_claim_and_source(dataset):
    place = dataset.locations["sudzha"].model_copy(update={"name": EVIL})
    claim = dataset.claims["liga-sudzha"].model_copy(update={"statement": EVIL})
    source = dataset.sources["liga"].model_copy(update={"name": EVIL})
    dataset = dataset.__class__(**{**dataset.__dict__})
    dataset.locations = {**dataset.locations, "sudzha": place}
    dataset.claims = {**dataset.claims, "liga-sudzha": claim}
    dataset.sources = {**dataset.sources, "liga": source}
    records = point_records(dataset, [claim], "theatre")
    html = " ".join(r["tooltip"] + r["name"] for r in records)
    assert "<img" not in html
    assert html.count("&lt;img src=x onerror=alert(1)&gt;") >= 3
