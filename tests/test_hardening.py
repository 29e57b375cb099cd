"""Issue 11: the loader cannot crash. Hostile or broken files become one problem each, with
file, line and fix; the cases that cannot be committed files (symlinks, huge files, pipes, an
empty folder) are made here in tmp_path. The committed reproducers are in test_load.EXPECTED."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FROZEN, GOOD, REPO, overlay
from nktracker.cli import main
from nktracker.load import load_dataset
from nktracker.parse import MAX_ALIAS_NODES, parse_json, parse_yaml
from nktracker.problems import Problem, clean

DATA_FILES = [
    "sources.yaml",
    "claims.yaml",
    "deployments.yaml",
    "regions.yaml",
    "locations.geojson",
]


def keys(problems: list[Problem]) -> list[tuple[str, int | None, str]]:
    return sorted((p.key for p in problems), key=str)


def one_line(problem: Problem) -> str:
    text = str(problem)
    assert len(text.splitlines()) == 1, text
    assert text.isprintable(), text
    text.encode("utf-8")  # no lone surrogate: printable on any UTF-8 terminal
    return text


# --- problem text: one printable line, whatever the file holds ------------------------------


def test_problem_text_escapes_controls_bidi_and_newlines():
    problem = Problem(
        "data/\x1bsources.yaml",
        3,
        5,
        "sources[0].\u202ename",
        "unknown-field",
        "unknown field 'a\nb\rc\x00\x07\x85\u2028\u2066\ud800'",
        "remove\tit",
    )
    text = one_line(problem)
    assert text == (
        "data/\\x1bsources.yaml:3:5: sources[0].\\u202ename: unknown field "
        "'a\\nb\\rc\\x00\\x07\\x85\\u2028\\u2066\\ud800'. Fix: remove\\tit"
    )


def test_clean_leaves_ordinary_text_alone():
    text = "Sudzha — “hoax”, 3,000 troops; 북한 (DPRK) ½ café"
    assert clean(text) == text


def test_a_key_cannot_clear_the_screen_or_forge_a_line(tmp_path):
    _, problems = load_dataset(overlay("control-chars-in-key", tmp_path / "data"))
    (problem,) = problems
    text = one_line(problem)
    assert "\\x1b[2J\\u202ename\\nsources.yaml:1: all good" in text
    assert "\x1b" not in text and "\u202e" not in text


def test_reader_errors_carry_line_and_column(tmp_path):
    _, problems = load_dataset(overlay("yaml-control-char", tmp_path / "data"))
    (problem,) = problems
    assert (problem.line, problem.column) == (4, 22)
    assert "U+001B" in one_line(problem)


# --- YAML: aliases, merge keys, tags, numbers, depth ----------------------------------------


def test_a_plain_alias_to_a_value_written_earlier_is_allowed(good_dir):
    claims = good_dir / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    text = text.replace("locations: [sudzha]", "locations: &here [sudzha]", 1)
    text = text.replace("locations: [sudzha]", "locations: *here", 1)
    claims.write_text(text, encoding="utf-8")
    dataset, problems = load_dataset(good_dir)
    assert problems == []
    assert dataset.claims["spokesman-hoax"].locations == ["sudzha"]


def test_the_frozen_and_shipped_data_keep_their_aliases():
    for folder in (FROZEN, REPO / "data"):
        assert "*article-week" in (folder / "claims.yaml").read_text(encoding="utf-8")
    parsed = parse_yaml((FROZEN / "claims.yaml").read_text(encoding="utf-8"), "claims.yaml")
    assert parsed.problems == [] and isinstance(parsed.value, dict)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("a: *nowhere\n", 1, "has no anchor"),
        ("a: &x 1\nb: &x 2\n", 2, "defined twice"),
        ("a: &a [1, {b: *a}]\n", 1, "recursive aliases are not allowed"),
        ("a: &a [1]\nb: &b {c: *a}\n", 2, "nested aliases are not allowed"),
        ("base: &b {x: 1}\nm:\n  <<: *b\n", 3, "merge keys are not allowed"),
        ("m:\n  <<: {x: 1}\n", 2, "merge keys are not allowed"),
        ("m:\n  !!merge x: 1\n", 2, "merge keys are not allowed"),
    ],
)
def test_alias_and_merge_refusals(text, line, words):
    parsed = parse_yaml(text, "x.yaml")
    assert parsed.value is None
    ((got_line, code, message),) = [(p.line, p.code, p.message) for p in parsed.problems]
    assert (got_line, code) == (line, "alias") and words in message


def test_aliases_may_stand_for_a_bounded_number_of_values():
    # a quadratic, not exponential, blow-up: one big anchored list and many aliases to it
    big = "[" + ", ".join(["x"] * 1000) + "]"
    text = f"a: &a {big}\n" + "".join(f"k{i}: *a\n" for i in range(MAX_ALIAS_NODES // 1000 + 1))
    parsed = parse_yaml(text, "x.yaml")
    assert [p.code for p in parsed.problems] == ["alias"]
    assert "more than 10,000 values" in parsed.problems[0].message


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("a: !!int abc\n", "syntax"),
        ("a: !!int\n", "syntax"),  # an empty value under a number tag (IndexError inside PyYAML)
        ("a: !!float ''\n", "syntax"),
        ("a: !!bool maybe\n", "syntax"),
        ("a: !!map foo\n", "syntax"),
        ("a: !!float x\n", "syntax"),
        ("a: !!seq foo\n", "syntax"),
        ("a: !!str [1, 2]\n", "syntax"),
        ("a: !!binary aGk=\n", "syntax"),
        ("a: !!python/object:os.system {}\n", "syntax"),
        ("!!python/name:os.system a: 1\n", "syntax"),
        ("!!int a: 1\n", "syntax"),
        ("? [a, b]\n: 1\n", "syntax"),
        ("? {a: b}\n: 1\n", "syntax"),
        (f"a: {'9' * 4301}\n", "too-large"),
        (f"a: 0x{'f' * 4000}\n", "too-large"),
        (f"a: 0b{'1' * 20000}\n", "too-large"),
        (f"? {'9' * 5000}\n: x\n", "too-large"),  # a key too long to be a plain one
        ("a: " + "[" * 100 + "]" * 100 + "\n", "too-deep"),
        ("a: " + "[" * 5000 + "]" * 5000 + "\n", "too-deep"),  # past libyaml's own limit
        ("a:\n" + "".join("  " * i + "- \n" for i in range(1, 80)), "too-deep"),
        ("a: b\n---\nc: d\n", "syntax"),
        ("a: [1, 2\n", "syntax"),
        ("a: \x00\n", "syntax"),
        ("a: \x1b\n", "syntax"),
    ],
)
def test_yaml_never_raises_and_reports_one_located_problem(text, code):
    parsed = parse_yaml(text, "x.yaml")
    assert parsed.value is None
    assert [p.code for p in parsed.problems] == [code]
    assert parsed.problems[0].line is not None and parsed.problems[0].column is not None
    one_line(parsed.problems[0])


def test_every_bad_tag_in_a_file_is_reported_at_once():
    parsed = parse_yaml("a: !!int x\nb: !!bool y\nc: ok\n", "x.yaml")
    assert [(p.line, p.code) for p in parsed.problems] == [(1, "syntax"), (2, "syntax")]
    assert parsed.value is None  # left out whole: no echo of missing fields


def test_allowed_tags_with_fitting_values_still_load():
    parsed = parse_yaml("a: !!int '3'\nb: !!str 4\nc: !!bool yes\nd: !!null ''\n", "x.yaml")
    assert parsed.problems == []
    assert parsed.value == {"a": 3, "b": "4", "c": True, "d": None}


# --- JSON -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ('{"a":\n ' + "1" * 5000 + "}", "too-large", 2),
        ('{"a": "' + "1" * 5000 + '",\n "b": -' + "1" * 5000 + "}", "too-large", 2),
        ("[" * 65 + "]" * 65, "too-deep", 1),
        ("\n" + "[" * 100000 + "]" * 100000, "too-deep", 2),
        ('{"a": 1,}', "syntax", 1),
    ],
)
def test_json_never_raises_and_reports_one_located_problem(text, code, line):
    parsed = parse_json(text, "x.geojson")
    assert parsed.value is None
    assert [(p.code, p.line) for p in parsed.problems] == [(code, line)]
    one_line(parsed.problems[0])


def test_json_positions_match_those_read_as_yaml():
    text = (FROZEN / "locations.geojson").read_text(encoding="utf-8")
    from_json = parse_json(text, "locations.geojson")
    from_yaml = parse_yaml(text, "locations.geojson")  # JSON is YAML: the old way, same lines
    assert from_json.problems == [] and from_json.value == from_yaml.value
    assert from_json.positions == from_yaml.positions


def test_json_lone_surrogates_and_controls_print_safely(good_dir):
    places = good_dir / "locations.geojson"
    text = places.read_text(encoding="utf-8")
    places.write_text(
        text.replace('"kind": "town"', '"kind": "\\ud800\\u001b[2J\\u202e"'), encoding="utf-8"
    )
    _, problems = load_dataset(good_dir)
    assert [p.key for p in problems] == [("locations.geojson", 10, "type")]
    assert "\\ud800\\x1b[2J\\u202e" in one_line(problems[0])


# --- files: paths, symlinks, sizes, kinds ---------------------------------------------------


def test_an_empty_data_folder_loads_with_missing_files(tmp_path):
    dataset, problems = load_dataset(tmp_path)
    assert dataset.counts()["claims"] == 0
    assert {p.code for p in problems} == {"missing-file"}
    assert {p.file.rsplit("/", 1)[-1] for p in problems} == {*DATA_FILES, "articles"}
    for problem in problems:
        one_line(problem)


def test_a_data_file_symlinked_outside_is_refused(good_dir, tmp_path):
    outside = tmp_path / "elsewhere.yaml"
    shutil.move(good_dir / "sources.yaml", outside)
    (good_dir / "sources.yaml").symlink_to(outside)
    _, problems = load_dataset(good_dir)
    assert keys(problems) == [("sources.yaml", None, "outside-data")]
    assert "leads outside the data folder" in one_line(problems[0])


def test_an_article_text_symlinked_outside_is_refused(good_dir, tmp_path):
    outside = tmp_path / "secret.txt"
    shutil.move(good_dir / "articles" / "mini.txt", outside)
    (good_dir / "articles" / "mini.txt").symlink_to(outside)
    _, problems = load_dataset(good_dir)
    assert keys(problems) == [("mini.yaml", 3, "outside-data")]
    assert one_line(problems[0]).startswith(f"{problems[0].file}:3: file: 'file' must name")


def test_an_article_metadata_file_symlinked_outside_is_refused(good_dir, tmp_path):
    outside = tmp_path / "meta.yaml"
    shutil.move(good_dir / "articles" / "mini.yaml", outside)
    (good_dir / "articles" / "mini.yaml").symlink_to(outside)
    _, problems = load_dataset(good_dir)
    assert ("mini.yaml", None, "outside-data") in keys(problems)
    for problem in problems:
        one_line(problem)


def test_symlink_loops_are_refused(good_dir):
    (good_dir / "sources.yaml").unlink()
    (good_dir / "sources.yaml").symlink_to(good_dir / "loop.yaml")
    (good_dir / "loop.yaml").symlink_to(good_dir / "sources.yaml")
    (good_dir / "articles" / "mini.txt").unlink()
    (good_dir / "articles" / "mini.txt").symlink_to("mini.txt")
    _, problems = load_dataset(good_dir)
    assert keys(problems) == [
        ("mini.yaml", 3, "outside-data"),
        ("sources.yaml", None, "outside-data"),
    ]
    assert all("symlink loop" in one_line(p) for p in problems)


def test_symlinks_inside_the_data_folder_are_followed(tmp_path):
    real = tmp_path / "real"
    shutil.copytree(GOOD, real)
    (real / "kept").mkdir()
    shutil.move(real / "sources.yaml", real / "kept" / "sources.yaml")
    (real / "sources.yaml").symlink_to(Path("kept") / "sources.yaml")
    (tmp_path / "link").symlink_to(real)  # the data folder itself may be a symlink
    dataset, problems = load_dataset(tmp_path / "link")
    assert problems == []
    assert dataset.counts()["sources"] == 2


def test_an_oversized_file_is_refused_unread(good_dir, monkeypatch):
    with open(good_dir / "claims.yaml", "r+b") as handle:
        handle.truncate(21_000_000)  # sparse: 21 MB that were never written
    read: list[int] = []
    real_read = os.read

    def counted_read(fd: int, size: int) -> bytes:
        data = real_read(fd, size)
        read.append(len(data))
        return data

    monkeypatch.setattr(os, "read", counted_read)
    _, problems = load_dataset(good_dir)
    assert keys(problems) == [("claims.yaml", None, "too-large")]
    assert "limit of 20 MB" in one_line(problems[0])
    assert 0 < sum(read) < 10_000  # the other, small files only


def test_the_size_limit_comes_from_the_environment(good_dir, monkeypatch):
    monkeypatch.setenv("NKTRACKER_MAX_FILE_MB", "0.0005")  # 500 bytes
    _, problems = load_dataset(good_dir)
    too_large = {p.key for p in problems if p.code == "too-large"}
    assert ("claims.yaml", None, "too-large") in too_large
    monkeypatch.setenv("NKTRACKER_MAX_FILE_MB", "not a number")  # ignored: the default
    assert load_dataset(good_dir)[1] == []


def test_folders_and_pipes_where_files_belong_are_refused(good_dir):
    (good_dir / "sources.yaml").unlink()
    (good_dir / "sources.yaml").mkdir()
    (good_dir / "deployments.yaml").unlink()
    os.mkfifo(good_dir / "deployments.yaml")  # reading it would wait for a writer forever
    _, problems = load_dataset(good_dir)
    assert keys(problems) == [
        ("deployments.yaml", None, "missing-file"),
        ("sources.yaml", None, "missing-file"),
    ]
    assert all("not a regular file" in one_line(p) for p in problems)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_is_a_problem(good_dir):
    (good_dir / "sources.yaml").chmod(0)
    _, problems = load_dataset(good_dir)
    assert keys(problems) == [("sources.yaml", None, "missing-file")]


# --- the alias bomb, bounded in time and memory without a timed assertion ------------------

BOMB_SCRIPT = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # 1 GB of address space
sys.path.insert(0, sys.argv[2])
from nktracker.load import load_dataset
for problem in load_dataset(sys.argv[1])[1]:
    print(problem)
"""


def test_the_alias_bomb_is_refused_within_one_gigabyte(tmp_path):
    """Expanded, the nine levels of nine aliases are 10^9 strings: far beyond 1 GB. The
    subprocess must finish (timeout) under that limit and print the one alias problem."""
    data = overlay("yaml-alias-bomb", tmp_path / "data")
    assert (data / "sources.yaml").stat().st_size < 500
    result = subprocess.run(
        [sys.executable, "-c", BOMB_SCRIPT, str(data), str(REPO)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].endswith(
        "sources.yaml:2:8: YAML alias '*a' inside the anchored value '&b': nested aliases "
        "are not allowed in data files. Fix: write the value out in full where the alias "
        "stands (docs/data.md#limits)"
    )


# --- the command line: exit codes -----------------------------------------------------------


def test_check_exit_codes(tmp_path, capsys):
    assert main(["check", str(FROZEN)]) == 0
    assert main(["check", str(overlay("yaml-alias-bomb", tmp_path / "data"))]) == 1
    for argv in (["check", "--bogus"], ["nonsense"], [], ["export"]):
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 2
    capsys.readouterr()


@pytest.mark.parametrize("command", [["check"], ["export", "--no-images", "--out"]])
def test_an_internal_error_is_one_line_and_a_log(command, tmp_path, monkeypatch, capsys):
    def broken(_path):
        raise ValueError("boom\x1b[2J\nsources.yaml:1: forged")

    monkeypatch.setattr("nktracker.cli.load_dataset", broken)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    argv = [*command, str(tmp_path / "out")] if command[0] == "export" else command
    assert main(argv) == 3
    captured = capsys.readouterr()
    assert captured.out == ""
    (line,) = captured.err.splitlines()
    prefix = (
        "internal error: ValueError: boom\\x1b[2J\\nsources.yaml:1: forged; details written to "
    )
    assert line.startswith(prefix)
    log = Path(line.removeprefix(prefix))
    assert log.parent == tmp_path / "cache" / "nktracker"
    details = log.read_text(encoding="utf-8")
    assert "Traceback" in details and "in broken" in details and "ValueError: boom" in details


def test_an_internal_error_exits_3_from_the_console(tmp_path):
    script = (
        "import sys, nktracker.cli as cli\n"
        "def broken(path): raise RuntimeError('bug')\n"
        "cli.load_dataset = broken\n"
        "sys.exit(cli.main(['check', sys.argv[1]]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(FROZEN)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path)},
    )
    assert result.returncode == 3
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.startswith("internal error: RuntimeError: bug; details written to ")
    assert len(list((tmp_path / "nktracker").glob("internal-error-*.log"))) == 1
