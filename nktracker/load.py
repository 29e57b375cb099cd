"""Files -> records: load_dataset(path) returns (dataset, problems) and never raises on bad data."""

from __future__ import annotations

import os
from pathlib import Path

from nktracker.geo import features_to_locations
from nktracker.model import Article, Claim, Dataset, Deployment, Identified, Quantity, Source
from nktracker.parse import Parsed, parse_json, parse_yaml, read_text
from nktracker.problems import Problem
from nktracker.records import validate_record
from nktracker.validate import validate_dataset

BUNDLED_DATA = Path(__file__).resolve().parent.parent / "data"

# file name -> (top-level key, model) for the list-of-records YAML files
YAML_LISTS: dict[str, list[tuple[str, type[Identified]]]] = {
    "sources.yaml": [("sources", Source)],
    "claims.yaml": [("quantities", Quantity), ("claims", Claim)],
    "deployments.yaml": [("deployments", Deployment)],
}


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """The data folder: an explicit path, else $NKTRACKER_DATA, else the bundled data/."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("NKTRACKER_DATA")
    return Path(env) if env else BUNDLED_DATA


def display_name(root: Path, path: Path) -> str:
    """How a file is named in problems: relative to the working folder when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_dataset(path: str | os.PathLike | None = None) -> tuple[Dataset, list[Problem]]:
    """Load and validate every data file under path; collect all problems, never raise."""
    root = data_dir(path)
    dataset = Dataset()
    problems: list[Problem] = []
    parsed_files: dict[str, Parsed] = {}

    for name, sections in YAML_LISTS.items():
        parsed = _parse(root / name, display_name(root, root / name), parse_yaml)
        problems += parsed.problems
        parsed_files[name] = parsed
        if parsed.value is None:
            continue
        if not isinstance(parsed.value, dict):
            problems.append(
                parsed.problem(
                    (),
                    "type",
                    f"expected a mapping with {', '.join(k for k, _ in sections)} "
                    f"(got {type(parsed.value).__name__})",
                    "start the file with the top-level key(s) shown in docs/data.md",
                )
            )
            continue
        for key, model in sections:
            records, found = _records(parsed, key, model, problems)
            _store(dataset, key, records, found)

    _load_articles(root, dataset, problems, parsed_files)
    _load_locations(root, dataset, problems, parsed_files)
    problems += validate_dataset(dataset, parsed_files, complete=not problems)
    return dataset, sorted(set(problems), key=_order)


def _order(problem: Problem):
    return (problem.file, problem.line or 0, problem.path, problem.code, problem.message)


def _parse(path: Path, display: str, parser) -> Parsed:
    text, problems = read_text(path, display)
    if text is None:
        return Parsed(display, problems=problems)
    return parser(text, display)


def _records(
    parsed: Parsed, key: str, model: type[Identified], problems: list[Problem]
) -> tuple[list[tuple[int, Identified]], int]:
    """Validate each item of parsed.value[key]; bad items are reported and left out."""
    items = parsed.value.get(key) if isinstance(parsed.value, dict) else None
    if items is None:
        problems.append(
            parsed.problem(
                (key,), "missing-field", f"top-level key '{key}' is missing", f"add '{key}:'"
            )
        )
        return [], 0
    if not isinstance(items, list):
        problems.append(
            parsed.problem(
                (key,),
                "type",
                f"'{key}' must be a list of records (got {type(items).__name__})",
                f"write each record as '- id: ...' under '{key}:'",
            )
        )
        return [], 0
    out: list[tuple[int, Identified]] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        record = validate_record(parsed, (key, index), item, model, problems)
        if record is None:
            continue
        if record.id in seen:
            problems.append(
                parsed.problem(
                    (key, index, "id"),
                    "duplicate-id",
                    f"id '{record.id}' is already used at line {seen[record.id]}",
                    "give each record its own id",
                )
            )
            continue
        seen[record.id] = parsed.line_of((key, index)) or 0
        out.append((index, record))
    return out, len(items)


def _store(dataset: Dataset, key: str, records: list, found: int) -> None:
    target = getattr(dataset, key)
    for _, record in records:
        target[record.id] = record
    dataset.left_out[key] = dataset.left_out.get(key, 0) + found - len(records)


def _load_articles(root: Path, dataset: Dataset, problems: list[Problem], parsed_files) -> None:
    folder = root / "articles"
    metas = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not metas:
        problems.append(
            Problem(
                display_name(root, folder),
                None,
                None,
                "",
                "missing-file",
                "no article metadata (*.yaml) found",
                "archive the source document as articles/<id>.txt with articles/<id>.yaml",
            )
        )
        return
    found = 0
    for meta in metas:
        display = display_name(root, meta)
        parsed = _parse(meta, display, parse_yaml)
        parsed_files[f"articles/{meta.name}"] = parsed
        problems.extend(parsed.problems)
        if parsed.value is None:
            continue
        found += 1
        article = validate_record(parsed, (), parsed.value, Article, problems)
        if article is None:
            continue
        if article.id in dataset.articles:
            problems.append(
                parsed.problem(
                    ("id",), "duplicate-id", f"article id '{article.id}' is used twice", ""
                )
            )
            continue
        text_path = folder / article.file
        text, text_problems = read_text(text_path, display_name(root, text_path))
        if text is None:
            problems.extend(text_problems)
            continue
        dataset.articles[article.id] = article
        dataset.article_texts[article.id] = text
    dataset.left_out["articles"] = found - len(dataset.articles)


def _load_locations(root: Path, dataset: Dataset, problems: list[Problem], parsed_files) -> None:
    path = root / "locations.geojson"
    parsed = _parse(path, display_name(root, path), parse_json)
    parsed_files["locations.geojson"] = parsed
    problems.extend(parsed.problems)
    if parsed.value is None:
        return
    locations, found = features_to_locations(parsed, problems)
    for location in locations:
        dataset.locations[location.id] = location
    dataset.left_out["locations"] = found - len(locations)
