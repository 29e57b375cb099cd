"""Filters over the dataset: what the sidebar selects, applied as pure functions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from nktracker import dates
from nktracker.model import STANCES, TOPICS, Claim, Dataset

# URL query parameter names, one per filter (documented in the README).
PARAM_REGION = "region"
PARAM_SOURCE = "source"
PARAM_TOPIC = "topic"
PARAM_STANCE = "stance"
PARAM_REPORTED = "reported"
PARAM_TEXT = "q"
PARAM_AS_OF = "as_of"
FILTER_PARAMS = (
    PARAM_REGION,
    PARAM_SOURCE,
    PARAM_TOPIC,
    PARAM_STANCE,
    PARAM_REPORTED,
    PARAM_TEXT,
    PARAM_AS_OF,
)


@dataclass(frozen=True)
class Filters:
    """The active filters; empty selections mean 'no restriction'."""

    regions: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    stances: tuple[str, ...] = ()
    reported_from: dt.date | None = None
    reported_to: dt.date | None = None
    text: str = ""
    as_of: dt.date | None = None

    def is_active(self) -> bool:
        return self != Filters()


@dataclass(frozen=True)
class FilterOptions:
    """Every value a filter can take, from the data."""

    regions: tuple[str, ...]
    sources: tuple[str, ...]
    topics: tuple[str, ...]
    stances: tuple[str, ...]
    first_reported: dt.date
    last_reported: dt.date
    source_names: dict[str, str] = field(default_factory=dict)


def filter_options(dataset: Dataset) -> FilterOptions:
    """The choices the sidebar offers, in a stable order."""
    claims = list(dataset.claims.values())
    regions = sorted({r for c in claims for r in claim_regions(dataset, c)})
    used_sources = {s for c in claims for s in c.sources}
    sources = sorted(used_sources, key=lambda s: _source_name(dataset, s).lower())
    topics = tuple(t for t in TOPICS if any(c.topic == t for c in claims))
    stances = tuple(s for s in STANCES if any(c.stance == s for c in claims))
    spans = [reported_bounds(c) for c in claims]
    first = min((a for a, _ in spans), default=dt.date(2024, 1, 1))
    last = max((b for _, b in spans), default=dt.date(2024, 12, 31))
    return FilterOptions(
        regions=tuple(regions),
        sources=tuple(sources),
        topics=topics,
        stances=stances,
        first_reported=first,
        last_reported=last,
        source_names={s: _source_name(dataset, s) for s in sources},
    )


def _source_name(dataset: Dataset, source_id: str) -> str:
    source = dataset.sources.get(source_id)
    return source.name if source else source_id


def reported_bounds(claim: Claim) -> tuple[dt.date, dt.date]:
    return dates.bounds(claim.reported.date, claim.reported.precision)


def claim_regions(dataset: Dataset, claim: Claim) -> set[str]:
    """Filter regions a claim touches, through its locations (and the places they belong to)."""
    out = set()
    for loc_id in claim.locations:
        location = dataset.locations.get(loc_id)
        if location is not None:
            out.add(location.region)
    return out


def matches_text(dataset: Dataset, claim: Claim, text: str) -> bool:
    """Case-insensitive search over the claim's words, sources, places and topic."""
    needle = text.strip().lower()
    if not needle:
        return True
    haystack = [claim.id, claim.statement, claim.quote, claim.topic, claim.via or ""]
    haystack += [_source_name(dataset, s) for s in claim.sources] + list(claim.sources)
    haystack += [dataset.locations[x].name for x in claim.locations if x in dataset.locations]
    haystack += [claim.note or "", claim.reported.words or ""]
    return all(word in " ".join(haystack).lower() for word in needle.split())


def known_by(claim: Claim, as_of: dt.date | None) -> bool:
    """Whether a claim had been reported by the as-of date (it may have been said that day)."""
    if as_of is None:
        return True
    first, _ = reported_bounds(claim)
    return first <= as_of


def filter_claims(dataset: Dataset, filters: Filters) -> list[Claim]:
    """The claims that pass every active filter, in file order."""
    out = []
    for claim in dataset.claims.values():
        if filters.regions and not claim_regions(dataset, claim) & set(filters.regions):
            continue
        if filters.sources and not set(claim.sources) & set(filters.sources):
            continue
        if filters.topics and claim.topic not in filters.topics:
            continue
        if filters.stances and claim.stance not in filters.stances:
            continue
        first, last = reported_bounds(claim)
        if filters.reported_from and last < filters.reported_from:
            continue
        if filters.reported_to and first > filters.reported_to:
            continue
        if not known_by(claim, filters.as_of):
            continue
        if not matches_text(dataset, claim, filters.text):
            continue
        out.append(claim)
    return out


def showing(n: int, total: int, noun: str = "claims") -> str:
    """The sentence every page states: 'Showing N of M claims'."""
    return f"Showing {n} of {total} {noun}"


def check_query_values(
    params: dict[str, list[str]], options: FilterOptions, other_keys: tuple[str, ...] = ()
) -> tuple[dict[str, list[str]], list[str]]:
    """Split URL query values into the ones a filter accepts and notes on the ones it ignores.

    Streamlit drops unknown values of a bound widget silently; this lets the app say so.
    """
    allowed = {
        PARAM_REGION: options.regions,
        PARAM_SOURCE: options.sources,
        PARAM_TOPIC: options.topics,
        PARAM_STANCE: options.stances,
    }
    kept: dict[str, list[str]] = {}
    notes: list[str] = []
    for key, values in params.items():
        if key in allowed:
            good = [v for v in values if v in allowed[key] or v == ""]
            bad = [v for v in values if v not in good]
            for value in bad:
                sample = ", ".join(allowed[key][:5]) + (", …" if len(allowed[key]) > 5 else "")
                notes.append(f"Ignored {key}={value!r}: not a known {key} (known: {sample}).")
            kept[key] = good
        elif key in (PARAM_REPORTED, PARAM_AS_OF):
            good = []
            for value in values:
                try:
                    dt.date.fromisoformat(value)
                    good.append(value)
                except ValueError:
                    notes.append(f"Ignored {key}={value!r}: dates are written YYYY-MM-DD.")
            kept[key] = good
        elif key == PARAM_TEXT or key in other_keys:
            kept[key] = values
        else:
            notes.append(f"Ignored unknown link parameter {key!r}.")
    return kept, notes
