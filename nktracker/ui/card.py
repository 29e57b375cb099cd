"""The chart card (after Our World in Data): under a chart, its data as a table, its sources
with links, a "Cite this" text and downloads (PNG, SVG, CSV of the rows it draws)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from nktracker.charts import Chart
from nktracker.cite import chart_articles, chart_sources, cite_text
from nktracker.export import chart_image
from nktracker.filters import filter_options
from nktracker.labels import markdown_literal
from nktracker.links import permalink
from nktracker.notes import as_of_label
from nktracker.tables import safe_csv
from nktracker.ui.chrome import PAGE_ROWS, show_table
from nktracker.ui.data import memo
from nktracker.ui.pages import PageContext

CARD_TABS = ["Data", "Sources", "Cite", "Download"]
ROLE_WORDS = {"originator": "said it", "relayed": "relayed it", "published": "published it"}


# A page's own parameters that choose what it shows (a tab, a map view): a cited chart's link
# opens the page on the view that drew it.
VIEW_PARAMS = ("estimates-view", "timeline-view", "view", "colour")


def chart_link(context: PageContext, page: str) -> str:
    """The permalink to this page with the filters in force and the view shown, on the server
    being used."""
    options = memo(filter_options, context.data_key, context.dataset)
    shown = [
        (k, v) for k in VIEW_PARAMS if k in st.query_params for v in st.query_params.get_all(k)
    ]
    return permalink(st.context.url, page, context.filters.to_params(options) + shown)


def chart_card(
    chart: Chart,
    context: PageContext,
    page: str,
    key: str | None = None,
    popover: bool = False,
    label: str | None = None,
) -> None:
    """The card for one chart, in an expander under it (or, with `popover`, behind a button
    that takes one line: the briefing has no room to spare). `page` is the page's URL path
    ('' for the Overview) for the permalink; `key` tells apart two cards of one chart;
    `label` replaces the opener's words (the chart's title by default)."""
    key = key or chart.name
    label = label or f"Data, sources, cite and download: {chart.title or chart.name}"
    # drawn only while open (the expander's state reruns the page): a closed card costs a
    # rerun nothing, and a page carries one per chart
    state = card_state_key(key)
    box = (
        st.popover(label, icon=":material/table_chart:", key=state, on_change="rerun")
        if popover
        else st.expander(label, key=state, on_change="rerun")
    )
    with box:
        if not box.open:
            return
        data, sources, cite, download = st.tabs(CARD_TABS)
        with data:
            show_rows(chart, key)
        with sources:
            show_sources(chart, context)
        with cite:
            show_cite(chart, context, page)
        with download:
            show_downloads(chart, key)


MAX_SOURCE_LINES = 30  # sources listed in the card; the Sources page lists them all


def card_state_key(key: str) -> str:
    """The session-state key of a card's open state."""
    return f"card-{key}-open"


def show_rows(chart: Chart, key: str) -> None:
    if chart.rows.empty:
        st.caption("This chart draws no rows for these filters.")
        return
    show_table(  # a page at a time: a rerun sends the same few rows at any size of the data
        chart.rows,
        key=f"card-{key}-rows",
        height=min(36 * 8, 36 * (1 + min(len(chart.rows), PAGE_ROWS)) + 3),
    )
    st.caption(
        f"{len(chart.rows):,} rows: the ones this chart draws, as the CSV download holds them."
    )


def show_sources(chart: Chart, context: PageContext) -> None:
    dataset = context.dataset
    # keyed by a hash of the claim ids, not the ids: hashing thousands of them for the cache
    # key on every rerun cost more than the page
    claims_key = (chart.name, len(chart.claims), hash(chart.claims))
    links = memo(chart_sources, context.key("card-sources", claims_key), dataset, chart.claims)
    articles = memo(chart_articles, context.key("card-articles", claims_key), dataset, chart.claims)
    if not links:
        st.caption("No source stands behind this chart for these filters.")
        return
    lines = []
    for source in links[:MAX_SOURCE_LINES]:
        name = markdown_literal(source.name)
        named = f"[{name}](<{source.url}>)" if source.url else f"**{name}**"
        count = (
            f", {source.claims} claim{'s' if source.claims != 1 else ''}" if source.claims else ""
        )
        lines.append(f"- {named} ({source.kind}) {ROLE_WORDS[source.role]}{count}")
    if len(links) > MAX_SOURCE_LINES:
        lines.append(
            f"- … and {len(links) - MAX_SOURCE_LINES:,} more: the Sources page lists every one"
        )
    for article in articles[:MAX_SOURCE_LINES]:
        title = markdown_literal(f"{article.title} — {article.outlet}, {article.published}")
        where = (
            f"[{title}](<{article.url}>)" if article.url else f"{title} (archived copy in the data)"
        )
        lines.append(f"- Article: {where}")
    st.markdown("\n".join(lines))


def show_cite(chart: Chart, context: PageContext, page: str) -> None:
    as_of = as_of_label(context.dataset, context.filters)
    text = cite_text(chart.title or chart.name, as_of, chart_link(context, page), dt.date.today())
    st.code(text, language=None, wrap_lines=True)
    st.caption("The copy button on the right of the text puts it on the clipboard.")


def show_downloads(chart: Chart, key: str) -> None:
    """PNG and SVG are drawn by kaleido's Chromium only when a button is clicked; the CSV is
    written from the chart's rows, formula-safe, also only when clicked."""
    name = f"nk-{chart.name}"
    columns = st.columns(3)
    columns[0].download_button(
        "PNG",
        data=lambda: chart_image(chart, "png"),
        file_name=f"{name}.png",
        mime="image/png",
        on_click="ignore",
        icon=":material/image:",
        key=f"card-{key}-png",
    )
    columns[1].download_button(
        "SVG",
        data=lambda: chart_image(chart, "svg"),
        file_name=f"{name}.svg",
        mime="image/svg+xml",
        on_click="ignore",
        icon=":material/draw:",
        key=f"card-{key}-svg",
    )
    columns[2].download_button(
        "CSV",
        data=lambda: safe_csv(chart.rows),
        file_name=f"{name}.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/table:",
        key=f"card-{key}-csv",
    )
