"""Recall of `nktracker draft` against the curated claims of one archived article.

Usage: python benchmarks/draft_recall.py [--data DIR] [--article ID] [--no-fail]

Runs the drafter on the article (the seed, twz-2024-10-15, by default; dated by its .yaml) and
compares its drafts with the curated claims of that article in claims.yaml:

- estimates: share of curated estimates that some draft proposes with the same low, best and
  high, the curated estimate's words standing inside that draft's quote;
- relative dates: share of curated claims whose `reported.words` are relative ("on Tuesday",
  "last week") whose matched draft has the same reported date and precision;
- quotes: share of curated quotes covered by one draft quote. A draft quote covers a curated
  quote when the curated quote is inside it, or when it holds at least two thirds of the curated
  quote's characters (white space aside; a quote cut with "…" counts its pieces). A curated
  claim is matched with the covering draft that names the same last source, else the one that
  covers most of it;
- precision: share of drafts that cover some curated quote; the rest match no curated claim.

Targets: estimates 90 %, relative dates 90 %, quotes 80 %. Exits 1 when one is missed (unless
--no-fail), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from nktracker import dates
from nktracker.draft import draft_article, read_document
from nktracker.load import data_dir, load_dataset
from nktracker.model import Claim, Dataset

SEED = "twz-2024-10-15"
COVER = 2 / 3  # share of a curated quote's characters a draft quote must hold
TARGETS = {"estimates": 0.9, "relative dates": 0.9, "quotes": 0.8}
_SPACE = re.compile(r"\s+")
_PIECES = re.compile(r"…|\.\.\.")


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def positions(quote: str, text: str) -> set[int]:
    """The characters of the (normalised) text that the quote stands on, piece by piece."""
    out: set[int] = set()
    pos = 0
    for piece in _PIECES.split(normalise(quote)):
        piece = piece.strip()
        if not piece:
            continue
        at = text.find(piece, pos)
        if at < 0:
            at = text.find(piece)
        if at < 0:
            continue
        out |= set(range(at, at + len(piece)))
        pos = at + len(piece)
    return out


def coverage(curated: set[int], draft: set[int]) -> float:
    return len(curated & draft) / len(curated) if curated else 0.0


def is_relative(words: str | None) -> bool:
    """Words a reader must resolve against the publication date: no year in them."""
    if not words or re.search(r"\b(?:19|20)\d\d\b", words):
        return False
    return bool(dates.find_date_words(words, dates.bounds("2000-06-15")[0]))


@dataclass
class Metric:
    name: str
    hits: int
    total: int
    missed: list[str]

    @property
    def share(self) -> float:
        return self.hits / self.total if self.total else 1.0


@dataclass
class Report:
    article: str
    drafts: int
    curated: int
    metrics: list[Metric]

    def table(self) -> str:
        lines = [
            f"draft recall on {self.article}: {self.drafts} drafts, {self.curated} curated claims",
            f"{'metric':<16} {'share':>7} {'hits':>9} {'target':>7}  result",
        ]
        for m in self.metrics:
            target = TARGETS.get(m.name)
            result = "" if target is None else ("met" if m.share >= target else "MISSED")
            shown = f"{target:.0%}" if target is not None else "-"
            lines.append(
                f"{m.name:<16} {m.share:>7.1%} {m.hits:>4}/{m.total:<4} {shown:>7}  {result}"
            )
        for m in self.metrics:
            if m.missed:
                lines.append(f"{m.name} not matched: {', '.join(m.missed)}")
        return "\n".join(lines)

    def failed(self) -> list[str]:
        return [m.name for m in self.metrics if m.name in TARGETS and m.share < TARGETS[m.name]]


def measure(dataset: Dataset, article: str, root: Path) -> Report:
    """Draft the article and compare with its curated claims."""
    doc = read_document(article, None, dataset, root)
    drafts = draft_article(doc, dataset).claims
    text = normalise(doc.text)
    curated = [c for c in dataset.claims.values() if c.article == article and not c.draft]
    spans = {id(d): positions(d["quote"], text) for d in drafts}
    quotes = {c.id: positions(c.quote, text) for c in curated}

    def match(claim: Claim) -> dict | None:
        best, best_key = None, None
        for d in drafts:
            share = coverage(quotes[claim.id], spans[id(d)])
            if share < COVER:
                continue
            key = (d["sources"][-1] == claim.sources[-1], share, -len(d["quote"]))
            if best_key is None or key > best_key:
                best, best_key = d, key
        return best

    matched = {c.id: match(c) for c in curated}
    with_estimate = [c for c in curated if c.estimate is not None]
    estimate_hits = [
        c
        for c in with_estimate
        if c.estimate is not None
        and any(
            "estimate" in d
            and (d["estimate"]["low"], d["estimate"]["best"], d["estimate"]["high"])
            == (c.estimate.low, c.estimate.best, c.estimate.high)
            and normalise(c.estimate.words) in normalise(d["quote"])
            for d in drafts
        )
    ]
    relative = [c for c in curated if is_relative(c.reported.words)]
    date_hits = [
        c
        for c in relative
        if (d := matched[c.id]) is not None
        and (d["reported"]["date"], d["reported"]["precision"])
        == (c.reported.date, c.reported.precision)
    ]
    covering = [
        d for d in drafts if any(coverage(q, spans[id(d)]) >= COVER for q in quotes.values())
    ]
    metrics = [
        Metric(
            "estimates",
            len(estimate_hits),
            len(with_estimate),
            [c.id for c in with_estimate if c not in estimate_hits],
        ),
        Metric(
            "relative dates",
            len(date_hits),
            len(relative),
            [c.id for c in relative if c not in date_hits],
        ),
        Metric(
            "quotes",
            sum(d is not None for d in matched.values()),
            len(curated),
            [cid for cid, d in matched.items() if d is None],
        ),
        Metric(
            "precision",
            len(covering),
            len(drafts),
            [d["id"] for d in drafts if d not in covering],
        ),
    ]
    return Report(article, len(drafts), len(curated), metrics)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", help="data folder (default: $NKTRACKER_DATA or data/)")
    parser.add_argument("--article", default=SEED, help=f"article id (default: {SEED})")
    parser.add_argument("--no-fail", action="store_true", help="report only; always exit 0")
    args = parser.parse_args(argv)
    root = data_dir(args.data)
    dataset, _ = load_dataset(root)
    if args.article not in dataset.articles:
        print(f"draft_recall: no article '{args.article}' in {root}", file=sys.stderr)
        return 2
    report = measure(dataset, args.article, root)
    print(report.table())
    failed = report.failed()
    if failed and not args.no_fail:
        print(f"target missed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
