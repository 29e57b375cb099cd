"""The shared sidebar: filters bound to URL query parameters, notes on ignored link values."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from nktracker.filters import (
    PARAM_AS_OF,
    PARAM_REGION,
    PARAM_REPORTED,
    PARAM_SOURCE,
    PARAM_STANCE,
    PARAM_TEXT,
    PARAM_TOPIC,
    FilterOptions,
    Filters,
    filter_options,
    raw_params,
)
from nktracker.model import Dataset
from nktracker.ui.data import memo

NOTES_KEY = "nk_link_notes"
OTHER_PARAMS = ("view", "colour")  # page-level parameters that are not filters


def _defaults(options: FilterOptions) -> dict:
    return {
        PARAM_REGION: [],
        PARAM_SOURCE: [],
        PARAM_TOPIC: [],
        PARAM_STANCE: [],
        PARAM_REPORTED: (options.first_reported, options.last_reported),
        PARAM_TEXT: "",
        PARAM_AS_OF: options.last_reported,
    }


def _reset(options: FilterOptions) -> None:
    for key, value in _defaults(options).items():
        st.session_state[key] = value
    st.session_state[NOTES_KEY] = []


def _note_ignored_link_values(options: FilterOptions) -> None:
    """Streamlit drops unknown values of bound widgets silently; say what was dropped."""
    raw = {key: st.query_params.get_all(key) for key in st.query_params}
    _, notes = Filters.from_params(raw, options, other_keys=OTHER_PARAMS)
    if notes:
        # Streamlit removes dropped values from the URL, so keep earlier notes too.
        earlier = st.session_state.get(NOTES_KEY) or []
        st.session_state[NOTES_KEY] = list(dict.fromkeys(earlier + notes))


def render_sidebar(dataset: Dataset, fingerprint: tuple = ()) -> Filters:
    """Draw the filters below the menu; each lives in the URL so a view is shared as a link."""
    options = memo(filter_options, fingerprint, dataset)
    _note_ignored_link_values(options)
    defaults = _defaults(options)
    with st.sidebar:
        st.subheader("Filters")
        regions = st.multiselect(
            "Region",
            options.regions,
            key=PARAM_REGION,
            bind="query-params",
            placeholder="All regions",
        )
        sources = st.multiselect(
            "Source (said or relayed)",
            options.sources,
            key=PARAM_SOURCE,
            bind="query-params",
            placeholder="All sources",
            help="Source ids; the Sources page lists each id with its full name.",
        )
        topics = st.multiselect(
            "Topic", options.topics, key=PARAM_TOPIC, bind="query-params", placeholder="All topics"
        )
        stances = st.multiselect(
            "Stance",
            options.stances,
            key=PARAM_STANCE,
            bind="query-params",
            placeholder="All stances",
        )
        reported = st.date_input(
            "Reported between",
            value=defaults[PARAM_REPORTED],
            min_value=options.first_reported - dt.timedelta(days=365),
            max_value=options.last_reported + dt.timedelta(days=365),
            key=PARAM_REPORTED,
            bind="query-params",
            format="YYYY-MM-DD",
            help="A claim counts when the span its date can mean (a day, week, month or year) "
            "overlaps this range.",
        )
        as_of = st.date_input(
            "As known on",
            value=defaults[PARAM_AS_OF],
            min_value=options.first_reported - dt.timedelta(days=365),
            max_value=options.last_reported + dt.timedelta(days=365),
            key=PARAM_AS_OF,
            bind="query-params",
            format="YYYY-MM-DD",
            help="Show only what could be known on this day: a claim counts from the later of "
            "when it was reported and when its article was published (a week or a month counts "
            "from its first day). Later reports neither corroborate nor contest.",
        )
        text = st.text_input(
            "Search", key=PARAM_TEXT, bind="query-params", placeholder="e.g. hoax, Sudzha, KN-23"
        )
        st.button("Reset filters", on_click=_reset, args=(options,), width="stretch")
    params = raw_params(
        regions=regions,
        sources=sources,
        topics=topics,
        stances=stances,
        reported=_date_pair(reported),
        as_of=as_of if isinstance(as_of, dt.date) else None,
        text=text,
    )
    # The widgets hold only known values, so the codec has nothing to ignore here; it decides
    # which values are defaults, the same way for a link, the permalink and an export.
    filters, _ = Filters.from_params(params, options)
    return filters


def _date_pair(value) -> tuple[dt.date | None, dt.date | None]:
    if isinstance(value, tuple | list):
        start = value[0] if len(value) > 0 else None
        end = value[1] if len(value) > 1 else start
        return start, end
    return value, value
