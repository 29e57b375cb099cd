"""The curator's tools: `nktracker archive` keeps a document byte for byte and refuses what the
loader would; `nktracker place add` appends one line and leaves every other byte; regions are
data (regions.yaml) with checked labels and picked colours."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from conftest import FROZEN, SHIPPED
from nktracker.cli import main
from nktracker.curate import article_skeleton
from nktracker.figures import build_timeline_figure
from nktracker.load import load_dataset
from nktracker.model import Region
from nktracker.style import REGION_PALETTE, region_colors

OUTLET = "twz"  # a source of the frozen dataset
TEXT = "Written for the tests: “About 10,000 troops,” a spokesman said – on Monday.".encode()


def archive(data: Path, document: Path | str, article_id: str = "test-2024-11-05", *extra: str):
    return main(
        [
            "archive",
            str(document),
            "--id",
            article_id,
            "--outlet",
            OUTLET,
            "--published",
            "2024-11-05",
            "--data",
            str(data),
            *extra,
        ]
    )


def written(data: Path) -> set[str]:
    return {p.name for p in (data / "articles").iterdir()} - {p.name for p in FROZEN.glob("*/*")}


# --- archive --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        TEXT,  # curly quotes and a dash, no final newline
        TEXT.replace(b", a", b",\r\na") + b"\r\n",  # CRLF line ends
        b"\xef\xbb\xbf" + TEXT + b"\n\n",  # a UTF-8 byte order mark, blank lines at the end
        "Tabs\tand non-breaking\u00a0spaces, é and 한국어\n".encode(),
    ],
    ids=["curly-no-newline", "crlf", "bom", "tabs-nbsp-hangul"],
)
def test_archive_keeps_the_document_byte_for_byte(frozen_copy, tmp_path, raw, capsys):
    document = tmp_path / "in.txt"
    document.write_bytes(raw)
    assert archive(frozen_copy, document) == 0
    assert (frozen_copy / "articles" / "test-2024-11-05.txt").read_bytes() == raw
    out = capsys.readouterr().out
    assert "test-2024-11-05.txt" in out and "nktracker draft test-2024-11-05" in out
    dataset, problems = load_dataset(frozen_copy)
    # the loader reads the text as UTF-8, leaving out a byte order mark
    assert dataset.article_texts["test-2024-11-05"] == raw.decode().removeprefix("\ufeff")
    # the skeleton loads; the only problem is the one that says what to do next
    assert [(p.code, "has no claims" in p.message) for p in problems] == [("unused", True)]


def test_archive_reads_standard_input_as_bytes(frozen_copy, monkeypatch):
    raw = TEXT.replace(b" ", b"\r\n", 2)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="latin-1"))
    assert archive(frozen_copy, "-") == 0
    assert (frozen_copy / "articles" / "test-2024-11-05.txt").read_bytes() == raw


def test_archive_writes_the_metadata_skeleton(frozen_copy, tmp_path):
    document = tmp_path / "in.txt"
    document.write_bytes(TEXT)
    url, title = "https://example.org/2024/11/05/story", "A “quoted” title"
    extra = ("--url", url, "--title", title, "--precision", "week")
    assert archive(frozen_copy, document, "test-2024-11-05", *extra) == 0
    dataset, _ = load_dataset(frozen_copy)
    article = dataset.articles["test-2024-11-05"]
    assert (article.file, article.outlet, article.url, article.title) == (
        "test-2024-11-05.txt",
        OUTLET,
        url,
        title,
    )
    assert (article.published.date, article.published.precision) == ("2024-11-04", "week")
    assert article.archived == dt.date.today().isoformat()


@pytest.mark.parametrize(
    ("precision", "date"), [("day", "2024-11-06"), ("week", "2024-11-04"), ("month", "2024-11")]
)
def test_skeleton_dates_follow_the_precision(precision, date):
    text = article_skeleton("a", "b", dt.date(2024, 11, 6), precision, None, None, dt.date.today())
    assert f'  date: "{date}"\n  precision: {precision}\n' in text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            b"caf\xe9 au lait",
            ["byte offset 3 ", "(line 1, byte 4 of the line)", "0xe9", "WINDOWS-1252"],
        ),
        (b"ok\nline two \x80", ["byte offset 12 ", "(line 2, byte 10 of the line)", "0x80"]),
        ("UTF-16 text".encode("utf-16"), ["byte offset 0 ", "0xff", "iconv -f UTF-16"]),
    ],
    ids=["latin-1", "stray-byte", "utf-16"],
)
def test_archive_refuses_text_that_is_not_utf8(frozen_copy, tmp_path, capsys, raw, expected):
    document = tmp_path / "in.txt"
    document.write_bytes(raw)
    assert archive(frozen_copy, document) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and err.startswith(f"error: {document}: not UTF-8")
    assert all(part in err for part in expected), err
    assert "Fix: save the text as UTF-8" in err
    assert written(frozen_copy) == set()


def test_archive_never_overwrites(frozen_copy, tmp_path, capsys):
    document = tmp_path / "in.txt"
    document.write_bytes(TEXT)
    assert archive(frozen_copy, document) == 0
    before = {p.name: p.read_bytes() for p in (frozen_copy / "articles").iterdir()}
    document.write_bytes(b"another text")
    assert archive(frozen_copy, document) == 1
    assert "already archived; nothing is overwritten" in capsys.readouterr().err
    seed = sorted(p.stem for p in FROZEN.glob("articles/*.yaml"))[0]
    assert archive(frozen_copy, document, seed) == 1
    assert {p.name: p.read_bytes() for p in (frozen_copy / "articles").iterdir()} == before


@pytest.mark.parametrize(
    ("args", "where", "words"),
    [
        (["--id", "Not A Slug"], "--id", "is not a slug"),
        (["--outlet", "tw"], "--outlet", "unknown source 'tw' (did you mean 'twz'?)"),
        (["--outlet", "The War Zone"], "--outlet", "(did you mean 'twz'?)"),
        (["--url", "javascript:alert(1)"], "--url", "must start with http:// or https://"),
    ],
)
def test_archive_refuses_bad_arguments_with_exit_2(
    frozen_copy, tmp_path, capsys, args, where, words
):
    document = tmp_path / "in.txt"
    document.write_bytes(TEXT)
    base = {"--id": "test-2024-11-05", "--outlet": OUTLET, "--published": "2024-11-05"}
    base.update(dict(zip(args[::2], args[1::2], strict=True)))
    argv = ["archive", str(document), "--data", str(frozen_copy)]
    assert main(argv + [x for pair in base.items() for x in pair]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {where}: ") and words in err and "Fix: " in err
    assert len(err.splitlines()) == 1
    assert written(frozen_copy) == set()


def test_archive_refuses_an_empty_or_missing_document(frozen_copy, tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b" \n")
    assert archive(frozen_copy, tmp_path / "empty.txt") == 1
    assert archive(frozen_copy, tmp_path / "missing.txt") == 1
    assert archive(frozen_copy, tmp_path) == 1  # a folder
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3 and all("Fix: " in line for line in err)
    assert written(frozen_copy) == set()


def test_archive_writes_only_inside_the_data_folder(frozen_copy, tmp_path, capsys):
    document = tmp_path / "in.txt"
    document.write_bytes(TEXT)
    outside = tmp_path / "outside"
    shutil.move(frozen_copy / "articles", outside)
    (frozen_copy / "articles").symlink_to(outside)
    assert archive(frozen_copy, document) == 1
    assert "leads outside the data folder" in capsys.readouterr().err
    assert not (outside / "test-2024-11-05.txt").exists()


def test_archive_never_follows_a_symlink_in_place_of_the_new_file(frozen_copy, tmp_path):
    document = tmp_path / "in.txt"
    document.write_bytes(TEXT)
    target = tmp_path / "victim.txt"
    (frozen_copy / "articles" / "test-2024-11-05.txt").symlink_to(target)
    assert archive(frozen_copy, document) == 1
    assert not target.exists()


# --- place add ------------------------------------------------------------------------------


def place(data: Path, place_id: str = "test-town", **options: str | None) -> int:
    args: dict[str, str | None] = {
        "--name": "Test Town",
        "--lon": "36.0",
        "--lat": "51.5",
        "--region": "kursk-region",
        "--kind": "town",
        "--country": "Russia",
        "--source-url": "https://example.org/gazetteer/test-town",
        "--source-title": "Test Town – a gazetteer page",
    }
    args.update({f"--{k.replace('_', '-')}": v for k, v in options.items()})
    argv = ["place", "add", place_id, "--data", str(data)]
    return main(argv + [x for k, v in args.items() if v is not None for x in (k, v)])


def use_place(data: Path, place_id: str) -> None:
    """Name the place in the first claim that has places, so it is not unused."""
    claims = data / "claims.yaml"
    text = claims.read_text("utf-8")
    old = next(line for line in text.splitlines() if line.startswith("    locations: ["))
    claims.write_text(text.replace(old, old[:-1] + f", {place_id}]", 1), "utf-8")


def one_feature_per_line(data: Path) -> bytes:
    """Rewrite data/locations.geojson in the layout scripts/build_geodata.py writes."""
    features = json.loads((data / "locations.geojson").read_text("utf-8"))["features"]
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    (data / "locations.geojson").write_text(text, "utf-8")
    return text.encode()


@pytest.mark.parametrize("layout", ["one-feature-per-line", "indented"])
def test_place_add_appends_one_line_and_keeps_every_other_byte(frozen_copy, layout, capsys):
    path = frozen_copy / "locations.geojson"
    before = one_feature_per_line(frozen_copy) if layout != "indented" else path.read_bytes()
    assert place(frozen_copy) == 0
    after = path.read_bytes()
    line = next(x for x in after.splitlines() if b'"id":"test-town"' in x)
    assert after.replace(b",\n" + line, b"", 1) == before
    assert f"locations.geojson:{after.splitlines().index(line) + 1}" in capsys.readouterr().out
    feature = json.loads(line)
    assert feature["geometry"] == {"type": "Point", "coordinates": [36.0, 51.5]}
    props = feature["properties"]
    assert props["region"] == "Kursk region" and props["background"] is True
    assert props["coordinate_source"] == {
        "title": "Test Town – a gazetteer page",
        "url": "https://example.org/gazetteer/test-town",
        "accessed": dt.date.today().isoformat(),
    }
    _, problems = load_dataset(frozen_copy)
    assert [(p.code, "test-town" in p.message) for p in problems] == [("unused", True)]
    use_place(frozen_copy, "test-town")
    assert main(["check", str(frozen_copy)]) == 0


def test_place_add_takes_a_region_by_label_and_keeps_crlf(good_dir):
    path = good_dir / "locations.geojson"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    before = path.read_bytes()
    assert place(good_dir, region="Kursk region") == 0
    after = path.read_bytes()
    line = after.split(b"\r\n")[-4]
    assert b'"region":"Kursk region"' in line
    assert after.replace(b",\r\n" + line, b"", 1) == before


@pytest.mark.parametrize(
    ("options", "code", "words"),
    [
        ({"place_id": "sudzha"}, 1, "a place with the id 'sudzha' already exists"),
        ({"place_id": "Test Town"}, 2, "is not a slug"),
        ({"lon": "181"}, 2, "--lon: must be between -180 and 180 (got 181.0)"),
        ({"lat": "-90.5"}, 2, "--lat: must be between -90 and 90"),
        ({"lat": "nan"}, 2, "--lat: must be between -90 and 90 (got nan)"),
        (
            {"region": "Kursk"},
            2,
            "unknown region 'Kursk' (did you mean 'kursk-region' or 'Kursk region'?)",
        ),
        ({"kind": "village"}, 2, "unknown kind 'village'"),
        ({"kind": "capitol"}, 2, "(did you mean 'capital'?)"),
        ({"country": ""}, 2, "--country: the country is missing"),
        ({"source_url": "ftp://example.org/x"}, 2, "must start with http:// or https://"),
        ({"source_url": None}, 2, "--source-title: given without --source-url"),
    ],
)
def test_place_add_refuses_and_changes_nothing(frozen_copy, capsys, options, code, words):
    before = (frozen_copy / "locations.geojson").read_bytes()
    place_id = options.pop("place_id", "test-town")
    assert place(frozen_copy, place_id, **options) == code
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and words in err and "Fix: " in err, err
    assert (frozen_copy / "locations.geojson").read_bytes() == before


def test_place_add_without_a_source_says_what_to_add(frozen_copy, capsys):
    assert place(frozen_copy, source_url=None, source_title=None) == 0
    assert "add the gazetteer you checked as coordinate_source" in capsys.readouterr().err
    dataset, _ = load_dataset(frozen_copy)
    assert dataset.locations["test-town"].coordinate_source is None


def test_place_add_refuses_a_file_it_cannot_append_to_safely(frozen_copy, capsys):
    path = frozen_copy / "locations.geojson"
    value = json.loads(path.read_text("utf-8"))
    text = json.dumps({"features": value["features"], "type": "FeatureCollection"}, indent=1)
    path.write_text(text, "utf-8")
    assert place(frozen_copy) == 1
    assert "does not end with its features list" in capsys.readouterr().err
    assert path.read_text("utf-8") == text


def test_place_add_writes_only_inside_the_data_folder(frozen_copy, tmp_path, capsys):
    outside = tmp_path / "elsewhere.geojson"
    shutil.move(frozen_copy / "locations.geojson", outside)
    (frozen_copy / "locations.geojson").symlink_to(outside)
    before = outside.read_bytes()
    assert place(frozen_copy) == 1
    assert "leads outside the data folder" in capsys.readouterr().err
    assert outside.read_bytes() == before


def test_shipped_places_are_one_feature_per_line():
    """The layout `place add` appends to (scripts/build_geodata.py writes it)."""
    lines = (SHIPPED / "locations.geojson").read_text("utf-8").splitlines()
    assert lines[0] == '{"type":"FeatureCollection","features":[' and lines[-1] == "]}"
    features = [json.loads(line.removesuffix(",")) for line in lines[1:-1]]
    assert features and all(f["type"] == "Feature" for f in features)


# --- regions --------------------------------------------------------------------------------


def test_regions_are_read_from_the_data(frozen_copy):
    regions = frozen_copy / "regions.yaml"
    regions.write_text(
        regions.read_text("utf-8") + "  - id: north-america\n    label: North America\n", "utf-8"
    )
    assert place(frozen_copy, "washington", region="north-america", country="United States") == 0
    use_place(frozen_copy, "washington")
    dataset, problems = load_dataset(frozen_copy)
    assert problems == []
    assert dataset.regions["north-america"].label == "North America"
    assert dataset.locations["washington"].region == "North America"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('"region": "Kursk region"', '"region": "kursk"', "did you mean 'Kursk region'?"),
        (
            '"region": "Kursk region"',
            '"region": "kursk-region"',
            "'kursk-region' is a region id, did you mean its label 'Kursk region'?",
        ),
    ],
)
def test_an_unknown_region_is_one_problem_with_a_suggestion(good_dir, old, new, expected):
    path = good_dir / "locations.geojson"
    path.write_text(path.read_text("utf-8").replace(old, new), "utf-8")
    _, problems = load_dataset(good_dir)
    assert [p.key for p in problems] == [("locations.geojson", 12, "unknown-ref")]
    assert expected in str(problems[0])


def test_region_file_problems(good_dir):
    (good_dir / "regions.yaml").write_text(
        "regions:\n"
        "  - id: kursk-region\n    label: Kursk region\n"
        "  - id: again\n    label: Kursk region\n    colour: '#12345'\n"
        "  - id: spare\n    label: Spare\n",
        "utf-8",
    )
    _, problems = load_dataset(good_dir)
    assert [(p.line, p.path, p.code) for p in problems] == [
        (5, "regions[1].label", "duplicate-id"),
        (6, "regions[1].colour", "invalid-value"),
        (7, "regions[2].id", "unused"),
    ]


def test_without_regions_yaml_the_places_name_the_regions(frozen_copy):
    (frozen_copy / "regions.yaml").unlink()
    dataset, problems = load_dataset(frozen_copy)
    assert [(p.file.rsplit("/", 1)[-1], p.code) for p in problems] == [
        ("regions.yaml", "missing-file")
    ]
    labels = {r.label for r in dataset.regions.values()}
    assert labels == {loc.region for loc in dataset.locations.values()}
    assert len(set(region_colors(dataset.regions.values()).values())) == len(labels)


def regions(*colours: str | None) -> list[Region]:
    return [Region(id=f"r{i}", label=f"R{i}", colour=c) for i, c in enumerate(colours)]


def test_region_colours_given_are_kept_and_the_rest_picked_once_each():
    colors = region_colors(regions("#0072b2", None, None, "#E69F00", None))
    assert colors["R0"] == "#0072B2" and colors["R3"] == "#E69F00"
    picked = [colors["R1"], colors["R2"], colors["R4"]]
    assert picked == [c for c in REGION_PALETTE if c not in ("#0072B2", "#E69F00")][:3]


def test_region_colours_are_deterministic_and_stable_when_a_region_is_added():
    before = region_colors(regions(None, "#D55E00", None))
    after = region_colors(regions(None, "#D55E00", None, None))
    assert region_colors(regions(None, "#D55E00", None)) == before
    assert {k: after[k] for k in before} == before
    assert after["R3"] not in before.values()


def test_region_colours_cycle_when_the_palette_runs_out_and_ignore_bad_values():
    colors = region_colors(regions(*[None] * (len(REGION_PALETTE) + 2), "red"))
    assert list(colors.values())[: len(REGION_PALETTE)] == list(REGION_PALETTE)
    assert all(c in REGION_PALETTE for c in colors.values())


def timeline_colours(data: Path) -> dict[str, str]:
    dataset, problems = load_dataset(data)
    assert problems == []
    fig = build_timeline_figure(
        dataset, list(dataset.deployments.values()), {}, dt.date(2026, 1, 1), "t", "s", "f"
    )
    return {t.name: t.marker.color for t in fig.data if t.type == "bar"}


def test_the_timeline_draws_each_region_in_its_colour_from_the_data(frozen_copy):
    before = timeline_colours(frozen_copy)
    label = sorted(before)[0]
    path = frozen_copy / "regions.yaml"
    items = yaml.safe_load(path.read_text("utf-8"))["regions"]
    for item in items:
        item["colour"] = "#123456" if item["label"] == label else item.get("colour")
    path.write_text(yaml.safe_dump({"regions": items}, allow_unicode=True), "utf-8")
    after = timeline_colours(frozen_copy)
    assert after[label] == "#123456"
    assert {k: v for k, v in after.items() if k != label} == {
        k: v for k, v in before.items() if k != label
    }
