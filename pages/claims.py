"""Claims: every claim with every field, searchable and sortable; CSV and JSON downloads."""

import streamlit as st

from nktracker.claimtable import HIT_COLUMN, claims_table, column_label, link_columns
from nktracker.tables import claims_csv, claims_frame, claims_json
from nktracker.ui.chrome import PAGE_ROWS, fit_height, page_header, show_table
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
text = context.filters.text
table = memo(claims_table, context.key("table"), dataset, claims, frame, text)
columns = {c: st.column_config.Column(column_label(c)) for c in table.columns}
columns["statement"] = st.column_config.TextColumn(column_label("statement"), width="large")
if HIT_COLUMN in table:
    columns[HIT_COLUMN] = st.column_config.TextColumn(
        column_label(HIT_COLUMN),
        width="large",
        help="Where the search words were found, each hit between « and ».",
    )
for column in link_columns(table):
    # the cell shows the site's name; only http(s) URLs are ever put in these columns
    columns[column] = st.column_config.LinkColumn(
        column_label(column), display_text=r"https?://(?:www\.)?([^/]+)"
    )
show_table(
    table,
    key="claims-page",
    noun="claims",
    height=fit_height(min(len(table), PAGE_ROWS)),
    column_config=columns,
)
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
