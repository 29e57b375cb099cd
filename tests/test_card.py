"""Issue 13: the chart card, split estimate axes, single-row layout, key-date rows, exports."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from conftest import FROZEN, REPO
from nktracker.charts import estimate_charts, sequence_chart
from nktracker.cite import chart_sources, cite_text, link_url
from nktracker.cli import progress_bar
from nktracker.export import export_all
from nktracker.figures import ESTIMATE_UNIT_PX, FRAME_MARGIN_PX
from nktracker.filters import Filters, filter_claims


@pytest.fixture(scope="module")
def charts(frozen):
    dataset, _ = frozen
    return {c.name: c for c in estimate_charts(dataset, list(dataset.claims.values()), Filters())}


def test_north_korean_personnel_and_russian_losses_get_separate_axes(charts):
    nk, ru = (
        charts["estimates-present-people-north-korea"],
        charts["estimates-present-people-russia"],
    )
    assert set(ru.rows["quantity_label"]) == {
        "Russian troops killed and wounded since the full-scale invasion began"
    }
    assert not any("Russian troops" in q for q in nk.rows["quantity_label"])
    top_nk = 10 ** nk.figure.layout.xaxis.range[1]
    assert top_nk < 100_000  # no longer stretched to 600,000


def test_a_single_row_keeps_title_and_quote_a_row_apart(charts):
    figure = charts["estimates-present-people-russia"].figure
    low, high = figure.layout.yaxis.range
    px_per_unit = (figure.layout.height - FRAME_MARGIN_PX) / (high - low)
    assert px_per_unit >= ESTIMATE_UNIT_PX - 1
    rows = [a for a in figure.layout.annotations if a.xref == "paper" and a.y is not None]
    title = next(a for a in rows if a.text.startswith("<b>Russian"))
    quote = next(a for a in rows if "600,000" in a.text)
    # label centres in px: y-units to px, plus each label's own shift
    gap = (title.y - quote.y) * px_per_unit + (title.yshift or 0) - (quote.yshift or 0)
    assert gap >= 0.5 * ESTIMATE_UNIT_PX  # well clear of a 13 px line


def test_key_date_labels_sit_on_their_own_row_line(frozen):
    dataset, _ = frozen
    chart = sequence_chart(dataset, list(dataset.claims.values()), Filters(), key_only=True)
    notes = chart.figure.layout.annotations
    labels = [a for a in notes if a.yanchor == "bottom" and a.x == 0 and a.yref != "paper"]
    lines = list(chart.figure.layout.yaxis.tickvals)
    assert chart.figure.layout.yaxis.showgrid
    assert [a.y for a in labels] == lines  # one line per row, through its marks
    marks = [t for t in chart.figure.data if t.y is not None and len(t.y) == 1]
    assert {float(t.y[0]) for t in marks} <= set(lines)


def test_sources_keep_only_web_links(frozen):
    dataset, _ = frozen
    sources = chart_sources(dataset, list(dataset.claims))
    assert sources[0].role == "originator"
    assert all(s.url == "" or s.url.startswith(("http://", "https://")) for s in sources)
    assert link_url("javascript:alert(1)") == ""
    assert link_url("https://example.org/a b)") == "https://example.org/a%20b%29"


def test_cite_text_names_title_as_of_link_and_access_date():
    import datetime as dt  # only this test needs dates

    text = cite_text(
        "Who relayed whom", "data as of week of 14 Oct 2024", "https://x/s", dt.date(2025, 1, 2)
    )
    assert text == (
        "“Who relayed whom”. NK Deployment Tracker, data as of week of 14 Oct 2024. "
        "https://x/s (accessed 2 Jan 2025)."
    )


def test_progress_bar():
    assert progress_bar(0, 4, width=8) == "[--------] 0/4"
    assert progress_bar(4, 4, width=8) == "[########] 4/4"


def test_export_writes_the_briefing_html_and_reports_each_file(frozen, tmp_path):
    dataset, _ = frozen
    seen: list[tuple[str, int, int]] = []
    result = export_all(
        dataset,
        Filters(),
        tmp_path,
        FROZEN,
        images=False,
        progress=lambda p, d, t: seen.append((p.name, d, t)),
    )
    html = (tmp_path / "nk-briefing.html").read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<script src=" not in html
    assert "North Korean troops for Russia: briefing" in html
    assert [name for name, _, _ in seen] == [p.name for p in result.written]
    assert seen[-1][1:] == (4, 4)


@pytest.fixture
def frozen_env(monkeypatch):
    monkeypatch.setenv("NKTRACKER_DATA", str(FROZEN))


@pytest.mark.parametrize(
    ("page", "cards"),
    [
        ("pages/estimates.py", 5),
        ("pages/sources.py", 1),
        ("pages/briefing.py", 2),
        # deployments, the 2024 sequence, claims per week, and the story view's small map
        ("pages/timeline.py", 4),
        ("pages/map.py", 1),  # the still map: its PNG and SVG are the page's only downloads
    ],
)
def test_every_chart_has_its_card(frozen_env, page, cards):
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    closed = [k for k in at.session_state.keys() if str(k).startswith("card-")]
    assert len(closed) == cards  # one card per chart, drawn only once opened
    assert not [b for b in at.get("download_button") if b.proto.label == "PNG"]
    for state in closed:  # the reader opens every card
        at.session_state[state] = True
    at.run()
    assert not at.exception, at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels.count("PNG") == cards and labels.count("SVG") == cards
    assert labels.count("CSV") == cards
    codes = [c.value for c in at.code if "NK Deployment Tracker" in c.value]
    assert len(codes) == cards and "accessed" in codes[0]
    drawn = [c.value for c in at.caption if "the ones this chart draws" in c.value]
    assert len(drawn) == cards
    assert all(int(c.split(" ", 1)[0].replace(",", "")) > 0 for c in drawn)  # Data tab filled
    links = [u for m in at.markdown for u in re.findall(r"\]\(<([^>]*)>\)", m.value)]
    assert links and all(u.startswith(("http://", "https://")) for u in links)


def test_claims_filter_reaches_the_card(frozen):
    dataset, _ = frozen
    claims = filter_claims(dataset, Filters(sources=("liga",)))
    (chart,) = estimate_charts(dataset, claims, Filters(sources=("liga",)))
    assert set(chart.claims) <= {c.id for c in claims} and len(chart.rows) == len(chart.claims)
