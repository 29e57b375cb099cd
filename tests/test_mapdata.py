"""Map data shared by the pydeck and plotly maps: points, labels, regions, selections."""

from __future__ import annotations

import pytest

from conftest import FROZEN
from nktracker.mapdata import (
    OCCUPIED_KINDS,
    VIEW_BOXES,
    arc_records,
    countries_near,
    deployment_records,
    label_records,
    load_basemap,
    point_records,
    region_features,
    ring_touches,
    view_for_regions,
)
from nktracker.style import STANCE_COLORS, rgb


@pytest.fixture(scope="module")
def dataset(frozen):
    return frozen[0]


@pytest.fixture(scope="module")
def basemap():
    return load_basemap(FROZEN, "110m")


def test_theatre_points_count_claims_per_place(dataset):
    records = point_records(dataset, list(dataset.claims.values()), "theatre")
    by_id = {r["id"]: r for r in records}
    expected = sum("sudzha" in c.locations for c in dataset.claims.values())
    assert by_id["sudzha"]["count"] == expected
    assert "angola" not in by_id  # historical places belong to the world view


def test_a_place_with_one_stance_takes_its_colour(dataset):
    denial = dataset.claims["peskov-hoax"]
    records = point_records(dataset, [denial], "theatre")
    assert records and all(r["color"][:3] == rgb(STANCE_COLORS["denies"]) for r in records)
    assert all(r["hex"] == STANCE_COLORS["denies"] for r in records)


def test_world_points_are_deployments_with_their_years(dataset):
    records = deployment_records(dataset, list(dataset.deployments.values()))
    angola = next(r for r in records if r["id"] == "angola")
    assert angola["label"].startswith("Angola · ")
    assert "years are background" in angola["body"]
    arcs = arc_records(dataset, records)
    assert len(arcs) == len(records)
    pyongyang = dataset.locations["pyongyang"]
    assert all(a["from"] == [pyongyang.lon, pyongyang.lat] for a in arcs)


def test_labels_at_one_spot_are_merged(dataset, basemap):
    points = [
        {"id": "a", "label": "Russia", "position": [37.6, 55.7], "radius": 10, "count": 2},
        {"id": "b", "label": "Moscow", "position": [37.6, 55.7], "radius": 10, "count": 1},
    ]
    labels = label_records(basemap, dataset, "world", points)
    assert [label["text"] for label in labels][:1] == ["Russia · Moscow"]


def test_label_records_include_basemap_and_region_labels(dataset, basemap):
    points = point_records(dataset, list(dataset.claims.values()), "theatre")
    labels = label_records(basemap, dataset, "theatre", points)
    texts = {label["text"] for label in labels}
    assert "Sudzha" in texts
    world = label_records(basemap, dataset, "world", [])
    assert [label["text"] for label in world] == ["Pyongyang"]


def test_region_features_mark_the_occupied_oblasts(dataset):
    features = region_features(dataset, list(dataset.claims.values()))["features"]
    assert features
    occupied = {f["properties"]["id"] for f in features if f["properties"]["occupied"]}
    assert occupied == {loc.id for loc in dataset.locations.values() if loc.kind in OCCUPIED_KINDS}


def test_countries_near_keeps_only_what_a_view_shows(basemap):
    near = countries_near(basemap, VIEW_BOXES["theatre"])
    assert 0 < len(near) < len(basemap.countries["features"])
    ring = [[0, 0], [1, 0], [1, 1], [0, 0]]
    assert ring_touches(ring, (0.5, 0.5, 2, 2)) and not ring_touches(ring, (5, 5, 6, 6))


def test_region_filter_picks_the_view(dataset):
    assert view_for_regions(dataset, ()) is None
    assert view_for_regions(dataset, ("Kursk region",)) == "theatre"
    assert view_for_regions(dataset, ("Southern Africa",)) == "world"


def test_a_broken_basemap_in_the_data_folder_falls_back_to_the_bundled_one(tmp_path):
    (tmp_path / "basemap").mkdir()
    (tmp_path / "basemap" / "countries-110m.geojson").write_text("{not json", "utf-8")
    (tmp_path / "basemap" / "labels.geojson").write_text("[]", "utf-8")
    basemap = load_basemap(tmp_path, "110m")
    assert len(basemap.countries["features"]) > 100 and basemap.labels["features"]
