"""The look: one palette (hex, with RGB and CSS forms), the font, escaping, and the figure frame.

Colours are Okabe–Ito, a palette that stays distinct for the common forms of colour blindness.
Every drawing module (plotly figures, the plotly map, the pydeck map, the map legend) takes its
colours from here, so a stance or a region has one colour wherever it appears.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape as _html_escape
from typing import TYPE_CHECKING, TypeGuard

from nktracker.labels import wrap
from nktracker.model import HEX_COLOUR, Region

if TYPE_CHECKING:  # for the annotation only: the map data use the palette without plotly
    import plotly.graph_objects as go

STANCE_COLORS = {"asserts": "#0072B2", "denies": "#D55E00", "doubts": "#CC79A7"}
MIXED_COLOR = "#787878"  # a place whose claims take more than one stance
THEATRE_COLORS = {"present": "#D55E00", "historical": "#0072B2", "none": "#505050"}
EVENT_COLORS = {"event": "#117733", "expected": "#888888"}
# Filter regions take their colour from data/regions.yaml; one without a colour gets the first
# of these that no region has taken (Okabe–Ito without its yellow, which is too light on white,
# then the darker colours of Paul Tol's set already used above).
REGION_PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#000000",
    "#882255",
    "#999933",
    "#117733",
)
KIND_COLORS = {
    "media": "#0072B2",
    "official": "#D55E00",
    "government": "#E69F00",
    "intelligence": "#009E73",
    "military": "#117733",
    "prosecutor": "#CC79A7",
    "analyst": "#56B4E9",
    "legislation": "#999933",
    "anonymous": "#888888",
}
# Colours for series with no meaning of their own (one per originator): Okabe–Ito, in order.
SERIES_COLORS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999933")
UNKNOWN_COLOR = "#444444"  # anything the palette does not name (an undefined source, say)

# Map colours: Russian regions the reports name, and Ukrainian oblasts Russia occupies in part.
REGION_FILL, REGION_LINE = "#E69F00", "#D55E00"
OCCUPIED_FILL, OCCUPIED_LINE = "#CC79A7", "#882255"
OCEAN, LAND, BORDER = "#DBEAFE", "#F9FAFB", "#94A3B8"
SELECTED_RING = "#111827"  # the ring round a point picked on the map
ARC_START = "#282828"  # world view: arcs leave Pyongyang dark and take the theatre's colour
TEXT, TEXT_MUTED, GRID, GRID_DARK = "#1F2937", "#4B5563", "#E5E7EB", "#6B7280"
LABEL_DARK, LABEL_MUTED = "#1F2937", "#6B7280"
PLACE_LABEL, PART_LABEL = "#994C00", "#882255"

FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=14, color=TEXT)


def color(table: dict[str, str], key: str) -> str:
    """The colour a palette table gives a key, or the neutral colour for keys it lacks."""
    return table.get(key, UNKNOWN_COLOR)


def is_hex_color(text: object) -> TypeGuard[str]:
    """'#D55E00' is; 'red', '#D55E0' and None are not."""
    return isinstance(text, str) and re.fullmatch(HEX_COLOUR, text) is not None


def region_colors(regions: Iterable[Region]) -> dict[str, str]:
    """Each region's label -> its colour: its own, else a palette colour picked in file order.

    A picked colour is the first of REGION_PALETTE that no region has (given or picked), so the
    same file always gives the same colours and a region added at the end changes no other's.
    Once every palette colour is taken, picks cycle through the palette again."""
    regions = list(regions)
    out: dict[str, str] = {}
    taken = {r.colour.upper() for r in regions if is_hex_color(r.colour)}
    extra = 0
    for region in regions:
        if is_hex_color(region.colour):
            out[region.label] = region.colour.upper()
            continue
        free = [c for c in REGION_PALETTE if c not in taken]
        if free:
            pick = free[0]
        else:
            pick, extra = REGION_PALETTE[extra % len(REGION_PALETTE)], extra + 1
        taken.add(pick)
        out[region.label] = pick
    return out


def rgb(hex_color: str) -> list[int]:
    """'#0072B2' -> [0, 114, 178]."""
    value = hex_color.lstrip("#")
    return [int(value[i : i + 2], 16) for i in (0, 2, 4)]


def rgba(hex_color: str, alpha: float = 1.0) -> list[int]:
    """RGBA with alpha 0..1 as deck.gl wants it: [r, g, b, 0..255]."""
    return [*rgb(hex_color), round(alpha * 255)]


def css_rgba(hex_color: str, alpha: float = 1.0) -> str:
    """RGBA as plotly and CSS want it: 'rgba(0,114,178,0.50)'."""
    r, g, b = rgb(hex_color)
    return f"rgba({r},{g},{b},{alpha:.2f})"


def escape(text: object) -> str:
    """Escape data for plotly's HTML-like labels (plotly shows &quot; literally, so keep quotes)."""
    return _html_escape(str(text), quote=False)


FOOTER_NAME = "frame-footer"  # the footer annotation's name: the app draws the footer as text


def frame_figure(fig: go.Figure, title: str, subtitle: str, footer: str, height: int) -> go.Figure:
    """Title, subtitle (filters) and footer (sources, as-of) inside the figure itself, so a chart
    that leaves the app as a PNG still says what it shows, for which filters and from where."""
    fig.update_layout(
        title=dict(
            text=f"<b>{escape(title)}</b><br><span style='font-size:14px;color:{TEXT_MUTED}'>"
            f"{escape(subtitle)}</span>",
            x=0.01,
            xanchor="left",
            y=1 - 24 / height,
            yref="container",
            yanchor="top",
            font=dict(size=19),
        ),
        font=FONT,
        height=height,
        margin=dict(l=20, r=30, t=125, b=100),
        paper_bgcolor="white",
        plot_bgcolor="white",
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="right", x=1),
    )
    # the words themselves, for the app: it shows them as text around the chart (text wraps at
    # any width; a figure's title and notes cannot), and keeps them in exported images
    fig.update_layout(meta={"frame": {"title": title, "subtitle": subtitle, "footer": footer}})
    fig.add_annotation(
        name=FOOTER_NAME,
        text=escape(wrap(footer, 150)).replace("\n", "<br>"),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-80,
        xanchor="left",
        yanchor="bottom",
        align="left",
        showarrow=False,
        font=dict(size=11, color=TEXT_MUTED),
    )
    return fig


SCREEN_TOP_PX = 26  # room above the plot for the labels a first row sets above itself
SCREEN_BOTTOM_PX = 48  # the x axis's tick labels (two lines for dates)
_CSS_COLOR = re.compile(r"^(#[0-9a-fA-F]{3,8}|rgba?\([0-9., ]+\)|[a-z]{3,20})$")


@dataclass(frozen=True)
class LegendItem:
    """One entry of a chart's legend, drawn by the app as text: a glyph in a colour."""

    name: str
    glyph: str
    color: str


def _first(value: object) -> object:
    return value[0] if isinstance(value, (list, tuple)) and value else value


def _legend_item(trace: dict) -> LegendItem | None:
    name = trace.get("name")
    if not name or trace.get("showlegend") is False:
        return None
    marker, line = trace.get("marker") or {}, trace.get("line") or {}
    mode = str(trace.get("mode") or "")
    symbol = str(marker.get("symbol") or "")
    fill = str(_first(marker.get("color")) or "")
    edge = str((marker.get("line") or {}).get("color") or "")
    if trace.get("type") == "bar":
        glyph, hue = "■", fill
    elif "markers" in mode or trace.get("type") in ("scattergeo",):
        open_symbol = symbol.endswith("-open")
        hollow = open_symbol or fill in ("white", "#fff", "#ffffff", "rgba(0,0,0,0)", "")
        shapes = {"diamond": "◆◇", "square": "■□", "circle": "●○", "triangle": "▲△"}
        pair = next((v for k, v in shapes.items() if symbol.startswith(k)), "●○")
        outline = fill if open_symbol and fill else edge
        glyph, hue = (pair[1], outline or "#111111") if hollow else (pair[0], fill)
    else:  # a line
        glyph = "┅" if line.get("dash") in ("dot", "dash", "dashdot") else "━"
        hue = str(line.get("color") or "")
    if not _CSS_COLOR.match(hue):
        hue = UNKNOWN_COLOR
    return LegendItem(str(name), glyph, hue)


def screen_spec(spec: dict) -> tuple[dict, dict | None, list[LegendItem]]:
    """A framed figure's dictionary for the app, its frame (title, subtitle, footer) and its
    legend.

    The app writes the frame and the legend as text around the chart, where they wrap at any
    width (a figure's title, notes and legend cannot: on a phone they ran off the chart or
    over its labels); the figure drops them and the margins they took. A figure without a
    frame comes back as it is, with None and no legend items."""
    layout = spec.get("layout", {})
    meta = layout.get("meta")
    frame = meta.get("frame") if isinstance(meta, dict) else None
    if not frame:
        return spec, None, []
    items: list[LegendItem] = []
    if layout.get("showlegend", True) is not False:
        seen: set[str] = set()
        for trace in spec.get("data", []):
            item = _legend_item(trace)
            if item is not None and item.name not in seen:
                seen.add(item.name)
                items.append(item)
    # room for tick labels only where an x axis shows them (the still map hides its axes)
    cartesian = any(
        key.startswith("xaxis") and (layout[key] or {}).get("visible", True) is not False
        for key in layout
    )
    top = SCREEN_TOP_PX if cartesian else 8
    bottom = SCREEN_BOTTOM_PX if cartesian else 8
    margin = dict(layout.get("margin") or {})
    new_layout = {
        **layout,
        "title": {"text": ""},
        "showlegend": False,
        "margin": {**margin, "t": top, "b": bottom},
        "annotations": [a for a in layout.get("annotations", []) if a.get("name") != FOOTER_NAME],
    }
    height = layout.get("height")
    if height:
        new_layout["height"] = max(
            160, height - (margin.get("t", 0) - top) - (margin.get("b", 0) - bottom)
        )
    return {**spec, "layout": new_layout}, frame, items


def legend_html(items: list[LegendItem]) -> str:
    """The legend as HTML: each name escaped (shown as text), each colour checked."""
    parts = [
        f"<span style='white-space:nowrap;margin-right:16px'>"
        f"<span style='color:{item.color};font-size:15px'>{item.glyph}</span> "
        f"{escape(item.name)}</span>"
        for item in items
    ]
    return (
        "<div style='font-size:13px;color:#374151;line-height:1.7;margin:0'>"
        + " ".join(parts)
        + "</div>"
    )
