"""Every chart the dashboard shows, titled and noted, for pages, the briefing and exports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import pandas as pd
import plotly.graph_objects as go

from nktracker.figures import (
    MAX_MOVEMENT_BARS,
    build_chain_figure,
    build_estimate_figure,
    build_movement_figure,
    build_sequence_figure,
    build_timeline_figure,
    build_weekly_figure,
)
from nktracker.filters import Filters
from nktracker.labels import date_label, name_list, source_name
from nktracker.mapdata import Basemap
from nktracker.model import Claim, Dataset, Deployment
from nktracker.notes import as_of_date, describe_filters, format_source_note
from nktracker.provenance import known_from, originator_of
from nktracker.staticmap import STILL_HEIGHT, build_static_map, mercator_y
from nktracker.story import StoryCard, card_points
from nktracker.style import FOOTER_NAME, LABEL_DARK, TEXT_MUTED, escape
from nktracker.tables import (
    ESTIMATE_TABLE_COLUMNS,
    bundle_movement,
    chain_links,
    contesting_claims,
    deployments_frame,
    estimate_frame,
    movement_frame,
    places_frame,
)
from nktracker.timeline import (
    deployment_personnel,
    sequence_items,
    sequence_window,
    shown_deployments,
    weekly_counts,
)

# Keyed by theatre, unit and side (whose people a quantity counts; '' when it names none).
ESTIMATE_TITLES = {
    ("present", "people", "north-korea"): "North Korean personnel in Russia, 2024",
    ("present", "people", "russia"): "Russian losses in the war on Ukraine, as reported in 2024",
    ("present", "percent", ""): "Shares: defective missiles, Russian-speaking officers",
    ("historical", "people", ""): "Historical contingents",
}
# A range chart's short name, for a row of tabs that a phone scrolls; the title otherwise.
ESTIMATE_LABELS = {
    ("present", "people", "north-korea"): "North Korean personnel",
    ("present", "people", "russia"): "Russian losses",
    ("present", "percent", ""): "Shares",
    ("historical", "people", ""): "Historical contingents",
}
Quantity = tuple[str, str, str]  # a range chart's theatre, unit and side


@dataclass(frozen=True)
class Chart:
    """A figure with a stable name (keys and file names), its title, the rows it draws (the
    card's table and CSV) and the ids of the claims behind it (the card's sources)."""

    name: str
    figure: go.Figure
    title: str = ""
    rows: pd.DataFrame = field(default_factory=pd.DataFrame, compare=False)
    claims: tuple[str, ...] = ()


def estimate_title(theatre: str, unit: str, side: str) -> str:
    """The title of one range chart: 'North Korean personnel in Russia, 2024'."""
    known = ESTIMATE_TITLES.get((theatre, unit, side))
    return known or f"{theatre.capitalize()} ({unit})" + (f": {side}" if side else "")


def estimate_labels(quantities: list[Quantity], taken: Sequence[str] = ()) -> list[str]:
    """Each range chart's short name ('Russian losses'; its title when it has none), told
    apart from the others and from the names in `taken` by a number: the labels of tabs."""
    labels: list[str] = []
    for quantity in quantities:
        label = base = ESTIMATE_LABELS.get(quantity) or estimate_title(*quantity)
        n = 2
        while label in labels or label in taken:
            label, n = f"{base} ({n})", n + 1
        labels.append(label)
    return labels


def _estimate_groups(frame: pd.DataFrame) -> list[tuple[Quantity, pd.DataFrame]]:
    """The rows of estimate_frame per theatre, unit and side, in the order they are charted:
    present before historical, people before percent; else as found."""
    if frame.empty:
        return []
    groups = sorted(
        frame.groupby(["theatre", "unit", "side"], sort=False),
        key=lambda group: (group[0][0] != "present", group[0][1] != "people"),
    )
    out = []
    for key, part in groups:
        theatre, unit, side = (str(k) for k in key)
        out.append(((theatre, unit, side), part))
    return out


def estimate_quantities(frame: pd.DataFrame) -> list[Quantity]:
    """The quantity (theatre, unit, side) of each range chart, in estimate_charts' order, from
    estimate_frame's rows: what a page needs to name its charts before drawing any."""
    return [quantity for quantity, _ in _estimate_groups(frame)]


def estimate_charts(
    dataset: Dataset, claims: list[Claim], filters: Filters, only: Quantity | None = None
) -> list[Chart]:
    """A range chart per theatre, unit and side: quantities of different sides (North Korean
    personnel, Russian losses) never share an axis, so neither squeezes the other. With
    `only`, the one chart of that quantity (none if no claim states it)."""
    frame = estimate_frame(dataset, claims, filters.as_of)
    groups = [g for g in _estimate_groups(frame) if only is None or g[0] == only]
    if not groups:
        return []
    out = []
    subtitle = describe_filters(dataset, filters)
    for (theatre, unit, side), part in groups:
        drawn = set(part["claim"])
        used = [c for c in claims if c.id in drawn]
        title = estimate_title(theatre, unit, side)
        note = format_source_note(dataset, used, filters)
        out.append(
            Chart(
                f"estimates-{theatre}-{unit}" + (f"-{side}" if side else ""),
                build_estimate_figure(part, title, subtitle, note),
                title=title,
                rows=part[ESTIMATE_TABLE_COLUMNS].reset_index(drop=True),
                claims=tuple(c.id for c in used),
            )
        )
    return out


def movement_chart(dataset: Dataset, claims: list[Claim], filters: Filters) -> Chart:
    """How the headline estimate moved as reports became known, with denials and the as-of."""
    frame = movement_frame(dataset, claims, filters.as_of)
    drawn = set(frame["claim"]) if not frame.empty else set()
    used = [c for c in claims if c.id in drawn]
    bundled = len(frame) > MAX_MOVEMENT_BARS
    if bundled:
        frame = bundle_movement(frame)
    per_day = len(frame) > MAX_MOVEMENT_BARS
    if per_day:  # still too many bars: one per day, whoever the originators
        frame = bundle_movement(frame, per_originator=False)
    denials = [
        (
            known_from(dataset, d).isoformat(),
            f"{source_name(dataset, originator_of(dataset, d))} {d.stance} "
            f"(said {date_label(d.reported)})",
        )
        for d in contesting_claims(dataset, used, filters.as_of)
    ]
    title = (
        "How the estimate of North Korean personnel in Russia moved, by the day each claim "
        "became known"
    )
    figure = build_movement_figure(
        frame,
        denials,
        filters.as_of,
        title,
        describe_filters(dataset, filters),
        format_source_note(dataset, used, filters)
        + (
            " Each bar spans the claims made known that day (too many to draw one by one); the"
            " table lists each claim."
            if per_day
            else " Each bar spans the claims one originator made known that day (too many to draw"
            " one by one); the table lists each claim."
            if bundled
            else " Each bar is one claim's range, placed on the day it became known; colour shows"
            " its originator."
        ),
    )
    rows = frame.drop(columns=["quote", "statement"], errors="ignore")
    ids = tuple(c.id for c in used) + tuple(
        c.id for c in contesting_claims(dataset, used, filters.as_of)
    )
    return Chart("estimate-movement", figure, title=title, rows=rows, claims=ids)


def deployments_chart(dataset: Dataset, claims: list[Claim], filters: Filters) -> Chart:
    deployments = shown_deployments(dataset, claims)
    personnel = {d.id: deployment_personnel(dataset, d, claims) for d in deployments}
    dep_claims = [c for c in claims if any(c.id in d.claims for d in deployments)]
    note = (
        format_source_note(dataset, dep_claims, filters)
        + " Years are background (public references, not the article); hatched bars are"
        " approximate; a dotted line fading to the edge marks an end not reported. Earliest"
        " first; colour shows the region."
    )
    title = "North Korea's foreign deployments"
    figure = build_timeline_figure(
        dataset,
        deployments,
        personnel,
        as_of_date(dataset, filters) or dt.date.today(),
        title,
        describe_filters(dataset, filters),
        note,
    )
    rows = deployments_frame(dataset, deployments, claims)
    ids = tuple(c.id for c in dep_claims)
    return Chart("deployments-timeline", figure, title=title, rows=rows, claims=ids)


def sequence_chart(
    dataset: Dataset, claims: list[Claim], filters: Filters, key_only: bool = False
) -> Chart:
    """The 2024 sequence; `key_only` keeps events and reports dated to the day (briefings)."""
    items = sequence_items(dataset, claims)
    if key_only and not items.empty:
        items = items[(items["kind"] == "event") | (items["precision"] == "day")]
    note = (
        format_source_note(dataset, claims, filters)
        + " Each bar spans the days its date can mean; ◇ marks an exact day from a background"
        " reference."
    )
    title = "From the June 2024 treaty to the October reports" + (": key dates" if key_only else "")
    figure = build_sequence_figure(
        items,
        title,
        describe_filters(dataset, filters),
        note,
        window=sequence_window(dataset, filters),
        row_px=34 if key_only else 50,
        label_max_lines=1 if key_only else 2,  # the briefing's rows: one line each
    )
    drawn = {
        i.strip() for ids in items.get("claims", pd.Series(dtype=str)) for i in str(ids).split(",")
    }
    return Chart(
        "sequence-2024-key" if key_only else "sequence-2024",
        figure,
        title=title,
        rows=items.reset_index(drop=True),
        claims=tuple(c.id for c in claims if c.id in drawn),
    )


def chains_chart(dataset: Dataset, claims: list[Claim], filters: Filters) -> Chart:
    links = chain_links(dataset, claims)
    figure = build_chain_figure(
        dataset,
        links,
        "Who relayed whom",
        describe_filters(dataset, filters),
        format_source_note(dataset, claims, filters),
    )
    rows = links[["from_name", "to_name", "claims"]].rename(
        columns={"from_name": "from", "to_name": "to"}
    )
    ids = tuple(c.id for c in claims)
    return Chart("reporting-chains", figure, title="Who relayed whom", rows=rows, claims=ids)


MAP_TITLES = {
    "theatre": "Where the reports place North Korean troops",
    "world": "North Korea's deployments abroad, from Pyongyang",
}


def map_chart(
    dataset: Dataset,
    claims: list[Claim],
    filters: Filters,
    basemap: Basemap,
    view: str,
    height: int = STILL_HEIGHT,
) -> Chart:
    """The map as a plotly figure (for the briefing and exports), drawn on a given basemap.
    Its labels are placed for its height: draw it at the height it is shown (not compact())."""
    note = format_source_note(dataset, claims, filters) + " Basemap: Natural Earth."
    deployments = shown_deployments(dataset, claims)
    figure = build_static_map(
        dataset,
        claims,
        deployments,
        basemap,
        view,
        MAP_TITLES[view],
        describe_filters(dataset, filters),
        note,
        height,
    )
    rows, drawn = map_rows(dataset, claims, deployments, view)
    return Chart(f"map-{view}", figure, title=MAP_TITLES[view], rows=rows, claims=drawn)


def map_rows(
    dataset: Dataset, claims: list[Claim], deployments: list[Deployment], view: str
) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """What a map view draws, as its card's table, and the claims behind it: the deployments
    (world), or the places outside the historical theatres (theatre)."""
    if view == "world":
        ids = {i for d in deployments for i in d.claims}
        return deployments_frame(dataset, deployments, claims), tuple(
            c.id for c in claims if c.id in ids
        )
    here = {loc.id for loc in dataset.locations.values() if loc.theatre != "historical"}
    used = [c for c in claims if any(i in here for i in c.locations)]
    frame = places_frame(dataset, used)
    names = {loc.name for loc in dataset.locations.values() if loc.id in here}
    return frame[frame["place"].isin(names)].reset_index(drop=True), tuple(c.id for c in used)


def download_config(name: str) -> dict:
    """Plotly's options: no modebar in the app (it covered titles on a phone; each chart's
    card has PNG, SVG and CSV downloads), and, where a figure is shown with a modebar, a
    PNG at twice the size named after the chart. Zoom and pan stay on the mouse and fingers."""
    return {
        "displaylogo": False,
        "displayModeBar": False,  # the chart's card has the downloads; nothing covers a title
        "modeBarButtonsToRemove": MODEBAR_REMOVED,
        "toImageButtonOptions": {"format": "png", "scale": 2, "filename": f"nk-{name}"},
    }


MODEBAR_REMOVED = [
    "zoom2d",
    "pan2d",
    "select2d",
    "lasso2d",
    "zoomIn2d",
    "zoomOut2d",
    "autoScale2d",
    "toggleSpikelines",
    "hoverClosestCartesian",
    "hoverCompareCartesian",
    "zoomGeo",
    "panGeo",
    "hoverClosestGeo",
    "hoverClosestGl2d",
    "toggleHover",
]


def compact(chart: Chart, height: int) -> Chart:
    """A smaller copy for the one-screen briefing: same title and source note, less margin."""
    figure = go.Figure(chart.figure)
    figure.update_layout(height=height, margin=dict(t=70, b=62, l=10, r=10))
    figure.update_layout(title_font_size=16, legend=dict(font=dict(size=11)))
    return replace(chart, figure=figure)


WEEKLY_NOTE = (
    " Weeks run Monday to Sunday. A claim counts in the week it became known (reported, and"
    " its article out); a date known only to the month or week counts from its first day,"
    " hatched where it may belong to a later week."
)


def weekly_chart(dataset: Dataset, claims: list[Claim], filters: Filters) -> Chart:
    """Claims per week by stance (ACLED's counts over time), by the week each became known."""
    counts = weekly_counts(dataset, claims)
    title = "Claims per week, by stance"
    figure = build_weekly_figure(
        counts,
        title,
        describe_filters(dataset, filters),
        format_source_note(dataset, claims, filters) + WEEKLY_NOTE,
    )
    rows = counts.rename(columns={"coarse": "of which dated only to a week, month or year"})
    return Chart(
        "claims-per-week", figure, title=title, rows=rows, claims=tuple(c.id for c in claims)
    )


def story_map_chart(
    dataset: Dataset,
    claims: list[Claim],
    filters: Filters,
    basemap: Basemap,
    view: str,
    card: StoryCard,
) -> Chart:
    """A small locator map for a story card: the view's map with its labels left off (they
    crowd a small map), the card's places ringed, and their names in the title."""
    base = map_chart(dataset, claims, filters, basemap, view)
    figure = go.Figure(base.figure)
    figure.layout.annotations = ()
    points = card_points(dataset, card, view)
    if points:
        figure.add_trace(
            go.Scatter(
                x=[lon for lon, _, _ in points],
                y=[mercator_y(lat) for _, lat, _ in points],
                mode="markers",
                marker=dict(symbol="circle-open", size=26, color=LABEL_DARK, line=dict(width=3)),
                hovertext=[name for _, _, name in points],
                hoverinfo="text",
                showlegend=False,
            )
        )
    names = name_list([name for _, _, name in points], limit=3) if points else "not on this map"
    figure.update_layout(
        height=330,
        margin=dict(l=4, r=4, t=40, b=26),
        title=dict(
            text=f"<b>Where: {escape(names)}</b>",
            x=0.01,
            xanchor="left",
            y=1 - 12 / 330,
            yanchor="top",
            font=dict(size=14),
        ),
    )
    note = "Basemap: Natural Earth. Coordinates are background."
    # its own frame: the app writes the title and this note as text (style.screen_spec)
    figure.update_layout(
        meta={"frame": {"title": f"Where: {names}", "subtitle": "", "footer": note}}
    )
    figure.add_annotation(
        name=FOOTER_NAME,
        text=note,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-22,
        xanchor="left",
        yanchor="bottom",
        showarrow=False,
        font=dict(size=11, color=TEXT_MUTED),
    )
    return replace(base, name=f"story-map-{card.id}", figure=figure, title=f"Where: {names}")
