"""The Overview's and Sources page's short lists (nktracker/lists.py): bounded, complete where
they are short, and every value shown as written (Markdown-escaped)."""

from __future__ import annotations

import re

import pandas as pd

from nktracker import lists
from nktracker.estimates import quantity_headlines
from nktracker.tables import claims_frame, newest_claims, outlets_frame


def plain(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def test_every_other_quantity_is_an_item_with_its_words_bounds_and_rule(frozen):
    dataset, _ = frozen
    claims = list(dataset.claims.values())
    headlines = quantity_headlines(dataset, claims)
    items = lists.quantity_items(dataset, headlines)
    assert len(items) == min(len(headlines), lists.MAX_ITEMS) > 1
    for item, headline in zip(items, headlines[: len(items)], strict=True):
        assert plain(item).startswith(f"**{headline.label}**: ")
        assert f"By the rule: {headline.text()}" in plain(item)
        assert re.search(r"· \d+ claims?$", item)


def test_lists_past_their_bound_say_how_many_more_and_where():
    items = [f"item {i}" for i in range(3)]
    text = lists.markdown_list(items, 1_203, "on the Estimates page")
    assert text.splitlines()[:3] == ["- item 0", "- item 1", "- item 2"]
    assert text.endswith("…and 1,200 more on the Estimates page.")
    assert "more" not in lists.markdown_list(items, 3, "anywhere")


def test_newest_claims_show_when_what_who_and_stance(frozen):
    dataset, _ = frozen
    frame = claims_frame(dataset, newest_claims(list(dataset.claims.values()), 8))
    items = lists.claim_items(frame)
    assert len(items) == len(frame) == 8
    for item, row in zip(items, frame.itertuples(), strict=True):
        text = plain(item)
        assert text.startswith(f"**{row.reported}** · {row.statement}")
        assert text.endswith(f"{row.chain} · {row.stance}")


def test_list_items_show_markdown_and_links_as_text():
    """A statement written by the team for this test, with Markdown a reader must see as is."""
    frame = pd.DataFrame(
        [
            {
                "reported": "1 Nov 2024",
                "statement": "*Bold* [click](javascript:alert(1)) <b>x</b> $1 _u_",
                "chain": "A `code` source",
                "stance": "asserts",
            }
        ]
    )
    (item,) = lists.claim_items(frame)
    statement = item.split(" · ", 1)[1].split("  \n")[0]
    unescaped = re.findall(r"(?<!\\)[*\[\]()<>$_`]", statement)
    assert not unescaped, statement  # every character Markdown could act on is escaped
    assert plain(item).startswith("**1 Nov 2024** · *Bold* [click](javascript:alert(1))")


def test_originators_group_their_outlets_and_count_them_once(frozen):
    dataset, _ = frozen
    frame = outlets_frame(dataset, list(dataset.claims.values()))
    items = lists.originator_items(frame)
    assert len(items) == min(frame["originator"].nunique(), lists.MAX_ITEMS)
    first = frame["originator"].iloc[0]  # outlets_frame puts the most relayed first
    outlets = frame.loc[frame["originator"] == first, "outlet"].nunique()
    assert plain(items[0]).startswith(f"**{first}**")
    if outlets > 1:
        assert f"· {outlets} outlets, one source: " in plain(items[0])
    for row in frame[frame["originator"] == first].itertuples():
        assert row.outlet in plain(items[0])
