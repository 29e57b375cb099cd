"""The story view: one card per deployment or key date of 2024, in the order the story runs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from nktracker import dates
from nktracker.labels import chain_label, deployment_years, source_name
from nktracker.mapdata import STILL_BOXES
from nktracker.model import Claim, Dataset, Deployment
from nktracker.timeline import sequence_items, shown_deployments

ERA_ORDER = {"cold-war": 0, "post-cold-war": 1, "present": 2}
PRECISION_WORDS = {
    "day": "known to the day",
    "week": "known to the week",
    "month": "known to the month",
    "year": "known to the year",
}


@dataclass(frozen=True)
class StoryCard:
    """One step of the story: what happened, the source's own words, who said it, and when
    (with how precisely that is known). `id` is stable, so a card can be linked."""

    id: str
    kind: str  # "deployment" or "key date"
    headline: str
    when: str  # the date as its precision allows, with the article's words
    precision: str  # how precisely that date is known, in words
    words: str  # the claim's verbatim quote
    chain: str  # the reporting chain, originator first
    places: tuple[str, ...]  # location ids, for the map
    claims: tuple[str, ...]
    more: int = 0  # further claims behind the card beyond the one quoted
    order: tuple = ()


def _deployment_card(dataset: Dataset, dep: Deployment, shown: dict[str, Claim]) -> StoryCard:
    behind = [shown[c] for c in dep.claims if c in shown]
    first = behind[0]
    when = deployment_years(dep) + (" (approximate)" if dep.approximate else "")
    precision = "years are background, from public references" if dep.start else ""
    start = dates.bounds(dep.start)[0] if dep.start else None
    return StoryCard(
        id=f"deployment-{dep.id}",
        kind="deployment",
        headline=f"{dep.theatre}: {dep.conflict}",
        when=when,
        precision=precision,
        words=first.quote,
        chain=chain_label(dataset, first),
        places=tuple(dep.locations),
        claims=tuple(c.id for c in behind),
        more=len(behind) - 1,
        order=(ERA_ORDER.get(dep.era, 1), start is None, start or dt.date.max, False, dep.theatre),
    )


def story_cards(dataset: Dataset, claims: list[Claim]) -> list[StoryCard]:
    """A card per deployment with a shown claim and per key date of 2024 (an event, or a
    report dated to the day), in story order: eras in turn, then by date. A deployment whose
    years are not recorded closes its era."""
    shown = {c.id: c for c in claims}
    cards = [_deployment_card(dataset, d, shown) for d in shown_deployments(dataset, claims)]
    items = sequence_items(dataset, claims)
    if not items.empty:
        items = items[(items["kind"] == "event") | (items["precision"] == "day")]
    for row in items.to_dict("records"):
        ids = [i.strip() for i in str(row["claims"]).split(",") if i.strip() in shown]
        if not ids:
            continue
        first = shown[ids[0]]
        headline = first.statement
        if row["kind"] == "report":
            headline = f"{source_name(dataset, first.said_by)}: {headline}"
        precision = PRECISION_WORDS.get(str(row["precision"]), str(row["precision"]))
        places = dict.fromkeys(p for i in ids for p in shown[i].locations)
        day = dt.date.fromisoformat(row["first"])
        cards.append(
            StoryCard(
                id=f"{row['kind']}-{ids[0]}",
                kind="key date",
                headline=headline,
                when=str(row["when"]),
                precision=f"date {precision}",
                words=first.quote,
                chain=chain_label(dataset, first),
                places=tuple(places),
                claims=tuple(ids),
                more=len(ids) - 1,
                order=(ERA_ORDER["present"], False, day, row["kind"] != "event", headline),
            )
        )
    return sorted(cards, key=lambda c: c.order)


def card_position(cards: list[StoryCard], card_id: str | None) -> tuple[int, bool]:
    """The index of the linked card, and whether the link named one that is shown (an unknown
    or filtered-out id falls back to the first card)."""
    for i, card in enumerate(cards):
        if card.id == card_id:
            return i, True
    return 0, card_id is None


def _inside(lon: float, lat: float, view: str) -> bool:
    west, south, east, north = STILL_BOXES[view]
    return west <= lon <= east and south <= lat <= north


def map_view_for(dataset: Dataset, card: StoryCard) -> str:
    """'theatre' when a place of the card is in the present theatre and on its map, else
    'world' (history, and the treaty's Moscow and Pyongyang)."""
    places = [dataset.locations[p] for p in card.places if p in dataset.locations]
    present = [p for p in places if p.theatre == "present" and _inside(p.lon, p.lat, "theatre")]
    return "theatre" if present else "world"


def card_points(dataset: Dataset, card: StoryCard, view: str) -> list[tuple[float, float, str]]:
    """The card's places that the view's map shows, as (lon, lat, name)."""
    places = [dataset.locations[p] for p in card.places if p in dataset.locations]
    return [(p.lon, p.lat, p.name) for p in places if _inside(p.lon, p.lat, view)]
