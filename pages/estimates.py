"""Estimates: a range chart per quantity, how the estimate moved, and the claims behind them,
one view at a time in tabs: only the open tab is computed and drawn, and the URL names it."""

import streamlit as st

from nktracker.charts import estimate_charts, estimate_labels, estimate_quantities, movement_chart
from nktracker.tables import ESTIMATE_TABLE_COLUMNS, estimate_frame, movement_frame
from nktracker.ui.card import chart_card
from nktracker.ui.chrome import page_header, show_chart, show_table
from nktracker.ui.data import memo
from nktracker.ui.pages import start_page

VIEW_KEY = "estimates-view"  # the open tab's URL parameter (nktracker.ui.sidebar.OTHER_PARAMS)
MOVEMENT_TAB = "How the estimate moved"
CLAIMS_TAB = "The claims"
# Tabs that do not fit the width wrap onto another row instead of scrolling: on a phone a
# scrolled row hides the open tab when a link opens one at the end.
WRAP_TABS = (
    f"<style>.st-key-{VIEW_KEY} [role=tablist]{{flex-wrap:wrap;height:auto;row-gap:0}}</style>"
)

context = start_page("Estimates")
dataset, claims = context.dataset, context.claims
page_header("Estimates as ranges", context)
st.markdown(
    "A bar runs from the lowest to the highest value the words allow; ◆ marks a value stated "
    "exactly; a dotted line means the words set no bound on that side. Colour shows the stance."
)

frame = memo(estimate_frame, context.key(), dataset, claims, context.filters.as_of)
quantities = memo(estimate_quantities, context.key(), frame)
if not quantities:
    st.warning("No claim that states a quantity matches the filters.")
moved = memo(movement_frame, context.key(), dataset, claims, context.filters.as_of)
# the movement and the claims are offered when they have rows: an empty view is no view
others = [tab for tab, rows in [(MOVEMENT_TAB, moved), (CLAIMS_TAB, frame)] if not rows.empty]
ranges = dict(zip(estimate_labels(quantities, others), quantities, strict=True))
labels = [*ranges, *others]
views = {}
if labels:
    st.html(WRAP_TABS)
    # A closed tab runs nothing and sends the browser nothing: a view is computed only when open.
    tabs = st.tabs(labels, key=VIEW_KEY, bind="query-params", on_change="rerun")
    views = dict(zip(labels, tabs, strict=True))

for label, quantity in ranges.items():
    if views[label].open:
        with views[label]:
            only = memo(
                estimate_charts, context.key(quantity), dataset, claims, context.filters, quantity
            )
            for chart in only:
                show_chart(chart)
                chart_card(chart, context, "estimates")

if MOVEMENT_TAB in views and views[MOVEMENT_TAB].open:
    with views[MOVEMENT_TAB]:
        st.markdown(
            "Each claim on North Korean personnel in Russia, on the day it became known (the "
            "later of when it was said and when its article appeared). A dashed line marks a "
            "denial; colour shows the originator, so bars of one colour are one source, however "
            "many outlets relayed it."
        )
        movement = memo(movement_chart, context.key(), dataset, claims, context.filters)
        show_chart(movement)
        chart_card(movement, context, "estimates")

if CLAIMS_TAB in views and views[CLAIMS_TAB].open:
    with views[CLAIMS_TAB]:
        st.markdown("The claims behind the bars: one row for each claim that states a quantity.")
        show_table(frame[ESTIMATE_TABLE_COLUMNS], key="estimates-page", noun="claims")
