"""Estimates: range charts per quantity, one row per claim, and the claims beneath."""

import streamlit as st

from nktracker.charts import estimate_charts, movement_chart
from nktracker.tables import ESTIMATE_TABLE_COLUMNS, estimate_frame
from nktracker.ui.card import chart_card
from nktracker.ui.chrome import page_header, show_chart, show_table
from nktracker.ui.data import memo
from nktracker.ui.pages import start_page

context = start_page("Estimates")
dataset, claims = context.dataset, context.claims
page_header("Estimates as ranges", context)
st.markdown(
    "A bar runs from the lowest to the highest value the words allow; ◆ marks a value stated "
    "exactly; a dotted line means the words set no bound on that side. Colour shows the stance."
)

charts = memo(estimate_charts, context.key(), dataset, claims, context.filters)
if not charts:
    st.warning("No claim that states a quantity matches the filters.")
for chart in charts:
    show_chart(chart)
    chart_card(chart, context, "estimates")

st.header("How the estimate moved")
st.markdown(
    "Each claim on North Korean personnel in Russia, on the day it became known (the later of "
    "when it was said and when its article appeared). A dashed line marks a denial; colour shows "
    "the originator, so bars of one colour are one source, however many outlets relayed it."
)
movement = memo(movement_chart, context.key(), dataset, claims, context.filters)
show_chart(movement)
chart_card(movement, context, "estimates")

frame = memo(estimate_frame, context.key(), dataset, claims, context.filters.as_of)
if not frame.empty:
    st.header("The claims behind the bars")
    show_table(frame[ESTIMATE_TABLE_COLUMNS], key="estimates-page", noun="claims")
