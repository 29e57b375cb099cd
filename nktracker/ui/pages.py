"""The pages, the shell app.py draws around them (config, menu, filters), and the one function
every page script calls first."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import streamlit as st

from nktracker.filters import Filters, filter_claims
from nktracker.model import Claim, Dataset
from nktracker.problems import Problem
from nktracker.ui.data import digest, freeze_long_lived, get_dataset, memo
from nktracker.ui.selection import LINKED_PAGES, carried_params
from nktracker.ui.sidebar import render_sidebar

APP_TITLE = "NK Deployment Tracker"
ICON = str(Path(__file__).resolve().parents[2] / "assets" / "icon.png")
LOG = logging.getLogger("nktracker")
CONTEXT_KEY = "nk_page_context"  # set by app.py for the length of one page run
PAGES_RUN_KEY = "nk_pages_run"  # the titles of the pages the session's last two runs drew


@dataclass(frozen=True)
class PageSpec:
    """A page: its script under pages/, its menu entry, and its URL path ('' for the first)."""

    script: str
    title: str
    icon: str
    url_path: str


PAGES = (
    PageSpec("pages/overview.py", "Overview", ":material/home:", ""),
    PageSpec("pages/estimates.py", "Estimates", ":material/straighten:", "estimates"),
    PageSpec("pages/map.py", "Map", ":material/map:", "map"),
    PageSpec("pages/timeline.py", "Timeline", ":material/timeline:", "timeline"),
    PageSpec("pages/sources.py", "Sources", ":material/record_voice_over:", "sources"),
    PageSpec("pages/claims.py", "Claims", ":material/table:", "claims"),
    PageSpec("pages/briefing.py", "Briefing", ":material/slideshow:", "briefing"),
    PageSpec("pages/methodology.py", "Methodology", ":material/menu_book:", "methodology"),
)


@dataclass(frozen=True)
class PageContext:
    """What every page needs: the dataset, its problems, the filters and the claims they leave,
    and the key under which what a page computes from them is cached."""

    dataset: Dataset
    problems: list[Problem]
    filters: Filters
    claims: list[Claim]
    fingerprint: tuple = ()

    @property
    def total(self) -> int:
        return len(self.dataset.claims)

    @cached_property
    def data_key(self) -> str:
        """A short digest of the data files' fingerprint (names, sizes, times)."""
        return digest(self.fingerprint)

    @cached_property
    def view_key(self) -> str:
        """A short digest of the data and the filters: hashing this string for a cache key
        costs a fraction of hashing the fingerprint's tuples and the filters on every call."""
        return digest((self.fingerprint, self.filters))

    def key(self, *options: Hashable) -> tuple:
        """The cache key of a result computed from this view (plus any page option)."""
        return (self.view_key, options)


def navigation_pages() -> list:
    """The pages for st.navigation (its own menu is hidden: the shell draws the menu)."""
    return [
        st.Page(p.script, title=p.title, icon=p.icon, url_path=p.url_path or None, default=i == 0)
        for i, p in enumerate(PAGES)
    ]


def configure_page(title: str = APP_TITLE) -> None:
    """Title, icon and wide layout. Called before st.navigation: otherwise the browser takes
    the page's menu icon as its favicon and fetches it from a web font server."""
    st.set_page_config(page_title=title, page_icon=ICON, layout="wide")


@contextmanager
def page_shell() -> Iterator[PageContext]:
    """app.py's part, after the navigation: the menu and the filters, around the page it runs.

    The filters are drawn here, by the main script, so Streamlit keeps their URL parameters
    when the user moves between pages (it drops parameters bound to another page's widgets).
    """
    loaded = get_dataset()
    dataset, problems = loaded.dataset, list(loaded.problems)
    with st.sidebar:
        carried = carried_params()  # the map-timeline selection, to the pages that use it
        for page in PAGES:
            linked = carried if page.script in LINKED_PAGES and carried else None
            st.page_link(page.script, label=page.title, icon=page.icon, query_params=linked)
    filters = render_sidebar(dataset, loaded.fingerprint)
    claims = memo(filter_claims, digest((loaded.fingerprint, filters)), dataset, filters)
    context = PageContext(dataset, problems, filters, claims, loaded.fingerprint)
    st.session_state[CONTEXT_KEY] = context
    try:
        yield context
    except Exception:
        # Readers see a short message with an id; the traceback goes to the server log under
        # the same id (Streamlit shows no details: client.showErrorDetails = "none").
        error_id = uuid.uuid4().hex[:8]
        LOG.exception("page error %s", error_id)
        st.error(
            f"This page could not be drawn (error id {error_id}). The details are in the "
            "server's log under that id."
        )
        raise
    finally:
        st.session_state.pop(CONTEXT_KEY, None)
        freeze_long_lived()


def start_page(title: str) -> PageContext:
    """What every page script calls first: its title, and the shell's context.

    A deep link into a freshly started server runs a page script alone (Streamlit treats
    pages/ as an old-style multipage folder until st.navigation has run once in the process).
    Then there is no shell yet: this switches the server to app.py's navigation and reruns, so
    the same link shows the page inside the shell, with the filters it names.
    """
    context = st.session_state.get(CONTEXT_KEY)
    if not isinstance(context, PageContext):
        configure_page()
        st.navigation(navigation_pages(), position="hidden")
        st.rerun()
    configure_page(f"{title} · {APP_TITLE}")
    last = st.session_state.get(PAGES_RUN_KEY) or (None, None)
    st.session_state[PAGES_RUN_KEY] = (title, last[0])
    return context


def rerun_of(title: str) -> bool:
    """Whether this run follows a run of the same page in this session (one of its widgets or
    callbacks ran it again), rather than arriving from another page, a link or a reload."""
    return st.session_state.get(PAGES_RUN_KEY) == (title, title)
