"""Page chrome shared by every page: the data problems panel."""

from __future__ import annotations

import streamlit as st

from nktracker.model import Dataset
from nktracker.problems import Problem


def show_problems(dataset: Dataset, problems: list[Problem]) -> None:
    """A panel listing every data problem; valid records keep working."""
    if not problems:
        return
    left = {k: v for k, v in dataset.left_out.items() if v}
    left_text = ", ".join(f"{n} {kind}" for kind, n in left.items()) or "no records"
    with st.expander(
        f"⚠️ {len(problems)} data problem(s) — {left_text} left out; the rest is shown",
        expanded=True,
    ):
        st.caption("Run `nktracker check` for the same list. Each line says where and how to fix.")
        st.code("\n".join(str(p) for p in problems), language=None, wrap_lines=True)
