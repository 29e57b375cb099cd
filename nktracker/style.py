"""The look: one palette (hex, with RGB and CSS forms), the font, escaping, and the figure frame.

Colours are Okabe–Ito, a palette that stays distinct for the common forms of colour blindness.
Every drawing module (plotly figures, the plotly map, the pydeck map, the map legend) takes its
colours from here, so a stance or a region has one colour wherever it appears.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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
    fig.add_annotation(
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
