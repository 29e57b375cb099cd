"""Map data for both renderers: points, labels, region outlines, views and the basemap.

The pydeck map (maps.py) and the plotly map (staticmap.py) both draw from these records, so the
interactive map, the briefing's map and the exported PNG show the same places the same way.
Records carry plain text; each drawing module escapes it as its renderer needs.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from nktracker.labels import date_label, deployment_years, source_name, truncate
from nktracker.load import BUNDLED_DATA
from nktracker.model import Claim, Dataset, Deployment
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
VIEW_CENTERS = {"theatre": (50.3, 35.0, 4.35), "world": (18.0, 70.0, 1.55)}
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


def point_labels(
    points: list[dict], side: bool, near: tuple[float, float] = (1.2, 0.9)
) -> list[dict]:
    """Labels for drawn points: below each circle (theatre) or to its right (world); a label
    that would collide with one already placed moves out of the way. `near` is how close, in
    degrees of longitude and latitude, counts as colliding at the map's scale."""
    placed: list[tuple[float, float, int]] = []
    out: list[dict] = []
    for point in sorted(points, key=lambda p: -p["position"][1]):
        lon, lat = point["position"]
        same = next((label for label in out if label["position"] == point["position"]), None)
        if same is not None:  # two places drawn at one spot: one label
            same["text"] += f" · {point['label']}"
            continue
        radius = int(point["radius"])
        shift = 0
        for x, y, used in placed:
            if abs(lon - x) < (6 if side else 1.2) and abs(lat - y) < (4 if side else 0.9):
                shift = max(shift, used + 16)
        placed.append((lon, lat, shift))
        below = [
            p
            for p in points
            if p is not point
            and abs(p["position"][0] - lon) < near[0]
            and 0 < lat - p["position"][1] < near[1]
        ]
        if side:
            offset, anchor = [radius + 6, shift], "start"
        elif below:  # a neighbour just below: put this label above the circle
            offset, anchor = [0, -(radius + 9)], "middle"
        else:
            offset, anchor = [0, radius + 9 + shift], "middle"
        out.append(
            {
                "text": point["label"],
                "position": point["position"],
                "size": 13,
                "color": rgba(LABEL_DARK),
                "offset": offset,
                "anchor": anchor,
            }
        )
    return out


def _close(lon: float, lat: float, positions: list, degrees: float) -> bool:
    return any(abs(lon - x) < degrees and abs(lat - y) < degrees for x, y in positions)


def label_records(
    basemap: Basemap, dataset: Dataset, view: str, points: list[dict] | None = None
) -> list[dict]:
    """Labels: countries and cities from the bundled basemap, and every drawn place.

    A drawn point is labelled just below its circle; a region with no point of its own is
    labelled at its label point unless a drawn point already sits there.
    """
    points = points or []
    drawn = {p["id"] for p in points}
    out = point_labels(points, side=view == "world")
    near_point = [p["position"] for p in points]
    box = THEATRE_LABEL_BOX
    for feature in basemap.labels["features"]:
        props = feature["properties"]
        lon, lat = feature["geometry"]["coordinates"][:2]
        is_city = props.get("kind") == "city"
        if view == "theatre":
            inside = box[0] <= lon <= box[2] and box[1] <= lat <= box[3]
            if not inside or _close(lon, lat, near_point, 0.6):
                continue
        elif not is_city or props["name"] != "Pyongyang":
            continue  # the world view labels its theatres and Pyongyang, not every country
        out.append(
            {
                "text": props["name"],
                "position": [lon, lat],
                "size": 13 if is_city else 12,
                "color": rgba(LABEL_DARK if is_city else LABEL_MUTED),
                "offset": [0, -12] if is_city else [0, 0],
                "anchor": "middle",
            }
        )
    if view == "theatre":
        for location in dataset.locations.values():
            if location.geometry_type == "Point" or location.id in drawn:
                continue
            if _close(location.lon, location.lat, near_point, 0.5):
                continue
            out.append(
                {
                    "text": location.name,
                    "position": [location.lon, location.lat],
                    "size": 11,
                    "color": rgba(PART_LABEL if location.part_of else PLACE_LABEL),
                    "offset": [0, 0],
                    "anchor": "middle",
                }
            )
    return out


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
    """Only the countries a view can show: fewer polygons keep drawing and clicks quick."""
    out = []
    for feature in basemap.countries["features"]:
        geometry = feature.get("geometry")
        if not geometry:
            continue
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        if any(ring_touches(polygon[0], box) for polygon in polygons):
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


@dataclass(frozen=True)
class Selection:
    """What the table under the map lists for a clicked point (or for none)."""

    heading: str
    claims: list[Claim]


def selected_claims(dataset: Dataset, claims: list[Claim], chosen: str | None) -> Selection:
    """The claims at a clicked place or deployment; with nothing chosen, every placed claim."""
    if chosen and chosen in dataset.locations:
        return Selection(
            f"Claims at {dataset.locations[chosen].name}",
            [c for c in claims if chosen in c.locations],
        )
    if chosen and chosen in dataset.deployments:
        deployment = dataset.deployments[chosen]
        return Selection(
            f"Claims on {deployment.theatre}", [c for c in claims if c.id in deployment.claims]
        )
    return Selection(
        "Claims with a place (click a point to narrow)", [c for c in claims if c.locations]
    )
