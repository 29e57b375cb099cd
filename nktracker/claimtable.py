"""The claims as a table for people: who, when and stance first, where a search hit, links to the
article and to each source (http(s) only), every other field after, the id last; with the
column names a reader sees."""

from __future__ import annotations

import pandas as pd

from nktracker.links import web_url_or_empty
from nktracker.model import Claim, Dataset
from nktracker.search import match_snippet
from nktracker.tables import CLAIM_COLUMNS

LEAD_COLUMNS = ["said_by", "reported", "stance", "statement"]
HIT_COLUMN = "search_hit"
ARTICLE_LINK = "article_url"
SOURCE_LINK = "source_url_{}"  # one column per place in a reporting chain, originator first
LABELS = {
    "said_by": "Said by",
    "reported": "Reported",
    "stance": "Stance",
    "statement": "Statement",
    HIT_COLUMN: "Search hit",
    "estimate": "Estimate",
    "quote": "Quote (the article's words)",
    "chain": "Reporting chain",
    "via": "Via",
    "answers": "Answers claim",
    "reported_date": "Reported date",
    "reported_precision": "Date precision",
    "reported_words": "Date in the article's words",
    "event": "Event date",
    "topic": "Topic",
    "places": "Places",
    "regions": "Regions",
    "quantity": "Quantity",
    "low": "Low",
    "best": "Best",
    "high": "High",
    "unit": "Unit",
    "qualifier": "Qualifier",
    "article": "Article id",
    ARTICLE_LINK: "Article",
    "originator": "Originator id",
    "originator_name": "Originator",
    "corroboration": "Independent sources",
    "contested_by": "Contested by (ids)",
    "contested": "Contested by",
    "known_from": "Known from",
    "note": "Curator's note",
    "id": "Claim id",
}


def source_link_label(position: int) -> str:
    return f"Source {position} link"


def claims_table(
    dataset: Dataset, claims: list[Claim], frame: pd.DataFrame, text: str = ""
) -> pd.DataFrame:
    """The claims' frame (tables.claims_frame of the same claims) in reading order, with where
    the search hit (when `text` is a query) and the links. Columns keep their data names;
    column_label names them for readers."""
    frame = frame.copy()  # the frame given may be shared (cached): never changed in place
    if text.strip():
        frame.insert(0, HIT_COLUMN, [str(match_snippet(dataset, c, text)) for c in claims])
    articles = [dataset.articles.get(c.article) for c in claims]
    frame[ARTICLE_LINK] = [web_url_or_empty(a.url if a else None) for a in articles]
    longest = max((len(c.sources) for c in claims), default=0)
    for position in range(1, longest + 1):
        frame[SOURCE_LINK.format(position)] = [
            _source_url(dataset, list(reversed(c.sources)), position) for c in claims
        ]
    lead = [*LEAD_COLUMNS[:3], *([HIT_COLUMN] if HIT_COLUMN in frame else []), *LEAD_COLUMNS[3:]]
    links = [ARTICLE_LINK] + [SOURCE_LINK.format(p) for p in range(1, longest + 1)]
    order = [*lead, "estimate", "quote", "chain", *links]
    order += [c for c in CLAIM_COLUMNS if c not in order and c != "id"] + ["id"]
    return frame[order]


def _source_url(dataset: Dataset, chain: list[str], position: int) -> str:
    if position > len(chain) or chain[position - 1] not in dataset.sources:
        return ""
    return web_url_or_empty(dataset.sources[chain[position - 1]].url)


def link_columns(frame: pd.DataFrame) -> list[str]:
    """The columns that hold links (http(s) or empty)."""
    return [c for c in frame.columns if c == ARTICLE_LINK or c.startswith("source_url_")]


def column_label(column: str) -> str:
    if column.startswith("source_url_"):
        return source_link_label(int(column.rsplit("_", 1)[1]))
    return LABELS.get(column, column)
