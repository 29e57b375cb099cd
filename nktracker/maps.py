"""The interactive map: pydeck decks over the bundled basemap, and the legend beside them.

No tile server is used (map_provider=None): borders, coastlines and labels come from
data/basemap/. What is drawn comes from mapdata.py, which the still map shares.

Tooltips: deck.gl renders tooltip HTML. The markup lives only in TOOLTIP_HTML, a constant;
data reach it as plain-text fields ({title}, {body}) that Streamlit HTML-escapes when it fills
the template (Streamlit 1.67, DeckGlJsonChart). Escaping them here as well would show "&lt;"
to readers, so records carry raw text and tests/test_browser_map.py proves, in Chromium, that
an HTML payload in a place, a claim and a source shows as text and never runs.
"""

from __future__ import annotations

import json
from html import escape

import pydeck as pdk

from nktracker.mapdata import (
    VIEW_BOXES,
    VIEW_CENTERS,
    Basemap,
    arc_records,
    countries_near,
    label_records,
    legend_items,
    region_features,
    view_points,
)
from nktracker.model import Claim, Dataset, Deployment
from nktracker.style import (
    ARC_START,
    BORDER,
    LAND,
    OCCUPIED_FILL,
    OCCUPIED_LINE,
    OCEAN,
    REGION_FILL,
    REGION_LINE,
    SELECTED_RING,
    css_rgba,
    rgb,
    rgba,
)


class SerialisedOnceDeck(pdk.Deck):
    """A deck that writes its JSON once: decks are cached and shared, and the basemap in them
    makes serialising them the costly part of drawing the map on every rerun."""

    _json: str | None = None

    def to_json(self) -> str:
        if self._json is None:
            # compact: pydeck indents its JSON by two spaces, which made the theatre deck
            # 2.1 MB, four fifths of it white space, sent to every reader on every visit
            self._json = json.dumps(json.loads(super().to_json()), separators=(",", ":"))
        return self._json


VIEWS = {
    view: pdk.ViewState(latitude=lat, longitude=lon, zoom=zoom, pitch=0, bearing=0)
    for view, (lat, lon, zoom) in VIEW_CENTERS.items()
}
# The only markup in a tooltip; {title} and {body} are plain text that Streamlit escapes.
TOOLTIP_HTML = "<b>{title}</b><div>{body}</div>"
OCEAN_FEATURES = [
    {
        "type": "Feature",
        "properties": {"title": "", "body": ""},
        "geometry": {
            "type": "Polygon",
            "coordinates": [[[-180, -85], [180, -85], [180, 85], [-180, 85], [-180, -85]]],
        },
    }
]


def build_map_deck(
    dataset: Dataset,
    claims: list[Claim],
    deployments: list[Deployment],
    basemap: Basemap,
    view: str = "theatre",
    color_by: str = "stance",
    selected: tuple[str, ...] = (),
) -> pdk.Deck:
    """The deck for a view: basemap, regions, arcs (world), points and labels; no tile server.
    The `selected` points (ids) get a dark ring."""
    layers = [
        pdk.Layer(
            "GeoJsonLayer",
            OCEAN_FEATURES,
            id="ocean",
            filled=True,
            get_fill_color=rgb(OCEAN),
            pickable=False,
        ),
        pdk.Layer(
            "GeoJsonLayer",
            countries_near(basemap, VIEW_BOXES[view]),
            id="countries",
            filled=True,
            stroked=True,
            get_fill_color=rgb(LAND),
            get_line_color=rgb(BORDER),
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
    points = view_points(dataset, claims, deployments, view, color_by)
    if view == "world":
        arcs = arc_records(dataset, points)
        if arcs:
            layers.append(
                pdk.Layer(
                    "ArcLayer",
                    arcs,
                    id="arcs",
                    get_source_position="from",
                    get_target_position="to",
                    get_source_color=rgba(ARC_START, 160 / 255),
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
            "ScatterplotLayer",
            [p for p in points if p["id"] in selected],
            id="selected",
            get_position="position",
            get_radius="radius",
            radius_units="'pixels'",
            filled=False,
            stroked=True,
            get_line_color=rgb(SELECTED_RING),
            line_width_units="'pixels'",
            get_line_width=4,
            pickable=False,
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
    return SerialisedOnceDeck(
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


def legend_html(view: str, color_by: str) -> str:
    """A static legend (no data-derived text), safe to render as HTML."""
    swatches = "".join(
        f"<span style='display:inline-flex;align-items:center;margin-right:16px'>"
        f"<span style='width:14px;height:14px;border-radius:50%;display:inline-block;"
        f"margin-right:6px;background:{hex_color}'></span>{escape(label)}</span>"
        for label, hex_color in legend_items(view, color_by)
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
        f"height:12px;background:{css_rgba(REGION_FILL, 0.35)};border:2px solid {REGION_LINE};"
        "margin-right:6px;vertical-align:middle'></span>Kursk and Bryansk regions</span>"
        "<span><span style='display:inline-block;width:18px;height:12px;"
        f"background:{css_rgba(OCCUPIED_FILL, 0.3)};border:2px solid {OCCUPIED_LINE};"
        "margin-right:6px;vertical-align:middle'></span>"
        "Ukrainian land Russia occupies, wholly or in part "
        "(administrative borders, not the line of occupation)</span>"
    )
    return (
        "<div style='font-family:sans-serif;font-size:14px;color:#374151;line-height:1.9'>"
        f"{swatches}<span style='color:#6b7280'>· {size}</span><br>{regions}</div>"
    )
