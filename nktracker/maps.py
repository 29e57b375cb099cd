"""pydeck decks over the bundled basemap: the present theatre and the world of deployments.

No tile server is used (map_provider=None): borders, coastlines and labels come from
data/basemap/.

Tooltips: deck.gl renders tooltip HTML. The markup lives only in TOOLTIP_HTML, a constant;
data reach it as plain-text fields ({title}, {body}) that Streamlit HTML-escapes when it fills
the template (Streamlit 1.67, DeckGlJsonChart). Escaping them here as well would show "&lt;"
to readers, so records carry raw text and tests/test_browser_map.py proves, in Chromium, that
an HTML payload in a place, a claim and a source shows as text and never runs.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from html import escape
from pathlib import Path

import pydeck as pdk

from nktracker import dates
from nktracker.model import Claim, Dataset, Deployment
from nktracker.tables import source_name

VIEWS = {
    # 16:9 framing at a fixed zoom for slides
    "theatre": pdk.ViewState(latitude=50.3, longitude=35.0, zoom=4.35, pitch=0, bearing=0),
    "world": pdk.ViewState(latitude=18.0, longitude=70.0, zoom=1.55, pitch=0, bearing=0),
}
# The labels are also the values the URL holds (?view=World): bound widgets store labels.
VIEW_LABELS = {"theatre": "Present theatre", "world": "World"}
STANCE_RGB = {"asserts": [0, 114, 178], "denies": [213, 94, 0], "doubts": [204, 121, 167]}
THEATRE_RGB = {"present": [213, 94, 0], "historical": [0, 114, 178], "none": [80, 80, 80]}
MIXED_RGB = [120, 120, 120]
TOOLTIP_CLAIMS = 4
# The only markup in a tooltip; {title} and {body} are plain text that Streamlit escapes.
TOOLTIP_HTML = "<b>{title}</b><div>{body}</div>"


@dataclass(frozen=True)
class Basemap:
    countries: dict
    labels: dict


def load_basemap(root: Path, resolution: str = "50m") -> Basemap:
    """Country polygons and label points from <data>/basemap/, else the bundled ones."""
    from nktracker.load import BUNDLED_DATA

    folder = Path(root) / "basemap"
    if not (folder / f"countries-{resolution}.geojson").is_file():
        folder = BUNDLED_DATA / "basemap"
    countries = json.loads((folder / f"countries-{resolution}.geojson").read_text("utf-8"))
    labels = json.loads((folder / "labels.geojson").read_text("utf-8"))
    return Basemap(countries=countries, labels=labels)


def _truncate(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def claim_line(dataset: Dataset, claim: Claim) -> str:
    """One plain-text tooltip line: statement — source, date."""
    when = dates.label(claim.reported.date, claim.reported.precision)
    return f"• {_truncate(claim.statement, 110)} — {source_name(dataset, claim.said_by)}, {when}"


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


def _stance_color(claims: list[Claim]) -> list[int]:
    stances = {c.stance for c in claims}
    if len(stances) == 1:
        return STANCE_RGB[stances.pop()]
    return MIXED_RGB


def point_records(
    dataset: Dataset, claims: list[Claim], view: str, color_by: str = "stance"
) -> list[dict]:
    """One record per place with claims: position, radius, colour and tooltip text."""
    per_place = place_claims(dataset, claims)
    records = []
    for loc_id, here in per_place.items():
        location = dataset.locations.get(loc_id)
        if location is None or not here:
            continue
        if view == "theatre" and location.theatre == "historical":
            continue
        color = _stance_color(here) if color_by == "stance" else THEATRE_RGB[location.theatre]
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
                "color": color + [220],
                "title": f"{location.name} · {location.region}",
                "body": "\n".join([f"{len(here)} claim(s)", *lines]),
            }
        )
    records.sort(key=lambda r: -r["count"])
    return records


def deployment_records(dataset: Dataset, deployments: list[Deployment]) -> list[dict]:
    """World view: one point per deployment theatre, sized by the personnel stated (log)."""
    from nktracker.timeline import deployment_personnel

    records = []
    for dep in deployments:
        location = dataset.locations.get(dep.locations[0])
        if location is None:
            continue
        highs = [
            dataset.claims[c].estimate.high
            for c in dep.claims
            if c in dataset.claims
            and dataset.claims[c].estimate
            and dataset.claims[c].estimate.unit == "people"
            and dataset.claims[c].estimate.high
        ]
        people = max(highs, default=0)
        end = dep.end[:4] if dep.end else ("now" if dep.ongoing else "?")
        if not dep.start:
            years = "no years"
        elif end == dep.start[:4]:
            years = end
        else:
            years = f"{dep.start[:4]}–{end}"
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
                "color": THEATRE_RGB[theatre] + [220],
                "title": f"{dep.theatre} · {dep.conflict}",
                "body": f"{years} (years are background)\n"
                f"Sent: {_truncate(deployment_personnel(dataset, dep), 90)}\n"
                f"Ally: {dep.ally}; opponent: {dep.opponent}\n"
                f"{len(dep.claims)} claim(s)",
            }
        )
    return records


THEATRE_BOX = (20.0, 43.0, 52.0, 58.0)  # lon/lat box of the present-theatre view
DARK = [31, 41, 55, 255]
MUTED = [107, 114, 128, 255]


def label_records(
    basemap: Basemap, dataset: Dataset, view: str, points: list[dict] | None = None
) -> list[dict]:
    """Labels: countries and cities from the bundled basemap, and every drawn place.

    A drawn point is labelled just below its circle; a region with no point of its own is
    labelled at its label point unless a drawn point already sits there.
    """
    points = points or []
    drawn = {p["id"]: p for p in points}
    out = _point_labels(points, side=view == "world")
    near_point = [p["position"] for p in points]
    for feature in basemap.labels["features"]:
        props = feature["properties"]
        lon, lat = feature["geometry"]["coordinates"][:2]
        is_city = props.get("kind") == "city"
        if view == "theatre":
            inside = (
                THEATRE_BOX[0] <= lon <= THEATRE_BOX[2] and THEATRE_BOX[1] <= lat <= THEATRE_BOX[3]
            )
            if not inside or _close(lon, lat, near_point, 0.6):
                continue
        elif is_city and props["name"] != "Pyongyang":
            continue
        elif not is_city:
            continue  # the world view labels its theatres, not every country
        out.append(
            {
                "text": props["name"],
                "position": [lon, lat],
                "size": 13 if is_city else 12,
                "color": DARK if is_city else MUTED,
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
                    "color": [136, 34, 85, 255] if location.part_of else [153, 76, 0, 255],
                    "offset": [0, 0],
                    "anchor": "middle",
                }
            )
    return out


def _point_labels(
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
        if same is not None:  # two places drawn at one spot (Russia at Moscow): one label
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
                "color": DARK,
                "offset": offset,
                "anchor": anchor,
            }
        )
    return out


def _close(lon: float, lat: float, positions: list, degrees: float) -> bool:
    return any(abs(lon - x) < degrees and abs(lat - y) < degrees for x, y in positions)


def region_features(dataset: Dataset, claims: list[Claim]) -> dict:
    """Region polygons (Kursk, Bryansk, partly occupied oblasts) as a FeatureCollection."""
    per_place = place_claims(dataset, claims)
    features = []
    for location in dataset.locations.values():
        if location.geometry_type == "Point":
            continue
        occupied = location.kind == "oblast-partly-occupied"
        features.append(
            {
                "type": "Feature",
                "geometry": location.geometry,
                "properties": {
                    "id": location.id,
                    "name": location.name,
                    "fill": [204, 121, 167, 60] if occupied else [230, 159, 0, 70],
                    "line": [136, 34, 85, 200] if occupied else [213, 94, 0, 220],
                    "title": f"{location.name} · {location.region}",
                    "body": _truncate(location.note or "", 160)
                    + "\n"
                    + f"{len(per_place.get(location.id, []))} claim(s) name this place",
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


OCEAN = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"title": "", "body": ""},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[-180, -85], [180, -85], [180, 85], [-180, 85], [-180, -85]]],
            },
        }
    ],
}


# What each view can show (lon_min, lat_min, lon_max, lat_max), with room to pan a little.
VIEW_BOXES = {"theatre": (5.0, 35.0, 70.0, 66.0), "world": (-180.0, -90.0, 180.0, 90.0)}


def ring_touches(ring: list, box: tuple[float, float, float, float]) -> bool:
    """Whether a ring's bounding box meets a (lon_min, lat_min, lon_max, lat_max) box."""
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    return bool(lons) and not (
        max(lons) < box[0] or min(lons) > box[2] or max(lats) < box[1] or min(lats) > box[3]
    )


def countries_near(basemap: Basemap, box: tuple[float, float, float, float]) -> list[dict]:
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


def build_map_deck(
    dataset: Dataset,
    claims: list[Claim],
    deployments: list[Deployment],
    basemap: Basemap,
    view: str = "theatre",
    color_by: str = "stance",
) -> pdk.Deck:
    """The deck for a view: basemap, regions, arcs (world), points and labels; no tile server."""
    layers = [
        pdk.Layer(
            "GeoJsonLayer",
            OCEAN["features"],
            id="ocean",
            filled=True,
            get_fill_color=[219, 234, 254],
            pickable=False,
        ),
        pdk.Layer(
            "GeoJsonLayer",
            countries_near(basemap, VIEW_BOXES[view]),
            id="countries",
            filled=True,
            stroked=True,
            get_fill_color=[249, 250, 251],
            get_line_color=[148, 163, 184],
            line_width_min_pixels=0.8,
            pickable=False,
        ),
    ]
    if view == "theatre":
        layers.append(
            pdk.Layer(
                "GeoJsonLayer",
                region_features(dataset, claims),
                id="regions",
                filled=True,
                stroked=True,
                get_fill_color="properties.fill",
                get_line_color="properties.line",
                line_width_min_pixels=1.5,
                pickable=True,
            )
        )
        points = point_records(dataset, claims, view, color_by)
    else:
        points = deployment_records(dataset, deployments)
        origin = dataset.locations.get("pyongyang")
        if origin is not None:
            arcs = [
                {"from": [origin.lon, origin.lat], "to": p["position"], "color": p["color"]}
                for p in points
            ]
            layers.append(
                pdk.Layer(
                    "ArcLayer",
                    arcs,
                    id="arcs",
                    get_source_position="from",
                    get_target_position="to",
                    get_source_color=[40, 40, 40, 160],
                    get_target_color="color",
                    get_width=2,
                    great_circle=True,
                )
            )
    layers += [
        pdk.Layer(
            "ScatterplotLayer",
            points,
            id="points",
            get_position="position",
            get_radius="radius",
            radius_units="'pixels'",
            get_fill_color="color",
            get_line_color=[255, 255, 255],
            stroked=True,
            line_width_min_pixels=1.5,
            pickable=True,
        ),
        pdk.Layer(
            "TextLayer",
            label_records(basemap, dataset, view, points),
            id="labels",
            get_position="position",
            get_text="text",
            get_size="size",
            get_color="color",
            get_pixel_offset="offset",
            font_family="'Arial, sans-serif'",
            get_text_anchor="anchor",
            character_set="'auto'",
            get_alignment_baseline="'center'",
        ),
    ]
    return pdk.Deck(
        layers=layers,
        initial_view_state=VIEWS[view],
        map_provider=None,
        tooltip={
            "html": TOOLTIP_HTML,
            "style": {
                "backgroundColor": "white",
                "color": "#111",
                "fontSize": "13px",
                "maxWidth": "420px",
                "border": "1px solid #ccc",
                "whiteSpace": "pre-line",  # body lines are separated by newlines
            },
        },
    )


def view_for_regions(dataset: Dataset, regions: tuple[str, ...]) -> str | None:
    """The view a region filter calls for: world when every region is a historical theatre,
    the present theatre when any is present; None when no region is selected."""
    if not regions:
        return None
    theatres = {loc.theatre for loc in dataset.locations.values() if loc.region in regions}
    return "theatre" if "present" in theatres else "world"


def legend_items(view: str, color_by: str) -> list[tuple[str, list[int]]]:
    """(label, colour) pairs for the legend drawn beside the map; constants only."""
    if view == "world" or color_by == "theatre":
        return [
            ("present deployment (2024)", THEATRE_RGB["present"]),
            ("historical deployment", THEATRE_RGB["historical"]),
        ]
    return [
        ("claims assert", STANCE_RGB["asserts"]),
        ("a claim denies", STANCE_RGB["denies"]),
        ("claims doubt", STANCE_RGB["doubts"]),
        ("mixed stances", MIXED_RGB),
    ]


def legend_html(view: str, color_by: str) -> str:
    """A static legend (no data-derived text), safe to render as HTML."""
    swatches = "".join(
        f"<span style='display:inline-flex;align-items:center;margin-right:16px'>"
        f"<span style='width:14px;height:14px;border-radius:50%;display:inline-block;"
        f"margin-right:6px;background:rgb({r},{g},{b})'></span>{escape(label)}</span>"
        for label, (r, g, b) in legend_items(view, color_by)
    )
    size = (
        "circle area grows with the personnel stated (log)"
        if view == "world"
        else "circle area grows with the number of claims"
    )
    regions = (
        ""
        if view == "world"
        else "<span style='margin-right:16px'><span style='display:inline-block;width:18px;"
        "height:12px;background:rgba(230,159,0,0.35);border:2px solid rgb(213,94,0);"
        "margin-right:6px;vertical-align:middle'></span>Kursk and Bryansk regions</span>"
        "<span><span style='display:inline-block;width:18px;height:12px;"
        "background:rgba(204,121,167,0.3);border:2px solid rgb(136,34,85);margin-right:6px;"
        "vertical-align:middle'></span>Ukrainian oblasts Russia occupies in part "
        "(administrative borders, not the line of occupation)</span>"
    )
    return (
        "<div style='font-family:sans-serif;font-size:14px;color:#374151;line-height:1.9'>"
        f"{swatches}<span style='color:#6b7280'>· {size}</span><br>{regions}</div>"
    )
