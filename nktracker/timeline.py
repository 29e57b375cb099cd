"""Timeline data: deployments with personnel labels, and the dated 2024 sequence."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from nktracker import dates
from nktracker.estimates import HEADLINE_GROUP, span
from nktracker.filters import Filters
from nktracker.labels import format_range, source_name, truncate
from nktracker.model import STANCES, Claim, Dataset, Deployment
from nktracker.notes import as_of_date
from nktracker.provenance import known_from

SEQUENCE_START = dt.date(2023, 1, 1)  # the 2024 sequence shows nothing dated earlier
SEQUENCE_FROM = dt.date(2024, 5, 1)  # where its window opens: the weeks before the June treaty


def shown_deployments(dataset: Dataset, claims: list[Claim]) -> list[Deployment]:
    """Deployments with at least one claim that the filters leave."""
    ids = {c.id for c in claims}
    return [d for d in dataset.deployments.values() if any(c in ids for c in d.claims)]


def deployment_personnel(
    dataset: Dataset, deployment: Deployment, claims: list[Claim] | None = None
) -> str:
    """'2,000–10,000 personnel' from the estimates of the deployment's claims among `claims`
    (the ones shown, so an as-known-on date holds back later figures); else the article's
    words."""
    shown = {c.id for c in claims} if claims is not None else set(dataset.claims)
    by_quantity: dict[str, list] = {}
    for claim_id in deployment.claims:
        claim = dataset.claims.get(claim_id) if claim_id in shown else None
        if claim and claim.estimate and claim.estimate.unit == "people":
            by_quantity.setdefault(claim.estimate.quantity, []).append(claim.estimate)
    grouped = [
        e
        for q, found in by_quantity.items()
        if q in dataset.quantities and dataset.quantities[q].group == HEADLINE_GROUP
        for e in found
    ]
    if grouped:
        return format_range(*span(grouped)) + " personnel"
    parts = []
    for quantity_id, found in by_quantity.items():
        quantity = dataset.quantities.get(quantity_id)
        label = quantity.label if quantity else quantity_id
        noun = label.split(" in ")[0].replace("North Korean ", "")
        parts.append(f"{format_range(*span(found))} {noun}")
    return "; ".join(parts) if parts else deployment.sent_words


OPEN_END = "end not recorded"  # how deployment_span marks a start with no end


def deployment_span(dep: Deployment, today: dt.date) -> tuple[dt.date, dt.date, str] | None:
    """First and last day a deployment's recorded years cover, and how the end is known."""
    if not dep.start:
        return None
    first, _ = dates.bounds(dep.start)
    if dep.end:
        return first, dates.bounds(dep.end)[1], "recorded"
    if dep.ongoing:
        return first, today, "ongoing"
    return first, dates.bounds(dep.start)[1], OPEN_END


@dataclass(frozen=True)
class TimelineRow:
    """A dated deployment on the timeline: its region (the colour) and the days its years
    cover. With an open end, `last` is the last day of the start's own span (its year)."""

    deployment: Deployment
    region: str
    first: dt.date
    last: dt.date
    how: str  # "recorded", "ongoing" or OPEN_END

    @property
    def open_end(self) -> bool:
        return self.how == OPEN_END


def timeline_rows(
    dataset: Dataset, deployments: list[Deployment], today: dt.date
) -> list[TimelineRow]:
    """The dated deployments in the order the story runs: earliest start first (ties: the
    earlier end, then the theatre), so the chart reads from Vietnam to Russia top to bottom."""
    rows = []
    for dep in deployments:
        found = deployment_span(dep, today)
        if found is None:
            continue
        loc = dataset.locations.get(dep.locations[0]) if dep.locations else None
        rows.append(TimelineRow(dep, loc.region if loc else "Other", *found))
    return sorted(rows, key=lambda r: (r.first, r.last, r.deployment.theatre))


def known_until(dataset: Dataset, claim: Claim) -> dt.date:
    """The last day a claim can have become known: the last day its reported date can mean,
    but no later than its article's last possible publication day (what an article reports
    is known when it appears), and never before known_from."""
    last = dates.bounds(claim.reported.date, claim.reported.precision)[1]
    article = dataset.articles.get(claim.article)
    if article is not None:
        last = min(last, dates.bounds(article.published.date, article.published.precision)[1])
    return max(last, known_from(dataset, claim))


def weekly_counts(dataset: Dataset, claims: list[Claim]) -> pd.DataFrame:
    """Claims per week and stance: week (its Monday, ISO), stance, claims, and how many of
    them are `coarse`: dated so loosely (a month, a week, a year) that they may belong to a
    later week.

    A claim's week is the one its known-from day falls in, the earliest it can have become
    known; a claim dated only to October, in an article of 14 October, counts in the week of
    the 14th (and is exact), while one dated only to October with no later bound counts in the
    week of the 1st (and is coarse).
    """
    counts: dict[tuple[str, str], list[int]] = {}
    for claim in claims:
        monday = dates.monday_of(known_from(dataset, claim))
        cell = counts.setdefault((monday.isoformat(), claim.stance), [0, 0])
        cell[0] += 1
        cell[1] += known_until(dataset, claim) > monday + dt.timedelta(days=6)
    order = {s: i for i, s in enumerate(STANCES)}
    rows = [
        {"week": week, "stance": stance, "claims": n, "coarse": coarse}
        for (week, stance), (n, coarse) in sorted(
            counts.items(), key=lambda kv: (kv[0][0], order.get(kv[0][1], len(order)))
        )
    ]
    return pd.DataFrame(rows, columns=["week", "stance", "claims", "coarse"])


def undated_deployments(deployments: list[Deployment]) -> list[Deployment]:
    return [d for d in deployments if not d.start]


def undated_note(deployments: list[Deployment]) -> str:
    """'Not on the chart, since no years are recorded: …' ('' when every one has years)."""
    undated = undated_deployments(deployments)
    if not undated:
        return ""
    names = "; ".join(f"{d.theatre} ({d.conflict})" for d in undated)
    return f"Not on the chart, since no years are recorded: {names}"


def _article_dated(dataset: Dataset, claim: Claim) -> bool:
    """True when the claim's reported date is only the article's own (no date was given)."""
    article = dataset.articles.get(claim.article)
    if article is None or claim.reported.words:
        return False
    return (claim.reported.date, claim.reported.precision) == (
        article.published.date,
        article.published.precision,
    )


def sequence_items(dataset: Dataset, claims: list[Claim]) -> pd.DataFrame:
    """Dated items since 2023: events the claims describe, and reports with their own dates.

    Each item spans the days its precision covers; a finer date from a background reference is
    kept apart (`background_day`) so the chart can show both.
    """
    rows: list[dict] = []
    reports: dict[tuple, list[Claim]] = {}
    for claim in claims:
        if claim.event is not None:
            first, last = dates.bounds(claim.event.date, claim.event.precision)
            if first >= SEQUENCE_START:
                article = dataset.articles.get(claim.article)
                published_last = (
                    dates.bounds(article.published.date, article.published.precision)[1]
                    if article
                    else last
                )
                rows.append(
                    _row(
                        kind="expected" if last > published_last else "event",
                        label=claim.statement,
                        claim_ids=[claim.id],
                        stance=claim.stance,
                        ref=claim.event,
                        detail=f"{claim.statement} — {source_name(dataset, claim.said_by)}",
                    )
                )
        if _article_dated(dataset, claim) and not (
            claim.reported.background and claim.reported.background.date
        ):
            continue
        key = (claim.said_by, claim.reported.date, claim.reported.precision, claim.stance)
        reports.setdefault(key, []).append(claim)
    for (said_by, _, _, stance), group in reports.items():
        first_claim = group[0]
        first, _ = dates.bounds(first_claim.reported.date, first_claim.reported.precision)
        bg_first = None
        if first_claim.reported.background and first_claim.reported.background.date:
            bg_first = dates.bounds(first_claim.reported.background.date)[0]
        if max(first, bg_first or first) < SEQUENCE_START:
            continue
        more = f" (+{len(group) - 1} more)" if len(group) > 1 else ""
        rows.append(
            _row(
                kind="report",
                label=f"{source_name(dataset, said_by)}: {first_claim.statement}{more}",
                claim_ids=[c.id for c in group],
                stance=stance,
                ref=first_claim.reported,
                detail=" ".join(c.statement for c in group),
            )
        )
    frame = pd.DataFrame(
        rows,
        columns=[
            "kind",
            "label",
            "claims",
            "stance",
            "first",
            "last",
            "precision",
            "when",
            "words",
            "background",
            "background_day",
            "detail",
        ],
    )
    return frame.sort_values(["first", "label"]).reset_index(drop=True)


def _row(kind, label, claim_ids, stance, ref, detail) -> dict:
    first, last = dates.bounds(ref.date, ref.precision)
    bg_day = ""
    if ref.background and ref.background.date:
        bg_day = dates.bounds(ref.background.date)[0].isoformat()
    when = dates.label(ref.date, ref.precision)
    if ref.words:
        when += f" (“{ref.words}”)"
    if bg_day:
        when += f"; {dates.label(bg_day, 'day')} per background reference"
    return {
        "kind": kind,
        "label": truncate(label, 90),
        "claims": ", ".join(claim_ids),
        "stance": stance,
        "first": first.isoformat(),
        "last": last.isoformat(),
        "precision": ref.precision,
        "when": when,
        "words": ref.words or "",
        "background": False,
        "background_day": bg_day,
        "detail": detail,
    }


def sequence_window(dataset: Dataset, filters: Filters) -> tuple[dt.date, dt.date]:
    """The days the 2024 sequence shows: from May 2024 to two weeks past the as-of date."""
    end = as_of_date(dataset, filters) or dt.date.today()
    return SEQUENCE_FROM, end + dt.timedelta(days=14)


def items_outside(items: pd.DataFrame, window: tuple[dt.date, dt.date]) -> pd.DataFrame:
    """The dated items the window leaves out (named under the chart, so nothing is hidden)."""
    if items.empty:
        return items
    start, end = (d.isoformat() for d in window)
    return items[(items["last"] < start) | (items["first"] > end)]


def outside_note(outside: pd.DataFrame) -> str:
    """'Outside this window: …' naming each dated item the chart leaves out ('' for none)."""
    if outside.empty:
        return ""
    return "Outside this window: " + "; ".join(
        f"{row.label} ({row.when})" for row in outside.itertuples()
    )
