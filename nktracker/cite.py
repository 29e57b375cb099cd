"""A chart's card in words: the sources behind it (with http(s) links only) and "Cite this"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote

from nktracker.labels import date_label, source_label
from nktracker.links import is_web_url
from nktracker.model import Dataset
from nktracker.provenance import originator_of

SITE = "NK Deployment Tracker"


@dataclass(frozen=True)
class SourceLink:
    """One source behind a chart: its name, kind, role and URL ('' when it may not be a link)."""

    id: str
    name: str
    kind: str
    role: str  # "originator", "relayed" or "published"
    claims: int
    url: str


ROLE_ORDER = {"originator": 0, "relayed": 1, "published": 2}


def chart_sources(dataset: Dataset, claim_ids: tuple[str, ...] | list[str]) -> list[SourceLink]:
    """Everyone behind the claims a chart draws: originators first (most claims first), then
    those who relayed them, then the outlets that published the articles."""
    roles: dict[str, str] = {}
    counts: dict[str, int] = {}

    def note(source_id: str, role: str, counted: bool = True) -> None:
        """The source's most direct role so far, and one more claim it stands behind."""
        counts[source_id] = counts.get(source_id, 0) + int(counted)
        if ROLE_ORDER[role] < ROLE_ORDER.get(roles.get(source_id, ""), len(ROLE_ORDER)):
            roles[source_id] = role

    for claim_id in dict.fromkeys(claim_ids):
        claim = dataset.claims.get(claim_id)
        if claim is None:
            continue
        originator = originator_of(dataset, claim)
        note(originator, "originator")
        for source_id in dict.fromkeys(claim.sources):
            if source_id != originator:
                note(source_id, "relayed")
        article = dataset.articles.get(claim.article)
        if article is not None and article.outlet not in claim.sources:
            note(article.outlet, "published")
    out = []
    for source_id, role in roles.items():
        label = source_label(dataset, source_id)
        source = dataset.sources.get(source_id)
        url = source.url if source is not None else None
        out.append(
            SourceLink(
                source_id,
                label.name,
                label.kind,
                role,
                counts.get(source_id, 0),
                link_url(url),
            )
        )
    return sorted(out, key=lambda s: (ROLE_ORDER[s.role], -s.claims, s.name.casefold()))


def link_url(url: str | None) -> str:
    """An http(s) URL made safe inside a Markdown link (spaces, angle brackets and parentheses
    percent-encoded), or '' for anything else (javascript:, data:, a bare path)."""
    if not is_web_url(url):
        return ""
    return quote(str(url).strip(), safe=":/?#[]@!$&'*+,;=%~-._")


def cite_text(title: str, as_of: str, link: str, accessed: dt.date) -> str:
    """'“Who relayed whom”. NK Deployment Tracker, data as of week of 14 Oct 2024.
    https://…/sources (accessed 2 Dec 2025).'"""
    return f"“{title}”. {SITE}, {as_of}. {link} (accessed {accessed.day} {accessed:%b %Y})."


@dataclass(frozen=True)
class ArticleLink:
    """An archived article behind a chart: title, outlet, publication date, URL ('' if none)."""

    title: str
    outlet: str
    published: str
    url: str


def chart_articles(dataset: Dataset, claim_ids: tuple[str, ...] | list[str]) -> list[ArticleLink]:
    """The archived articles the chart's claims come from, in the order first met."""
    seen: dict[str, ArticleLink] = {}
    for claim_id in claim_ids:
        claim = dataset.claims.get(claim_id)
        article = dataset.articles.get(claim.article) if claim is not None else None
        if article is None or article.id in seen:
            continue
        seen[article.id] = ArticleLink(
            article.title or article.id,
            source_label(dataset, article.outlet).name,
            date_label(article.published),
            link_url(article.url),
        )
    return list(seen.values())
