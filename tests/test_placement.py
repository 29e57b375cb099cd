"""Label placement: each label beside its own dot, and no two label boxes meet, on both maps."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from conftest import FROZEN
from nktracker.mapdata import (
    BASEMAP_RESOLUTION,
    deck_bounds,
    deck_scale,
    load_basemap,
    map_labels,
    still_bounds,
    view_points,
)
from nktracker.placement import Label, distance, overlap, place_labels, project, text_box
from nktracker.staticmap import DOT_FACTOR, still_scale
from nktracker.timeline import shown_deployments


@pytest.fixture(scope="module")
def dataset(frozen):
    return frozen[0]


def drawn(dataset, view: str, dot_factor: float = 1.0):
    claims = list(dataset.claims.values())
    points = view_points(dataset, claims, shown_deployments(dataset, claims), view)
    basemap = load_basemap(FROZEN, BASEMAP_RESOLUTION[view])
    return points, *map_labels(basemap, dataset, view, points, dot_factor)


def rendering(view: str, how: str):
    """(scale, bounds, dot factor) of a map as shipped: the deck, the still map at the export's
    height and, for the theatre, at the briefing's."""
    if how == "deck":
        return deck_scale(view), deck_bounds(view), 1.0
    height = int(how.removeprefix("still-"))
    scale = still_scale(view, height, 1)
    return scale, still_bounds(view, scale), DOT_FACTOR


SHIPPED = [
    ("theatre", "deck"),
    ("world", "deck"),
    ("theatre", "still-900"),
    ("world", "still-900"),
    ("theatre", "still-370"),
]


@pytest.mark.parametrize(("view", "how"), SHIPPED)
def test_no_two_label_boxes_meet_on_the_shipped_views(dataset, view, how):
    scale, bounds, factor = rendering(view, how)
    points, labels, dots = drawn(dataset, view, factor)
    placed = place_labels(labels, scale, dots, bounds)
    for a, b in itertools.combinations(placed, 2):
        assert overlap(a.box, b.box) == 0, (a.label.text, b.label.text)
    # every drawn point keeps its label, beside its own dot and on no other dot
    texts = {p.label.text for p in placed}
    assert {label.text for label in labels if label.dot is not None} <= texts
    for p in placed:
        if p.label.dot is None:
            continue
        x, y = p.label.at(scale)
        near = max(abs(x - (p.box[0] + p.box[2]) / 2) - (p.box[2] - p.box[0]) / 2, 0)
        near = max(near, abs(y - (p.box[1] + p.box[3]) / 2) - (p.box[3] - p.box[1]) / 2)
        assert near <= p.label.dot + 3 + 4 * 20, p.label.text  # within a few lines of its dot
        for lon, lat, radius in dots:
            if (lon, lat) == (p.label.lon, p.label.lat):
                continue
            dx, dy = project(lon, lat, scale)
            dot = (dx - radius, dy - radius, dx + radius, dy + radius)
            assert overlap(p.box, dot) == 0, (p.label.text, lon, lat)


def test_world_labels_of_the_middle_east_sit_by_their_dots(dataset):
    """The reported fault: Syria's label by Egypt's dot, Egypt's over Sudan."""
    points, labels, dots = drawn(dataset, "world")
    scale = deck_scale("world")
    placed = {p.label.key: p for p in place_labels(labels, scale, dots, deck_bounds("world"))}
    for key in ("syria", "egypt-1973", "hezbollah-tunnels"):
        p = placed[key]
        own = p.label.at(scale)
        nearest = min(
            (q for q in points),
            key=lambda q: distance(p.box, project(q["position"][0], q["position"][1], scale)),
        )
        assert (
            distance(p.box, own)
            <= distance(p.box, project(nearest["position"][0], nearest["position"][1], scale)) + 4
        )


def test_a_label_takes_the_next_place_when_its_first_is_taken():
    first = Label("Alpha", 10.0, 10.0, 13, dot=8)
    second = Label("Bravo", 10.0, 10.2, 13, dot=8)  # a few pixels above: same first choice
    a, b = place_labels([first, second], scale=20, dots=[(10.0, 10.0, 8), (10.0, 10.2, 8)])
    assert overlap(a.box, b.box) == 0


def test_an_optional_label_that_cannot_be_placed_is_left_out():
    dot = Label("A long place name", 0.0, 0.0, 13, dot=6)
    area = Label("Area", 0.0, 0.0, 11, optional=True)
    blocked = [(0.0, 0.0, 200.0)]  # a dot that covers everything near
    placed = place_labels([dot, area], scale=10, dots=blocked)
    assert [p.label.text for p in placed] == ["A long place name"]


def test_text_box_grows_with_text_and_size():
    assert text_box("Sudzha", 13)[0] < text_box("Sudzha region", 13)[0]
    assert text_box("Sudzha", 13)[1] < text_box("Sudzha", 20)[1]


def test_a_label_beside_its_dot_is_held_by_its_near_end():
    right = place_labels([Label("Egypt · 1973", 0, 0, 13, dot=10, beside=True)], scale=10)[0]
    assert right.anchor == "start" and 10 < right.offset[0] < 16 and right.offset[1] == 0


@pytest.mark.parametrize("view", ["theatre", "world"])
def test_a_map_names_its_most_reported_places_and_no_more_than_it_can_show(dataset, view):
    """Many places (as in a data folder 1,000 times the seed's): the labels stop at the bound,
    the most reported places first, and every place keeps its dot."""
    from nktracker.mapdata import MAX_MAP_LABELS, MAX_POINT_LABELS

    points: list[dict[str, Any]] = [
        {
            "id": f"p{i}",
            "position": [30 + (i % 40) * 0.5, 45 + (i // 40) * 0.3],
            "radius": 5.0,
            "count": i,
            "label": f"Place {i}",
        }
        for i in range(400)
    ]
    basemap = load_basemap(FROZEN, BASEMAP_RESOLUTION[view])
    labels, dots = map_labels(basemap, dataset, view, points)
    drawn = [(p["position"][0], p["position"][1], p["radius"]) for p in points]
    assert dots[: len(points)] == drawn  # then Pyongyang's, on the world map
    assert len(labels) <= MAX_MAP_LABELS
    named = [label.text for label in labels if label.text.startswith("Place ")]
    assert named == [f"Place {i}" for i in range(399, 399 - MAX_POINT_LABELS, -1)]
