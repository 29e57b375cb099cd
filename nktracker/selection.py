"""The linked selection of the map and the timeline: points picked on the map and a span of days
picked on the 2024 sequence, kept in the URL (`?place=sudzha&span=2024-10-07..2024-10-13`).

A place is a point the map draws: a location (present theatre) or a deployment (world view).
The map's pick narrows the timeline and the timeline's span narrows the map; the claims listed
under either view meet both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from nktracker import dates
from nktracker.model import Claim, Dataset

PARAM_PLACE = "place"
PARAM_SPAN = "span"
SPAN_SEP = ".."

Span = tuple[dt.date, dt.date]


@dataclass(frozen=True)
class Selection:
    """Picked place ids (sorted, no repeats) and an optional span of days (first, last)."""

    places: tuple[str, ...] = ()
    span: Span | None = None

    def __bool__(self) -> bool:
        return bool(self.places or self.span)

    @property
    def token(self) -> str:
        """A short text that changes whenever the selection does (for widget keys)."""
        return ",".join(self.places) + "|" + (format_span(self.span) if self.span else "")

    def to_params(self) -> dict[str, list[str]]:
        """URL parameters; an empty part is left out."""
        out: dict[str, list[str]] = {}
        if self.places:
            out[PARAM_PLACE] = list(self.places)
        if self.span:
            out[PARAM_SPAN] = [format_span(self.span)]
        return out

    @classmethod
    def from_params(
        cls, raw: Mapping[str, list[str]], dataset: Dataset
    ) -> tuple[Selection, list[str]]:
        """The selection a link holds, and a note for each value it ignores."""
        notes: list[str] = []
        places = []
        for value in raw.get(PARAM_PLACE, []):
            if value in dataset.locations or value in dataset.deployments:
                places.append(value)
            else:
                notes.append(f"place: unknown place {value!r}")
        span = None
        for value in raw.get(PARAM_SPAN, [])[:1]:
            span = parse_span(value)
            if span is None:
                notes.append(f"span: expected YYYY-MM-DD..YYYY-MM-DD (got {value!r})")
        return cls(tuple(sorted(set(places))), span), notes

    def only_places(self) -> Selection:
        return Selection(self.places)

    def only_span(self) -> Selection:
        return Selection(span=self.span)


def format_span(span: Span) -> str:
    return f"{span[0].isoformat()}{SPAN_SEP}{span[1].isoformat()}"


def parse_span(text: str) -> Span | None:
    """'2024-10-07..2024-10-13' -> the two days (in order); None when malformed."""
    first, sep, last = text.partition(SPAN_SEP)
    if not sep:
        return None
    try:
        a, b = dt.date.fromisoformat(first.strip()), dt.date.fromisoformat(last.strip())
    except ValueError:
        return None
    return (a, b) if a <= b else (b, a)


def span_of(days: Iterable[tuple[str | dt.date, str | dt.date]]) -> Span | None:
    """The span that covers every (first, last) pair given (ISO text or dates); None if none."""
    firsts, lasts = [], []
    for first, last in days:
        firsts.append(first if isinstance(first, dt.date) else dt.date.fromisoformat(str(first)))
        lasts.append(last if isinstance(last, dt.date) else dt.date.fromisoformat(str(last)))
    return (min(firsts), max(lasts)) if firsts else None


def at_place(dataset: Dataset, claim: Claim, place: str) -> bool:
    """A claim is at a place when it names it or a part of it; at a deployment when the
    deployment lists it."""
    deployment = dataset.deployments.get(place)
    if deployment is not None:
        return claim.id in deployment.claims
    if place in claim.locations:
        return True
    return any(
        (loc := dataset.locations.get(name)) is not None and loc.part_of == place
        for name in claim.locations
    )


def claim_days(claim: Claim) -> list[Span]:
    """The spans of days a claim is dated to: when it was reported, and its event if any."""
    out = [dates.bounds(claim.reported.date, claim.reported.precision)]
    if claim.event is not None:
        out.append(dates.bounds(claim.event.date, claim.event.precision))
    return out


def in_span(claim: Claim, span: Span) -> bool:
    """Whether any day a claim is dated to falls in the span."""
    return any(first <= span[1] and last >= span[0] for first, last in claim_days(claim))


def apply_selection(selection: Selection, dataset: Dataset, claims: list[Claim]) -> list[Claim]:
    """The claims that meet the selection: at one of its places, and dated in its span."""
    out = claims
    if selection.places:
        out = [c for c in out if any(at_place(dataset, c, p) for p in selection.places)]
    if selection.span:
        span = selection.span
        out = [c for c in out if in_span(c, span)]
    return out


def still_applies(selection: Selection, dataset: Dataset, claims: list[Claim]) -> Selection:
    """What is left of a selection that still applies to these claims: places that still have a
    claim, a span that still holds one, and neither when together they leave no claim."""
    places = tuple(p for p in selection.places if any(at_place(dataset, c, p) for c in claims))
    span = selection.span
    if span is not None and not any(in_span(c, span) for c in claims):
        span = None
    kept = Selection(places, span)
    if kept and not apply_selection(kept, dataset, claims):
        return Selection()
    return kept


def place_name(dataset: Dataset, place: str) -> str:
    deployment = dataset.deployments.get(place)
    if deployment is not None:
        return deployment.theatre
    location = dataset.locations.get(place)
    return location.name if location is not None else place


def describe_selection(selection: Selection, dataset: Dataset) -> str:
    """'Places: Sudzha · Dates: 7 Oct 2024 – 13 Oct 2024' (empty for no selection)."""
    parts = []
    if selection.places:
        names = ", ".join(place_name(dataset, p) for p in selection.places)
        parts.append(f"Places: {names}")
    if selection.span:
        first, last = (dates.label(d.isoformat(), "day") for d in selection.span)
        parts.append(f"Dates: {first}" + (f" – {last}" if last != first else ""))
    return " · ".join(parts)


def selection_heading(selection: Selection, dataset: Dataset) -> str:
    """'Claims at Sudzha', 'Claims on Angola', '… dated 7 Oct 2024 – 13 Oct 2024'."""
    if not selection:
        return "Claims with a place (click a point to narrow)"
    heading = "Claims"
    if selection.places:
        word = "on" if all(p in dataset.deployments for p in selection.places) else "at"
        heading += f" {word} " + ", ".join(place_name(dataset, p) for p in selection.places)
    if selection.span:
        first, last = (dates.label(d.isoformat(), "day") for d in selection.span)
        heading += f" dated {first}" + (f" – {last}" if last != first else "")
    return heading
