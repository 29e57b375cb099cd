"""The Methodology page's document as HTML: CommonMark with tables, raw HTML escaped, only
http(s) and in-page links, made once per version of the file. The Markdown here is written for
the tests."""

from __future__ import annotations

import os
import re

from conftest import REPO
from nktracker.methodology import document_html, markdown_html

# Written for the tests: a title, a fence, raw HTML, a table, links good and bad.
SAMPLE = """# The title the page replaces

Some text with `inline code`.

## A section

```yaml
id: example-2024-01-01  # <b>not bold</b>
```

<script>alert("raw HTML")</script>

| field | meaning |
| --- | --- |
| `id` | a slug |

[the rules](https://example.org/rules) and [the section](#a-section)
[bad](javascript:alert(1)) [worse](JavaScript:alert(1)) [relative](docs/data.md)
![a picture](https://example.org/picture.png)
"""


def write(tmp_path, text: str = SAMPLE):
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_title_line_gives_way_to_the_page_title(tmp_path):
    html = document_html(write(tmp_path))
    assert "The title the page replaces" not in html
    assert "<h1" not in html
    assert html.startswith("<p>Some text with <code>inline code</code>.</p>")


def test_a_fence_becomes_plain_pre_code_with_its_html_escaped(tmp_path):
    html = document_html(write(tmp_path))
    assert re.search(r"<pre><code[^>]*>id: example-2024-01-01  # &lt;b&gt;not bold", html)
    assert "<b>" not in html


def test_raw_html_is_escaped_never_passed_through(tmp_path):
    html = document_html(write(tmp_path))
    assert "&lt;script&gt;" in html
    assert "<script" not in html


def test_a_pipe_table_becomes_a_table_in_a_named_focusable_box(tmp_path):
    html = document_html(write(tmp_path))
    assert "<table>" in html
    assert "<th>field</th>" in html
    assert "<td><code>id</code></td>" in html
    assert (
        '<div class="nk-table" role="region" tabindex="0" aria-label="A section: field, meaning">'
        in html
    )


def test_only_https_and_in_page_links_stay_links(tmp_path):
    html = document_html(write(tmp_path))
    assert '<a href="https://example.org/rules">the rules</a>' in html
    assert '<a href="#doc-a-section">the section</a>' in html
    assert '<h2 id="doc-a-section">A section</h2>' in html
    assert not re.search(r"href=\"(?i:javascript)", html)
    assert "[bad](javascript:alert(1)) [worse](JavaScript:alert(1))" in html  # text, as written
    assert 'href="docs/data.md"' not in html
    assert "<img" not in html  # nothing is fetched, not even a picture


def test_headings_keep_their_levels_and_repeated_ones_get_distinct_ids():
    html = markdown_html("## Location\n\n### Location\n\n## Hedges, and more!\n")
    assert '<h2 id="doc-location">Location</h2>' in html
    assert '<h3 id="doc-location-1">Location</h3>' in html
    assert '<h2 id="doc-hedges-and-more">Hedges, and more!</h2>' in html


def test_the_html_is_made_once_per_version_of_the_file(tmp_path):
    path = write(tmp_path)
    first = document_html(path)
    assert document_html(path) is first  # a rerun does no work
    path.write_text(SAMPLE + "\nA new paragraph.\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    second = document_html(path)
    assert second is not first
    assert "<p>A new paragraph.</p>" in second


def test_the_shipped_document_converts_with_every_heading_in_order():
    html = document_html(REPO / "docs" / "data.md")
    levels = [int(level) for level in re.findall(r"<h([1-6])", html)]
    assert levels and min(levels) == 2  # the page's own title is the one h1
    assert all(b - a <= 1 for a, b in zip([1, *levels], levels, strict=False))
    assert "Two principles govern curation" in html
    # every in-page link lands on a heading of the document
    ids = set(re.findall(r'<h[1-6] id="([^"]+)"', html))
    targets = set(re.findall(r'href="#([^"]+)"', html))
    assert targets and targets <= ids
