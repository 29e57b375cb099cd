"""Map: the present theatre and the world of deployments, offline, with claims beneath."""

import streamlit as st

from nktracker.charts import map_chart
from nktracker.labels import markdown_literal
from nktracker.mapdata import VIEW_LABELS, view_for_regions
from nktracker.maps import build_map_deck, legend_html
from nktracker.notes import map_note
from nktracker.selection import apply_selection, selection_heading
from nktracker.tables import claims_frame
from nktracker.timeline import shown_deployments
from nktracker.ui.card import chart_card
from nktracker.ui.chrome import opened, page_header, show_table
from nktracker.ui.data import get_basemap, memo
from nktracker.ui.mapview import COLOR_LABELS, follow_region_filter, pick_point
from nktracker.ui.pages import start_page
from nktracker.ui.selection import clear_selection, current_selection, show_selection_chip

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
        on_change=clear_selection,
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
        on_change=clear_selection,
    )
view = next(k for k, v in VIEW_LABELS.items() if v == view_label)
color_by = next(k for k, v in COLOR_LABELS.items() if v == color_label)

# The linked selection: the timeline's span narrows the points drawn, the map's own pick is
# ringed, and the claims beneath meet both.
selection = current_selection(dataset, claims)
drawn_claims = memo(
    apply_selection, context.key("span", selection.span), selection.only_span(), dataset, claims
)
deployments = memo(shown_deployments, context.key("span", selection.span), dataset, drawn_claims)
deck = memo(
    build_map_deck,
    context.key(view, color_by, selection.token),
    dataset,
    drawn_claims,
    deployments,
    get_basemap(view),
    view,
    color_by,
    selection.places,
)
st.html(legend_html(view, color_by))
# A new deck widget for every view, colour, filter and selection: a pick never outlives what
# it was made on (Streamlit keeps a widget's selection by index, which then rings another point).
deck_key = f"map-deck-{hash(context.key(view, color_by, selection.token)) & 0xFFFFFFFF:x}"
st.pydeck_chart(
    deck,
    height=MAP_HEIGHT,
    on_select=pick_point(deck_key, selection),
    selection_mode="single-object",
    key=deck_key,
)
st.caption(markdown_literal(memo(map_note, context.key(), dataset, claims, context.filters)))

still = memo(
    map_chart,
    context.key("still", view, selection.span),
    dataset,
    drawn_claims,
    context.filters,
    get_basemap(view),
    view,
)
# The still map (title, filters and sources drawn on it) is the one this card describes and
# downloads: PNG and SVG are rendered only when their button is clicked.
chart_card(still, context, "map", label=f"Data, sources, cite and download this map: {still.title}")

show_selection_chip(selection, dataset, key="map-selection-chip")
listed_claims = memo(apply_selection, context.key("map", selection), selection, dataset, claims)
located = [c for c in listed_claims if c.locations]
heading = markdown_literal(selection_heading(selection, dataset))
# A pick on the map asks for its claims: they are drawn at once. Otherwise the table of every
# claim on the map waits, closed, until the reader opens it.
if selection:
    st.header(heading)
    box = st.container()
else:
    box = opened(f"{heading} ({len(located):,})", "map-claims")
if box is not None:
    with box:
        listed = memo(claims_frame, context.key("map", selection), dataset, located)
        columns = ["places", "statement", "chain", "reported", "stance"]
        show_table(listed[columns], key="map-page", noun="claims")
