"""Map page state: the view control follows the region filter until the user picks a view."""

from __future__ import annotations

import streamlit as st

SEEN_KEY = "nk_map_regions_seen"
# The labels are also the values the URL holds (?colour=Stance).
COLOR_LABELS = {"stance": "Stance", "theatre": "Present / historical"}


def follow_region_filter(wanted: str | None, labels: dict[str, str]) -> None:
    """When the region filter changes, switch the map to the view it calls for.

    Runs before the view control is drawn, so the control shows the view that is drawn.
    """
    regions_now = wanted
    if st.session_state.get(SEEN_KEY, "unset") == regions_now:
        return
    st.session_state[SEEN_KEY] = regions_now
    if wanted is not None:
        st.session_state["view"] = labels[wanted]
    elif "view" not in st.session_state:
        st.session_state["view"] = labels["theatre"]
    if "colour" not in st.session_state:
        st.session_state["colour"] = "Stance"


def selected_point(event) -> str | None:
    """The id of the point the user clicked on the deck, or None."""
    objects = (event.selection.get("objects", {}) if event else {}) or {}
    points = objects.get("points", [])
    return points[0].get("id") if points else None
