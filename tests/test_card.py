"""Issue 13: the chart card, split estimate axes, single-row layout, key-date rows, exports."""

from __future__ import annotations

import re
from urllib.parse import urlencode

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


# The Estimates page draws one tab at a time (the URL names it): a range chart per quantity,
# then how the estimate moved; its claims tab has no chart.
ESTIMATE_CHART_VIEWS = [
    {"estimates-view": view}
    for view in [
        "North Korean personnel",
        "Russian losses",
        "Shares",
        "Historical contingents",
        "How the estimate moved",
    ]
]

# The Timeline draws one tab at a time too, a chart each
TIMELINE_VIEWS = [
    {"timeline-view": view}
    for view in ["Since 1960", "Story", "2024 day by day", "Claims per week"]
]


@pytest.mark.parametrize(
    ("page", "views", "cards"),
    [
        ("pages/estimates.py", ESTIMATE_CHART_VIEWS, 5),
        ("pages/sources.py", [{}], 1),
        ("pages/briefing.py", [{}], 2),
        # deployments, the story view's small map, the 2024 sequence, claims per week: a tab each
        ("pages/timeline.py", TIMELINE_VIEWS, 4),
        ("pages/map.py", [{}], 1),  # the still map: its PNG and SVG are the page's only downloads
    ],
)
def test_every_chart_has_its_card(frozen_env, page, views, cards):
    found = [chart_cards(page, params) for params in views]
    assert all(found)  # every view (a tab the URL opens) with a chart has its card
    assert len({key for keys in found for key in keys}) == cards  # one card per chart


def chart_cards(page: str, params: dict[str, str]) -> list[str]:
    """Open the page with the URL parameters `params` (the tab to open), then every card on
    it, drawn only once opened; the cards' state keys."""
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    closed = [str(k) for k in at.session_state.keys() if str(k).startswith("card-")]
    cards = len(closed)
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
    for key in params:  # the cited link opens the tab that drew the chart (Streamlit drops
        if key in at.query_params:  # the default tab from the URL: the link needs none)
            shown = urlencode({key: at.query_params[key]})
            assert all(shown in code for code in codes), (shown, codes)
    drawn = [c.value for c in at.caption if "the ones this chart draws" in c.value]
    assert len(drawn) == cards
    assert all(int(c.split(" ", 1)[0].replace(",", "")) > 0 for c in drawn)  # Data tab filled
    links = [u for m in at.markdown for u in re.findall(r"\]\(<([^>]*)>\)", m.value)]
    assert links and all(u.startswith(("http://", "https://")) for u in links)
    return closed


def test_claims_filter_reaches_the_card(frozen):
    dataset, _ = frozen
    claims = filter_claims(dataset, Filters(sources=("liga",)))
    (chart,) = estimate_charts(dataset, claims, Filters(sources=("liga",)))
    assert set(chart.claims) <= {c.id for c in claims} and len(chart.rows) == len(chart.claims)
