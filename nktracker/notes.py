"""Source and as-of notes for charts and exports, computed from the data shown."""

from __future__ import annotations

import datetime as dt

from nktracker import dates
from nktracker.filters import Filters
from nktracker.model import Claim, Dataset


def name_list(names: list[str], limit: int = 3) -> str:
    """'A', 'A and B', 'A, B and C'; more than `limit` as 'A, B and N others'."""
    names = list(dict.fromkeys(names))
    if not names:
        return "no sources"
    if len(names) <= limit:
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    shown = names[: limit - 1]
    rest = len(names) - len(shown)
    return ", ".join(shown) + f" and {rest} others"


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
    originators = sorted(
        {dataset.sources[c.said_by].name for c in claims if c.said_by in dataset.sources}
    )
    outlets = sorted(
        {
            dataset.sources[dataset.articles[c.article].outlet].name
            for c in claims
            if c.article in dataset.articles
            and dataset.articles[c.article].outlet in dataset.sources
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
        names = [dataset.sources[s].name if s in dataset.sources else s for s in filters.sources]
        parts.append("source: " + ", ".join(names))
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
