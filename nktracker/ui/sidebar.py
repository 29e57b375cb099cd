"""The shared sidebar: filters bound to URL query parameters, notes on ignored link values."""

from __future__ import annotations

import streamlit as st

from nktracker.dates import parse_day, parse_days
from nktracker.filters import (
    FILTER_PARAMS,
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
from nktracker.labels import markdown_literal
from nktracker.links import request_base, view_link
from nktracker.model import Dataset
from nktracker.ui.data import digest, memo

NOTES_KEY = "nk_link_notes"
# page-level parameters that are not filters
OTHER_PARAMS = ("view", "colour", "card", "place", "span", "estimates-view", "timeline-view")
# Three filters keep their URL parameter themselves instead of binding it (bind="query-params"):
# - the dates are text fields, not st.date_input, whose segmented field applies a typed date
#   only when the focus leaves it (not on Enter or Tab) and then loses the click that moved the
#   focus to the menu; and a text field cannot hold the reported range's two values;
# - the source list shows "Kind · Name", and a bound multiselect would write those to the URL,
#   where the ids belong.
# The URL decides at the start of a session and whenever it names one of them; a change goes to
# the URL through the codec; the menu's page links drop parameters no widget is bound to, so
# the values in force are written back.
KEPT_PARAMS = (PARAM_SOURCE, PARAM_REPORTED, PARAM_AS_OF)
KEPT_KEY = "nk_kept_params"  # {param: values} in force in this session
DATE_FIELDS = {PARAM_REPORTED: "nk_reported_text", PARAM_AS_OF: "nk_as_of_text"}
DATE_ERROR_KEY = "nk_date_error"
DATE_HINT = "Type a day as 2024-10-12 or 12 Oct 2024; Enter or Tab applies it."


def _reset() -> None:
    for key in (PARAM_REGION, PARAM_TOPIC, PARAM_STANCE):
        st.session_state[key] = []
    st.session_state[PARAM_TEXT] = ""
    for param in KEPT_PARAMS:
        _keep(param, [])
    st.session_state[NOTES_KEY] = []
    st.session_state[DATE_ERROR_KEY] = ""


def _canonical(params: dict[str, list[str]], options: FilterOptions) -> dict[str, list[str]]:
    """The values the codec keeps (known ones, defaults left out), per parameter."""
    filters, _ = Filters.from_params(params, options)
    written = filters.to_params(options)
    return {param: [v for k, v in written if k == param] for param in params}


def _keep(param: str, values: list[str]) -> None:
    kept = st.session_state.get(KEPT_KEY)
    st.session_state[KEPT_KEY] = {**(kept if isinstance(kept, dict) else {}), param: values}
    if values:
        st.query_params[param] = values
    elif param in st.query_params:
        del st.query_params[param]


def _sync_kept(options: FilterOptions) -> dict[str, list[str]]:
    """The kept parameters in force; their widgets show them and the URL holds them."""
    url = {param: st.query_params.get_all(param) for param in KEPT_PARAMS}
    kept = st.session_state.get(KEPT_KEY)
    kept = dict(kept) if isinstance(kept, dict) else {}
    named = {param: values for param, values in url.items() if values}
    kept |= _canonical(named, options) if named else {}
    st.session_state[KEPT_KEY] = kept
    for param in KEPT_PARAMS:
        if kept.get(param, []) != url[param]:
            _keep(param, kept.get(param, []))
    st.session_state[PARAM_SOURCE] = list(kept.get(PARAM_SOURCE) or [])
    reported = kept.get(PARAM_REPORTED) or []
    st.session_state[DATE_FIELDS[PARAM_REPORTED]] = " – ".join(dict.fromkeys(reported))
    st.session_state[DATE_FIELDS[PARAM_AS_OF]] = " ".join(kept.get(PARAM_AS_OF) or [])
    return kept


def _apply_sources(options: FilterOptions) -> None:
    chosen = [str(s) for s in st.session_state.get(PARAM_SOURCE) or []]
    _keep(PARAM_SOURCE, _canonical({PARAM_SOURCE: chosen}, options)[PARAM_SOURCE])


def _apply_date(param: str, options: FilterOptions) -> None:
    """A date field changed: its days go to the URL, through the codec (which leaves a default
    out); a text that is not a day is refused with a note, and the field shows the URL again."""
    text = str(st.session_state.get(DATE_FIELDS[param]) or "").strip()
    if param == PARAM_REPORTED:
        span = parse_days(text) if text else None
        understood = not text or span is not None
        days = [d.isoformat() for d in span or ()]
    else:
        day = parse_day(text) if text else None
        understood = not text or day is not None
        days = [day.isoformat()] if day else []
    if not understood:
        st.session_state[DATE_ERROR_KEY] = f"Ignored “{text}”: {DATE_HINT.split(';')[0]}."
        return
    st.session_state[DATE_ERROR_KEY] = ""
    _keep(param, _canonical({param: days}, options)[param])


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
    options = memo(filter_options, digest(fingerprint), dataset)
    _note_ignored_link_values(options)
    kept = _sync_kept(options)
    first, last = options.first_reported.isoformat(), options.last_reported.isoformat()
    with st.sidebar:
        st.subheader("Filters")
        regions = st.multiselect(
            "Region",
            options.regions,
            key=PARAM_REGION,
            bind="query-params",
            placeholder="All regions",
        )
        st.multiselect(
            "Source (said or relayed)",
            options.sources,
            format_func=lambda s: options.source_labels.get(s, s),
            key=PARAM_SOURCE,
            on_change=_apply_sources,
            args=(options,),
            placeholder="All sources",
            help="Grouped by kind. The link holds each source's id (`?source=liga`); the Sources "
            "page lists every source with its id.",
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
        st.text_input(
            "Reported between",
            key=DATE_FIELDS[PARAM_REPORTED],
            on_change=_apply_date,
            args=(PARAM_REPORTED, options),
            placeholder=f"{first} – {last} (all)",
            help="Two days, as 2024-10-07 – 2024-10-13 or 7 Oct 2024 to 13 Oct 2024, or one day; "
            "Enter or Tab applies them. A claim counts when the span its date can mean (a day, "
            "week, month or year) overlaps this range.",
        )
        st.text_input(
            "As known on",
            key=DATE_FIELDS[PARAM_AS_OF],
            on_change=_apply_date,
            args=(PARAM_AS_OF, options),
            placeholder=f"{last} (the latest report)",
            help=f"{DATE_HINT} Show only what could be known on this day: a claim counts from "
            "the later of when it was reported and when its article was published (a week or a "
            "month counts from its first day). Later reports neither corroborate nor contest.",
        )
        error = st.session_state.pop(DATE_ERROR_KEY, "")  # said once, on the run it caused
        if error:
            st.error(markdown_literal(error), icon=":material/event_busy:")
        text = st.text_input(
            "Search",
            key=PARAM_TEXT,
            bind="query-params",
            placeholder="e.g. hoax, Sudzha, KN-23",
            help="Every word must match, in any order. Case, accents, apostrophes and dashes do "
            "not count; a long word also finds close spellings (Zelenskyy finds Zelensky, Kiev "
            "finds Kyiv).",
        )
        st.button("Reset filters", on_click=_reset, width="stretch")
    params = raw_params(regions=regions, topics=topics, stances=stances, text=text)
    params |= {param: list(kept.get(param) or []) for param in KEPT_PARAMS}
    # The codec decides which values are defaults, the same way for a link, the permalink and
    # an export.
    filters, _ = Filters.from_params(params, options)
    # the page's own parameters (a map view, a selection, a story card) belong to the view too
    page_params = [
        (key, value)
        for key in st.query_params
        if key not in FILTER_PARAMS
        for value in st.query_params.get_all(key)
    ]
    with st.sidebar:
        show_view_link(filters.to_params(options) + page_params)
    return filters


def show_view_link(params: list[tuple[str, str]]) -> None:
    """The link to this view (page and filters) on the server the reader uses, in a box whose
    button copies it (Streamlit's code block: browsers allow the copy on https and localhost).

    The box sits in a popover: the browser draws a code block, and loads the syntax
    highlighter behind it (about 130 ms of script on every page load, benchmarks/RESULTS.md),
    only when the reader opens it."""
    base = request_base(st.context.url, dict(st.context.headers))
    with st.popover("Link to this view", icon=":material/link:", width="stretch"):
        # Static CSS (no data): room on the right for the copy button, which would cover the
        # text.
        st.html("<style>[data-testid='stCode'] pre{padding-right:3rem}</style>")
        st.caption("The button at its right copies it")
        st.code(view_link(base, params), language=None, wrap_lines=True)
