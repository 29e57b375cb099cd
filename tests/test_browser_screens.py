"""Every page at desktop, slide and phone size: a full-page PNG in test-artifacts/, and no
known overlap in its charts (annotations on each other, text outside its chart, the modebar
on the title, a legend on the title or the notes, a note on the axis labels)."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

import pytest

from browser_support import ARTIFACTS

PAGES = ["/", "/estimates", "/map", "/timeline", "/sources", "/claims", "/briefing", "/methodology"]
# the Estimates page draws only its open tab: the others, opened by the URL, after the pages
PAGES += [
    f"/estimates?estimates-view={view}"
    for view in [
        "Russian+losses",
        "Shares",
        "Historical+contingents",
        "How+the+estimate+moved",
        "The+claims",
    ]
]
# ... and so does the Timeline (its first tab, "Since 1960", is /timeline above)
PAGES += [
    f"/timeline?timeline-view={view}" for view in ["Story", "2024+day+by+day", "Claims+per+week"]
]
SIZES = [(1440, 900), (1600, 900), (390, 844)]  # desktop, a 16:9 slide, a phone
TOLERANCE = 1  # px: boxes that touch within this do not count as overlapping

# Boxes of every plotly chart on the page, in page pixels: the chart (.main-svg), its title,
# its legend, the modebar, its non-empty annotations, the x-axis tick labels and the Sankey's
# node labels. Judged in Python, so a failure can name the texts.
BOXES_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot => {
    const box = el => { const r = el.getBoundingClientRect();
        return [r.left, r.top, r.right, r.bottom]; };
    const shown = el => { const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0; };
    const text = el => { const lines = [...el.querySelectorAll('tspan.line')];
        const raw = lines.length ? lines.map(l => l.textContent).join(' ') : el.textContent;
        return (raw || '').replace(/\\s+/g, ' ').trim(); };
    const item = el => ({text: text(el), box: box(el)});
    const all = sel => [...plot.querySelectorAll(sel)].filter(shown).map(item)
        .filter(i => i.text);
    const title = plot.querySelector('.gtitle');
    const legend = plot.querySelector('g.legend');
    const modebar = plot.querySelector('.modebar');
    return {
        chart: box(plot.querySelector('.main-svg')),
        title: title && shown(title) ? item(title) : null,
        legend: legend && shown(legend) ? item(legend) : null,
        modebar: modebar && shown(modebar) ? box(modebar) : null,
        notes: all('g.annotation'),
        ticks: all('.xaxislayer-above .xtick text, .g-xtitle'),
        nodes: all('.sankey .node-label'),
    };
})"""


def meet(a: list[float], b: list[float]) -> bool:
    """Two boxes [left, top, right, bottom] overlap by more than the tolerance."""
    return (
        min(a[2], b[2]) - max(a[0], b[0]) > TOLERANCE
        and min(a[3], b[3]) - max(a[1], b[1]) > TOLERANCE
    )


def outside(inner: list[float], outer: list[float]) -> bool:
    return (
        inner[0] < outer[0] - TOLERANCE
        or inner[1] < outer[1] - TOLERANCE
        or inner[2] > outer[2] + TOLERANCE
        or inner[3] > outer[3] + TOLERANCE
    )


def short(text: str) -> str:
    return repr(text if len(text) <= 70 else text[:69] + "…")


def chart_overlaps(chart: dict) -> list[str]:
    """Each known overlap in one chart, as 'what: text, text'."""
    found: list[str] = []
    notes, title, legend = chart["notes"], chart["title"], chart["legend"]
    for i, a in enumerate(notes):
        for b in notes[i + 1 :]:
            if meet(a["box"], b["box"]):
                found.append(f"annotations meet: {short(a['text'])} and {short(b['text'])}")
    texts = [("annotation", n) for n in notes] + [("label", n) for n in chart["nodes"]]
    texts += [("legend", legend)] if legend else []
    texts += [("title", title)] if title else []
    for kind, t in texts:
        if outside(t["box"], chart["chart"]):
            found.append(f"{kind} outside the chart: {short(t['text'])} {t['box']}")
    if title and chart["modebar"] and meet(title["box"], chart["modebar"]):
        found.append(f"modebar on the title: {short(title['text'])}")
    if legend:
        for kind, t in [("title", title)] if title else []:
            if meet(legend["box"], t["box"]):
                found.append(
                    f"legend on the {kind}: {short(legend['text'])} and {short(t['text'])}"
                )
        for n in notes:
            if meet(legend["box"], n["box"]):
                found.append(f"legend on a note: {short(legend['text'])} and {short(n['text'])}")
    for n in notes:
        for tick in chart["ticks"]:
            if meet(n["box"], tick["box"]):
                found.append(f"note on an axis label: {short(n['text'])} and {short(tick['text'])}")
                break
    return found


def shot_path(path: str, width: int, height: int):
    # '/estimates?estimates-view=The+claims' -> 'estimates-the-claims'
    name = re.sub(r"\W+", "-", re.sub(r"\?[^=]*=", "-", path.strip("/")).lower())
    return ARTIFACTS / f"screen-{name or 'overview'}-{width}x{height}.png"


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_page_is_drawn_without_known_overlaps(session, width, height):
    s = session(width, height)
    problems: list[str] = []
    for path in PAGES:
        page = s.open(path)
        if path == "/map":
            page.wait_for_selector("canvas", timeout=30_000)
        for key, view in parse_qsl(urlsplit(path).query):  # the tab the URL names is open
            tab = page.locator(f'.st-key-{key} [role="tab"][aria-selected="true"]').inner_text()
            problems += [] if tab == view else [f"{path}: the tab open is {tab!r}, not {view!r}"]
        for chart in page.evaluate(BOXES_JS):
            name = chart["title"]["text"] if chart["title"] else "(untitled chart)"
            problems += [
                f"{path} at {width}x{height}, {short(name)}: {p}" for p in chart_overlaps(chart)
            ]
        # Streamlit scrolls inside its own container: grow the viewport for a whole-page shot.
        tall = page.evaluate(
            "() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight"
        )
        page.set_viewport_size({"width": width, "height": max(height, min(int(tall), 8000))})
        page.wait_for_timeout(300)
        page.screenshot(path=str(shot_path(path, width, height)))
        page.set_viewport_size({"width": width, "height": height})
    assert s.external == []
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_briefing_fits_a_slide_with_the_sidebar_collapsed(session):
    s = session(1600, 900)
    page = s.open("/briefing")
    page.hover('[data-testid="stSidebar"]')  # the collapse button shows on hover
    page.locator('[data-testid="stSidebarCollapseButton"] button').click()
    page.wait_for_timeout(1200)  # the sidebar slides away and the charts take the width
    page.screenshot(path=str(ARTIFACTS / "screen-briefing-1600x900-slide.png"))
    scroll, client = page.evaluate(
        """() => { const m = document.querySelector('[data-testid="stMain"]');
                   return [m.scrollHeight, m.clientHeight]; }"""
    )
    assert scroll <= client, f"the briefing is {scroll - client} px too tall for 1600x900"
