"""The briefing: what its one screen says, and the same view as one self-contained HTML file."""

from __future__ import annotations

import datetime as dt
from html import escape

from nktracker.charts import Chart
from nktracker.estimates import Headline, HeadlineText, headline_text
from nktracker.filters import Filters, by_stance
from nktracker.labels import chain_label, sentence_case
from nktracker.links import is_web_url
from nktracker.model import Claim, Dataset
from nktracker.notes import as_of_label, describe_filters


def headline_lines(text: HeadlineText) -> list[str]:
    """The lines under a headline: floor, ceiling, what contests it, the rule in small print."""
    contested = sentence_case(text.contested)
    return [line for line in (text.floor, text.ceiling, contested, text.rule) if line]


def denial_lines(dataset: Dataset, claims: list[Claim], limit: int | None = None) -> list[str]:
    """'Denial: <statement> — <chain>' for every denial among the claims, or for the first
    `limit` of them and a last line that counts the rest."""
    denials = by_stance(claims, "denies")
    shown = denials if limit is None else denials[:limit]
    lines = [f"Denial: {c.statement} — {chain_label(dataset, c)}" for c in shown]
    if len(denials) > len(shown):
        more = len(denials) - len(shown)
        lines.append(
            f"… and {more:,} more denial{'s' if more > 1 else ''}: the Claims page lists every "
            "claim (filter by stance)"
        )
    return lines


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
    texts = [headline_text(dataset, h, filters.as_of) for h in headlines[:4]]
    cards = "".join(
        f"<div class='card'><div class='label'>{escape(t.label)}</div>"
        f"<div class='value'>{escape(t.value)}</div>"
        f"<div class='who'>{'<br>'.join(escape(line) for line in headline_lines(t))}</div></div>"
        for t in texts
    )
    denials = "".join(
        f"<div class='denial'><b>Denial:</b> {escape(c.statement)} — "
        f"{escape(chain_label(dataset, c))}</div>"
        for c in by_stance(claims, "denies")
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
