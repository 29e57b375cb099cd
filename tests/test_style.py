"""One palette in several forms, escaping for plotly labels, and the figure frame."""

from __future__ import annotations

import plotly.graph_objects as go

from nktracker.style import (
    KIND_COLORS,
    UNKNOWN_COLOR,
    color,
    css_rgba,
    escape,
    frame_figure,
    rgb,
    rgba,
)


def test_one_colour_in_every_form():
    assert rgb("#0072B2") == [0, 114, 178]
    assert rgba("#0072B2", 0.5) == [0, 114, 178, 128]
    assert css_rgba("#0072B2", 0.5) == "rgba(0,114,178,0.50)"


def test_a_key_the_palette_lacks_gets_the_neutral_colour():
    assert color(KIND_COLORS, "media") == KIND_COLORS["media"]
    assert color(KIND_COLORS, "unknown") == UNKNOWN_COLOR


def test_escape_keeps_quotes_and_escapes_markup():
    assert escape('<b>"x"</b> & y') == '&lt;b&gt;"x"&lt;/b&gt; &amp; y'


def test_frame_puts_title_filters_and_sources_in_the_figure():
    fig = frame_figure(go.Figure(), "Title <i>", "region: Kursk", "Sources: A; as of B.", 400)
    assert "Title &lt;i&gt;" in fig.layout.title.text and "region: Kursk" in fig.layout.title.text
    assert fig.layout.annotations[-1].text == "Sources: A; as of B."
    assert fig.layout.height == 400


def test_screen_spec_takes_the_frame_and_legend_out_of_a_framed_figure():
    import plotly.graph_objects as go  # this test builds a figure

    from nktracker.style import FOOTER_NAME, frame_figure, legend_html, screen_spec

    fig = go.Figure(
        [
            go.Scatter(
                x=[1],
                y=[1],
                mode="markers",
                name="report: <b>denies</b>",
                marker=dict(symbol="diamond", color="#D55E00"),
            ),
            go.Scatter(
                x=[1],
                y=[2],
                mode="markers",
                name="background",
                marker=dict(symbol="diamond-open", color="#111", line=dict(width=2)),
            ),
            go.Bar(x=[1], y=[3], name="event", marker=dict(color="red")),
        ]
    )
    framed = frame_figure(fig, "A title", "all claims", "Sources: A and B", 600)
    raw = framed.to_dict()
    raw["data"][2]["marker"]["color"] = "red; background:url(x)"  # as a hostile spec could
    spec, frame, legend = screen_spec(raw)
    assert frame == {"title": "A title", "subtitle": "all claims", "footer": "Sources: A and B"}
    layout = spec["layout"]
    assert layout["title"]["text"] == "" and layout["showlegend"] is False
    assert not [a for a in layout["annotations"] if a.get("name") == FOOTER_NAME]
    assert layout["height"] < 600 and layout["margin"]["t"] < 125
    assert [(i.name, i.glyph) for i in legend] == [
        ("report: <b>denies</b>", "◆"),
        ("background", "◇"),
        ("event", "■"),
    ]
    html = legend_html(legend)
    assert "&lt;b&gt;denies" in html and "<b>denies" not in html  # names are text
    assert "url(x)" not in html  # a colour that is not a colour is not written
    unframed = go.Figure().to_dict()
    assert screen_spec(unframed) == (unframed, None, [])
