"""Source and as-of notes for charts and exports, computed from the data shown."""

from __future__ import annotations

import datetime as dt

from nktracker import dates
from nktracker.filters import Filters
from nktracker.labels import name_list, source_name
from nktracker.model import Claim, Dataset


def as_of_date(dataset: Dataset, filters: Filters | None = None) -> dt.date | None:
    """The data's as-of date: the latest day any article could have been published, or the
    as-known-on date when that is earlier."""
    lasts = [
        dates.bounds(a.published.date, a.published.precision)[1] for a in dataset.articles.values()
    ]
    latest = max(lasts) if lasts else None
    if filters is not None and filters.as_of is not None:
        return min(filters.as_of, latest) if latest else filters.as_of
    return latest


def as_of_label(dataset: Dataset, filters: Filters | None = None) -> str:
    if filters is not None and filters.as_of is not None:
        return f"as known on {filters.as_of.day} {filters.as_of:%b %Y}"
    labels = [
        dates.label(a.published.date, a.published.precision) for a in dataset.articles.values()
    ]
    return "data as of " + (", ".join(labels) if labels else "no articles")


def format_source_note(
    dataset: Dataset, claims: list[Claim], filters: Filters | None = None
) -> str:
    """'Sources: Kyrylo Budanov, LIGA.net and 12 others, via The War Zone (week of 14 Oct 2024).'

    Originators are named (three or fewer by name); the outlets that published the archived
    articles follow; then the as-of date.
    """
    originators = sorted({source_name(dataset, c.said_by) for c in claims})
    outlets = sorted(
        {
            source_name(dataset, dataset.articles[c.article].outlet)
            for c in claims
            if c.article in dataset.articles
        }
    )
    text = f"Sources: {name_list(originators)}"
    if outlets:
        text += f", as reported by {name_list(outlets)}"
    return f"{text}; {as_of_label(dataset, filters)}."


def describe_filters(dataset: Dataset, filters: Filters) -> str:
    """The active filters in words, for chart subtitles and printed briefings."""
    parts = []
    if filters.regions:
        parts.append("region: " + ", ".join(filters.regions))
    if filters.sources:
        parts.append("source: " + ", ".join(source_name(dataset, s) for s in filters.sources))
    if filters.topics:
        parts.append("topic: " + ", ".join(filters.topics))
    if filters.stances:
        parts.append("stance: " + ", ".join(filters.stances))
    if filters.reported_from or filters.reported_to:
        start = filters.reported_from.isoformat() if filters.reported_from else "…"
        end = filters.reported_to.isoformat() if filters.reported_to else "…"
        parts.append(f"reported {start} to {end}")
    if filters.text.strip():
        parts.append(f"search “{filters.text.strip()}”")
    if filters.as_of:
        parts.append(f"as known on {filters.as_of.isoformat()}")
    return "; ".join(parts) if parts else "all claims (no filters)"


def map_note(dataset: Dataset, claims: list[Claim], filters: Filters | None = None) -> str:
    """The source note under a map, with where the basemap and the places come from."""
    return (
        format_source_note(dataset, claims, filters)
        + " Basemap: Natural Earth (public domain), bundled; no tiles are fetched. Places are "
        "background: coordinates from gazetteers, region outlines from Natural Earth."
    )
