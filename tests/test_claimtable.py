"""The Claims page's table: who, when and stance first, the id last, readable names, links that
are http(s) only, and the search hit."""

from __future__ import annotations

import dataclasses

import pytest

from nktracker.claimtable import (
    HIT_COLUMN,
    LABELS,
    claims_table,
    column_label,
    link_columns,
)
from nktracker.tables import CLAIM_COLUMNS, claims_frame


@pytest.fixture(scope="module")
def dataset(frozen):
    ds, problems = frozen
    assert not problems
    return ds


def table(dataset, text: str = "", claims=None):
    claims = list(dataset.claims.values()) if claims is None else claims
    return claims_table(dataset, claims, claims_frame(dataset, claims), text)


def test_who_when_and_stance_come_first_and_the_id_last(dataset):
    columns = list(table(dataset).columns)
    assert columns[:4] == ["said_by", "reported", "stance", "statement"]
    assert columns[-1] == "id"
    assert set(CLAIM_COLUMNS) <= set(columns)  # every field is still there


def test_a_search_adds_where_it_hit_after_the_stance(dataset):
    frame = table(dataset, "Zelenskyy")
    assert list(frame.columns)[:5] == ["said_by", "reported", "stance", HIT_COLUMN, "statement"]
    hits = [h for h in frame[HIT_COLUMN] if "«Zelensky»" in h]
    assert hits and all(h.split(": ")[0] in {"statement", "quote", "note"} for h in hits)
    assert HIT_COLUMN not in table(dataset)


def test_every_column_has_a_readable_name(dataset):
    for column in table(dataset, "hoax").columns:
        label = column_label(column)
        assert label != column and "_" not in label, column
    assert LABELS["said_by"] == "Said by"


def test_links_are_http_or_empty_and_follow_the_chain(dataset):
    frame = table(dataset)
    links = link_columns(frame)
    assert links[0] == "article_url" and "source_url_1" in links
    for column in links:
        assert all(v == "" or v.startswith(("http://", "https://")) for v in frame[column])
    liga = frame[frame["id"] == "liga-battalion-size"].iloc[0]
    assert liga["source_url_1"] == "https://www.liga.net"  # the originator first
    assert liga["source_url_2"] == "https://www.twz.com"


def test_a_javascript_url_never_becomes_a_link(dataset):
    liga = dataset.sources["liga"].model_copy(update={"url": "javascript:alert(1)"})
    evil = dataclasses.replace(dataset, sources={**dataset.sources, "liga": liga})
    frame = table(evil)
    assert "javascript" not in " ".join(frame["source_url_1"])


def test_no_claims_make_an_empty_table_with_the_columns(dataset):
    frame = table(dataset, "x", claims=[])
    assert len(frame) == 0 and list(frame.columns)[:3] == ["said_by", "reported", "stance"]
