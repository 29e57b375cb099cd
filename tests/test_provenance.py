"""Originators, independence, contested claims and known-from dates, on a small made-up record
(written for these tests; the names only echo the shapes of real reporting chains)."""

from __future__ import annotations

import datetime as dt

import pytest

from nktracker.load import load_dataset
from nktracker.model import (
    Article,
    Background,
    Claim,
    Dataset,
    DateRef,
    Estimate,
    Originator,
    Quantity,
    Reference,
    Selector,
    Source,
)
from nktracker.provenance import (
    body_of,
    contest_index,
    contest_label,
    contested_by,
    corroboration,
    known_from,
    originator_of,
    resolve,
    support,
)

BG = Background(
    note="The outlet cites an intelligence source.",
    references=[Reference(title="A later report", url="https://example.org/report")],
)


def source(id: str, kind: str = "media", part_of: str | None = None) -> Source:
    return Source(id=id, name=id.replace("-", " ").title(), kind=kind, country="X", part_of=part_of)


def day(text: str) -> DateRef:
    return DateRef(date=text, precision="day")


def estimate(quantity: str, qualifier: str, low, high, best=None, words="w") -> Estimate:
    return Estimate(
        quantity=quantity,
        low=low,
        best=best,
        high=high,
        unit="people",
        qualifier=qualifier,
        words=words,
    )


def claim(id: str, sources: list[str], reported: str, **fields) -> Claim:
    base = dict(statement=id, quote=id, article="paper", stance="asserts", topic="personnel")
    return Claim(id=id, sources=sources, reported=day(reported), **{**base, **fields})


@pytest.fixture
def record() -> Dataset:
    sources = [
        source("paper"),
        source("post"),
        source("outlet"),
        source("agency", "intelligence"),
        source("agency-official", "anonymous", part_of="agency"),
        source("agency-sources", "anonymous", part_of="agency"),
        source("outlet-source", "anonymous", part_of="agency"),
        source("palace", "government"),
        source("spokesman", "official", part_of="palace"),
        source("someone", "anonymous"),
        source("loop-a", "anonymous", part_of="loop-b"),
        source("loop-b", "anonymous", part_of="loop-a"),
    ]
    quantities = [
        Quantity(
            id="in-country", label="In the country", unit="people", theatre="present", group="total"
        ),
        Quantity(id="sent", label="Sent", unit="people", theatre="present", group="total"),
        Quantity(id="unit-size", label="One unit", unit="people", theatre="present"),
    ]
    claims = [
        claim(
            "post-thousands",
            ["paper", "post", "agency-official"],
            "2024-10-08",
            estimate=estimate("in-country", "thousands", 2000, 9999),
        ),
        claim(
            "paper-thousands",
            ["paper", "agency-sources"],
            "2024-10-09",
            estimate=estimate("in-country", "thousands", 2000, 9999),
        ),
        claim(
            "outlet-up-to",
            ["paper", "outlet"],
            "2024-10-15",
            estimate=estimate("unit-size", "up-to", None, 3000),
            originator=Originator(source="outlet-source", background=BG),
        ),
        claim(
            "ten-thousand",
            ["paper", "someone"],
            "2024-10-15",
            estimate=estimate("sent", "exact", 10000, 10000, 10000),
        ),
        claim(
            "denial",
            ["paper", "spokesman"],
            "2024-10-10",
            stance="denies",
            topic="denial",
            answers=["post-thousands"],
            answers_where=Selector(quantity_groups=["total"], quantities=["unit-size"]),
        ),
        claim("treaty", ["paper"], "2024-10-14", topic="treaty"),
    ]
    article = Article(
        id="paper",
        file="paper.txt",
        outlet="paper",
        published=DateRef(date="2024-10-14", precision="week"),
        archived="2026-11-29",
    )
    return Dataset(
        articles={"paper": article},
        sources={s.id: s for s in sources},
        quantities={q.id: q for q in quantities},
        claims={c.id: c for c in claims},
    )


def test_a_source_counts_as_the_body_it_belongs_to(record):
    assert body_of(record, "agency-official") == "agency"
    assert body_of(record, "spokesman") == "palace"
    assert body_of(record, "someone") == "someone"
    assert body_of(record, "undefined-id") == "undefined-id"
    assert body_of(record, "loop-a") in {"loop-a", "loop-b"}  # a loop stops, never hangs


def test_the_originator_is_the_last_link_or_the_outlets_own_source(record):
    assert originator_of(record, record.claims["post-thousands"]) == "agency"
    assert originator_of(record, record.claims["outlet-up-to"]) == "agency"
    assert originator_of(record, record.claims["ten-thousand"]) == "someone"


def test_an_unnamed_report_adds_no_independence_beside_a_named_one(record):
    # "Someone" (anonymous) says 10,000; make a named agency claim overlap it
    named = record.claims["post-thousands"].model_copy(
        update={"id": "named-ten", "estimate": estimate("sent", "about", 9000, 11000, 10000)}
    )
    record.claims["named-ten"] = named
    assert corroboration(record, record.claims["ten-thousand"]) == 1
    other = named.model_copy(update={"id": "palace-ten", "sources": ["paper", "spokesman"]})
    record.claims["palace-ten"] = other
    assert corroboration(record, record.claims["ten-thousand"]) == 2  # Agency and Palace


def test_claims_corroborate_only_with_different_originators(record):
    # two outlets, one agency behind both: one originator
    assert corroboration(record, record.claims["post-thousands"]) == 1
    # 10,000 and "thousands" measure one total but do not overlap (2,000-9,999)
    assert corroboration(record, record.claims["ten-thousand"]) == 1
    assert corroboration(record, record.claims["treaty"]) == 0  # no number


def test_support_says_how_many_reports_and_originators(record):
    both = [record.claims["post-thousands"], record.claims["paper-thousands"]]
    assert support(record, both).text() == "2 reports, 1 originator: Agency"
    mixed = [record.claims["post-thousands"], record.claims["ten-thousand"]]
    assert support(record, mixed).text() == (
        "2 reports, 1 originator: Agency, and 1 unnamed report"
    )
    assert support(record, [record.claims["ten-thousand"]]).text() == "1 originator, unnamed"


def test_a_denial_contests_named_and_selected_claims_before_and_after_it(record):
    index = contest_index(record)
    assert index["post-thousands"] == ["denial"]  # named, reported before the denial
    assert index["ten-thousand"] == ["denial"]  # its group, reported after
    assert index["outlet-up-to"] == ["denial"]  # its quantity
    assert "treaty" not in index and "denial" not in index
    label = contest_label(record, index["ten-thousand"])
    assert label == "contested: Palace, 10 Oct 2024"  # the day it was said


def test_known_from_is_the_later_of_reported_and_published(record):
    assert known_from(record, record.claims["denial"]) == dt.date(2024, 10, 14)
    assert known_from(record, record.claims["ten-thousand"]) == dt.date(2024, 10, 15)


def test_as_known_on_a_day_later_denials_do_not_contest_yet(record):
    claim_ = record.claims["post-thousands"]
    assert contested_by(record, claim_, as_of=dt.date(2024, 10, 13)) == []
    assert contested_by(record, claim_, as_of=dt.date(2024, 10, 14)) == ["denial"]


def test_resolve_gives_every_field_the_exports_carry(record):
    resolved = resolve(record, list(record.claims.values()))
    assert resolved["outlet-up-to"].originator == "agency"
    assert resolved["outlet-up-to"].contested_by == ("denial",)
    assert resolved["ten-thousand"].known_from == dt.date(2024, 10, 15)


def test_the_kremlin_contests_every_north_korean_personnel_estimate(frozen):
    """On the frozen curation: every estimate of North Korean personnel in the present theatre
    is contested by the Kremlin's denial, and LIGA.net's figures trace to military intelligence."""
    dataset, _ = frozen
    index = contest_index(dataset)
    personnel = [
        c
        for c in dataset.claims.values()
        if c.estimate
        and c.estimate.unit == "people"
        and dataset.quantities[c.estimate.quantity].theatre == "present"
        and "North Korea" in dataset.quantities[c.estimate.quantity].label
    ]
    assert len(personnel) >= 6
    assert all("peskov-hoax" in index.get(c.id, []) for c in personnel)
    assert contest_label(dataset, ["peskov-hoax"]) == "contested: The Kremlin, 10 Oct 2024"
    liga = [c for c in dataset.claims.values() if c.said_by == "liga"]
    assert liga and {originator_of(dataset, c) for c in liga} == {"ukraine-military-intelligence"}


def test_a_contest_label_names_three_denials_and_counts_the_rest(frozen_copy):
    import yaml  # this test writes a data folder

    path = frozen_copy / "claims.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    denial = next(c for c in data["claims"] if c["id"] == "peskov-hoax")
    for day in range(1, 7):
        copy = {**denial, "id": f"peskov-hoax-{day}"}
        copy["reported"] = {**denial["reported"], "date": f"2024-10-0{day}"}
        data["claims"].append(copy)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    dataset, _ = load_dataset(frozen_copy)
    ids = ["peskov-hoax", *(f"peskov-hoax-{d}" for d in range(1, 7)), "peskov-hoax-1"]
    label = contest_label(dataset, ids)
    assert label.startswith("contested: The Kremlin, 10 Oct 2024; The Kremlin, 1 Oct 2024")
    assert label.count("The Kremlin") == 3 and label.endswith("; and 4 more")
