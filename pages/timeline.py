"""Timeline: North Korea's foreign deployments since the 1960s, and the 2024 sequence by day.

Four tabs, and only the open one is drawn (its content computed, its charts sent): the open tab
is in the URL (?timeline-view=), so a link opens it."""

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
from nktracker.ui.chrome import opened, page_header, show_chart, show_table
from nktracker.ui.data import memo
from nktracker.ui.pages import rerun_of, start_page
from nktracker.ui.selection import (
    current_selection,
    pick_span,
    show_cleared_note,
    show_selection_chip,
    with_span,
)
from nktracker.ui.storyview import CARD_PARAM, show_story

VIEW_KEY = "timeline-view"  # ?timeline-view=Story
SINCE_1960, STORY, DAY_BY_DAY, WEEKLY = "Since 1960", "Story", "2024 day by day", "Claims per week"
LABELS = [SINCE_1960, STORY, DAY_BY_DAY, WEEKLY]

context = start_page("Timeline")
dataset, claims, filters = context.dataset, context.claims, context.filters
deployments = shown_deployments(dataset, claims)
page_header("Timeline", context)
st.caption(
    f"{len(deployments)} of {len(dataset.deployments)} deployments have a claim that matches."
)

# Linked to the map: places picked there narrow the 2024 chart; marks or a box picked on it (drag
# to select days) become a span that narrows the map and the claims beneath. A link that holds a
# selection opens that chart, a link to a story card the story.
selection = current_selection(dataset, claims)
show_cleared_note()  # a selection the filters made lapse: said whichever tab is open
if CARD_PARAM in st.query_params:
    default = STORY
elif selection:
    default = DAY_BY_DAY
else:
    default = SINCE_1960
# The tab to open. Arriving (a link, the menu, a reload): the link's ?timeline-view=, else the
# default (Streamlit leaves the parameter out of the URL while the default is open); left to
# Streamlit, it would reopen the tab open when the reader last left the page instead. Run again
# by the page's own widgets: the tab open stays open, though the tabs' state is keyed by their
# default and the default moves with the URL (the chip or a filter clears the selection, Next
# puts a card in it). A 2024 tab kept open so goes to the URL on the run after.
shown = st.session_state.get(VIEW_KEY) if rerun_of("Timeline") else None
if shown not in LABELS:
    asked = st.query_params.get(VIEW_KEY)
    shown = asked if asked in LABELS else default
st.session_state[VIEW_KEY] = shown
since, story, day_by_day, weekly = st.tabs(
    LABELS, key=VIEW_KEY, bind="query-params", on_change="rerun", default=default
)

if since.open:
    with since:
        chart = memo(deployments_chart, context.key(), dataset, claims, filters)
        show_chart(chart)
        if note := undated_note(deployments):  # about the chart: beneath it, above the openers
            st.caption(markdown_literal(note))
        chart_card(chart, context, "timeline")
        # the table waits, closed, until the reader opens it (it costs the browser ~110 ms)
        label = f"Table: the {len(deployments)} deployment{'s' * (len(deployments) != 1)}"
        if deployments and (box := opened(label, "timeline-deployments")):
            with box:
                st.dataframe(
                    memo(deployments_frame, context.key(), dataset, deployments, claims),
                    hide_index=True,
                    width="stretch",
                    column_config={"reference": st.column_config.LinkColumn("first reference")},
                )

if story.open:
    with story:
        st.header("Step through the story", anchor=False)
        st.caption(
            "One card per deployment and per key date of 2024, earliest first. Previous and "
            "Next step through them, and so do the Left and Right arrow keys, except on the tabs "
            "above, where the arrows move between tabs. The link keeps the card."
        )
        show_story(context)

if day_by_day.open:
    with day_by_day:
        st.header("The present deployment, day by day", anchor=False)
        near = memo(
            apply_selection,
            context.key("places", selection.places),
            selection.only_places(),
            dataset,
            claims,
        )
        chart = memo(
            sequence_chart, context.key("places", selection.places), dataset, near, filters
        )
        sequence_key = f"sequence-2024-{hash(context.key(selection.token)) & 0xFFFFFFFF:x}"
        shaded = memo(with_span, context.key("shaded", selection.token), chart, selection)
        show_chart(
            shaded,
            key=sequence_key,
            on_select=pick_span(sequence_key, selection),
            selection_mode=("points", "box"),
        )
        chart_card(shaded, context, "timeline")  # the chart as drawn: its PNG keeps the span
        show_selection_chip(selection, dataset, key="timeline-selection-chip")
        if selection:
            st.subheader(markdown_literal(selection_heading(selection, dataset)), anchor=False)
            picked = memo(
                apply_selection, context.key("timeline", selection), selection, dataset, claims
            )
            listed = memo(claims_frame, context.key("timeline", selection), dataset, picked)
            show_table(
                listed[["places", "statement", "chain", "reported", "stance"]],
                key="timeline-selection",
                noun="claims",
            )
        items = memo(sequence_items, context.key(), dataset, claims)
        window = sequence_window(dataset, filters)
        outside = memo(items_outside, context.key("outside"), items, window)
        if note := outside_note(outside):
            st.caption(markdown_literal(note))

if weekly.open:
    with weekly:
        chart = memo(weekly_chart, context.key(), dataset, claims, filters)
        show_chart(chart)
        chart_card(chart, context, "timeline")
