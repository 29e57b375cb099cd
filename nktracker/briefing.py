"""The briefing: permalinks for a filtered view, and the view as one self-contained HTML file."""

from __future__ import annotations

import datetime as dt
from html import escape
from urllib.parse import urlencode, urlsplit, urlunsplit

from nktracker.charts import Chart
from nktracker.filters import (
    PARAM_AS_OF,
    PARAM_REGION,
    PARAM_REPORTED,
    PARAM_SOURCE,
    PARAM_STANCE,
    PARAM_TEXT,
    PARAM_TOPIC,
    Filters,
)
from nktracker.model import Claim, Dataset
from nktracker.notes import as_of_label, describe_filters
from nktracker.tables import Headline, bound_attribution, chain_label
from nktracker.validate import is_web_url


def filters_to_params(
    filters: Filters, first: dt.date | None = None, last: dt.date | None = None
) -> list[tuple[str, str]]:
    """The URL query parameters that reproduce the filters (the sidebar's own format)."""
    params: list[tuple[str, str]] = []
    params += [(PARAM_REGION, v) for v in filters.regions]
    params += [(PARAM_SOURCE, v) for v in filters.sources]
    params += [(PARAM_TOPIC, v) for v in filters.topics]
    params += [(PARAM_STANCE, v) for v in filters.stances]
    if filters.reported_from or filters.reported_to:
        start = filters.reported_from or first
        end = filters.reported_to or last
        if start and end:
            params += [(PARAM_REPORTED, start.isoformat()), (PARAM_REPORTED, end.isoformat())]
    if filters.as_of:
        params.append((PARAM_AS_OF, filters.as_of.isoformat()))
    if filters.text.strip():
        params.append((PARAM_TEXT, filters.text.strip()))
    return params


def permalink(base_url: str | None, page: str, params: list[tuple[str, str]]) -> str:
    """An absolute link to `page` with the filters, on the server the user is looking at."""
    query = urlencode(params)
    if base_url and is_web_url(base_url):
        scheme, netloc, _, _, _ = urlsplit(base_url)
        return urlunsplit((scheme, netloc, f"/{page}", query, ""))
    return f"/{page}" + (f"?{query}" if query else "")


_STYLE = """
body { font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1f2937;
       margin: 24px auto; max-width: 1500px; padding: 0 24px; }
h1 { font-size: 28px; margin: 0 0 4px; }
.meta { color: #4b5563; font-size: 14px; margin-bottom: 16px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin-bottom: 16px; }
.card { border: 1px solid #e5e7eb; border-radius: 8px; padding: 10px 14px; min-width: 230px;
        flex: 1; }
.card .label { font-size: 13px; color: #4b5563; }
.card .value { font-size: 26px; font-weight: 600; }
.card .who { font-size: 12px; color: #4b5563; }
.denial { border-left: 4px solid #D55E00; background: #fff4ed; padding: 8px 12px;
          margin: 6px 0; font-size: 14px; }
.chart { margin: 18px 0; }
footer { color: #6b7280; font-size: 12px; margin-top: 24px; }
"""


def briefing_html(
    dataset: Dataset,
    claims: list[Claim],
    filters: Filters,
    headlines: list[Headline],
    charts: list[Chart],
    link: str,
    generated: dt.datetime,
) -> str:
    """One HTML file with every chart embedded and plotly.js inline: opens offline, loads
    nothing from elsewhere (no external script, style or font)."""
    cards = "".join(
        f"<div class='card'><div class='label'>{escape(h.label)}</div>"
        f"<div class='value'>{escape(h.text())}</div>"
        f"<div class='who'>Lowest: {escape(bound_attribution(dataset, h.low_claims))}<br>"
        f"Highest: {escape(bound_attribution(dataset, h.high_claims))}</div></div>"
        for h in headlines[:4]
    )
    denials = "".join(
        f"<div class='denial'><b>Denial:</b> {escape(c.statement)} — "
        f"{escape(chain_label(dataset, c))}</div>"
        for c in claims
        if c.stance == "denies"
    )
    figures = []
    for i, chart in enumerate(charts):
        figures.append(
            "<div class='chart'>"
            + chart.figure.to_html(
                full_html=False,
                include_plotlyjs=i == 0,  # inline plotly.js once, never from a CDN
                include_mathjax=False,
                config={"displaylogo": False, "responsive": True},
                div_id=f"chart-{chart.name}",
            )
            + "</div>"
        )
    link_html = (
        f"<a href='{escape(link, quote=True)}'>{escape(link)}</a>"
        if is_web_url(link)
        else escape(link)
    )
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>NK Deployment Tracker — briefing</title>"
        f"<style>{_STYLE}</style></head><body>"
        "<h1>North Korean troops for Russia: briefing</h1>"
        f"<div class='meta'>Showing {len(claims)} of {len(dataset.claims)} claims · "
        f"Filters: {escape(describe_filters(dataset, filters))} · "
        f"{escape(as_of_label(dataset, filters))} · Permalink: {link_html}</div>"
        f"<div class='cards'>{cards}</div>{denials}{''.join(figures)}"
        f"<footer>Generated {generated:%Y-%m-%d %H:%M} UTC by the NK Deployment Tracker from "
        "archived, quoted sources. Facts marked background come from public references, "
        "not the article.</footer></body></html>"
    )
