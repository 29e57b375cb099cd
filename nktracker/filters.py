"""Filters over the dataset: what the sidebar selects, applied as pure functions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from nktracker import dates
from nktracker.labels import source_label
from nktracker.model import STANCES, TOPICS, Claim, Dataset
from nktracker.provenance import known_from
from nktracker.search import matches_text

# URL query parameter names, one per filter (documented in the README).
PARAM_REGION = "region"
PARAM_SOURCE = "source"
PARAM_TOPIC = "topic"
PARAM_STANCE = "stance"
PARAM_REPORTED = "reported"
PARAM_TEXT = "q"
PARAM_AS_OF = "as_of"
FILTER_PARAMS: tuple[str, ...] = (
    PARAM_REGION,
    PARAM_SOURCE,
    PARAM_TOPIC,
    PARAM_STANCE,
    PARAM_REPORTED,
    PARAM_TEXT,
    PARAM_AS_OF,
)


@dataclass(frozen=True)
class FilterOptions:
    """Every value a filter can take, from the data."""

    regions: tuple[str, ...]
    sources: tuple[str, ...]
    topics: tuple[str, ...]
    stances: tuple[str, ...]
    first_reported: dt.date
    last_reported: dt.date
    source_labels: dict[str, str] = field(default_factory=dict)  # id -> 'Media · Liga.net'


@dataclass(frozen=True)
class Filters:
    """The active filters; empty selections mean 'no restriction'.

    The one codec between filters and the URL: `to_params` writes the query parameters the
    sidebar reads (a filter at its default is left out), `from_params` reads them back and says
    which values it ignored. The sidebar, the briefing's permalink and `nktracker export` all
    go through these two methods.
    """

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

    def to_params(self, options: FilterOptions | None = None) -> list[tuple[str, str]]:
        """The URL query parameters that reproduce these filters, in the sidebar's format.

        A one-sided reported range is completed with the data's first or last day from
        `options`, since the URL always holds both ends.
        """
        params: list[tuple[str, str]] = []
        params += [(PARAM_REGION, v) for v in self.regions]
        params += [(PARAM_SOURCE, v) for v in self.sources]
        params += [(PARAM_TOPIC, v) for v in self.topics]
        params += [(PARAM_STANCE, v) for v in self.stances]
        if self.reported_from or self.reported_to:
            start = self.reported_from or (options.first_reported if options else None)
            end = self.reported_to or (options.last_reported if options else None)
            if start and end:
                params += [(PARAM_REPORTED, start.isoformat()), (PARAM_REPORTED, end.isoformat())]
        if self.as_of:
            params.append((PARAM_AS_OF, self.as_of.isoformat()))
        if self.text.strip():
            params.append((PARAM_TEXT, self.text.strip()))
        return params

    @classmethod
    def from_params(
        cls,
        params: Mapping[str, Sequence[str] | str],
        options: FilterOptions,
        other_keys: tuple[str, ...] = (),
    ) -> tuple[Filters, list[str]]:
        """Filters from URL query parameters, and a note for every value it ignored.

        Unknown values, malformed dates and unknown parameters are ignored with a note (keys in
        `other_keys` belong to pages, not filters, and pass silently). A reported range that
        covers all the data and an as-known-on date at or after the last report are defaults.
        """
        allowed = {
            PARAM_REGION: options.regions,
            PARAM_SOURCE: options.sources,
            PARAM_TOPIC: options.topics,
            PARAM_STANCE: options.stances,
        }
        chosen: dict[str, list[str]] = {key: [] for key in allowed}
        days: dict[str, list[dt.date]] = {PARAM_REPORTED: [], PARAM_AS_OF: []}
        text = ""
        notes: list[str] = []
        for key, raw in params.items():
            values = [raw] if isinstance(raw, str) else list(raw)
            if key in allowed:
                for value in values:
                    if value in allowed[key]:
                        chosen[key].append(value)
                    elif value != "":
                        known = allowed[key]
                        sample = ", ".join(known[:5]) + (", …" if len(known) > 5 else "")
                        notes.append(
                            f"Ignored {key}={value!r}: not a known {key} (known: {sample})."
                        )
            elif key in days:
                for value in values:
                    try:
                        days[key].append(dt.date.fromisoformat(value))
                    except ValueError:
                        notes.append(f"Ignored {key}={value!r}: dates are written YYYY-MM-DD.")
            elif key == PARAM_TEXT:
                text = " ".join(v for v in values if v).strip()
            elif key not in other_keys:
                notes.append(f"Ignored unknown link parameter {key!r}.")
        reported = days[PARAM_REPORTED]
        start = reported[0] if reported else None
        end = reported[1] if len(reported) > 1 else start
        as_of = days[PARAM_AS_OF][0] if days[PARAM_AS_OF] else None
        filters = cls(
            regions=tuple(dict.fromkeys(chosen[PARAM_REGION])),
            sources=tuple(dict.fromkeys(chosen[PARAM_SOURCE])),
            topics=tuple(dict.fromkeys(chosen[PARAM_TOPIC])),
            stances=tuple(dict.fromkeys(chosen[PARAM_STANCE])),
            reported_from=None if start is None or start <= options.first_reported else start,
            reported_to=None if end is None or end >= options.last_reported else end,
            text=text,
            as_of=None if as_of is None or as_of >= options.last_reported else as_of,
        )
        return filters, notes


def raw_params(
    *,
    regions: Sequence[str] = (),
    sources: Sequence[str] = (),
    topics: Sequence[str] = (),
    stances: Sequence[str] = (),
    reported: Sequence[dt.date | None] = (),
    as_of: dt.date | None = None,
    text: str = "",
) -> dict[str, list[str]]:
    """Query parameters for filter values as a widget or a command line holds them, ready for
    `Filters.from_params` (which decides what is a default and what is unknown)."""
    return {
        PARAM_REGION: list(regions),
        PARAM_SOURCE: list(sources),
        PARAM_TOPIC: list(topics),
        PARAM_STANCE: list(stances),
        PARAM_REPORTED: [d.isoformat() for d in reported if d is not None],
        PARAM_AS_OF: [as_of.isoformat()] if as_of else [],
        PARAM_TEXT: [text] if text else [],
    }


def filter_options(dataset: Dataset) -> FilterOptions:
    """The choices the sidebar offers, in a stable order."""
    claims = list(dataset.claims.values())
    regions = sorted({r for c in claims for r in claim_regions(dataset, c)})
    labels = {s: source_label(dataset, s) for c in claims for s in c.sources}
    # grouped by kind, then by name: a reader looks for "the officials", then for one of them
    sources = sorted(labels, key=lambda s: (labels[s].kind, labels[s].name.casefold(), s))
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
        source_labels={s: f"{labels[s].kind.capitalize()} · {labels[s].name}" for s in sources},
    )


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


def known_by(dataset: Dataset, claim: Claim, as_of: dt.date | None) -> bool:
    """Whether a claim could be known on the as-of date: reported by then, in a document
    published by then (see provenance.known_from)."""
    return as_of is None or known_from(dataset, claim) <= as_of


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
        if not known_by(dataset, claim, filters.as_of):
            continue
        if not matches_text(dataset, claim, filters.text):
            continue
        out.append(claim)
    return out


def showing(n: int, total: int, noun: str = "claims") -> str:
    """The sentence every page states: 'Showing N of M claims'."""
    return f"Showing {n} of {total} {noun}"


def by_stance(claims: list[Claim], stance: str) -> list[Claim]:
    """The claims that take one stance ('denies' gives the denials)."""
    return [c for c in claims if c.stance == stance]
