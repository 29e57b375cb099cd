"""Map: the present theatre and the world of deployments, offline, with claims beneath."""

import streamlit as st

from nktracker.load import data_dir
from nktracker.maps import VIEW_LABELS, build_map_deck, legend_html, view_for_regions
from nktracker.notes import format_source_note
from nktracker.tables import claims_frame
from nktracker.ui.chrome import page_header
from nktracker.ui.context import get_context
from nktracker.ui.data import get_basemap
from nktracker.ui.mapview import follow_region_filter

COLOR_LABELS = {"stance": "Stance", "theatre": "Present / historical"}
MAP_HEIGHT = 562  # 16:9 at the ~1000 px the wide layout gives the map beside the sidebar

context = get_context()
dataset, claims = context.dataset, context.claims
page_header("Map", context)

follow_region_filter(view_for_regions(dataset, context.filters.regions), VIEW_LABELS)
left, right = st.columns([3, 2])
with left:
    view_label = st.segmented_control(
        "View",
        list(VIEW_LABELS.values()),
        key="view",
        bind="query-params",
        required=True,
        help="Present theatre: Kursk, Bryansk, Sudzha and occupied Ukraine. World: North "
        "Korea's deployments since the Cold War, with arcs from Pyongyang. Follows the region "
        "filter.",
    )
with right:
    color_label = st.segmented_control(
        "Colour by",
        list(COLOR_LABELS.values()),
        key="colour",
        bind="query-params",
        required=True,
    )
view = next(k for k, v in VIEW_LABELS.items() if v == view_label)
color_by = next(k for k, v in COLOR_LABELS.items() if v == color_label)

shown_ids = {c.id for c in claims}
deployments = [d for d in dataset.deployments.values() if any(c in shown_ids for c in d.claims)]
basemap = get_basemap(str(data_dir()), "50m" if view == "theatre" else "110m")
deck = build_map_deck(dataset, claims, deployments, basemap, view=view, color_by=color_by)
st.html(legend_html(view, color_by))
event = st.pydeck_chart(
    deck, height=MAP_HEIGHT, on_select="rerun", selection_mode="single-object", key="map-deck"
)
st.caption(
    format_source_note(dataset, claims, context.filters)
    + " Basemap: Natural Earth (public domain), bundled; no tiles are fetched. Places are "
    "background: coordinates from gazetteers, region outlines from Natural Earth."
)

selected = (event.selection.get("objects", {}) if event else {}).get("points", [])
chosen = selected[0]["id"] if selected else None
if chosen and chosen in dataset.locations:
    listed = [c for c in claims if chosen in c.locations]
    st.subheader(f"Claims at {dataset.locations[chosen].name}")
elif chosen and chosen in dataset.deployments:
    listed = [c for c in claims if c.id in dataset.deployments[chosen].claims]
    st.subheader(f"Claims on {dataset.deployments[chosen].theatre}")
else:
    listed = [c for c in claims if c.locations]
    st.subheader("Claims with a place (click a point to narrow)")
st.dataframe(
    claims_frame(dataset, listed)[["places", "statement", "chain", "reported", "stance"]],
    hide_index=True,
    width="stretch",
)
