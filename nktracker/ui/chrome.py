"""Page chrome shared by every page: header, filter summary, data problems, link notes."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from nktracker.charts import Chart, download_config
from nktracker.filters import showing
from nktracker.labels import markdown_literal, sentence_case
from nktracker.model import Dataset
from nktracker.notes import as_of_label, describe_filters
from nktracker.problems import Problem
from nktracker.style import LegendItem, legend_html, screen_spec
from nktracker.ui.pages import PageContext
from nktracker.ui.sidebar import NOTES_KEY


def show_problems(dataset: Dataset, problems: list[Problem]) -> None:
    """A panel listing every data problem; valid records keep working."""
    if not problems:
        return
    left = {k: v for k, v in dataset.left_out.items() if v}
    left_text = ", ".join(f"{n} {kind}" for kind, n in left.items()) or "no records"
    with st.expander(
        f"⚠️ {len(problems)} data problem(s) — {left_text} left out; the rest is shown",
        expanded=True,
    ):
        st.caption("Run `nktracker check` for the same list. Each line says where and how to fix.")
        st.code("\n".join(str(p) for p in problems), language=None, wrap_lines=True)


def show_link_notes() -> None:
    notes = st.session_state.get(NOTES_KEY) or []
    if notes:
        # the notes quote what the link held: shown as text, never as Markdown or a live link
        st.info(
            "Some values in the link were ignored:\n\n"
            + "\n".join(f"- {markdown_literal(n)}" for n in notes)
        )


def page_header(
    title: str, context: PageContext, noun: str = "claims", shown: int | None = None
) -> None:
    """Title, 'Showing N of M claims', the active filters, link notes and data problems."""
    st.title(title)
    count = len(context.claims) if shown is None else shown
    total = context.total if noun == "claims" else None
    sentence = showing(count, total, noun) if total is not None else f"Showing {count} {noun}"
    filters = markdown_literal(describe_filters(context.dataset, context.filters))
    as_of = markdown_literal(sentence_case(as_of_label(context.dataset, context.filters)))
    st.caption(f"**{sentence}** · Filters: {filters} · {as_of}")
    show_link_notes()
    show_problems(context.dataset, context.problems)


def show_headline(label: str, value: str, help: str | None = None) -> None:
    """A headline in the sources' words, as a heading that wraps: a metric would cut
    “Thousands” to “10,000” to “10,0…” on a phone, and a cut number misleads."""
    st.caption(markdown_literal(label), help=help)
    st.header(markdown_literal(value), anchor=False)


class PreparedFigure(go.Figure):
    """A figure whose dictionary is computed once: st.plotly_chart calls to_dict() on every
    rerun, which deep-copies and re-checks every array of the figure (most of a page's rerun
    cost). The figure it stands for is cached and never changed, so its dictionary is too."""

    def __init__(self, spec: dict) -> None:
        super().__init__()
        self._spec = spec

    def to_dict(self) -> dict:
        return self._spec


def prepared(figure: go.Figure) -> tuple[PreparedFigure, dict | None, list[LegendItem]]:
    """The figure as the app shows it (style.screen_spec: its frame and legend taken out, to
    be written as text), its frame and its legend, made on first use and kept on the (cached)
    figure."""
    ready = getattr(figure, "_nk_prepared", None)
    if ready is None:
        spec, frame, legend = screen_spec(figure.to_dict())
        ready = (PreparedFigure(spec), frame, legend)
        figure._nk_prepared = ready  # a cache on a shared figure: every session gets the same
    return ready


def show_chart(chart: Chart, key: str | None = None, **options: Any) -> Any:
    """st.plotly_chart for a cached chart, with its download name and a stable key; its
    title and legend above it and its sources below, as text that wraps on a phone too
    (exported images keep them inside the figure). The filters are in the page's header."""
    figure, frame, legend = prepared(chart.figure)
    box = st.container(gap="small")
    if frame:
        box.markdown(f"**{markdown_literal(frame['title'])}**")
    if legend:
        # names escaped, colours checked (style.legend_html): the data stay text
        box.html(legend_html(legend))
    event = box.plotly_chart(
        figure,
        width="stretch",
        key=key or chart.name,
        config=download_config(chart.name),
        **options,
    )
    if frame and frame.get("footer"):
        box.caption(markdown_literal(frame["footer"]))
    return event


PAGE_ROWS = 250  # a table longer than this is shown a page at a time
ROW_PX = 35  # st.dataframe's row (and header) height


def fit_height(rows: int, most: int = 560) -> int:
    """A table height that shows `rows` rows with no blank rows beneath, at most `most` px."""
    return min(most, (max(rows, 1) + 1) * ROW_PX + 3)


def show_table(frame: pd.DataFrame, key: str, noun: str = "rows", **options: Any) -> None:
    """st.dataframe, a page of PAGE_ROWS rows at a time: the browser receives only the page
    shown, so a table costs the same at any size of the data. Short tables show no pager."""
    if len(frame) <= PAGE_ROWS:
        st.dataframe(frame, hide_index=True, width="stretch", **options)
        return
    pages = -(-len(frame) // PAGE_ROWS)
    if int(st.session_state.get(key) or 1) > pages:  # fewer rows since: the last page
        st.session_state[key] = pages
    page = st.number_input(
        f"Page (of {pages:,})", min_value=1, max_value=pages, value=1, step=1, key=key
    )
    first = (int(page) - 1) * PAGE_ROWS
    last = min(first + PAGE_ROWS, len(frame))
    st.caption(
        f"{noun.capitalize()} {first + 1:,}–{last:,} of {len(frame):,}. Sorting a column sorts "
        "this page; the downloads hold every row."
    )
    st.dataframe(frame.iloc[first:last], hide_index=True, width="stretch", **options)


def opened(label: str, key: str, icon: str = ":material/table_rows:") -> Any:
    """An expander, drawn closed, whose content is made only while it is open: the expander
    to draw into, or None when it is closed. Opening it reruns the page.

    For what a page shows beneath its charts (a table of the rows behind them): a closed
    expander costs the browser almost nothing, while a table costs it about 120-160 ms on
    every page load (benchmarks/RESULTS.md). The open state lasts for the session."""
    box = st.expander(label, icon=icon, key=f"open-{key}", on_change="rerun")
    return box if box.open else None
