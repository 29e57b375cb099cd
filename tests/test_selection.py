"""The linked map–timeline selection: URL codec, applying it to claims, and when it lapses."""

from __future__ import annotations

import datetime as dt

import pytest

from nktracker.selection import (
    Selection,
    apply_selection,
    describe_selection,
    parse_span,
    selection_heading,
    span_of,
    still_applies,
)

OCT_7, OCT_13 = dt.date(2024, 10, 7), dt.date(2024, 10, 13)


@pytest.fixture(scope="module")
def dataset(frozen):
    return frozen[0]


@pytest.fixture(scope="module")
def claims(dataset):
    return list(dataset.claims.values())


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("2024-10-07..2024-10-13", (OCT_7, OCT_13)),
        ("2024-10-13..2024-10-07", (OCT_7, OCT_13)),  # reversed: put in order
        ("2024-10-07", None),
        ("2024-10-07..tomorrow", None),
        ("..", None),
    ],
)
def test_parse_span(text, span):
    assert parse_span(text) == span


def test_url_round_trip_and_notes_on_bad_values(dataset):
    selection = Selection(("sudzha",), (OCT_7, OCT_13))
    assert selection.to_params() == {"place": ["sudzha"], "span": ["2024-10-07..2024-10-13"]}
    back, notes = Selection.from_params(selection.to_params(), dataset)
    assert back == selection and notes == []
    odd, notes = Selection.from_params({"place": ["atlantis", "sudzha"], "span": ["x"]}, dataset)
    assert odd == Selection(("sudzha",))
    assert notes == [
        "place: unknown place 'atlantis'",
        "span: expected YYYY-MM-DD..YYYY-MM-DD (got 'x')",
    ]
    assert Selection().to_params() == {} and not Selection()


def test_places_and_span_narrow_the_claims(dataset, claims):
    at_sudzha = apply_selection(Selection(("sudzha",)), dataset, claims)
    assert at_sudzha and all("sudzha" in c.locations for c in at_sudzha)
    russia = dataset.deployments["russia-2024"]
    on_russia = apply_selection(Selection(("russia-2024",)), dataset, claims)
    assert {c.id for c in on_russia} == set(russia.claims)
    span = (dt.date(2024, 10, 10), dt.date(2024, 10, 10))
    on_the_day = apply_selection(Selection(span=span), dataset, claims)
    assert "peskov-hoax" in {c.id for c in on_the_day}
    assert len(on_the_day) < len(claims)
    both = apply_selection(Selection(("sudzha",), span), dataset, claims)
    assert {c.id for c in both} == {c.id for c in at_sudzha} & {c.id for c in on_the_day}


def test_a_selection_lapses_when_the_filters_leave_it_no_claim(dataset, claims):
    selection = Selection(("sudzha",), (dt.date(2024, 10, 10), dt.date(2024, 10, 10)))
    assert still_applies(Selection(("sudzha",)), dataset, claims) == Selection(("sudzha",))
    assert still_applies(selection, dataset, []) == Selection()
    denial = [dataset.claims["peskov-hoax"]]
    # the span still holds the denial; Sudzha has no claim left, so only the span stays...
    assert still_applies(Selection(span=selection.span), dataset, denial) == Selection(
        span=selection.span
    )
    # ...and a pick whose parts each hold claims but never the same one lapses whole
    apart = Selection(("sudzha",), selection.span)
    sudzha = apply_selection(Selection(("sudzha",)), dataset, claims)
    if not apply_selection(apart, dataset, [*denial, *sudzha]):
        assert still_applies(apart, dataset, [*denial, *sudzha]) == Selection()


def test_span_of_covers_every_mark():
    assert span_of([("2024-10-10", "2024-10-10"), ("2024-10-07", "2024-10-13")]) == (
        OCT_7,
        OCT_13,
    )
    assert span_of([]) is None


def test_words_for_the_chip_and_the_heading(dataset):
    selection = Selection(("sudzha",), (OCT_7, OCT_13))
    assert describe_selection(selection, dataset) == (
        "Places: Sudzha · Dates: 7 Oct 2024 – 13 Oct 2024"
    )
    assert selection_heading(Selection(("sudzha",)), dataset) == "Claims at Sudzha"
    assert selection_heading(Selection(("angola",)), dataset) == "Claims on Angola"
    assert selection_heading(Selection(), dataset).startswith("Claims with a place")
