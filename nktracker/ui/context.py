"""What every page needs: the dataset, its problems, the filters and the claims they leave."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from nktracker.filters import Filters, filter_claims
from nktracker.model import Claim, Dataset
from nktracker.problems import Problem

CONTEXT_KEY = "nk_context"


@dataclass
class PageContext:
    dataset: Dataset
    problems: list[Problem]
    filters: Filters
    claims: list[Claim]

    @property
    def total(self) -> int:
        return len(self.dataset.claims)


def set_context(dataset: Dataset, problems: list[Problem], filters: Filters) -> PageContext:
    context = PageContext(dataset, problems, filters, filter_claims(dataset, filters))
    st.session_state[CONTEXT_KEY] = context
    return context


def get_context() -> PageContext:
    """The context app.py set for this run (pages run inside app.py's navigation)."""
    context = st.session_state.get(CONTEXT_KEY)
    if context is None:
        st.error("Open the dashboard through app.py (`make run`).")
        st.stop()
    return context
