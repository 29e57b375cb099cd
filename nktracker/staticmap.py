"""The map as a plotly figure: for briefings, PNG/SVG export and self-contained HTML.

Drawn from the bundled basemap in Web Mercator, so it needs no tiles and no geo topojson.
"""

from __future__ import annotations

import math

import plotly.graph_objects as go

from nktracker.mapdata import (
    ORIGIN,
    POINT_ALPHA,
    STILL_BOXES,
    Basemap,
    point_labels,
    region_features,
    ring_touches,
    view_points,
)
from nktracker.model import Claim, Dataset, Deployment
from nktracker.style import (
    BORDER,
    LABEL_DARK,
    LABEL_MUTED,
    LAND,
    OCCUPIED_FILL,
    OCCUPIED_LINE,
    OCEAN,
    REGION_FILL,
    REGION_LINE,
    css_rgba,
    escape,
    frame_figure,
)


def mercator_y(lat: float) -> float:
    lat = max(min(lat, 85.0), -85.0)
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def _rings(geometry: dict):
    if geometry["type"] == "Polygon":
        yield from geometry["coordinates"]
    elif geometry["type"] == "MultiPolygon":
        for polygon in geometry["coordinates"]:
            yield from polygon


def _outline_trace(geometries, box, fill: str, line: str, width: float, name: str) -> go.Scatter:
    xs: list[float | None] = []
    ys: list[float | None] = []
    for geometry in geometries:
        for ring in _rings(geometry):
            if not ring_touches(ring, box):
                continue
            xs += [p[0] for p in ring] + [None]
            ys += [mercator_y(p[1]) for p in ring] + [None]
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        fill="toself",
        fillcolor=fill,
        line=dict(color=line, width=width),
        hoverinfo="skip",
        showlegend=False,
        name=name,
    )


def build_static_map(
    dataset: Dataset,
    claims: list[Claim],
    deployments: list[Deployment],
    basemap: Basemap,
    view: str,
    title: str,
    subtitle: str,
    footer: str,
    height: int = 700,
) -> go.Figure:
    """Borders, region outlines, points sized like the interactive map, and labels."""
    box = STILL_BOXES[view]
    fig = go.Figure()
    countries = [f["geometry"] for f in basemap.countries["features"] if f.get("geometry")]
    fig.add_trace(
        _outline_trace(countries, box, css_rgba(LAND), css_rgba(BORDER), 0.7, "countries")
    )
    if view == "theatre":
        regions = region_features(dataset, claims)["features"]
        for occupied in (False, True):
            parts = [f["geometry"] for f in regions if f["properties"]["occupied"] is occupied]
            fill = css_rgba(OCCUPIED_FILL, 0.28) if occupied else css_rgba(REGION_FILL, 0.35)
            line = css_rgba(OCCUPIED_LINE) if occupied else css_rgba(REGION_LINE)
            fig.add_trace(_outline_trace(parts, box, fill, line, 1.4, "regions"))
    points = view_points(dataset, claims, deployments, view)
    if view == "world":
        origin = dataset.locations.get(ORIGIN)
        if origin is not None:
            for point in points:
                lon, lat = point["position"]
                fig.add_trace(_arc(origin.lon, origin.lat, lon, lat, point["hex"]))
            fig.add_trace(
                go.Scatter(
                    x=[origin.lon],
                    y=[mercator_y(origin.lat)],
                    mode="markers+text",
                    marker=dict(size=9, color=LABEL_DARK),
                    text=["Pyongyang"],
                    textposition="top center",
                    hoverinfo="skip",
                    showlegend=False,
                )
            )
    for point in points:
        lon, lat = point["position"]
        fig.add_trace(
            go.Scatter(
                x=[lon],
                y=[mercator_y(lat)],
                mode="markers",
                marker=dict(
                    size=point["radius"] * 1.6,
                    color=css_rgba(point["hex"], POINT_ALPHA),
                    line=dict(color="white", width=1.5),
                ),
                hovertemplate=f"<b>{escape(point['title'])}</b><extra></extra>",
                showlegend=False,
            )
        )
    near = (4.0, 1.6) if view == "theatre" else (1.2, 0.9)
    for label in point_labels(points, side=view == "world", near=near):
        lon, lat = label["position"]
        fig.add_annotation(
            x=lon,
            y=mercator_y(lat),
            text=escape(label["text"]),
            showarrow=False,
            xanchor="left" if label["anchor"] == "start" else "center",
            xshift=label["offset"][0] * 0.8,
            yshift=-label["offset"][1] * 0.8,
            font=dict(size=14, color=LABEL_DARK),
        )
    if view == "theatre":
        drawn = {p["label"] for p in points}
        for feature in basemap.labels["features"]:
            lon, lat = feature["geometry"]["coordinates"][:2]
            name = feature["properties"]["name"]
            inside = box[0] + 1 < lon < box[2] - 1 and box[1] + 0.5 < lat < box[3] - 0.5
            if feature["properties"].get("kind") == "country" and inside and name not in drawn:
                fig.add_annotation(
                    x=lon,
                    y=mercator_y(lat),
                    text=escape(name),
                    showarrow=False,
                    font=dict(size=13, color=LABEL_MUTED),
                )
    fig.update_xaxes(range=[box[0], box[2]], visible=False, fixedrange=True)
    fig.update_yaxes(
        range=[mercator_y(box[1]), mercator_y(box[3])],
        visible=False,
        scaleanchor="x",
        scaleratio=1,
        fixedrange=True,
    )
    fig = frame_figure(fig, title, subtitle, footer, height)
    fig.update_layout(plot_bgcolor=css_rgba(OCEAN), margin=dict(l=10, r=10))
    return fig


def _arc(lon0: float, lat0: float, lon1: float, lat1: float, hex_color: str) -> go.Scatter:
    """A curved line from Pyongyang to a theatre (a quadratic curve in map space)."""
    y0, y1 = mercator_y(lat0), mercator_y(lat1)
    mx, my = (lon0 + lon1) / 2, (y0 + y1) / 2
    dx, dy = lon1 - lon0, y1 - y0
    cx, cy = mx - dy * 0.18, my + dx * 0.18
    xs, ys = [], []
    for i in range(33):
        t = i / 32
        xs.append((1 - t) ** 2 * lon0 + 2 * (1 - t) * t * cx + t**2 * lon1)
        ys.append((1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t**2 * y1)
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        line=dict(color=css_rgba(hex_color, 150 / 255), width=2),
        hoverinfo="skip",
        showlegend=False,
    )
