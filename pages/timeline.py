"""Timeline: North Korea's foreign deployments since the 1960s, and the 2024 sequence by day."""

import streamlit as st

from nktracker.charts import deployments_chart, sequence_chart
from nktracker.labels import markdown_literal
from nktracker.tables import deployments_frame
from nktracker.timeline import (
    items_outside,
    outside_note,
    sequence_items,
    sequence_window,
    shown_deployments,
    undated_note,
)
from nktracker.ui.chrome import page_header, show_chart
from nktracker.ui.data import memo
from nktracker.ui.pages import start_page

context = start_page("Timeline")
dataset, claims, filters = context.dataset, context.claims, context.filters
deployments = shown_deployments(dataset, claims)
page_header("Timeline", context)
st.caption(
    f"{len(deployments)} of {len(dataset.deployments)} deployments have a claim that matches."
)

chart = memo(deployments_chart, context.key(), dataset, claims, filters)
show_chart(chart)
st.dataframe(
    memo(deployments_frame, context.key(), dataset, deployments, claims),
    hide_index=True,
    width="stretch",
    column_config={"reference": st.column_config.LinkColumn("first reference")},
)
if note := undated_note(deployments):
    st.caption(markdown_literal(note))

st.header("The present deployment, day by day")
chart = memo(sequence_chart, context.key(), dataset, claims, filters)
show_chart(chart)
items = memo(sequence_items, context.key(), dataset, claims)
outside = items_outside(items, sequence_window(dataset, filters))
if note := outside_note(outside):
    st.caption(markdown_literal(note))
