"""Decks: no tile server, the bundled basemap, tooltips whose only markup is a constant."""

from __future__ import annotations

import json

import pytest

from conftest import FROZEN
from nktracker.mapdata import load_basemap, point_records
from nktracker.maps import TOOLTIP_HTML, build_map_deck, legend_html

EVIL = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def dataset(frozen):
    return frozen[0]


@pytest.fixture(scope="module")
def basemap():
    return load_basemap(FROZEN, "110m")


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


def test_tooltip_markup_is_a_constant_and_data_stay_plain_text(dataset, basemap):
    """Data reach the tooltip only as {title}/{body}, which Streamlit escapes when it fills
    the template; the browser test proves a payload shows as text and never runs."""
    place = dataset.locations["sudzha"].model_copy(update={"name": EVIL})
    claim = dataset.claims["liga-sudzha"].model_copy(update={"statement": EVIL})
    source = dataset.sources["liga"].model_copy(update={"name": EVIL})
    dataset = dataset.__class__(**{**dataset.__dict__})
    dataset.locations = {**dataset.locations, "sudzha": place}
    dataset.claims = {**dataset.claims, "liga-sudzha": claim}
    dataset.sources = {**dataset.sources, "liga": source}
    records = point_records(dataset, [claim], "theatre")
    sudzha = next(r for r in records if r["id"] == "sudzha")
    assert sudzha["title"].startswith(EVIL)  # raw text, escaped once, by Streamlit
    assert sudzha["body"].count(EVIL) == 2  # the claim and its source
    deck = build_map_deck(dataset, [claim], [], basemap, "theatre")
    spec = json.loads(deck.to_json())
    assert TOOLTIP_HTML == "<b>{title}</b><div>{body}</div>"
    assert "<" not in json.dumps([layer.get("data") for layer in spec["layers"]]).replace(EVIL, "")


@pytest.mark.parametrize(("view", "color_by"), [("theatre", "stance"), ("world", "stance")])
def test_legend_uses_the_palette(view, color_by):
    html = legend_html(view, color_by)
    assert ("#0072B2" in html) and ("present deployment" in html) == (view == "world")
