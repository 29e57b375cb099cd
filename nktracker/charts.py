"""Every chart the dashboard shows, titled and noted, for pages, the briefing and exports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import plotly.graph_objects as go

from nktracker.figures import (
    MAX_MOVEMENT_BARS,
    build_chain_figure,
    build_estimate_figure,
    build_movement_figure,
    build_sequence_figure,
    build_timeline_figure,
)
from nktracker.filters import Filters
from nktracker.labels import date_label, source_name
from nktracker.mapdata import Basemap
from nktracker.model import Claim, Dataset
from nktracker.notes import as_of_date, describe_filters, format_source_note
from nktracker.provenance import known_from, originator_of
from nktracker.staticmap import build_static_map
from nktracker.tables import (
    bundle_movement,
    chain_links,
    contesting_claims,
    estimate_frame,
    movement_frame,
)
from nktracker.timeline import (
    deployment_personnel,
    sequence_items,
    sequence_window,
    shown_deployments,
)

ESTIMATE_TITLES = {
    ("present", "people"): "North Korean personnel and Russian losses, 2024",
    ("present", "percent"): "Shares: defective missiles, Russian-speaking officers",
    ("historical", "people"): "Historical contingents",
}


@dataclass(frozen=True)
class Chart:
    """A figure with a stable name, used for keys and file names."""

    name: str
    figure: go.Figure


def estimate_charts(dataset: Dataset, claims: list[Claim], filters: Filters) -> list[Chart]:
    frame = estimate_frame(dataset, claims, filters.as_of)
    if frame.empty:
        return []
    out = []
    subtitle = describe_filters(dataset, filters)
    for key, part in frame.groupby(["theatre", "unit"], sort=False):
        theatre, unit = str(key[0]), str(key[1])
        drawn = set(part["claim"])
        used = [c for c in claims if c.id in drawn]
        title = ESTIMATE_TITLES.get((theatre, unit), f"{theatre} ({unit})")
        note = format_source_note(dataset, used, filters)
        out.append(
            Chart(f"estimates-{theatre}-{unit}", build_estimate_figure(part, title, subtitle, note))
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
    figure = build_movement_figure(
        frame,
        denials,
        filters.as_of,
        "How the estimate of North Korean personnel in Russia moved, by the day each claim "
        "became known",
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
    return Chart("estimate-movement", figure)


def deployments_chart(dataset: Dataset, claims: list[Claim], filters: Filters) -> Chart:
    deployments = shown_deployments(dataset, claims)
    personnel = {d.id: deployment_personnel(dataset, d, claims) for d in deployments}
    dep_claims = [c for c in claims if any(c.id in d.claims for d in deployments)]
    note = (
        format_source_note(dataset, dep_claims, filters)
        + " Years are background (public references, not the article); hatched bars are"
        " approximate."
    )
    figure = build_timeline_figure(
        dataset,
        deployments,
        personnel,
        as_of_date(dataset, filters) or dt.date.today(),
        "North Korea's foreign deployments",
        describe_filters(dataset, filters),
        note,
    )
    return Chart("deployments-timeline", figure)


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
    figure = build_sequence_figure(
        items,
        "From the June 2024 treaty to the October reports" + (": key dates" if key_only else ""),
        describe_filters(dataset, filters),
        note,
        window=sequence_window(dataset, filters),
        row_px=34 if key_only else 50,
    )
    return Chart("sequence-2024-key" if key_only else "sequence-2024", figure)


def chains_chart(dataset: Dataset, claims: list[Claim], filters: Filters) -> Chart:
    figure = build_chain_figure(
        dataset,
        chain_links(dataset, claims),
        "Who relayed whom",
        describe_filters(dataset, filters),
        format_source_note(dataset, claims, filters),
    )
    return Chart("reporting-chains", figure)


MAP_TITLES = {
    "theatre": "Where the reports place North Korean troops",
    "world": "North Korea's deployments abroad, from Pyongyang",
}


def map_chart(
    dataset: Dataset, claims: list[Claim], filters: Filters, basemap: Basemap, view: str
) -> Chart:
    """The map as a plotly figure (for the briefing and exports), drawn on a given basemap."""
    note = format_source_note(dataset, claims, filters) + " Basemap: Natural Earth."
    figure = build_static_map(
        dataset,
        claims,
        shown_deployments(dataset, claims),
        basemap,
        view,
        MAP_TITLES[view],
        describe_filters(dataset, filters),
        note,
    )
    return Chart(f"map-{view}", figure)


def download_config(name: str) -> dict:
    """Plotly's camera button: a PNG at twice the size, named after the chart."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "scale": 2, "filename": f"nk-{name}"},
    }


def compact(chart: Chart, height: int) -> Chart:
    """A smaller copy for the one-screen briefing: same title and source note, less margin."""
    figure = go.Figure(chart.figure)
    figure.update_layout(height=height, margin=dict(t=70, b=62, l=10, r=10))
    figure.update_layout(title_font_size=16, legend=dict(font=dict(size=11)))
    return Chart(chart.name, figure)
