"""AppTest (frozen data): the Claims table as readers see it, the sidebar's typed dates and
source names, the link to the view, and the Methodology page."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from conftest import FROZEN, REPO


@pytest.fixture(autouse=True)
def frozen_data(monkeypatch):
    monkeypatch.setenv("NKTRACKER_DATA", str(FROZEN))


def open_page(page: str, params: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.switch_page(page)
    return at.run()


def param(at: AppTest, key: str) -> list[str]:
    """A URL parameter's values (AppTest keeps one value as a string, several as a list)."""
    value = at.query_params.get(key)
    return [] if value is None else [value] if isinstance(value, str) else list(value)


def showing(at: AppTest) -> str:
    return re.sub(r"\\(.)", r"\1", at.caption[0].value)


def test_fit_height_shows_the_rows_and_no_blank_ones_up_to_a_cap():
    from nktracker.ui.chrome import ROW_PX, fit_height  # imports streamlit: only here

    assert fit_height(4) == 5 * ROW_PX + 3  # four rows and the header
    assert fit_height(0) == fit_height(1)  # an empty table keeps one row's room
    assert fit_height(300) == 560


def test_claims_table_leads_with_who_when_stance_and_names_columns_for_readers():
    at = open_page("pages/claims.py", {"source": "liga"})
    assert not at.exception, at.exception
    table = at.dataframe[0]
    assert list(table.value.columns)[:4] == ["said_by", "reported", "stance", "statement"]
    assert list(table.value.columns)[-1] == "id"
    config = table.proto.columns  # JSON of the column config
    assert '"label": "Said by"' in config and '"label": "Article"' in config
    assert '"type": "link"' in config


def test_a_search_marks_its_hits_in_the_claims_table():
    at = open_page("pages/claims.py", {"q": "Zelenskyy"})
    frame = at.dataframe[0].value
    assert "Showing 5 of 62 claims" in showing(at)
    assert list(frame.columns)[3] == "search_hit"
    assert any("«Zelensky»" in hit for hit in frame["search_hit"])


def test_source_names_grouped_by_kind_while_the_url_keeps_ids():
    at = open_page("pages/claims.py", {"source": "liga"})
    sources = at.multiselect(key="source")
    assert sources.value == ["liga"]
    assert "Media · LIGA.net" in sources.options
    assert dict(at.query_params) == {"source": "liga"}
    sources.set_value(["liga", "twz"]).run()
    assert param(at, "source") == ["liga", "twz"]


@pytest.mark.parametrize(
    ("typed", "name", "expected"),
    [
        ("14 Oct 2024", "as_of", ["2024-10-14"]),
        ("2024-10-14", "as_of", ["2024-10-14"]),
        ("7 Oct 2024 to 13 Oct 2024", "reported", ["2024-10-07", "2024-10-13"]),
    ],
)
def test_a_typed_date_applies_and_goes_to_the_url_as_iso(typed, name, expected):
    at = open_page("pages/claims.py")
    field = {"as_of": "nk_as_of_text", "reported": "nk_reported_text"}[name]
    at.text_input(key=field).set_value(typed).run()
    assert not at.exception, at.exception
    assert param(at, name) == expected
    shown = int(showing(at).split("Showing ")[1].split(" of")[0])
    assert 0 < shown < 62
    assert at.text_input(key=field).value == " – ".join(dict.fromkeys(expected))


def test_a_date_that_is_not_a_day_is_refused_with_a_note():
    at = open_page("pages/claims.py", {"as_of": "2024-10-14"})
    at.text_input(key="nk_as_of_text").set_value("14 Oktober").run()
    assert "Ignored “14 Oktober”" in at.sidebar.error[0].value
    assert param(at, "as_of") == ["2024-10-14"]  # the date in force stays
    assert at.text_input(key="nk_as_of_text").value == "2024-10-14"


def test_old_links_with_dates_still_open_as_they_were():
    at = open_page(
        "pages/claims.py", {"reported": ["2024-10-07", "2024-10-13"], "as_of": "2024-10-16"}
    )
    assert at.text_input(key="nk_reported_text").value == "2024-10-07 – 2024-10-13"
    assert at.text_input(key="nk_as_of_text").value == "2024-10-16"
    assert "reported 2024-10-07 to 2024-10-13" in showing(at)


def test_reset_clears_the_typed_dates_and_the_sources():
    at = open_page("pages/claims.py", {"source": "liga", "as_of": "2024-10-14"})
    reset = next(b for b in at.button if b.label == "Reset filters")
    reset.click().run()
    assert "Showing 62 of 62 claims" in showing(at)
    assert dict(at.query_params) == {}


def test_every_page_offers_the_link_to_its_view():
    at = open_page("pages/claims.py", {"source": "liga", "q": "battalion"})
    link = at.sidebar.code[-1].value
    assert link.endswith("?source=liga&q=battalion")


def test_methodology_page_renders_the_data_documentation():
    at = open_page("pages/methodology.py")
    assert not at.exception, at.exception
    assert at.title[0].value == "Methodology"
    # The document arrives as one st.html (HTML made by nktracker/methodology.py), not Markdown.
    text = " ".join(h.proto.body for h in at.get("html"))
    assert "Two principles govern curation" in text
    doc = (REPO / "docs" / "data.md").read_text("utf-8")
    assert doc.splitlines()[0].removeprefix("# ") not in text  # the page's title replaces it
