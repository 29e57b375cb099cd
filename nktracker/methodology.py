"""docs/data.md as HTML for the Methodology page: CommonMark (plus tables) with markdown-it-py,
raw HTML escaped, links only to http(s) addresses and places in the page, code unhighlighted.

Streamlit's own Markdown costs the browser about 90 ms to parse this 37 kB document and 124 ms
to load its syntax highlighter for the code fences; HTML made here once costs neither."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from nktracker.links import is_web_url

# Headings' ids carry a prefix: st.html's sanitiser (DOMPurify) drops an id that names a
# property of the document, such as "location", and the Location section would lose its anchor.
ANCHOR_PREFIX = "doc-"


class _Markdown(MarkdownIt):
    def validateLink(self, url: str) -> bool:  # markdown-it's hook, given the normalised URL
        """A link stays a link only when it goes to an http(s) address or to a place in the page;
        any other ([x](javascript:...), mailto:, a relative path) stays text."""
        return url.startswith("#") or is_web_url(url)


def _text(inline: Token) -> str:
    """The words of an inline token (a heading, a table cell), without their Markdown."""
    return "".join(child.content for child in inline.children or [])


def _table_open(
    renderer: RendererHTML, tokens: list[Token], idx: int, options: object, env: dict
) -> str:
    """A table inside a box that scrolls sideways when a phone is narrower than its columns; the
    box takes the keyboard focus (so it can be scrolled without a mouse) and is named, uniquely,
    by its section's heading and its column headings."""
    heads = [
        _text(t) for t in tokens[idx : _next(tokens, idx, "thead_close")] if t.type == "inline"
    ]
    opening = _last(tokens, idx, "heading_open")
    section = _text(tokens[opening + 1]) + ": " if opening >= 0 else ""
    name = section + ", ".join(heads)
    seen: Counter[str] = env.setdefault("table_names", Counter())
    seen[name] += 1
    if seen[name] > 1:
        name += f" ({seen[name]})"
    return (
        f'<div class="nk-table" role="region" tabindex="0" aria-label="{escapeHtml(name)}">\n'
        "<table>\n"
    )


def _next(tokens: list[Token], idx: int, kind: str) -> int:
    return next((i for i in range(idx, len(tokens)) if tokens[i].type == kind), len(tokens))


def _last(tokens: list[Token], idx: int, kind: str) -> int:
    return next((i for i in range(idx, -1, -1) if tokens[i].type == kind), -1)


def _table_close(*_: object) -> str:
    return "</table>\n</div>\n"


def _parser() -> MarkdownIt:
    # html: False escapes raw HTML; images are off: nothing is fetched, not even a picture.
    md = _Markdown("commonmark", {"html": False}).enable("table").disable("image")
    md.add_render_rule("table_open", _table_open)
    md.add_render_rule("table_close", _table_close)
    return md


def slug(text: str) -> str:
    """A heading's anchor as Streamlit and GitHub make it: "The rule for dates" ->
    "the-rule-for-dates"."""
    kept = re.sub(r"[^\w\- ]", "", text.strip().lower())
    return kept.replace(" ", "-")


def _anchor_headings(tokens: list[Token]) -> None:
    """Give every heading its slug, prefixed, as id (a repeated one gets -1, -2...), and point
    the document's links to its own sections (#article) at them."""
    seen: Counter[str] = Counter()
    for opening, inline in zip(tokens, tokens[1:], strict=False):
        if opening.type != "heading_open":
            continue
        base = slug(_text(inline))
        anchor = f"{base}-{seen[base]}" if seen[base] else base
        seen[base] += 1
        opening.attrSet("id", ANCHOR_PREFIX + anchor)
    for token in tokens:
        for child in token.children or []:
            href = child.attrGet("href") if child.type == "link_open" else None
            if isinstance(href, str) and href.startswith("#"):
                child.attrSet("href", "#" + ANCHOR_PREFIX + href[1:])


def markdown_html(text: str) -> str:
    """Markdown -> HTML by the rules above."""
    md = _parser()
    tokens = md.parse(text)
    _anchor_headings(tokens)
    return md.renderer.render(tokens, md.options, {})


@lru_cache(maxsize=8)
def _document_html(path: Path, mtime_ns: int, size: int) -> str:
    text = path.read_text("utf-8")
    # The first line is the document's title: the page shows its own.
    if text.startswith("# "):
        text = text.split("\n", 1)[1] if "\n" in text else ""
    return markdown_html(text)


def document_html(path: Path) -> str:
    """The Markdown file at `path` as HTML, without its "# " title line; made once per version
    of the file (its modification time and size), so a rerun of the page does no work."""
    stat = path.stat()
    return _document_html(path, stat.st_mtime_ns, stat.st_size)
