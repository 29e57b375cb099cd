"""Sources: who stands behind what was reported (originators and the outlets that relayed them),
the reporting chains as a diagram, and every source with its id."""

import streamlit as st

from nktracker.charts import chains_chart
from nktracker.lists import markdown_list, originator_items
from nktracker.tables import outlets_frame, sources_frame
from nktracker.ui.card import chart_card
from nktracker.ui.chrome import opened, page_header, show_chart, show_table
from nktracker.ui.data import memo
from nktracker.ui.pages import start_page

context = start_page("Sources")
dataset, claims = context.dataset, context.claims
page_header("Sources", context)

st.header("Outlets and the originators behind them")
st.markdown(
    "A number is only as good as the independent bodies behind it. Each originator is listed "
    "with the outlets that reported its claims (an unnamed official counts as the agency they "
    "belong to): several outlets above one originator are one source, not several."
)
outlets = memo(outlets_frame, context.key(), dataset, claims)
items = memo(originator_items, context.key(), outlets)
st.markdown(markdown_list(items, outlets["originator"].nunique(), "in the table below"))
if box := opened(f"Table: {len(outlets):,} outlet–originator pairs", "outlets"):
    with box:
        show_table(outlets, key="outlets-page")

st.header("Reporting chains")
st.markdown(
    "Who told whom: each band runs from the person or body behind a claim to the outlet "
    "that relayed it, and on to the outlet that published the article. Width = claims."
)
chart = memo(chains_chart, context.key(), dataset, claims, context.filters)
show_chart(chart)
chart_card(chart, context, "sources")

# Every source with its id (the id a ?source= link names), how often it speaks or relays, and
# with which stances: drawn when opened, as a grid costs every page load 60-160 ms.
sources = memo(sources_frame, context.key(), dataset, claims)
if box := opened(f"Every source, with its id ({len(sources):,})", "sources"):
    with box:
        show_table(
            sources,
            key="sources-page",
            noun="sources",
            column_config={
                "url": st.column_config.LinkColumn("web"),
                "says": st.column_config.NumberColumn("says", help="Claims it originates"),
                "relays": st.column_config.NumberColumn("relays", help="Claims it passes on"),
            },
        )
