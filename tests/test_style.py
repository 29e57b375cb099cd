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
