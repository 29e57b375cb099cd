"""pydeck decks over the bundled basemap: the present theatre and the world of deployments.

No tile server is used (map_provider=None): borders, coastlines and labels come from
data/basemap/. Every data-derived string is HTML-escaped before it reaches the deck, because
deck.gl tooltips render HTML.
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
    "theatre": pdk.ViewState(latitude=50.2, longitude=35.6, zoom=5.1, pitch=0, bearing=0),
    "world": pdk.ViewState(latitude=18.0, longitude=70.0, zoom=1.55, pitch=0, bearing=0),
}
# The labels are also the values the URL holds (?view=World): bound widgets store labels.
VIEW_LABELS = {"theatre": "Present theatre", "world": "World"}
STANCE_RGB = {"asserts": [0, 114, 178], "denies": [213, 94, 0], "doubts": [204, 121, 167]}
THEATRE_RGB = {"present": [213, 94, 0], "historical": [0, 114, 178], "none": [80, 80, 80]}
MIXED_RGB = [120, 120, 120]
TOOLTIP_CLAIMS = 4


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
    """One escaped tooltip line: statement — source, date."""
    when = dates.label(claim.reported.date, claim.reported.precision)
    return (
        f"• {escape(_truncate(claim.statement, 110))} "
        f"<i>— {escape(source_name(dataset, claim.said_by))}, {escape(when)}</i>"
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


def _stance_color(claims: list[Claim]) -> list[int]:
    stances = {c.stance for c in claims}
    if len(stances) == 1:
        return STANCE_RGB[stances.pop()]
    return MIXED_RGB


def point_records(
    dataset: Dataset, claims: list[Claim], view: str, color_by: str = "stance"
) -> list[dict]:
    """One record per place with claims: position, radius, colour and an escaped tooltip."""
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
            lines.append(f"<i>… and {len(here) - TOOLTIP_CLAIMS} more in the table below</i>")
        records.append(
            {
                "id": location.id,
                "name": escape(location.name),
                "region": escape(location.region),
                "count": len(here),
                "position": [location.lon, location.lat],
                "radius": 9 + 5 * math.sqrt(len(here)),
                "color": color + [220],
                "tooltip": f"<b>{escape(location.name)}</b> · {escape(location.region)}<br>"
                f"{len(here)} claim(s)<br>" + "<br>".join(lines),
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
        years = (
            f"{dep.start[:4]}–{dep.end[:4] if dep.end else ('now' if dep.ongoing else '?')}"
            if dep.start
            else "years not recorded"
        )
        theatre = "present" if dep.era == "present" else "historical"
        records.append(
            {
                "id": dep.id,
                "name": escape(dep.theatre),
                "region": escape(location.region),
                "count": len(dep.claims),
                "position": [location.lon, location.lat],
                "radius": 10 + (4 * math.log10(people) if people else 0),
                "color": THEATRE_RGB[theatre] + [220],
                "tooltip": f"<b>{escape(dep.theatre)}</b> · {escape(dep.conflict)}<br>"
                f"{escape(years)} (background)<br>"
                f"Sent: {escape(_truncate(deployment_personnel(dataset, dep), 90))}<br>"
                f"Ally: {escape(dep.ally)}",
            }
        )
    return records


def label_records(basemap: Basemap, dataset: Dataset, view: str) -> list[dict]:
    """Country names and key cities from the bundled labels, plus our own places."""
    out = []
    for feature in basemap.labels["features"]:
        props = feature["properties"]
        lon, lat = feature["geometry"]["coordinates"][:2]
        is_city = props.get("kind") == "city"
        if view == "theatre" and not (20 <= lon <= 52 and 43 <= lat <= 58):
            continue
        if view == "world" and is_city and props["name"] not in ("Pyongyang", "Moscow", "Kyiv"):
            continue
        out.append(
            {
                "text": escape(props["name"]),
                "position": [lon, lat],
                "size": 13 if is_city else 12,
                "color": [31, 41, 55, 255] if is_city else [107, 114, 128, 255],
                "offset": [0, -14] if is_city else [0, 0],
            }
        )
    if view == "theatre":
        for location in dataset.locations.values():
            if (
                location.kind in ("region", "oblast-partly-occupied")
                and location.theatre == "present"
            ):
                out.append(
                    {
                        "text": escape(location.name),
                        "position": [location.lon, location.lat],
                        "size": 12,
                        "color": [75, 85, 99, 255],
                        "offset": [0, 16],
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
        occupied = location.kind == "oblast-partly-occupied"
        features.append(
            {
                "type": "Feature",
                "geometry": location.geometry,
                "properties": {
                    "name": escape(location.name),
                    "fill": [204, 121, 167, 60] if occupied else [230, 159, 0, 70],
                    "line": [136, 34, 85, 200] if occupied else [213, 94, 0, 220],
                    "tooltip": f"<b>{escape(location.name)}</b> · {escape(location.region)}<br>"
                    + escape(_truncate(location.note or "", 160))
                    + f"<br>{len(per_place.get(location.id, []))} claim(s) name this place",
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


OCEAN = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"tooltip": ""},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[-180, -85], [180, -85], [180, 85], [-180, 85], [-180, -85]]],
            },
        }
    ],
}


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
        pdk.Layer("GeoJsonLayer", OCEAN, id="ocean", filled=True, get_fill_color=[219, 234, 254]),
        pdk.Layer(
            "GeoJsonLayer",
            basemap.countries,
            id="countries",
            filled=True,
            stroked=True,
            get_fill_color=[249, 250, 251],
            get_line_color=[148, 163, 184],
            line_width_min_pixels=0.8,
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
            label_records(basemap, dataset, view),
            id="labels",
            get_position="position",
            get_text="text",
            get_size="size",
            get_color="color",
            get_pixel_offset="offset",
            font_family="'Arial, sans-serif'",
            get_text_anchor="'middle'",
            get_alignment_baseline="'center'",
        ),
    ]
    return pdk.Deck(
        layers=layers,
        initial_view_state=VIEWS[view],
        map_provider=None,
        tooltip={
            "html": "{tooltip}",
            "style": {
                "backgroundColor": "white",
                "color": "#111",
                "fontSize": "13px",
                "maxWidth": "420px",
                "border": "1px solid #ccc",
            },
        },
    )
