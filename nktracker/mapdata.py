"""Map data for both renderers: points, labels, region outlines, views and the basemap.

The pydeck map (maps.py) and the plotly map (staticmap.py) both draw from these records, so the
interactive map, the briefing's map and the exported PNG show the same places the same way.
Records carry plain text; each drawing module escapes it as its renderer needs.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from pathlib import Path

from nktracker.labels import date_label, deployment_years, source_name, truncate
from nktracker.load import BUNDLED_DATA
from nktracker.model import Claim, Dataset, Deployment
from nktracker.placement import Label, place_labels, project
from nktracker.style import (
    LABEL_DARK,
    LABEL_MUTED,
    MIXED_COLOR,
    OCCUPIED_FILL,
    OCCUPIED_LINE,
    PART_LABEL,
    PLACE_LABEL,
    REGION_FILL,
    REGION_LINE,
    STANCE_COLORS,
    THEATRE_COLORS,
    color,
    rgba,
)
from nktracker.timeline import deployment_personnel

Box = tuple[float, float, float, float]  # lon_min, lat_min, lon_max, lat_max

# The labels are also the values the URL holds (?view=World): bound widgets store labels.
VIEW_LABELS = {"theatre": "Present theatre", "world": "World"}
# Where each view looks (latitude, longitude, zoom): 16:9 framing at a fixed zoom for slides.
VIEW_CENTERS = {"theatre": (51.0, 35.0, 4.25), "world": (18.0, 70.0, 1.55)}
# Half the interactive map in pixels at the wide layout (about 945 x 562): labels stay inside.
DECK_HALF = (470.0, 281.0)
# What each view can show, with room to pan a little (drawing fewer polygons keeps clicks quick).
VIEW_BOXES: dict[str, Box] = {
    "theatre": (5.0, 35.0, 70.0, 66.0),
    "world": (-180.0, -90.0, 180.0, 90.0),
}
# The box a still map (briefing, PNG) frames for 16:9.
STILL_BOXES: dict[str, Box] = {
    "theatre": (21.0, 43.8, 49.0, 56.8),
    "world": (-2.0, -36.0, 142.0, 62.0),
}
# The basemap each view draws on: detailed borders for the theatre, coarse for the world.
BASEMAP_RESOLUTION = {"theatre": "50m", "world": "110m"}
THEATRE_LABEL_BOX: Box = (20.0, 43.0, 52.0, 58.0)  # basemap labels shown in the theatre view
OCCUPIED_KINDS = ("oblast-partly-occupied", "oblast-occupied")  # drawn as occupied Ukraine
TOOLTIP_CLAIMS = 4  # claims listed in a point's tooltip; the table below lists them all
ORIGIN = "pyongyang"  # where the world view's arcs start
POINT_ALPHA = 220 / 255
LABEL_SIZE = 13  # pixels: a drawn place's label
# A map names at most MAX_POINT_LABELS drawn places (the most reported) and MAX_MAP_LABELS names
# in all: beyond that no reader takes them in, and placing labels costs time that grows with the
# square of their number (11 minutes for a 1,000x data folder's still map before the bound).
MAX_POINT_LABELS = 30
MAX_MAP_LABELS = 45
ORIGIN_DOT = 5.0  # pixels: the radius of Pyongyang's dot in the world view


@dataclass(frozen=True)
class Basemap:
    countries: dict
    labels: dict


def load_basemap(root: Path, resolution: str = "50m") -> Basemap:
    """Country polygons and label points from <data>/basemap/ when they read as GeoJSON
    feature collections, else the bundled ones: a broken basemap never takes a map down."""
    for folder in (Path(root) / "basemap", BUNDLED_DATA / "basemap"):
        try:
            countries = json.loads((folder / f"countries-{resolution}.geojson").read_text("utf-8"))
            labels = json.loads((folder / "labels.geojson").read_text("utf-8"))
        except (OSError, ValueError):
            continue
        if all(
            isinstance(part, dict) and isinstance(part.get("features"), list)
            for part in (countries, labels)
        ):
            return Basemap(countries=countries, labels=labels)
    return Basemap(countries={"features": []}, labels={"features": []})


def claim_line(dataset: Dataset, claim: Claim) -> str:
    """One plain-text tooltip line: statement — source, date."""
    return (
        f"• {truncate(claim.statement, 110)} — {source_name(dataset, claim.said_by)}, "
        f"{date_label(claim.reported)}"
    )


def place_claims(dataset: Dataset, claims: list[Claim]) -> dict[str, list[Claim]]:
    """Claims per location id; a place that is part of another also lists the whole's claims."""
    out: dict[str, list[Claim]] = {}
    for claim in claims:
        for loc_id in claim.locations:
            out.setdefault(loc_id, []).append(claim)
    for location in dataset.locations.values():
        if location.part_of and location.part_of in out:
            out.setdefault(location.id, [])
    return out


def stance_color(claims: list[Claim]) -> str:
    """The stance colour when every claim takes one stance, else the mixed colour."""
    stances = {c.stance for c in claims}
    return color(STANCE_COLORS, stances.pop()) if len(stances) == 1 else MIXED_COLOR


def point_records(
    dataset: Dataset, claims: list[Claim], view: str, color_by: str = "stance"
) -> list[dict]:
    """One record per place with claims: position, radius, colour and tooltip text."""
    per_place = place_claims(dataset, claims)
    records: list[dict] = []
    for loc_id, here in per_place.items():
        location = dataset.locations.get(loc_id)
        if location is None or not here:
            continue
        if view == "theatre" and location.theatre == "historical":
            continue
        hex_color = (
            stance_color(here) if color_by == "stance" else color(THEATRE_COLORS, location.theatre)
        )
        lines = [claim_line(dataset, c) for c in here[:TOOLTIP_CLAIMS]]
        if len(here) > TOOLTIP_CLAIMS:
            lines.append(f"… and {len(here) - TOOLTIP_CLAIMS} more in the table below the map")
        records.append(
            {
                "id": location.id,
                "name": location.name,
                "label": location.name,
                "region": location.region,
                "count": len(here),
                "position": [location.lon, location.lat],
                "radius": 9 + 5 * math.sqrt(len(here)),
                "hex": hex_color,
                "color": rgba(hex_color, POINT_ALPHA),
                "title": f"{location.name} · {location.region}",
                "body": "\n".join([f"{len(here)} claim(s)", *lines]),
            }
        )
    records.sort(key=lambda r: -r["count"])
    return records


def stated_people(dataset: Dataset, deployment: Deployment, shown: set[str]) -> float:
    """The highest number of people any of a deployment's shown claims states (0 if none)."""
    highs = [
        claim.estimate.high
        for claim in (dataset.claims.get(c) for c in deployment.claims if c in shown)
        if claim is not None
        and claim.estimate is not None
        and claim.estimate.unit == "people"
        and claim.estimate.high
    ]
    return max(highs, default=0.0)


def deployment_records(
    dataset: Dataset, deployments: list[Deployment], claims: list[Claim] | None = None
) -> list[dict]:
    """World view: one point per deployment theatre, sized by the personnel its shown claims
    state (log)."""
    shown = {c.id for c in claims} if claims is not None else set(dataset.claims)
    records = []
    for dep in deployments:
        location = dataset.locations.get(dep.locations[0])
        if location is None:
            continue
        people = stated_people(dataset, dep, shown)
        years = deployment_years(dep)
        theatre = "present" if dep.era == "present" else "historical"
        records.append(
            {
                "id": dep.id,
                "name": dep.theatre,
                "label": f"{dep.theatre} · {years}",
                "region": location.region,
                "count": len(dep.claims),
                "position": [location.lon, location.lat],
                "radius": 10 + (4 * math.log10(people) if people else 0),
                "hex": THEATRE_COLORS[theatre],
                "color": rgba(THEATRE_COLORS[theatre], POINT_ALPHA),
                "title": f"{dep.theatre} · {dep.conflict}",
                "body": f"{years} (years are background)\n"
                f"Sent: {truncate(deployment_personnel(dataset, dep, claims), 90)}\n"
                f"Ally: {dep.ally}; opponent: {dep.opponent}\n"
                f"{len(dep.claims)} claim(s)",
            }
        )
    return records


def view_points(
    dataset: Dataset,
    claims: list[Claim],
    deployments: list[Deployment],
    view: str,
    color_by: str = "stance",
) -> list[dict]:
    """The points a view draws: places with claims (theatre) or deployments (world)."""
    if view == "theatre":
        return point_records(dataset, claims, view, color_by)
    return deployment_records(dataset, deployments, claims)


def arc_records(dataset: Dataset, points: list[dict]) -> list[dict]:
    """World view: an arc from Pyongyang to each deployment point (none without Pyongyang)."""
    origin = dataset.locations.get(ORIGIN)
    if origin is None:
        return []
    return [
        {"from": [origin.lon, origin.lat], "to": p["position"], "color": p["color"]} for p in points
    ]


def deck_scale(view: str) -> float:
    """Pixels per degree of longitude on the interactive map (deck.gl's 512-pixel world)."""
    return 512 * 2 ** VIEW_CENTERS[view][2] / 360


def deck_bounds(view: str) -> Box:
    """The pixels the interactive map shows around its centre, at the wide layout's size."""
    lat, lon, _ = VIEW_CENTERS[view]
    x, y = project(lon, lat, deck_scale(view))
    half_w, half_h = DECK_HALF
    return x - half_w, y - half_h, x + half_w, y + half_h


def still_bounds(view: str, scale: float) -> Box:
    """The pixels the still map frames (STILL_BOXES) at a scale."""
    west, south, east, north = STILL_BOXES[view]
    x0, y1 = project(west, south, scale)
    x1, y0 = project(east, north, scale)
    return x0, y0, x1, y1


def map_labels(
    basemap: Basemap, dataset: Dataset, view: str, points: list[dict], dot_factor: float = 1.0
) -> tuple[list[Label], list[tuple[float, float, float]]]:
    """What a map labels, most important first, and the dots its labels must keep clear of.

    Drawn points first (their dots' radius times `dot_factor`, the renderer's drawing size),
    labelled beside them in the world view and below them in the theatre; places at one spot
    share a label. Then, where there is room, the world view's Pyongyang, and the theatre's
    regions without a point of their own and the basemap's countries and cities.
    """
    labels: list[Label] = []
    dots = [(*p["position"], p["radius"] * dot_factor) for p in points]
    at_spot: dict[tuple[float, float], int] = {}
    biggest: dict[tuple[float, float], float] = {}  # the largest dot drawn at each spot
    for point in points:
        spot = tuple(point["position"])
        biggest[spot] = max(biggest.get(spot, 0.0), point["radius"])
    for point in sorted(points, key=lambda p: -p["count"]):
        lon, lat = point["position"]
        if (lon, lat) in at_spot:  # two places drawn at one spot: one label
            i = at_spot[(lon, lat)]
            labels[i] = replace(labels[i], text=f"{labels[i].text} · {point['label']}")
            continue
        if len(labels) >= MAX_POINT_LABELS:  # the most reported places are named; more would
            continue  # not be read, and placing them costs time that grows with their square
        at_spot[(lon, lat)] = len(labels)
        radius = biggest[(lon, lat)]
        labels.append(
            Label(
                point["label"],
                lon,
                lat,
                LABEL_SIZE,
                dot=radius * dot_factor,
                beside=view == "world",
                key=point["id"],
            )
        )
    texts = {label.text for label in labels}
    origin = dataset.locations.get(ORIGIN)
    if view == "world" and origin is not None:
        dots.append((origin.lon, origin.lat, ORIGIN_DOT))
        labels.append(
            Label("Pyongyang", origin.lon, origin.lat, LABEL_SIZE, dot=ORIGIN_DOT, key=ORIGIN)
        )
    if view != "theatre":
        return labels, dots
    drawn = {p["id"] for p in points}
    for location in dataset.locations.values():
        if location.geometry_type == "Point" or location.id in drawn:
            continue
        labels.append(
            Label(location.name, location.lon, location.lat, 11, optional=True, key=location.id)
        )
    box = THEATRE_LABEL_BOX
    for feature in basemap.labels["features"]:
        props = feature["properties"]
        lon, lat = feature["geometry"]["coordinates"][:2]
        inside = box[0] <= lon <= box[2] and box[1] <= lat <= box[3]
        if inside and props["name"] not in texts:
            is_city = props.get("kind") == "city"
            labels.append(
                Label(
                    props["name"],
                    lon,
                    lat,
                    LABEL_SIZE if is_city else 12,
                    optional=True,
                    key=f"basemap:{props.get('kind')}",
                )
            )
    return labels[:MAX_MAP_LABELS], dots


def label_color(label: Label, dataset: Dataset) -> str:
    """Dark for drawn places and cities, muted for countries, a region's own colour."""
    if label.key == "basemap:country":
        return LABEL_MUTED
    location = dataset.locations.get(label.key)
    if location is not None and label.dot is None:
        return PART_LABEL if location.part_of else PLACE_LABEL
    return LABEL_DARK


def label_records(
    basemap: Basemap, dataset: Dataset, view: str, points: list[dict] | None = None
) -> list[dict]:
    """The interactive map's labels, placed at its zoom so no two meet: each record's `offset`
    (pixels) moves the label's centre from its place."""
    labels, dots = map_labels(basemap, dataset, view, points or [])
    placed = place_labels(labels, deck_scale(view), dots, deck_bounds(view))
    return [
        {
            "text": p.label.text,
            "position": [p.label.lon, p.label.lat],
            "size": p.label.size,
            "color": rgba(label_color(p.label, dataset)),
            "offset": [round(p.offset[0], 1), round(p.offset[1], 1)],
            "anchor": p.anchor,
        }
        for p in placed
    ]


def region_features(dataset: Dataset, claims: list[Claim]) -> dict:
    """Region polygons (Kursk, Bryansk, partly occupied oblasts) as a FeatureCollection."""
    per_place = place_claims(dataset, claims)
    features = []
    for location in dataset.locations.values():
        if location.geometry_type == "Point":
            continue
        occupied = location.kind in OCCUPIED_KINDS
        features.append(
            {
                "type": "Feature",
                "geometry": location.geometry,
                "properties": {
                    "id": location.id,
                    "name": location.name,
                    "occupied": occupied,
                    "fill": rgba(OCCUPIED_FILL, 60 / 255)
                    if occupied
                    else rgba(REGION_FILL, 70 / 255),
                    "line": rgba(OCCUPIED_LINE, 200 / 255)
                    if occupied
                    else rgba(REGION_LINE, 220 / 255),
                    "title": f"{location.name} · {location.region}",
                    "body": truncate(location.note or "", 160)
                    + "\n"
                    + f"{len(per_place.get(location.id, []))} claim(s) name this place",
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def ring_touches(ring: list, box: Box) -> bool:
    """Whether a ring's bounding box meets a (lon_min, lat_min, lon_max, lat_max) box."""
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    return bool(lons) and not (
        max(lons) < box[0] or min(lons) > box[2] or max(lats) < box[1] or min(lats) > box[3]
    )


def countries_near(basemap: Basemap, box: Box) -> list[dict]:
    """Only the countries a view can show, and of each only the polygons it can show (Russia's
    Arctic and Pacific islands stay out of the theatre view): fewer polygons keep drawing,
    clicks and the page's bytes small."""
    out = []
    for feature in basemap.countries["features"]:
        geometry = feature.get("geometry")
        if not geometry:
            continue
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        near = [polygon for polygon in polygons if ring_touches(polygon[0], box)]
        if not near:
            continue
        if len(near) < len(polygons):
            geometry = {"type": "MultiPolygon", "coordinates": near}
            feature = {**feature, "geometry": geometry}
        out.append(feature)
    return out


def view_for_regions(dataset: Dataset, regions: tuple[str, ...]) -> str | None:
    """The view a region filter calls for: world when every region is a historical theatre,
    the present theatre when any is present; None when no region is selected."""
    if not regions:
        return None
    theatres = {loc.theatre for loc in dataset.locations.values() if loc.region in regions}
    return "theatre" if "present" in theatres else "world"


def legend_items(view: str, color_by: str) -> list[tuple[str, str]]:
    """(label, hex colour) pairs for the legend drawn beside the map; constants only."""
    if view == "world" or color_by == "theatre":
        return [
            ("present deployment (2024)", THEATRE_COLORS["present"]),
            ("historical deployment", THEATRE_COLORS["historical"]),
        ]
    return [
        ("claims assert", STANCE_COLORS["asserts"]),
        ("a claim denies", STANCE_COLORS["denies"]),
        ("claims doubt", STANCE_COLORS["doubts"]),
        ("mixed stances", MIXED_COLOR),
    ]
