"""Timeline: North Korea's foreign deployments since the 1960s, and the 2024 sequence by day."""

import streamlit as st

from nktracker.charts import deployments_chart, sequence_chart, weekly_chart
from nktracker.labels import markdown_literal
from nktracker.selection import apply_selection, selection_heading
from nktracker.tables import claims_frame, deployments_frame
from nktracker.timeline import (
    items_outside,
    outside_note,
    sequence_items,
    sequence_window,
    shown_deployments,
    undated_note,
)
from nktracker.ui.card import chart_card
from nktracker.ui.chrome import page_header, show_chart, show_table
from nktracker.ui.data import memo
from nktracker.ui.pages import start_page
from nktracker.ui.selection import (
    current_selection,
    pick_span,
    show_selection_chip,
    with_span,
)
from nktracker.ui.storyview import show_story

context = start_page("Timeline")
dataset, claims, filters = context.dataset, context.claims, context.filters
deployments = shown_deployments(dataset, claims)
page_header("Timeline", context)
st.caption(
    f"{len(deployments)} of {len(dataset.deployments)} deployments have a claim that matches."
)

st.header("Step through the story", anchor=False)
st.caption(
    "One card per deployment and per key date of 2024, earliest first. Previous and Next, or "
    "the Left and Right arrow keys; the link keeps the card."
)
show_story(context)

chart = memo(deployments_chart, context.key(), dataset, claims, filters)
show_chart(chart)
chart_card(chart, context, "timeline")
st.dataframe(
    memo(deployments_frame, context.key(), dataset, deployments, claims),
    hide_index=True,
    width="stretch",
    column_config={"reference": st.column_config.LinkColumn("first reference")},
)
if note := undated_note(deployments):
    st.caption(markdown_literal(note))

st.header("The present deployment, day by day")
# Linked to the map: places picked there narrow this chart; marks or a box picked here (drag to
# select days) become a span that narrows the map and the claims beneath.
selection = current_selection(dataset, claims)
near = memo(
    apply_selection,
    context.key("places", selection.places),
    selection.only_places(),
    dataset,
    claims,
)
chart = memo(sequence_chart, context.key("places", selection.places), dataset, near, filters)
sequence_key = f"sequence-2024-{hash(context.key(selection.token)) & 0xFFFFFFFF:x}"
shaded = memo(with_span, context.key("shaded", selection.token), chart, selection)
show_chart(
    shaded,
    key=sequence_key,
    on_select=pick_span(sequence_key, selection),
    selection_mode=("points", "box"),
)
chart_card(shaded, context, "timeline")  # the chart as drawn: its PNG keeps the shaded span
show_selection_chip(selection, dataset, key="timeline-selection-chip")
if selection:
    st.subheader(markdown_literal(selection_heading(selection, dataset)), anchor=False)
    picked = memo(apply_selection, context.key("timeline", selection), selection, dataset, claims)
    listed = memo(claims_frame, context.key("timeline", selection), dataset, picked)
    show_table(
        listed[["places", "statement", "chain", "reported", "stance"]],
        key="timeline-selection",
        noun="claims",
    )
items = memo(sequence_items, context.key(), dataset, claims)
outside = memo(items_outside, context.key("outside"), items, sequence_window(dataset, filters))
if note := outside_note(outside):
    st.caption(markdown_literal(note))

st.header("Claims per week", anchor=False)
weekly = memo(weekly_chart, context.key(), dataset, claims, filters)
show_chart(weekly)
chart_card(weekly, context, "timeline")
