"""Page chrome shared by every page: header, filter summary, data problems, link notes."""

from __future__ import annotations

import streamlit as st

from nktracker.filters import showing
from nktracker.labels import markdown_literal, sentence_case
from nktracker.model import Dataset
from nktracker.notes import as_of_label, describe_filters
from nktracker.problems import Problem
from nktracker.ui.pages import PageContext
from nktracker.ui.sidebar import NOTES_KEY


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


def show_link_notes() -> None:
    notes = st.session_state.get(NOTES_KEY) or []
    if notes:
        # the notes quote what the link held: shown as text, never as Markdown or a live link
        st.info(
            "Some values in the link were ignored:\n\n"
            + "\n".join(f"- {markdown_literal(n)}" for n in notes)
        )


def page_header(
    title: str, context: PageContext, noun: str = "claims", shown: int | None = None
) -> None:
    """Title, 'Showing N of M claims', the active filters, link notes and data problems."""
    st.title(title)
    count = len(context.claims) if shown is None else shown
    total = context.total if noun == "claims" else None
    sentence = showing(count, total, noun) if total is not None else f"Showing {count} {noun}"
    filters = markdown_literal(describe_filters(context.dataset, context.filters))
    as_of = markdown_literal(sentence_case(as_of_label(context.dataset, context.filters)))
    st.caption(f"**{sentence}** · Filters: {filters} · {as_of}")
    show_link_notes()
    show_problems(context.dataset, context.problems)


def show_headline(label: str, value: str, help: str | None = None) -> None:
    """A headline in the sources' words, as a heading that wraps: a metric would cut
    “Thousands” to “10,000” to “10,0…” on a phone, and a cut number misleads."""
    st.caption(markdown_literal(label), help=help)
    st.header(markdown_literal(value), anchor=False)
