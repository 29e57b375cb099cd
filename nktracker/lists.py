"""Short lists the Overview reads as text: the other reported quantities and the newest claims.

Every value goes through labels.markdown_literal, so a whole list is one Markdown element that
shows the data as written: nothing cut at any width, and far lighter for the browser than a data
grid (a grid costs a page load about 120-160 ms in Chromium; benchmarks/RESULTS.md). Lists are
bounded: past MAX_ITEMS they say how many more there are and where to find them.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from nktracker.estimates import Headline, headline_text
from nktracker.labels import markdown_literal, sentence_case
from nktracker.model import Dataset

MAX_ITEMS = 12


def quantity_items(
    dataset: Dataset, headlines: list[Headline], as_of: dt.date | None = None
) -> list[str]:
    """One item per quantity: its name, the sources' words, what contests it, then its floor
    and ceiling with who stands behind them, and the rule's range and claim count last."""
    items = []
    for h in headlines[:MAX_ITEMS]:
        text = headline_text(dataset, h, as_of)
        first = f"**{markdown_literal(h.label)}**: {markdown_literal(text.value)}"
        if text.contested:
            first += f" · ⚠ {markdown_literal(text.contested)}"
        lines = [first]
        for line in (text.floor, text.ceiling):
            if line:
                lines.append(markdown_literal(sentence_case(line)))
        claims = f"{h.n_claims} claim" + ("" if h.n_claims == 1 else "s")
        lines.append(f"By the rule: {markdown_literal(h.text())} · {claims}")
        items.append("  \n".join(lines))
    return items


def claim_items(frame: pd.DataFrame) -> list[str]:
    """One item per claim row of tables.claims_frame: when, the statement, who said it and who
    relayed it, and the stance."""
    items = []
    for row in frame.head(MAX_ITEMS).itertuples(index=False):
        reported, statement = str(row.reported), str(row.statement)
        chain, stance = str(row.chain), str(row.stance)
        items.append(
            f"**{markdown_literal(reported)}** · {markdown_literal(statement)}  \n"
            f"{markdown_literal(chain)} · {markdown_literal(stance)}"
        )
    return items


def markdown_list(items: list[str], total: int, more: str) -> str:
    """The items as a Markdown list; when `total` exceeds them, a last line counts the rest
    and says where they are (`more`, e.g. 'on the Estimates page')."""
    text = "\n".join(f"- {item}" for item in items)
    if total > len(items):
        text += f"\n\n…and {total - len(items):,} more {more}."
    return text


def originator_items(frame: pd.DataFrame) -> list[str]:
    """One item per originator of tables.outlets_frame (its order: the originators behind the
    most outlets first): the body, how many outlets relayed it, and each outlet's claims."""
    items = []
    for originator, part in list(frame.groupby("originator", sort=False))[:MAX_ITEMS]:
        unnamed = " (unnamed)" if bool(part["unnamed"].iloc[0]) else ""
        outlets = part["outlet"].nunique()
        relays = []
        for row in part.to_dict("records"):
            claims, numbers = int(row["claims"]), int(row["with a number"])
            said = f"{claims} claim" + ("" if claims == 1 else "s")
            if numbers:
                said += f", {numbers} with a number"
            relays.append(f"{markdown_literal(str(row['outlet']))} ({said})")
        head = f"**{markdown_literal(str(originator))}**{unnamed}"
        by = "1 outlet" if outlets == 1 else f"{outlets} outlets, one source"
        items.append(f"{head} · {by}: " + "; ".join(relays))
    return items
