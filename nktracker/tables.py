"""Claims, estimates and sources as DataFrames; headline ranges; CSV and JSON export."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd

from nktracker import dates
from nktracker.filters import claim_regions
from nktracker.model import Claim, Dataset


def source_name(dataset: Dataset, source_id: str) -> str:
    source = dataset.sources.get(source_id)
    return source.name if source else source_id


def chain_label(dataset: Dataset, claim: Claim) -> str:
    """'Kyrylo Budanov via Interfax via The War Zone': originator first."""
    names = [source_name(dataset, s) for s in reversed(claim.sources)]
    return " via ".join(names)


def reported_label(claim: Claim) -> str:
    label = dates.label(claim.reported.date, claim.reported.precision)
    if claim.reported.words:
        label += f" (“{claim.reported.words}”)"
    return label


def estimate_text(claim: Claim) -> str:
    """'up to 3,000 people (≤3,000)': the words and the range the rule gives."""
    est = claim.estimate
    if est is None:
        return ""
    return f"{est.words} → {format_range(est.low, est.high, est.unit)}"


def format_number(value: float | None, unit: str = "people") -> str:
    if value is None:
        return "?"
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return text + ("%" if unit == "percent" else "")


def format_range(low: float | None, high: float | None, unit: str = "people") -> str:
    if low is not None and high is not None and low == high:
        return format_number(low, unit)
    if low is None:
        return f"up to {format_number(high, unit)}"
    if high is None:
        return f"{format_number(low, unit)} or more"
    return f"{format_number(low, unit)}–{format_number(high, unit)}"


CLAIM_COLUMNS = [
    "id",
    "statement",
    "quote",
    "said_by",
    "chain",
    "via",
    "stance",
    "answers",
    "reported",
    "reported_date",
    "reported_precision",
    "reported_words",
    "event",
    "topic",
    "places",
    "regions",
    "estimate",
    "quantity",
    "low",
    "best",
    "high",
    "unit",
    "qualifier",
    "article",
    "note",
]


def claims_frame(dataset: Dataset, claims: list[Claim]) -> pd.DataFrame:
    """One row per claim with every field, flattened for tables and CSV."""
    rows = []
    for claim in claims:
        est = claim.estimate
        rows.append(
            {
                "id": claim.id,
                "statement": claim.statement,
                "quote": claim.quote,
                "said_by": source_name(dataset, claim.said_by),
                "chain": chain_label(dataset, claim),
                "via": claim.via or "",
                "stance": claim.stance,
                "answers": ", ".join(claim.answers),
                "reported": reported_label(claim),
                "reported_date": claim.reported.date,
                "reported_precision": claim.reported.precision,
                "reported_words": claim.reported.words or "",
                "event": dates.label(claim.event.date, claim.event.precision)
                if claim.event
                else "",
                "topic": claim.topic,
                "places": ", ".join(
                    dataset.locations[x].name for x in claim.locations if x in dataset.locations
                ),
                "regions": ", ".join(sorted(claim_regions(dataset, claim))),
                "estimate": estimate_text(claim),
                "quantity": est.quantity if est else "",
                "low": est.low if est else None,
                "best": est.best if est else None,
                "high": est.high if est else None,
                "unit": est.unit if est else "",
                "qualifier": est.qualifier if est else "",
                "article": claim.article,
                "note": claim.note or "",
            }
        )
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


def claims_json(dataset: Dataset, claims: list[Claim]) -> str:
    """The claims with every nested field, plus the sources they cite, as JSON text."""
    cited = sorted({s for c in claims for s in c.sources})
    payload = {
        "claims": [c.model_dump(mode="json") for c in claims],
        "sources": [
            dataset.sources[s].model_dump(mode="json") for s in cited if s in dataset.sources
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def claims_csv(dataset: Dataset, claims: list[Claim]) -> str:
    return claims_frame(dataset, claims).to_csv(index=False)


def estimate_frame(dataset: Dataset, claims: list[Claim]) -> pd.DataFrame:
    """One row per claim that states a quantity, ready for range charts."""
    rows = []
    for claim in claims:
        est = claim.estimate
        if est is None or est.quantity not in dataset.quantities:
            continue
        quantity = dataset.quantities[est.quantity]
        rows.append(
            {
                "claim": claim.id,
                "quantity": quantity.id,
                "quantity_label": quantity.label,
                "group": quantity.group or "",
                "theatre": quantity.theatre,
                "unit": est.unit,
                "low": est.low,
                "best": est.best,
                "high": est.high,
                "qualifier": est.qualifier,
                "words": est.words,
                "range": format_range(est.low, est.high, est.unit),
                "said_by": source_name(dataset, claim.said_by),
                "chain": chain_label(dataset, claim),
                "reported": dates.label(claim.reported.date, claim.reported.precision),
                "reported_date": claim.reported.date,
                "stance": claim.stance,
                "statement": claim.statement,
                "quote": claim.quote,
            }
        )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class Headline:
    """A range across claims: the lowest bound and the highest, each with who said it and when."""

    label: str
    unit: str
    low: float | None
    low_claims: tuple[Claim, ...]
    high: float | None
    high_claims: tuple[Claim, ...]
    n_claims: int

    def text(self) -> str:
        return format_range(self.low, self.high, self.unit)


def headline_range(dataset: Dataset, claims: list[Claim], quantity_ids: set[str], label: str):
    """Lowest stated bound and highest stated bound over claims on these quantities."""
    relevant = [c for c in claims if c.estimate and c.estimate.quantity in quantity_ids]
    if not relevant:
        return None
    unit = relevant[0].estimate.unit
    lows = [c.estimate.low for c in relevant if c.estimate.low is not None]
    highs = [c.estimate.high for c in relevant if c.estimate.high is not None]
    low = min(lows) if lows else None
    high = max(highs) if highs else None
    return Headline(
        label=label,
        unit=unit,
        low=low,
        low_claims=tuple(c for c in relevant if low is not None and c.estimate.low == low),
        high=high,
        high_claims=tuple(c for c in relevant if high is not None and c.estimate.high == high),
        n_claims=len(relevant),
    )


def bound_attribution(dataset: Dataset, claims: tuple[Claim, ...]) -> str:
    """'“Thousands” — Unnamed reports via The War Zone, week of 14 Oct 2024; …' for a bound."""
    if not claims:
        return "not stated by any claim"
    return "; ".join(
        f"“{c.estimate.words}” — {chain_label(dataset, c)}, "
        f"{dates.label(c.reported.date, c.reported.precision)}"
        for c in claims
    )


def headlines_frame(dataset: Dataset, headlines: list[Headline]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "quantity": h.label,
                "range": h.text(),
                "lowest bound, said by": bound_attribution(dataset, h.low_claims),
                "highest bound, said by": bound_attribution(dataset, h.high_claims),
                "claims": h.n_claims,
            }
            for h in headlines
        ]
    )


def quantity_headlines(dataset: Dataset, claims: list[Claim]) -> list[Headline]:
    """The group headline ('nk-in-russia') first, then one per present-theatre quantity."""
    out = []
    group = {q.id for q in dataset.quantities.values() if q.group == "nk-in-russia"}
    top = headline_range(dataset, claims, group, "North Korean personnel in Russia")
    if top:
        out.append(top)
    for quantity in dataset.quantities.values():
        if quantity.group == "nk-in-russia":
            continue
        item = headline_range(dataset, claims, {quantity.id}, quantity.label)
        if item:
            out.append(item)
    return out


def sources_frame(dataset: Dataset, claims: list[Claim]) -> pd.DataFrame:
    """Every source with kind, affiliation, how many claims it makes or relays, and stances."""
    rows = []
    for source in dataset.sources.values():
        said = [c for c in claims if c.said_by == source.id]
        relayed = [c for c in claims if source.id in c.sources[:-1]]
        stances = sorted({c.stance for c in said})
        rows.append(
            {
                "id": source.id,
                "name": source.name,
                "kind": source.kind,
                "country": source.country,
                "affiliation": source.affiliation or "",
                "says": len(said),
                "relays": len(relayed),
                "stances": ", ".join(stances),
                "denies": sum(c.stance == "denies" for c in said),
                "aliases": ", ".join(source.aliases),
                "url": source.url or "",
            }
        )
    frame = pd.DataFrame(rows)
    return frame.sort_values(["says", "relays", "name"], ascending=[False, False, True])


def chain_links(dataset: Dataset, claims: list[Claim]) -> pd.DataFrame:
    """Reporting links 'who told whom', weighted by claims: originator -> ... -> publisher."""
    counts: dict[tuple[str, str], int] = {}
    for claim in claims:
        chain = list(reversed(claim.sources))
        for teller, hearer in zip(chain, chain[1:], strict=False):
            counts[(teller, hearer)] = counts.get((teller, hearer), 0) + 1
    rows = [
        {
            "from": a,
            "to": b,
            "from_name": source_name(dataset, a),
            "to_name": source_name(dataset, b),
            "claims": n,
        }
        for (a, b), n in sorted(counts.items())
    ]
    return pd.DataFrame(rows, columns=["from", "to", "from_name", "to_name", "claims"])
