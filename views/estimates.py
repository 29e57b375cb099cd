"""Estimates: range charts per quantity, one row per claim, and the claims beneath."""

import streamlit as st

from nktracker.charts import download_config, estimate_charts
from nktracker.tables import estimate_frame
from nktracker.ui.chrome import page_header
from nktracker.ui.context import get_context

context = get_context()
dataset, claims = context.dataset, context.claims
page_header("Estimates as ranges", context)
st.markdown(
    "A bar runs from the lowest to the highest value the words allow; ◆ marks a value stated "
    "exactly; a dotted line means the words set no bound on that side. Colour shows the stance."
)

charts = estimate_charts(dataset, claims, context.filters)
if not charts:
    st.warning("No claim that states a quantity matches the filters.")
for chart in charts:
    st.plotly_chart(
        chart.figure, width="stretch", key=chart.name, config=download_config(chart.name)
    )

frame = estimate_frame(dataset, claims)
if not frame.empty:
    st.subheader("The claims behind the bars")
    columns = ["quantity_label", "words", "range", "said_by", "chain", "reported", "stance"]
    st.dataframe(frame[[*columns, "quote"]], hide_index=True, width="stretch")
