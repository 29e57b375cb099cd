"""AppTest: the linked selection on the Map and Timeline pages (frozen data), and the Map
page's downloads."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from conftest import FROZEN, REPO


@pytest.fixture(autouse=True)
def frozen_data(monkeypatch):
    monkeypatch.setenv("NKTRACKER_DATA", str(FROZEN))


def open_page(page: str, params: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.switch_page(page)
    return at.run()


def chip(at: AppTest, key: str):
    return at.button(key=key)


def plain(markdown: str) -> str:
    """Markdown-escaped text as the reader sees it."""
    return re.sub(r"\\(.)", r"\1", markdown)


def claims_count(label: str) -> int:
    """The count a closed table's label ends with: 'Claims with a place (62)' -> 62."""
    found = re.search(r"\((\d+)\)$", label)
    assert found, label
    return int(found.group(1))


def claims_box(at: AppTest) -> str:
    """The label of the Map page's closed table of every claim on the map."""
    labels = [plain(e.label) for e in at.expander if plain(e.label).startswith("Claims with")]
    assert len(labels) == 1, [e.label for e in at.expander]
    return labels[0]


def test_without_a_pick_the_map_s_claims_wait_in_a_closed_table():
    at = open_page("pages/map.py")
    assert not at.exception, at.exception
    assert claims_box(at).startswith("Claims with a place")
    assert not at.dataframe  # closed: the browser draws no table
    total = claims_count(claims_box(at))
    at.session_state["open-map-claims"] = True  # the reader opens it
    at.run()
    assert not at.exception, at.exception
    assert len(at.dataframe[-1].value) == total > 0


def test_map_lists_only_the_claims_at_the_picked_place_with_a_chip():
    at = open_page("pages/map.py", {"place": "sudzha"})
    assert not at.exception, at.exception
    assert plain(at.header[0].value) == "Claims at Sudzha"
    table = at.dataframe[-1].value  # the claims beneath (the still map's card table comes first)
    assert len(table) > 0 and all("Sudzha" in places for places in table["places"])
    assert plain(chip(at, "map-selection-chip").label) == "× Places: Sudzha"
    chip(at, "map-selection-chip").click().run()
    assert claims_box(at).startswith("Claims with a place")
    assert "place" not in at.query_params


def test_a_span_from_the_timeline_narrows_the_map():
    full = open_page("pages/map.py")
    total = claims_count(claims_box(full))
    narrowed = open_page("pages/map.py", {"span": "2024-10-10..2024-10-10"})
    assert 0 < len(narrowed.dataframe[-1].value) < total
    assert plain(narrowed.header[0].value) == "Claims dated 10 Oct 2024"


def test_changing_the_view_clears_the_selection():
    at = open_page("pages/map.py", {"place": "sudzha"})
    at.segmented_control(key="view").set_value("World").run()
    assert not at.exception
    assert "place" not in at.query_params
    assert claims_box(at).startswith("Claims with a place")


def test_a_selection_the_filters_leave_without_claims_is_cleared():
    at = open_page("pages/map.py", {"place": "sudzha", "stance": "denies"})
    assert "place" not in at.query_params
    assert any("Selection cleared" in c.value for c in at.caption)


def test_timeline_shows_the_picked_places_claims_and_shades_the_span():
    at = open_page("pages/timeline.py", {"place": "sudzha", "span": "2024-10-01..2024-10-31"})
    assert not at.exception, at.exception
    assert plain(chip(at, "timeline-selection-chip").label).startswith("× Places: Sudzha · Dates:")
    sequence = next(c for c in at.get("plotly_chart") if (c.key or "").startswith("sequence-2024-"))
    spec = json.loads(sequence.proto.spec)
    assert spec["layout"]["shapes"][0]["x0"] == "2024-10-01"
    assert any("Claims at Sudzha dated" in plain(s.value) for s in at.subheader)


def test_map_page_offers_png_and_svg_of_the_still_map_once():
    at = open_page("pages/map.py")
    for state in [k for k in at.session_state.keys() if str(k).startswith("card-")]:
        at.session_state[state] = True  # the card opened
    at.run()
    labels = [b.proto.label for b in at.get("download_button")]
    assert sorted(labels) == ["CSV", "PNG", "SVG"]  # in the still map's card, and only there
    keys = {b.proto.id for b in at.get("download_button")}
    assert all("map-theatre" in key for key in keys)
