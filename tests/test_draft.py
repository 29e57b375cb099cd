"""`nktracker draft`: sentences, quantities, dates, attributions, denials, verbatim quotes, YAML
that validates once reviewed, `check` refusing drafts, exit codes, and the recall benchmark.

The articles in tests/fixtures/articles/ were written by the team for these tests (fictional
wording about the same subject); the seed article is read from the frozen dataset.
"""

from __future__ import annotations

import datetime as dt
import importlib
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, FROZEN, REPO
from nktracker import dates
from nktracker.attribution import SourceIndex
from nktracker.cli import main
from nktracker.draft import (
    Drafts,
    draft_article,
    find_estimates,
    publication_day,
    read_document,
    split_sentences,
)
from nktracker.load import load_dataset
from nktracker.parse import parse_yaml
from nktracker.wording import find_quantities
from nktracker.yamlout import to_yaml

ARTICLES = FIXTURES / "articles"  # written by the team for the tests
TEST_ARTICLES = sorted(p.stem for p in ARTICLES.glob("*.txt"))
SEED = "twz-2024-10-15"


@pytest.fixture(scope="module")
def frozen_dataset():
    """The frozen test dataset (sources, places, quantities and the seed article)."""
    dataset, _ = load_dataset(FROZEN)
    return dataset


def drafts_of(name: str, dataset) -> tuple[str, Drafts]:
    """The text of a test article and its drafts (dated by its file name)."""
    doc = read_document(str(ARTICLES / f"{name}.txt"), None, dataset, FROZEN)
    return doc.text, draft_article(doc, dataset)


# -- sentences ---------------------------------------------------------------------------------


def test_sentences_are_cut_verbatim_and_keep_abbreviations():
    text = (
        "Heading without a full stop\n"
        "Last month, GUR commander Lt. Gen. Kyrylo Budanov said so. The U.S. agreed.\n"
        "“We see it. It is real,” he said.\n"
    )
    sentences = [text[a:b] for a, b in split_sentences(text)]
    assert sentences == [
        "Heading without a full stop",
        "Last month, GUR commander Lt. Gen. Kyrylo Budanov said so.",
        "The U.S. agreed.",
        "“We see it. It is real,” he said.",
    ]


def test_every_sentence_of_the_seed_is_a_slice_of_it(frozen_dataset):
    text = frozen_dataset.article_texts[SEED]
    spans = split_sentences(text)
    assert len(spans) > 40
    assert all(text[a:b] == text[a:b].strip() and text[a:b] for a, b in spans)
    assert [b <= c for (_, b), (c, _) in zip(spans, spans[1:], strict=False)] == [True] * (
        len(spans) - 1
    )


# -- quantities --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The battalion is expected to include up to 3,000 troops.", [("up to 3,000", "up-to")]),
        ("About 18 have fled.", [("About 18", "about")]),
        ("Less than 1% speak Russian.", [("Less than 1%", "less-than")]),
        ("about half were defective", [("about half", "about")]),
        ("Between 2,000 and 3,000 moved.", [("Between 2,000 and 3,000", "span")]),
        ("three thousand workers", [("three thousand", "exact")]),
        ("Twenty-five soldiers", [("Twenty-five", "exact")]),
        ("Tens of thousands more", [("Tens of thousands", "tens-of-thousands")]),
        ("launchers for KN-23 missiles and the 11th brigade", []),
    ],
)
def test_find_quantities_cuts_the_words_with_their_qualifier(text, expected):
    found = [(text[f.start : f.end], f.reading.qualifier) for f in find_quantities(text)]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One report claims that 10,000 troops went.", [("10,000", "exact", 10000.0)]),
        ("It benefits them in several ways.", []),
        ("a number of North Korean troops", [("a number of", "a-number-of", None)]),
        ("under Article 51 of the Charter", []),
        ("the two men met", []),
        (
            "About 3,000 North Korean troops and 1,000 advisors",
            [
                ("About 3,000", "about", 3000.0),
                ("About 3,000 North Korean troops and 1,000", "about", 1000.0),
            ],
        ),
    ],
)
def test_find_estimates_leaves_out_labels_and_uncounted_small_numbers(text, expected):
    found = [(text[a:b], r.qualifier, r.n) for a, b, r in find_estimates(text, [])]
    assert found == expected


# -- dates -------------------------------------------------------------------------------------

TUESDAY = dt.date(2024, 10, 15)
MONDAY = dt.date(2024, 12, 2)


@pytest.mark.parametrize(
    ("text", "day", "expected"),
    [
        ("reported on Tuesday", TUESDAY, [("on Tuesday", "2024-10-15", "day")]),
        ("on Thursday dismissed", TUESDAY, [("on Thursday", "2024-10-10", "day")]),
        ("last Tuesday", TUESDAY, [("last Tuesday", "2024-10-08", "day")]),
        ("said on Friday", MONDAY, [("on Friday", "2024-11-29", "day")]),
        ("yesterday", MONDAY, [("yesterday", "2024-12-01", "day")]),
        ("wrote last week", TUESDAY, [("last week", "2024-10-07", "week")]),
        ("Last month, he said", TUESDAY, [("Last month", "2024-09", "month")]),
        ("since last month", MONDAY, [("last month", "2024-11", "month")]),
        ("earlier this month", TUESDAY, [("earlier this month", "2024-10", "month")]),
        ("hammered in June", TUESDAY, [("in June", "2024-06", "month")]),
        ("in December", TUESDAY, [("in December", "2023-12", "month")]),
        ("Two weeks ago, they left", MONDAY, [("Two weeks ago", "2024-11-18", "week")]),
        ("last year", TUESDAY, [("last year", "2023", "year")]),
        ("on 19 June 2024", TUESDAY, [("on 19 June 2024", "2024-06-19", "day")]),
        ("Oct. 10", TUESDAY, [("Oct. 10", "2024-10-10", "day")]),
        ("in the summer of 2025", TUESDAY, [("in the summer of 2025", "2025", "year")]),
        ("May could be critical", TUESDAY, []),
    ],
)
def test_relative_dates_follow_the_documented_rule(text, day, expected):
    found = [(d.words, d.date, d.precision) for d in dates.find_date_words(text, day)]
    assert found == expected
    for _, date, precision in found:
        assert dates.check_date(date, precision) is None


def test_a_week_is_narrowed_to_the_day_its_id_names():
    day, basis = publication_day("twz-2024-10-15", "2024-10-14", "week")
    assert day == TUESDAY and "2024-10-15" in basis
    day, basis = publication_day("twz", "2024-10-14", "week")
    assert day == dt.date(2024, 10, 14) and "first day" in basis


# -- attribution -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("the Ukrainian Suspine news outlet", "suspilne"),
        ("Andriy Kovalenkko", "kovalenko"),
        ("GUR commander Lt. Gen. Kyrylo Budanov", "budanov"),
        ("Kremlin spokesman Dmitry Peskov", "peskov"),
        ("a source in Ukraine", "source-in-ukraine"),
        ("the Kyiv Post", "kyiv-post"),
        ("Zelensky", "zelensky"),
        ("Ukrainian", None),
        ("Ukraine’s military intelligence", None),
    ],
)
def test_source_names_match_fuzzily(frozen_dataset, phrase, expected):
    assert SourceIndex(frozen_dataset.sources).match(phrase) == expected


def brief(draft: dict) -> tuple:
    """(start of quote, chain, stance, reported, estimate) of one draft, for comparing."""
    estimate = draft.get("estimate")
    return (
        draft["quote"][:24],
        draft["sources"],
        draft["stance"],
        (draft["reported"]["date"], draft["reported"]["precision"]),
        None
        if estimate is None
        else (estimate["low"], estimate["best"], estimate["high"], estimate["qualifier"]),
    )


EXPECTED: dict[str, list[tuple]] = {
    "wire-2024-11-06": [
        (
            "About 11,000 North Korea",
            ["wire", "pentagon"],
            "asserts",
            ("2024-11-04", "day"),
            (9900, 11000, 12100, "about"),
        ),
        (
            "“Between 2,000 and 3,000",
            ["wire", "unnamed-senior-u-s-defense-official"],
            "asserts",
            ("2024-11-06", "day"),
            (2000, None, 3000, "span"),
        ),
        (
            "Dozens of North Korean t",
            ["wire", "ukraines-military-intelligence"],
            "asserts",
            ("2024-11-06", "day"),  # 'last week' dates the killing (event), not the report
            (24, None, 99, "dozens"),
        ),
        (
            "Kremlin spokesman Dmitry",
            ["wire", "peskov"],
            "denies",
            ("2024-11-05", "day"),
            None,
        ),
        (
            "Some 40% of the soldiers",
            ["wire", "unnamed-south-korean-lawmaker", "national-intelligence-service"],
            "asserts",
            ("2024-11-05", "day"),
            (36, 40, 44, "about"),
        ),
        (
            "Hundreds more are expect",
            ["wire", "unnamed-officials-in-seoul"],
            "asserts",
            ("2024-11-06", "day"),
            (200, None, 999, "hundreds"),
        ),
    ],
    "daily-2024-12-02": [
        (
            "Ukraine’s President Volo",
            ["daily", "zelensky"],
            "asserts",
            ("2024-11-29", "day"),
            (None, None, 12000, "up-to"),
        ),
        (
            "More than 1,500 of them ",
            ["daily", "kyiv-independent", "unnamed-ukrainian-commander"],
            "asserts",
            ("2024-12-02", "day"),
            (1500, None, None, "more-than"),
        ),
        (
            "Roughly half of the new ",
            ["daily", "kovalenko"],
            "asserts",
            ("2024-12-02", "day"),
            (45, 50, 55, "about"),
        ),
        (
            "Tens of thousands more c",
            ["daily"],
            "asserts",
            ("2024-12-02", "day"),
            (20000, None, 99999, "tens-of-thousands"),
        ),
        ("but how many will actual", ["daily"], "doubts", ("2024-12-02", "day"), None),
        (
            "Two weeks ago, three tho",
            ["daily", "yonhap-news-agency"],
            "asserts",
            ("2024-11-18", "week"),
            (3000, 3000, 3000, "exact"),
        ),
        (
            "Twenty-five North Korean",
            ["daily", "ukraines-army"],
            "asserts",
            ("2024-12-02", "day"),
            (25, 25, 25, "exact"),
        ),
        ("Moscow rejected the repo", ["daily", "moscow"], "denies", ("2024-12-02", "day"), None),
    ],
    "brief-2024-10-15": [
        ("“North Korean units are ", ["brief", "budanov"], "asserts", ("2024-10-15", "day"), None),
        (
            "“Some 3,000 have already",
            ["brief", "budanov"],
            "asserts",
            ("2024-10-15", "day"),  # continues the quotation said 'on Tuesday'
            (2700, 3000, 3300, "about"),
        ),
        (
            "He added that several hu",
            ["brief", "budanov"],
            "asserts",
            ("2024-10-15", "day"),  # 'he' is Budanov; 'in June' dates the arrival
            (200, None, 999, "hundreds"),
        ),
        ("A treaty signed on 19 Ju", ["brief", "kremlin"], "asserts", ("2024-10-15", "day"), None),
        (
            "North Korea has sent no ",
            ["brief", "pyongyangs-foreign-ministry"],
            "denies",
            ("2024-10-15", "day"),
            None,
        ),
    ],
}


def test_every_test_article_has_expected_drafts():
    assert sorted(EXPECTED) == TEST_ARTICLES
    for name in TEST_ARTICLES:
        first = (ARTICLES / f"{name}.txt").read_text(encoding="utf-8").splitlines()[0]
        assert "written by the nk deployment tracker team for the tests" in first.lower()


@pytest.mark.parametrize("name", TEST_ARTICLES)
def test_test_articles_give_the_expected_drafts(frozen_dataset, name):
    _, drafts = drafts_of(name, frozen_dataset)
    assert [brief(d) for d in drafts.claims] == EXPECTED[name]


def test_events_and_places_are_kept_apart_from_the_report_date(frozen_dataset):
    _, drafts = drafts_of("wire-2024-11-06", frozen_dataset)
    dozens = drafts.claims[2]
    assert dozens["event"]["words"] == "last week" and dozens["event"]["date"] == "2024-10-28"
    assert dozens["locations"][0] == "sudzha"
    assert drafts.claims[0]["locations"] == ["kursk-region"]  # Russia’s Kursk region
    assert drafts.claims[3]["answers_where"] == {"topics": ["personnel"]}


def test_the_seed_drafts_keep_chains_dates_and_denials(frozen_dataset):
    doc = read_document(SEED, None, frozen_dataset, FROZEN)
    claims = draft_article(doc, frozen_dataset).claims
    by_quote = {c["quote"][:30]: c for c in claims}
    peskov = next(c for c in claims if "Peskov" in c["quote"])
    assert peskov["stance"] == "denies" and peskov["sources"] == ["twz", "peskov"]
    assert peskov["reported"]["date"] == "2024-10-10"
    wapo = next(c for c in claims if c["quote"].startswith("Thousands of North Korean infantry"))
    assert wapo["sources"] == ["twz", "washington-post", "ua-intel-official"]
    assert (wapo["reported"]["date"], wapo["reported"]["precision"]) == ("2024-10-07", "week")
    interfax = next(c for c in claims if "Interfax" in c["quote"])
    assert interfax["sources"] == ["twz", "interfax", "budanov"]  # 'he said, according to …'
    assert len(by_quote) > 30


# -- verbatim quotes and the YAML --------------------------------------------------------------


@pytest.mark.parametrize("name", [*TEST_ARTICLES, SEED])
def test_every_quote_and_estimate_is_verbatim(frozen_dataset, name):
    if name == SEED:
        text = frozen_dataset.article_texts[SEED]
        drafts = draft_article(read_document(SEED, None, frozen_dataset, FROZEN), frozen_dataset)
    else:
        text, drafts = drafts_of(name, frozen_dataset)
    assert drafts.claims
    for claim in drafts.claims:
        assert claim["quote"] in text
        assert claim["draft"] is True and claim["why"]
        if "estimate" in claim:
            assert claim["estimate"]["words"] in claim["quote"]


def test_yaml_reads_back_with_the_project_parser(frozen_dataset):
    _, drafts = drafts_of("daily-2024-12-02", frozen_dataset)
    text = to_yaml(drafts.document())
    parsed = parse_yaml(text, "drafts.yaml")
    assert parsed.problems == []
    assert parsed.value == drafts.document()
    assert '"2024-12-02"' in text  # dates stay quoted strings


def test_odd_characters_are_escaped_and_read_back():
    document = {"claims": [{"id": "x", "quote": "a\u2028b \x85 “c” – …", "n": 0.5, "on": "yes"}]}
    parsed = parse_yaml(to_yaml(document), "odd.yaml")
    assert parsed.problems == [] and parsed.value == document


# -- reviewed drafts validate; unreviewed drafts are refused -----------------------------------


def archive(data: Path, name: str) -> None:
    """Copy a test article into a data folder with a minimal .yaml, as `archive` would."""
    shutil.copyfile(ARTICLES / f"{name}.txt", data / "articles" / f"{name}.txt")
    outlet, date = name.split("-", 1)
    (data / "articles" / f"{name}.yaml").write_text(
        f'id: {name}\nfile: {name}.txt\noutlet: {outlet}\npublished:\n  date: "{date}"\n'
        '  precision: day\narchived: "2026-11-29"\n',
        encoding="utf-8",
    )


def merge(data: Path, drafts_file: Path, reviewed: bool) -> int:
    """Add the drafts to the data (their flag removed when reviewed); how many claims."""
    document = yaml.safe_load(drafts_file.read_text(encoding="utf-8"))
    claims = document["claims"]
    if reviewed:
        for claim in claims:
            del claim["draft"]
    sources = data / "sources.yaml"
    known = yaml.safe_load(sources.read_text(encoding="utf-8"))["sources"]
    new = [s for s in document["sources"] if s["id"] not in {k["id"] for k in known}]
    if new:
        text = to_yaml({"sources": new}).split("\n", 1)[1]
        sources.write_text(sources.read_text(encoding="utf-8") + text, encoding="utf-8")
    path = data / "claims.yaml"
    text = path.read_text(encoding="utf-8")
    if document["quantities"]:
        block = to_yaml({"quantities": document["quantities"]}).split("\n", 1)[1]
        text = text.replace("\nquantities:\n", "\nquantities:\n" + block, 1)
    text += to_yaml({"claims": claims}).split("\n", 1)[1]
    path.write_text(text, encoding="utf-8")
    return len(claims)


@pytest.mark.parametrize("name", [*TEST_ARTICLES, SEED])
def test_reviewed_drafts_pass_check(frozen_copy, tmp_path, name, capsys):
    if name != SEED:
        archive(frozen_copy, name)
    out = tmp_path / "drafts.yaml"
    assert main(["draft", name, "--data", str(frozen_copy), "--out", str(out)]) == 0
    merge(frozen_copy, out, reviewed=True)
    dataset, problems = load_dataset(frozen_copy)
    assert [str(p) for p in problems] == []
    assert main(["check", str(frozen_copy)]) == 0


def test_check_refuses_drafts_until_reviewed(frozen_copy, tmp_path, capsys):
    name = "wire-2024-11-06"
    archive(frozen_copy, name)
    out = tmp_path / "drafts.yaml"
    assert main(["draft", name, "--data", str(frozen_copy), "--out", str(out)]) == 0
    count = merge(frozen_copy, out, reviewed=False)
    dataset, problems = load_dataset(frozen_copy)
    assert {p.code for p in problems} == {"draft"} and len(problems) == count
    assert all("remove `draft: true` after reviewing the claim" in str(p) for p in problems)
    assert not any(c.draft for c in dataset.claims.values())  # left out, counted
    assert dataset.left_out["claims"] == count
    capsys.readouterr()
    assert main(["check", str(frozen_copy)]) == 1
    assert "draft" in capsys.readouterr().out


# -- the command -------------------------------------------------------------------------------


def test_draft_writes_yaml_to_standard_output(capsys):
    path = ARTICLES / "brief-2024-10-15.txt"
    assert main(["draft", str(path), "--data", str(FROZEN)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("# Draft claims") and "draft: true" in out
    assert "draft claim(s) from" in err


@pytest.mark.parametrize(
    ("make", "extra", "code", "says"),
    [
        (None, [], 1, "neither an archived article"),
        (b"caf\xe9 on Monday", [], 1, "not UTF-8"),
        (b"About 18 fled on Monday.", [], 2, "--published"),
        (b"About 18 fled on Monday.", ["--published", "2024-10-15"], 0, "draft claim(s)"),
    ],
)
def test_exit_codes(tmp_path, capsys, make, extra, code, says):
    path = tmp_path / "notes.txt"
    if make is not None:
        path.write_bytes(make)
    assert main(["draft", str(path), "--data", str(FROZEN), *extra]) == code
    assert says in capsys.readouterr().err


def test_a_bad_published_date_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["draft", SEED, "--published", "15/10/2024"])
    assert exit_info.value.code == 2


# -- the recall benchmark ----------------------------------------------------------------------


def test_recall_benchmark_runs_on_the_seed(monkeypatch, frozen_dataset, capsys):
    monkeypatch.syspath_prepend(str(REPO / "benchmarks"))
    recall = importlib.import_module("draft_recall")
    report = recall.measure(frozen_dataset, SEED, FROZEN)
    names = [m.name for m in report.metrics]
    assert names == ["estimates", "relative dates", "quotes", "precision"]
    assert all(0.0 <= m.share <= 1.0 and m.total > 0 for m in report.metrics)
    assert "estimates" in report.table()
    assert recall.main(["--data", str(FROZEN), "--no-fail"]) == 0
    assert "relative dates" in capsys.readouterr().out
