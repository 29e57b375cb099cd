"""The map as a plotly figure: for briefings, PNG/SVG export and self-contained HTML.

Drawn from the bundled basemap in Web Mercator, so it needs no tiles and no geo topojson.
"""

from __future__ import annotations

from dataclasses import replace

import plotly.graph_objects as go

from nktracker.labels import wrap
from nktracker.mapdata import (
    ORIGIN,
    POINT_ALPHA,
    STILL_BOXES,
    Basemap,
    label_color,
    map_labels,
    region_features,
    ring_touches,
    still_bounds,
    view_points,
)
from nktracker.model import Claim, Dataset, Deployment
from nktracker.placement import mercator_y, place_labels
from nktracker.style import (
    BORDER,
    LABEL_DARK,
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

STILL_HEIGHT = 900  # pixels: 16:9 at the export's 1600 px
DOT_FACTOR = 0.8  # plotly draws a dot of diameter 1.6 x the record's radius
FOOTER_LINE = 14  # pixels per line of the sources note


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


def frame_margins(height: int, footer_lines: int) -> tuple[int, int]:
    """Top (title and filters) and bottom (the sources note) margins: just what they take, so
    the map fills the rest and a PNG has no blank band."""
    top = 80 if height >= 600 else 66
    return top, 10 + FOOTER_LINE * footer_lines


def still_scale(view: str, height: int, footer_lines: int) -> float:
    """Pixels per degree of the still map: its height fits the view's box (it is wide enough:
    plotly widens the longitude range to fill the width)."""
    top, bottom = frame_margins(height, footer_lines)
    south, north = STILL_BOXES[view][1], STILL_BOXES[view][3]
    return (height - top - bottom) / (mercator_y(north) - mercator_y(south))


def build_static_map(
    dataset: Dataset,
    claims: list[Claim],
    deployments: list[Deployment],
    basemap: Basemap,
    view: str,
    title: str,
    subtitle: str,
    footer: str,
    height: int = STILL_HEIGHT,
) -> go.Figure:
    """Borders, region outlines, points sized like the interactive map, and labels placed for
    this height; title and filters above, the sources note and as-of right under the map."""
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
            # one trace per colour, the arcs apart (None between them): a trace per arc made
            # thousands at scale, each costing plotly and the browser
            for colour in dict.fromkeys(point["hex"] for point in points):
                ends = [p["position"] for p in points if p["hex"] == colour]
                fig.add_trace(_arcs(origin.lon, origin.lat, ends, colour))
            fig.add_trace(
                go.Scatter(
                    x=[origin.lon],
                    y=[mercator_y(origin.lat)],
                    mode="markers",
                    marker=dict(size=9, color=LABEL_DARK),
                    hoverinfo="skip",
                    showlegend=False,
                )
            )
    if points:  # one trace, in the points' order (the later on top, as a trace each drew)
        fig.add_trace(
            go.Scatter(
                x=[p["position"][0] for p in points],
                y=[mercator_y(p["position"][1]) for p in points],
                mode="markers",
                marker=dict(
                    size=[p["radius"] * 2 * DOT_FACTOR for p in points],
                    color=[css_rgba(p["hex"], POINT_ALPHA) for p in points],
                    opacity=1,  # plotly fades the markers of a many-point trace by default
                    line=dict(color="white", width=1.5),
                ),
                text=[escape(p["title"]) for p in points],
                hovertemplate="<b>%{text}</b><extra></extra>",
                showlegend=False,
            )
        )
    wrap_at = 150 if height >= 600 else 100
    footer_lines = wrap(footer, wrap_at).split("\n")
    scale = still_scale(view, height, len(footer_lines))
    labels, dots = map_labels(basemap, dataset, view, points, DOT_FACTOR)
    sized = [replace(label, size=label.size + 1) for label in labels]
    # set at once: add_annotation re-checks every annotation already there (quadratic)
    fig.layout.annotations = [
        dict(
            x=placed.label.lon,
            y=mercator_y(placed.label.lat),
            text=escape(placed.label.text),
            showarrow=False,
            xanchor={"start": "left", "end": "right"}.get(placed.anchor, "center"),
            yanchor="middle",
            xshift=placed.offset[0],
            yshift=-placed.offset[1],
            font=dict(size=placed.label.size, color=label_color(placed.label, dataset)),
        )
        for placed in place_labels(sized, scale, dots, still_bounds(view, scale))
    ]
    fig.update_xaxes(range=[box[0], box[2]], visible=False, fixedrange=True)
    fig.update_yaxes(
        range=[mercator_y(box[1]), mercator_y(box[3])],
        visible=False,
        scaleanchor="x",
        scaleratio=1,
        fixedrange=True,
    )
    fig = frame_figure(fig, title, subtitle, footer, height)
    top, bottom = frame_margins(height, len(footer_lines))
    # frame_figure adds the sources note last: set it right under the map, wrapped to fit
    fig.layout.annotations[-1].update(
        text="<br>".join(escape(line) for line in footer_lines), yanchor="top", yshift=-4
    )
    fig.update_layout(plot_bgcolor=css_rgba(OCEAN), margin=dict(l=10, r=10, t=top, b=bottom))
    if height < 600:
        fig.update_layout(title_font_size=16)
    return fig


def _arcs(lon0: float, lat0: float, ends: list[tuple[float, float]], hex_color: str) -> go.Scatter:
    """Curved lines from Pyongyang to theatres of one colour (quadratic curves in map space),
    one trace with a gap (None) between arcs."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    y0 = mercator_y(lat0)
    for lon1, lat1 in ends:
        y1 = mercator_y(lat1)
        mx, my = (lon0 + lon1) / 2, (y0 + y1) / 2
        dx, dy = lon1 - lon0, y1 - y0
        cx, cy = mx - dy * 0.18, my + dx * 0.18
        for i in range(33):
            t = i / 32
            xs.append((1 - t) ** 2 * lon0 + 2 * (1 - t) * t * cx + t**2 * lon1)
            ys.append((1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t**2 * y1)
        xs.append(None)
        ys.append(None)
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        line=dict(color=css_rgba(hex_color, 150 / 255), width=2),
        hoverinfo="skip",
        showlegend=False,
    )
