"""Map page state: the view control follows the region filter until the user picks a view, and
a point clicked on the deck becomes the linked selection in the URL."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from nktracker.selection import Selection
from nktracker.ui.selection import clear_selection, write_selection

SEEN_KEY = "nk_map_regions_seen"
# The labels are also the values the URL holds (?colour=Stance).
COLOR_LABELS = {"stance": "Stance", "theatre": "Present / historical"}


def follow_region_filter(wanted: str | None, labels: dict[str, str]) -> None:
    """When the region filter changes, switch the map to the view it calls for (a switch
    clears the map's selection: its points belong to the other view).

    Runs before the view control is drawn, so the control shows the view that is drawn.
    """
    regions_now = wanted
    if st.session_state.get(SEEN_KEY, "unset") == regions_now:
        return
    st.session_state[SEEN_KEY] = regions_now
    if wanted is not None:
        if st.session_state.get("view") not in (None, labels[wanted]):
            clear_selection()
        st.session_state["view"] = labels[wanted]
    elif "view" not in st.session_state:
        st.session_state["view"] = labels["theatre"]
    if "colour" not in st.session_state:
        st.session_state["colour"] = "Stance"


def selected_point(event) -> str | None:
    """The id of the point the user clicked on the deck, or None."""
    selection = (event.get("selection") if isinstance(event, dict) else None) or getattr(
        event, "selection", None
    )
    objects = (selection.get("objects", {}) if selection else {}) or {}
    points = objects.get("points", [])
    return points[0].get("id") if points else None


def pick_point(key: str, selection: Selection) -> Callable[[], None]:
    """The deck's on_select callback: a clicked point becomes the selection's place (the span
    picked on the timeline stays); a click on no point changes nothing."""

    def picked() -> None:
        chosen = selected_point(st.session_state.get(key))
        if chosen:
            write_selection(Selection((chosen,), selection.span))

    return picked
