"""Sources: who said what, how often, with which stance; the reporting chains as a diagram."""

import streamlit as st

from nktracker.figures import build_chain_figure
from nktracker.notes import describe_filters, format_source_note
from nktracker.tables import chain_links, sources_frame
from nktracker.ui.chrome import page_header
from nktracker.ui.context import get_context
from nktracker.validate import is_web_url

context = get_context()
dataset, claims = context.dataset, context.claims
page_header("Sources", context)

frame = sources_frame(dataset, claims)
frame["url"] = frame["url"].where(frame["url"].map(is_web_url), "")
st.dataframe(
    frame,
    hide_index=True,
    width="stretch",
    column_config={
        "url": st.column_config.LinkColumn("web"),
        "says": st.column_config.NumberColumn("says", help="Claims it originates"),
        "relays": st.column_config.NumberColumn("relays", help="Claims it passes on"),
    },
)

st.subheader("Reporting chains")
st.markdown(
    "Who told whom: each band runs from the person or body behind a claim to the outlet "
    "that relayed it, and on to the outlet that published the article. Width = claims."
)
fig = build_chain_figure(
    dataset,
    chain_links(dataset, claims),
    "Who relayed whom",
    describe_filters(dataset, context.filters),
    format_source_note(dataset, claims, context.filters),
)
st.plotly_chart(
    fig,
    width="stretch",
    key="chains",
    config={
        "toImageButtonOptions": {"format": "png", "scale": 2, "filename": "nk-reporting-chains"}
    },
)
