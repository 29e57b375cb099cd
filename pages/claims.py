"""Claims: every claim with every field, searchable and sortable; CSV and JSON downloads."""

import streamlit as st

from nktracker.tables import claims_csv, claims_frame, claims_json
from nktracker.ui.chrome import page_header, show_table
from nktracker.ui.data import memo
from nktracker.ui.pages import start_page

context = start_page("Claims")
dataset, claims = context.dataset, context.claims
page_header("Claims", context)
st.markdown(
    "Sort by any column; search with the sidebar's **Search** box (it applies to every page)."
)

as_of = context.filters.as_of
frame = memo(claims_frame, context.key(), dataset, claims, as_of)
show_table(frame, key="claims-page", noun="claims", height=560)
left, right = st.columns(2)
left.download_button(
    "Download these claims (CSV)",
    lambda: claims_csv(dataset, claims, as_of),  # made when clicked, not on every rerun
    file_name="nk-claims.csv",
    mime="text/csv",
    width="stretch",
)
right.download_button(
    "Download these claims (JSON)",
    lambda: claims_json(dataset, claims, as_of),
    file_name="nk-claims.json",
    mime="application/json",
    width="stretch",
)
