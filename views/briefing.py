"""Briefing: one screen for a 16:9 slide (ranges, map, timeline, denials), and an HTML file."""

import datetime as dt

import streamlit as st

from nktracker.briefing import briefing_html, filters_to_params, permalink
from nktracker.charts import (
    compact,
    deployments_chart,
    download_config,
    map_chart,
    sequence_chart,
)
from nktracker.filters import filter_options
from nktracker.load import data_dir
from nktracker.notes import as_of_label, describe_filters
from nktracker.tables import bound_attribution, chain_label, quantity_headlines
from nktracker.ui.chrome import show_link_notes, show_problems
from nktracker.ui.context import get_context
from nktracker.ui.data import get_basemap

context = get_context()
dataset, claims, filters = context.dataset, context.claims, context.filters
options = filter_options(dataset)
link = permalink(
    st.context.url,
    "briefing",
    filters_to_params(filters, options.first_reported, options.last_reported),
)

# Static CSS (no data): a tighter top margin so the briefing fits one 16:9 screen.
st.html(
    "<style>[data-testid='stMainBlockContainer']{padding-top:3.4rem;padding-bottom:1rem}</style>"
)
st.markdown("### North Korean troops for Russia: briefing")
st.caption(
    f"**Showing {len(claims)} of {context.total} claims** · Filters: "
    f"{describe_filters(dataset, filters)} · {as_of_label(dataset, filters)} · "
    f"Permalink: `{link}`"
)
show_link_notes()
show_problems(dataset, context.problems)

headlines = quantity_headlines(dataset, claims)
# The basemap is read once per process (cached); the dataset is cached too.
theatre_map = map_chart(dataset, claims, filters, get_basemap(str(data_dir()), "50m"), "theatre")
left, right = st.columns([2, 3], gap="medium")
with left:
    if headlines:
        top = headlines[0]
        st.metric(top.label, top.text())
        st.caption(
            f"Lowest: {bound_attribution(dataset, top.low_claims[:1])}"
            + (f" (+{len(top.low_claims) - 1} more)" if len(top.low_claims) > 1 else "")
            + f"  \nHighest: {bound_attribution(dataset, top.high_claims[:1])}"
            + (f" (+{len(top.high_claims) - 1} more)" if len(top.high_claims) > 1 else "")
        )
        for other in headlines[1:4]:
            st.markdown(f"**{other.text()}** — {other.label}")
    else:
        st.warning("No claim that states a quantity matches the filters.")
    for denial in [c for c in claims if c.stance == "denies"]:
        st.error(f"**Denial:** {denial.statement} — {chain_label(dataset, denial)}")
with right:
    small_map = compact(theatre_map, 410)
    st.plotly_chart(
        small_map.figure, width="stretch", key="briefing-map", config=download_config("map")
    )
key_dates = sequence_chart(dataset, claims, filters, key_only=True)
timeline = compact(key_dates, int(key_dates.figure.layout.height) - 95)
st.plotly_chart(
    timeline.figure, width="stretch", key="briefing-sequence", config=download_config("sequence")
)


def _html() -> str:
    charts = [theatre_map, sequence_chart(dataset, claims, filters)]
    charts.append(deployments_chart(dataset, claims, filters))
    return briefing_html(dataset, claims, filters, headlines, charts, link, dt.datetime.now(dt.UTC))


st.download_button(
    "Download this briefing as one HTML file (works offline)",
    data=_html,
    file_name=f"nk-briefing-{dt.date.today().isoformat()}.html",
    mime="text/html",
    on_click="ignore",
    icon=":material/download:",
)
