"""Files -> records: load_dataset(path) returns (dataset, problems) and never raises on bad data."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ValidationError

from nktracker.model import (
    Article,
    Claim,
    Dataset,
    Deployment,
    Quantity,
    Source,
)
from nktracker.parse import Parsed, PathKey, parse_json, parse_yaml, read_text
from nktracker.problems import Problem

DATE_FIELDS = {"date", "start", "end", "accessed", "archived"}
BUNDLED_DATA = Path(__file__).resolve().parent.parent / "data"

# file name -> (top-level key, model) for the list-of-records YAML files
YAML_LISTS: dict[str, list[tuple[str, type[BaseModel]]]] = {
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
    from nktracker.validate import validate_dataset

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


def _records(parsed: Parsed, key: str, model: type[BaseModel], problems: list[Problem]):
    """Validate each item of parsed.value[key]; bad items are reported and left out."""
    items = parsed.value.get(key)  # type: ignore[union-attr]
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
    out = []
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


def validate_record(parsed: Parsed, where: PathKey, item, model, problems: list[Problem]):
    """Build one model from one mapping; on failure add one Problem per error, return None."""
    if not isinstance(item, dict):
        problems.append(
            parsed.problem(
                where,
                "type",
                f"each record must be a mapping (got {type(item).__name__})",
                "write the record as 'key: value' lines",
            )
        )
        return None
    try:
        return model.model_validate(item)
    except ValidationError as err:
        for error in err.errors():
            problems.append(_problem_from_error(parsed, where, error, model))
        return None


def _problem_from_error(parsed: Parsed, where: PathKey, error: dict, model) -> Problem:
    loc = tuple(error["loc"])
    path = (*where, *loc)
    kind = error["type"]
    name = str(loc[-1]) if loc else "record"
    if kind == "missing":
        return parsed.problem(
            path,
            "missing-field",
            f"required field '{name}' is missing",
            f"add '{name}:' (see docs/data.md#{model.__name__.lower()})",
        )
    if kind == "extra_forbidden":
        allowed = ", ".join(_fields_at(model, loc[:-1]))
        return parsed.problem(
            path,
            "unknown-field",
            f"unknown field '{name}'",
            f"remove it or correct its spelling (allowed: {allowed})",
        )
    got = error.get("input")
    got_text = repr(got) if not isinstance(got, dict | list) else type(got).__name__
    if kind == "string_type" and name in DATE_FIELDS:
        return parsed.problem(
            path,
            "type",
            f"'{name}' must be a quoted ISO date string (got {got_text})",
            f'write it in quotes, e.g. {name}: "{got}"',
        )
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return parsed.problem(
            path,
            "invalid-value",
            f"'{name}' must be one of {expected} (got {got_text})",
            "use one of the allowed values",
        )
    if kind == "string_pattern_mismatch":
        return parsed.problem(
            path,
            "invalid-value",
            f"'{name}' must be a lowercase slug like 'liga-buryat-battalion' (got {got_text})",
            "use lowercase letters, digits and single hyphens",
        )
    if kind in ("string_too_short", "too_short"):
        return parsed.problem(
            path, "invalid-value", f"'{name}' must not be empty", "fill it in or remove it"
        )
    return parsed.problem(
        path,
        "type",
        f"'{name}': {error['msg'].lower()} (got {got_text})",
        "correct the value's type (see docs/data.md)",
    )


def _fields_at(model, loc: tuple) -> list[str]:
    """Field names of the (nested) model that loc points into, for 'allowed:' hints."""
    current = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        if field is None:
            break
        inner = _model_in(field.annotation)
        if inner is None:
            break
        current = inner
    return list(current.model_fields)


def _model_in(annotation):
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None


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
    from nktracker.geo import features_to_locations

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
