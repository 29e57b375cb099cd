"""Who stands behind each claim, how many independent originators a number has, which denials
contest it, and from when it could be known.

- The originator of a claim is the body behind its words: the last link of its reporting chain,
  or, where the outlet relies on someone the article does not name, that source (a background
  `originator` block). A source that is `part_of` a body counts as that body, so unnamed people
  inside one agency, its spokesman and its commander are one originator, not several.
- Two claims corroborate each other only when their originators differ.
- A denial or doubt contests the claims it names (`answers`) and every claim its selector
  (`answers_where`) matches, whether reported before or after it.
- A claim is known from the later of its reported date and its document's publication date.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Iterable
from dataclasses import dataclass

from nktracker import dates
from nktracker.labels import date_label, name_list, source_label
from nktracker.model import Claim, Dataset, Estimate

CONTESTING = ("denies", "doubts")
UNNAMED_KINDS = ("anonymous",)


def body_of(dataset: Dataset, source_id: str) -> str:
    """The body a source counts as: the top of its part_of chain (itself when it has none)."""
    seen = {source_id}
    current = source_id
    while True:
        source = dataset.sources.get(current)
        if source is None or source.part_of is None or source.part_of in seen:
            return current
        current = source.part_of
        seen.add(current)


def originator_of(dataset: Dataset, claim: Claim) -> str:
    """The source id of the body behind a claim's words."""
    start = claim.originator.source if claim.originator else claim.said_by
    return body_of(dataset, start)


def is_unnamed(dataset: Dataset, claim: Claim) -> bool:
    """Whether the words come from someone the record cannot name (an unnamed report, an
    anonymous source) and that no named body stands behind."""
    return source_label(dataset, originator_of(dataset, claim)).kind in UNNAMED_KINDS


def independent_count(dataset: Dataset, claims: Iterable[Claim]) -> int:
    """Independent originators among claims: distinct named bodies. Unnamed reports add none
    when a named body reports too (they may be that body's report), and count as one when they
    are all there is."""
    claims = list(claims)
    named = {originator_of(dataset, c) for c in claims if not is_unnamed(dataset, c)}
    if named:
        return len(named)
    return 1 if claims else 0


def known_from(dataset: Dataset, claim: Claim) -> dt.date:
    """The first day a claim could be known: the later of the first day its reported date can
    mean and the first day its document can have been published."""
    first = dates.bounds(claim.reported.date, claim.reported.precision)[0]
    article = dataset.articles.get(claim.article)
    if article is None:
        return first
    published = dates.bounds(article.published.date, article.published.precision)[0]
    return max(first, published)


def measure_of(dataset: Dataset, estimate: Estimate) -> str:
    """What an estimate measures: its quantity's group (one total) or else the quantity."""
    quantity = dataset.quantities.get(estimate.quantity)
    return quantity.group if quantity and quantity.group else estimate.quantity


_CONTEST_INDEXES: weakref.WeakKeyDictionary[Dataset, dict[str, list[str]]] = (
    weakref.WeakKeyDictionary()
)


def contest_index(dataset: Dataset) -> dict[str, list[str]]:
    """Claim id -> ids of the denials and doubts that contest it, in file order.

    Built once per dataset (datasets are not changed once loaded) from claims indexed by topic,
    quantity and group, so the cost grows with the claims, not with denials times claims.
    """
    cached = _CONTEST_INDEXES.get(dataset)
    if cached is None:
        cached = _CONTEST_INDEXES[dataset] = _build_contest_index(dataset)
    return cached


def _build_contest_index(dataset: Dataset) -> dict[str, list[str]]:
    by_key: dict[tuple[str, str], list[str]] = {}
    for claim in dataset.claims.values():
        if claim.stance in CONTESTING:
            continue
        keys = [("topic", claim.topic)]
        if claim.estimate is not None:
            keys.append(("quantity", claim.estimate.quantity))
            quantity = dataset.quantities.get(claim.estimate.quantity)
            if quantity is not None and quantity.group:
                keys.append(("group", quantity.group))
        for key in keys:
            by_key.setdefault(key, []).append(claim.id)
    out: dict[str, list[str]] = {}
    order = {claim_id: i for i, claim_id in enumerate(dataset.claims)}
    for denial in (c for c in dataset.claims.values() if c.stance in CONTESTING):
        chosen = {a for a in denial.answers if a in dataset.claims}
        selector = denial.answers_where
        if selector is not None:
            for kind, values in (
                ("topic", selector.topics),
                ("quantity", selector.quantities),
                ("group", selector.quantity_groups),
            ):
                for value in values:
                    chosen.update(by_key.get((kind, value), ()))
        for claim_id in sorted(chosen, key=order.__getitem__):
            if claim_id != denial.id and dataset.claims[claim_id].stance not in CONTESTING:
                out.setdefault(claim_id, []).append(denial.id)
    return out


def contested_by(
    dataset: Dataset, claim: Claim, as_of: dt.date | None = None, index=None
) -> list[str]:
    """The denials and doubts that contest a claim (as known on `as_of`, when given)."""
    ids = (index if index is not None else contest_index(dataset)).get(claim.id, [])
    if as_of is None:
        return list(ids)
    return [d for d in ids if known_from(dataset, dataset.claims[d]) <= as_of]


MAX_CONTEST_NAMES = 3  # contesting denials named in a label; the others are counted
_DENIAL_LABELS: weakref.WeakKeyDictionary[Dataset, dict[str, str]] = weakref.WeakKeyDictionary()


def _denial_label(dataset: Dataset, denial_id: str) -> str | None:
    """'Kremlin, 10 Oct 2024' for one denial, made once per dataset."""
    labels = _DENIAL_LABELS.get(dataset)
    if labels is None:
        labels = _DENIAL_LABELS[dataset] = {}
    if denial_id not in labels:
        denial = dataset.claims.get(denial_id)
        if denial is None:
            return None
        who = source_label(dataset, originator_of(dataset, denial)).name
        labels[denial_id] = f"{who}, {date_label(denial.reported)}"
    return labels[denial_id]


def contest_label(dataset: Dataset, denial_ids: Iterable[str]) -> str:
    """'contested: Kremlin, 10 Oct 2024' (each denial's originator and reported date); past
    MAX_CONTEST_NAMES different ones, 'and N more'."""
    parts: dict[str, None] = {}
    more = 0
    for denial_id in denial_ids:
        label = _denial_label(dataset, denial_id)
        if label is None or label in parts:
            continue
        if len(parts) < MAX_CONTEST_NAMES:
            parts[label] = None
        else:
            more += 1
    if not parts:
        return ""
    return "contested: " + "; ".join(parts) + (f"; and {more:,} more" if more else "")


def _overlap(a: Estimate, b: Estimate) -> bool:
    low_a = a.low if a.low is not None else 0.0
    low_b = b.low if b.low is not None else 0.0
    high_a = a.high if a.high is not None else float("inf")
    high_b = b.high if b.high is not None else float("inf")
    return low_a <= high_b and low_b <= high_a


def corroboration(dataset: Dataset, claim: Claim, claims: Iterable[Claim] | None = None) -> int:
    """How many independent originators report the same measure with a range that overlaps
    this claim's (the claim's own originator included; 0 for a claim without an estimate)."""
    est = claim.estimate
    if est is None or claim.stance in CONTESTING:
        return 0
    measure = measure_of(dataset, est)
    pool = dataset.claims.values() if claims is None else claims
    agreeing = [
        other
        for other in pool
        if other.estimate is not None
        and other.id != claim.id
        and other.stance not in CONTESTING
        and measure_of(dataset, other.estimate) == measure
        and _overlap(est, other.estimate)
    ]
    return independent_count(dataset, [claim, *agreeing])


@dataclass(frozen=True)
class Support:
    """The reports behind a number: the named bodies among their originators, and how many
    reports come from no one the record can name."""

    reports: int
    named: tuple[str, ...]
    names: tuple[str, ...]
    unnamed: int

    def text(self) -> str:
        """'2 reports, 1 originator: Ukrainian military intelligence, and 1 unnamed report';
        '1 originator, unnamed'."""
        head = f"{self.reports} reports, " if self.reports > 1 else ""
        if not self.named:
            return f"{head}1 originator, unnamed" if self.reports else "no report"
        n = len(self.named)
        text = f"{head}{n} {'originator' if n == 1 else 'independent originators'}: "
        text += name_list(list(self.names))
        if self.unnamed:
            text += f", and {self.unnamed} unnamed report{'s' if self.unnamed > 1 else ''}"
        return text


def support(dataset: Dataset, claims: Iterable[Claim]) -> Support:
    """Who stands behind a set of claims (the claims behind one bound, say)."""
    claims = list(claims)
    named = tuple(
        dict.fromkeys(originator_of(dataset, c) for c in claims if not is_unnamed(dataset, c))
    )
    names = tuple(source_label(dataset, o).name for o in named)
    unnamed = sum(is_unnamed(dataset, c) for c in claims)
    return Support(len(claims), named, names, unnamed)


def reporting_outlet(dataset: Dataset, claim: Claim) -> str:
    """The outlet that reported a claim: the media source nearest its originator in the chain
    (LIGA.net in 'The War Zone via LIGA.net'), else the publisher."""
    for source_id in reversed(claim.sources):
        if source_label(dataset, source_id).kind == "media":
            return source_id
    return claim.published_by


def outlet_originator_links(
    dataset: Dataset, claims: Iterable[Claim]
) -> dict[tuple[str, str], list[str]]:
    """(outlet that reported the claim, its originator) -> the claim ids."""
    links: dict[tuple[str, str], list[str]] = {}
    for claim in claims:
        key = (reporting_outlet(dataset, claim), originator_of(dataset, claim))
        links.setdefault(key, []).append(claim.id)
    return links


@dataclass(frozen=True)
class Resolved:
    """What the record says about one claim beyond its own fields."""

    originator: str
    corroboration: int
    contested_by: tuple[str, ...]
    known_from: dt.date


def resolve(
    dataset: Dataset, claims: Iterable[Claim], as_of: dt.date | None = None
) -> dict[str, Resolved]:
    """Originator, corroboration, contesting claims and known-from date for each claim, as
    known on `as_of` (later reports neither corroborate nor contest)."""
    index = contest_index(dataset)
    # claims that could corroborate, grouped by what they measure: each claim is compared only
    # with claims on its own total, so the cost stays near-linear in the number of claims
    by_measure: dict[str, list[Claim]] = {}
    for other in dataset.claims.values():
        if other.estimate is None or other.stance in CONTESTING:
            continue
        if as_of is None or known_from(dataset, other) <= as_of:
            by_measure.setdefault(measure_of(dataset, other.estimate), []).append(other)
    return {
        claim.id: Resolved(
            originator=originator_of(dataset, claim),
            corroboration=corroboration(
                dataset,
                claim,
                by_measure.get(measure_of(dataset, claim.estimate), []) if claim.estimate else [],
            ),
            contested_by=tuple(contested_by(dataset, claim, as_of, index)),
            known_from=known_from(dataset, claim),
        )
        for claim in claims
    }
