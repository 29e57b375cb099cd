"""Map: the present theatre and the world of deployments, offline, with claims beneath."""

import streamlit as st

from nktracker.labels import markdown_literal
from nktracker.mapdata import VIEW_LABELS, selected_claims, view_for_regions
from nktracker.maps import build_map_deck, legend_html
from nktracker.notes import map_note
from nktracker.tables import claims_frame
from nktracker.timeline import shown_deployments
from nktracker.ui.chrome import page_header, show_table
from nktracker.ui.data import get_basemap, memo
from nktracker.ui.mapview import COLOR_LABELS, follow_region_filter, selected_point
from nktracker.ui.pages import start_page

MAP_HEIGHT = 562  # 16:9 at the ~1000 px the wide layout gives the map beside the sidebar

context = start_page("Map")
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
        "Colour by", list(COLOR_LABELS.values()), key="colour", bind="query-params", required=True
    )
view = next(k for k, v in VIEW_LABELS.items() if v == view_label)
color_by = next(k for k, v in COLOR_LABELS.items() if v == color_label)

deployments = memo(shown_deployments, context.key(), dataset, claims)
deck = memo(
    build_map_deck,
    context.key(view, color_by),
    dataset,
    claims,
    deployments,
    get_basemap(view),
    view,
    color_by,
)
st.html(legend_html(view, color_by))
event = st.pydeck_chart(
    deck, height=MAP_HEIGHT, on_select="rerun", selection_mode="single-object", key="map-deck"
)
st.caption(markdown_literal(memo(map_note, context.key(), dataset, claims, context.filters)))

chosen = selected_point(event)
selection = selected_claims(dataset, claims, chosen)
st.header(markdown_literal(selection.heading))
listed = memo(claims_frame, context.key("map", chosen), dataset, selection.claims)
show_table(
    listed[["places", "statement", "chain", "reported", "stance"]], key="map-page", noun="claims"
)
