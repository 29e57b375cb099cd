"""Claims, estimates and sources as DataFrames; headline ranges; CSV and JSON export."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import pandas as pd

from nktracker import dates
from nktracker.estimates import HEADLINE_GROUP, Headline, headline_text
from nktracker.filters import claim_regions
from nktracker.labels import (
    chain_label,
    date_label,
    deployment_years,
    estimate_text,
    format_range,
    place_names,
    reported_label,
    source_label,
    source_name,
)
from nktracker.links import web_url_or_empty
from nktracker.mapdata import place_claims
from nktracker.model import Claim, Dataset, Deployment
from nktracker.provenance import (
    contest_index,
    contest_label,
    contested_by,
    outlet_originator_links,
    resolve,
)
from nktracker.timeline import deployment_personnel

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
    "originator",
    "originator_name",
    "corroboration",
    "contested_by",
    "contested",
    "known_from",
    "note",
]


def claims_frame(
    dataset: Dataset, claims: list[Claim], as_of: dt.date | None = None
) -> pd.DataFrame:
    """One row per claim with every field, flattened for tables and CSV, with what the record
    resolves: originator, corroboration, contesting claims and known-from date (as of `as_of`)."""
    rows = []
    resolved = resolve(dataset, claims, as_of)
    for claim in claims:
        est = claim.estimate
        extra = resolved[claim.id]
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
                "event": date_label(claim.event) if claim.event else "",
                "topic": claim.topic,
                "places": ", ".join(place_names(dataset, claim.locations)),
                "regions": ", ".join(sorted(claim_regions(dataset, claim))),
                "estimate": estimate_text(claim),
                "quantity": est.quantity if est else "",
                "low": est.low if est else None,
                "best": est.best if est else None,
                "high": est.high if est else None,
                "unit": est.unit if est else "",
                "qualifier": est.qualifier if est else "",
                "article": claim.article,
                "originator": extra.originator,
                "originator_name": source_name(dataset, extra.originator),
                "corroboration": extra.corroboration,
                "contested_by": ", ".join(extra.contested_by),
                "contested": contest_label(dataset, extra.contested_by),
                "known_from": extra.known_from.isoformat(),
                "note": claim.note or "",
            }
        )
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


def claims_json(dataset: Dataset, claims: list[Claim], as_of: dt.date | None = None) -> str:
    """The claims with every nested field and what the record resolves for each (originator,
    corroboration, contested_by, known_from), plus the sources they cite, as JSON text."""
    resolved = resolve(dataset, claims, as_of)
    cited = sorted(
        {s for c in claims for s in c.sources} | {r.originator for r in resolved.values()}
    )
    payload = {
        "claims": [
            {
                **c.model_dump(mode="json", exclude={"originator"}),
                # the resolved body behind the words; the claim's own block is its basis
                "originator": resolved[c.id].originator,
                "originator_basis": c.originator.model_dump(mode="json") if c.originator else None,
                "corroboration": resolved[c.id].corroboration,
                "contested_by": list(resolved[c.id].contested_by),
                "known_from": resolved[c.id].known_from.isoformat(),
            }
            for c in claims
        ],
        "sources": [
            dataset.sources[s].model_dump(mode="json") for s in cited if s in dataset.sources
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: object) -> object:
    """A text cell a spreadsheet would run as a formula ('=HYPERLINK(…)', '+1', '@SUM') gets a
    leading apostrophe, which spreadsheets show as text; numbers and other text pass as they
    are (OWASP's advice on CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_csv(frame: pd.DataFrame) -> str:
    """CSV text whose text cells can never act as spreadsheet formulas."""
    return frame.map(formula_safe).to_csv(index=False)


def claims_csv(dataset: Dataset, claims: list[Claim], as_of: dt.date | None = None) -> str:
    """The claims as CSV, formula-safe (see formula_safe)."""
    return safe_csv(claims_frame(dataset, claims, as_of))


def estimate_frame(
    dataset: Dataset, claims: list[Claim], as_of: dt.date | None = None
) -> pd.DataFrame:
    """One row per claim that states a quantity, ready for range charts: with its originator,
    how many independent originators report an overlapping range, and what contests it."""
    rows = []
    resolved = resolve(dataset, [c for c in claims if c.estimate is not None], as_of)
    for claim in claims:
        est = claim.estimate
        if est is None or est.quantity not in dataset.quantities:
            continue
        quantity = dataset.quantities[est.quantity]
        extra = resolved[claim.id]
        rows.append(
            {
                "claim": claim.id,
                "quantity": quantity.id,
                "quantity_label": quantity.label,
                "group": quantity.group or "",
                "theatre": quantity.theatre,
                "side": quantity.side or "",
                "unit": est.unit,
                "low": est.low,
                "best": est.best,
                "high": est.high,
                "qualifier": est.qualifier,
                "words": est.words,
                "range": format_range(est.low, est.high, est.unit),
                "said_by": source_name(dataset, claim.said_by),
                "chain": chain_label(dataset, claim),
                "reported": date_label(claim.reported),
                "reported_date": claim.reported.date,
                "stance": claim.stance,
                "originator": source_name(dataset, extra.originator),
                "independent": extra.corroboration,
                "contested": contest_label(dataset, extra.contested_by),
                "known_from": extra.known_from.isoformat(),
                "statement": claim.statement,
                "quote": claim.quote,
            }
        )
    return pd.DataFrame(rows, columns=ESTIMATE_COLUMNS)


ESTIMATE_COLUMNS = [
    "claim",
    "quantity",
    "quantity_label",
    "group",
    "theatre",
    "side",
    "unit",
    "low",
    "best",
    "high",
    "qualifier",
    "words",
    "range",
    "said_by",
    "chain",
    "reported",
    "reported_date",
    "stance",
    "originator",
    "independent",
    "contested",
    "known_from",
    "statement",
    "quote",
]


def headlines_frame(
    dataset: Dataset, headlines: list[Headline], as_of: dt.date | None = None
) -> pd.DataFrame:
    """One row per headline: the sources' words, each bound with who stands behind it, what
    contests it, and the rule's numbers last."""
    rows = []
    for h in headlines:
        text = headline_text(dataset, h, as_of)
        rows.append(
            {
                "quantity": h.label,
                "in their words": text.value,
                "floor": text.floor.split(": ", 1)[-1],
                "ceiling": text.ceiling.split(": ", 1)[-1] if text.ceiling else "(same claim)",
                "contested": text.contested,
                "by the rule": h.text(),
                "claims": h.n_claims,
            }
        )
    return pd.DataFrame(rows)


SOURCE_COLUMNS = [
    "id",
    "name",
    "kind",
    "country",
    "affiliation",
    "says",
    "relays",
    "stances",
    "denies",
    "aliases",
    "url",
]


def sources_frame(dataset: Dataset, claims: list[Claim]) -> pd.DataFrame:
    """Every source with kind, affiliation, how many claims it makes or relays, and stances.

    Only http(s) URLs are kept (the page shows them as links); anything else shows as empty.
    """
    said_by: dict[str, list[Claim]] = {}
    relays: dict[str, int] = {}
    for claim in claims:  # one pass over the claims, not one per source
        said_by.setdefault(claim.said_by, []).append(claim)
        for relay in set(claim.sources[:-1]):
            relays[relay] = relays.get(relay, 0) + 1
    rows = []
    for source in dataset.sources.values():
        said = said_by.get(source.id, [])
        rows.append(
            {
                "id": source.id,
                "name": source.name,
                "kind": source.kind,
                "country": source.country,
                "affiliation": source.affiliation or "",
                "says": len(said),
                "relays": relays.get(source.id, 0),
                "stances": ", ".join(sorted({c.stance for c in said})),
                "denies": sum(c.stance == "denies" for c in said),
                "aliases": ", ".join(source.aliases),
                "url": web_url_or_empty(source.url),
            }
        )
    frame = pd.DataFrame(rows, columns=SOURCE_COLUMNS)
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


@dataclass(frozen=True)
class RecordCounts:
    claims: int
    speaking: int  # sources that originate at least one claim
    denials: int


def record_counts(claims: list[Claim]) -> RecordCounts:
    """How many claims, speaking sources and denials."""
    return RecordCounts(
        len(claims), len({c.said_by for c in claims}), sum(c.stance == "denies" for c in claims)
    )


def newest_claims(claims: list[Claim], n: int) -> list[Claim]:
    """The n claims reported last (ties by id), newest first."""
    return sorted(
        claims,
        key=lambda c: (dates.bounds(c.reported.date, c.reported.precision)[0], c.id),
        reverse=True,
    )[:n]


def deployments_frame(
    dataset: Dataset, deployments: list[Deployment], claims: list[Claim] | None = None
) -> pd.DataFrame:
    """One row per deployment: theatre, years, what was sent, personnel, background, reference."""
    rows = []
    for dep in deployments:
        refs = dep.background.references if dep.background else []
        rows.append(
            {
                "theatre": dep.theatre,
                "conflict": dep.conflict,
                "years": deployment_years(dep),
                "sent (article's words)": dep.sent_words,
                "personnel": deployment_personnel(dataset, dep, claims),
                "ally": dep.ally,
                "opponent": dep.opponent,
                "status": dep.status,
                "claims": ", ".join(dep.claims),
                "background": dep.background.note if dep.background else "",
                "reference": web_url_or_empty(refs[0].url) if refs else "",
            }
        )
    return pd.DataFrame(rows, columns=DEPLOYMENT_COLUMNS)


DEPLOYMENT_COLUMNS = [
    "theatre",
    "conflict",
    "years",
    "sent (article's words)",
    "personnel",
    "ally",
    "opponent",
    "status",
    "claims",
    "background",
    "reference",
]

# The columns the Estimates page lists under its charts, in reading order.
ESTIMATE_TABLE_COLUMNS = [
    "quantity_label",
    "words",
    "range",
    "originator",
    "independent",
    "contested",
    "chain",
    "reported",
    "quote",
]


def movement_frame(
    dataset: Dataset, claims: list[Claim], as_of: dt.date | None = None
) -> pd.DataFrame:
    """The headline estimate over time: one row per asserting claim on the headline group, with
    the day it became known, its range and its originator."""
    frame = estimate_frame(dataset, claims, as_of)
    if frame.empty:
        return frame
    frame = frame[(frame["group"] == HEADLINE_GROUP) & (frame["stance"] == "asserts")]
    return frame.sort_values(["known_from", "claim"]).reset_index(drop=True)


def contesting_claims(
    dataset: Dataset, claims: list[Claim], as_of: dt.date | None = None
) -> list[Claim]:
    """The denials and doubts that contest any of these claims (as known on `as_of`)."""
    index = contest_index(dataset)
    ids = dict.fromkeys(d for c in claims for d in contested_by(dataset, c, as_of, index))
    return [dataset.claims[d] for d in ids if d in dataset.claims]


def outlets_frame(dataset: Dataset, claims: list[Claim]) -> pd.DataFrame:
    """Outlets -> originators: which body stands behind what each outlet reported, so four
    outlets relaying one agency read as one originator."""
    rows = [
        {
            "outlet": source_name(dataset, outlet),
            "originator": source_name(dataset, originator),
            "unnamed": source_label(dataset, originator).kind == "anonymous",
            "claims": len(ids),
            "with a number": sum(1 for i in ids if dataset.claims[i].estimate is not None),
        }
        for (outlet, originator), ids in outlet_originator_links(dataset, claims).items()
    ]
    frame = pd.DataFrame(
        rows, columns=["outlet", "originator", "unnamed", "claims", "with a number"]
    )
    # the originators behind the most outlets first: where independence is most overstated
    outlets = frame.groupby("originator")["outlet"].transform("nunique")
    frame = frame.assign(_outlets=outlets).sort_values(
        ["_outlets", "originator", "claims"], ascending=[False, True, False]
    )
    return frame.drop(columns="_outlets").reset_index(drop=True)


def bundle_movement(frame: pd.DataFrame, per_originator: bool = True) -> pd.DataFrame:
    """The movement frame with one row per (day known, originator), or per day when
    per_originator is False: the widest range their claims allow (an open end stays open), for
    charts that would otherwise draw hundreds of bars."""
    if frame.empty:
        return frame
    rows = []
    keys = ["known_from", "originator"] if per_originator else ["known_from"]
    for key, part in frame.groupby(keys, sort=True):
        day = key[0]
        low = None if part["low"].isna().any() else float(part["low"].min())
        high = None if part["high"].isna().any() else float(part["high"].max())
        n = len(part)
        originators = list(dict.fromkeys(str(o) for o in part["originator"]))
        originator = originators[0] if len(originators) == 1 else f"{len(originators)} originators"
        rows.append(
            {
                **part.iloc[0].to_dict(),
                "claim": f"{n} claims" if n > 1 else part["claim"].iloc[0],
                "originator": originator,
                "low": low,
                "best": None if n > 1 else part["best"].iloc[0],
                "high": high,
                "words": f"{n} reports" if n > 1 else part["words"].iloc[0],
                "range": format_range(low, high, str(part["unit"].iloc[0])),
                "chain": part["chain"].iloc[0] if n == 1 else f"{n} reports from {originator}",
                "contested": "; ".join(dict.fromkeys(c for c in part["contested"] if c)),
                "known_from": day,
            }
        )
    return pd.DataFrame(rows, columns=frame.columns)


PLACE_COLUMNS = ["place", "kind", "region", "country", "lon", "lat", "claims", "claim_ids"]


def places_frame(dataset: Dataset, claims: list[Claim]) -> pd.DataFrame:
    """One row per place the claims name (a map's data): where it is and which claims name it."""
    rows = []
    for loc_id, here in place_claims(dataset, claims).items():
        location = dataset.locations.get(loc_id)
        if location is None:
            continue
        rows.append(
            {
                "place": location.name,
                "kind": location.kind,
                "region": location.region,
                "country": location.country,
                "lon": round(location.lon, 4),
                "lat": round(location.lat, 4),
                "claims": len(here),
                "claim_ids": ", ".join(c.id for c in here),
            }
        )
    return pd.DataFrame(rows, columns=PLACE_COLUMNS)
