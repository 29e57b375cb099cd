"""The linked map–timeline selection in the page's URL, and the chip that shows and clears it.

The parameters are bound to no widget, so Streamlit would drop them when the menu switches
pages: the shell carries them in the links to the pages that use them (LINKED_PAGES).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import plotly.graph_objects as go
import streamlit as st

from nktracker.charts import Chart
from nktracker.labels import markdown_literal
from nktracker.model import Claim, Dataset
from nktracker.selection import (
    PARAM_PLACE,
    PARAM_SPAN,
    Selection,
    Span,
    describe_selection,
    span_of,
    still_applies,
)
from nktracker.style import TEXT_MUTED, css_rgba
from nktracker.ui.sidebar import NOTES_KEY

LINKED_PAGES = ("pages/map.py", "pages/timeline.py")
CLEARED_KEY = "nk_selection_cleared"  # why the selection was cleared, shown once


def carried_params() -> dict[str, list[str]]:
    """The selection's URL parameters as they are, for the links to the linked pages."""
    return {
        key: st.query_params.get_all(key)
        for key in (PARAM_PLACE, PARAM_SPAN)
        if st.query_params.get_all(key)
    }


def write_selection(selection: Selection) -> None:
    """Put a selection in the URL (an empty one removes the parameters)."""
    params = selection.to_params()
    for key in (PARAM_PLACE, PARAM_SPAN):
        if key in params:
            st.query_params[key] = params[key]
        elif key in st.query_params:
            del st.query_params[key]


def clear_selection() -> None:
    """The chip's and the view controls' callback."""
    write_selection(Selection())


def current_selection(dataset: Dataset, claims: list[Claim]) -> Selection:
    """The URL's selection, less what no longer applies to the filtered claims (the URL is
    updated, and the page says what was cleared)."""
    raw = {key: st.query_params.get_all(key) for key in (PARAM_PLACE, PARAM_SPAN)}
    selection, notes = Selection.from_params(raw, dataset)
    if notes:
        earlier = st.session_state.get(NOTES_KEY) or []
        st.session_state[NOTES_KEY] = list(dict.fromkeys(earlier + notes))
    kept = still_applies(selection, dataset, claims)
    if kept != selection or notes:
        write_selection(kept)
    if kept != selection:
        st.session_state[CLEARED_KEY] = describe_selection(
            Selection(
                tuple(p for p in selection.places if p not in kept.places),
                selection.span if selection.span != kept.span else None,
            ),
            dataset,
        )
    return kept


def show_cleared_note() -> None:
    """Just after the filters made the selection lapse, a line saying what was cleared (once:
    a page that draws its chip only in one tab says it before the tabs)."""
    cleared = st.session_state.pop(CLEARED_KEY, None)
    if cleared:
        st.caption(f"Selection cleared, no claim matches it any more: {markdown_literal(cleared)}")


def show_selection_chip(selection: Selection, dataset: Dataset, key: str) -> None:
    """'× Places: Sudzha' as a small button that clears the selection; or, just after the
    filters made it lapse, a line saying what was cleared."""
    show_cleared_note()
    if not selection:
        return
    st.button(
        f"× {markdown_literal(describe_selection(selection, dataset))}",
        key=key,
        on_click=clear_selection,
        type="secondary",
        help="Clear the selection made on the map or the timeline",
    )


def with_span(chart: Chart, selection: Selection) -> Chart:
    """A copy of a date-axis chart with the selected span shaded."""
    if not selection.span:
        return chart
    figure = go.Figure(chart.figure)
    first, last = selection.span
    figure.add_vrect(
        x0=first.isoformat(),
        x1=f"{last.isoformat()} 23:59",
        fillcolor=css_rgba(TEXT_MUTED, 0.14),
        line_width=0,
        layer="below",
    )
    return replace(chart, figure=figure)


def event_span(event) -> Span | None:
    """The span a selection on a date-axis chart covers: the days of the marks picked (their
    customdata holds first and last day), else the box drawn; None for an empty selection."""
    chosen = (event.get("selection") if isinstance(event, dict) else None) or getattr(
        event, "selection", None
    )
    if not chosen:
        return None
    pairs = [
        point["customdata"][:2]
        for point in chosen.get("points", [])
        if isinstance(point.get("customdata"), list | tuple) and len(point["customdata"]) >= 2
    ]
    if pairs:
        return span_of(pairs)
    for box in chosen.get("box", []):
        xs = [str(x)[:10] for x in box.get("x", [])]
        if len(xs) == 2:
            return span_of([(min(xs), max(xs))])
    return None


def pick_span(key: str, selection: Selection) -> Callable[[], None]:
    """A date chart's on_select callback: the marks or box picked become the selection's span
    (the places picked on the map stay); clearing the chart's selection clears the span."""

    def picked() -> None:
        write_selection(Selection(selection.places, event_span(st.session_state.get(key))))

    return picked
