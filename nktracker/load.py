"""Files -> records: load_dataset(path) returns (dataset, problems) and never raises on bad data."""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath, PureWindowsPath

from nktracker.geo import features_to_locations
from nktracker.model import (
    Article,
    Claim,
    Dataset,
    Deployment,
    Identified,
    Quantity,
    Region,
    Source,
)
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
    "regions.yaml": [("regions", Region)],
}


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """The data folder: an explicit path, else $NKTRACKER_DATA, else the bundled data/."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("NKTRACKER_DATA")
    return Path(env) if env else BUNDLED_DATA


def display_name(root: Path, path: Path) -> str:
    """How a file is named in problems: relative to the working folder when possible. The
    file's own name is kept as written (a symlink is named, not its target)."""
    try:
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # elsewhere, a symlink loop, no working folder
        return str(path)


def _real_root(root: Path) -> Path:
    try:
        return root.resolve()
    except (OSError, RuntimeError, ValueError):
        return Path(os.path.abspath(root))


def _leads_outside(real_root: Path, path: Path) -> str | None:
    """Why path, once its symlinks are followed, is not inside the data folder; or None."""
    try:
        real = path.resolve()
    except RuntimeError:  # Python 3.11 reports a symlink loop so
        return "a symlink loop: the path cannot be followed"
    except (OSError, ValueError) as err:
        return f"the path cannot be followed ({getattr(err, 'strerror', None) or err})"
    if real == real_root or real.is_relative_to(real_root):
        return None
    return f"it leads outside the data folder (to {real})"


def outside_data(root: Path, path: Path) -> str | None:
    """Why path, once its symlinks are followed, is not inside the data folder root; or None.
    The curator's tools ask this before they write, as the loader does before it reads."""
    return _leads_outside(_real_root(root), path)


def _outside_problem(display: str, why: str) -> Problem:
    return Problem(
        display,
        None,
        None,
        "",
        "outside-data",
        f"refused to read the file: {why}",
        "put the file itself inside the data folder instead of a symlink to it",
    )


def load_dataset(path: str | os.PathLike | None = None) -> tuple[Dataset, list[Problem]]:
    """Load and validate every data file under path; collect all problems, never raise."""
    root = data_dir(path)
    real_root = _real_root(root)
    dataset = Dataset()
    problems: list[Problem] = []
    parsed_files: dict[str, Parsed] = {}

    for name, sections in YAML_LISTS.items():
        parsed = _parse(real_root, root / name, display_name(root, root / name), parse_yaml)
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

    _load_articles(root, real_root, dataset, problems, parsed_files)
    _load_locations(root, real_root, dataset, problems, parsed_files)
    if not _listed(parsed_files["regions.yaml"], "regions"):
        dataset.regions = regions_named_by(dataset)
    problems += validate_dataset(dataset, parsed_files, complete=not problems)
    return dataset, sorted(set(problems), key=_order)


def _listed(parsed: Parsed, key: str) -> bool:
    """Whether the file loaded with a list under key (its records may still be left out)."""
    return isinstance(parsed.value, dict) and isinstance(parsed.value.get(key), list)


def regions_named_by(dataset: Dataset) -> dict[str, Region]:
    """The regions the places name, for a data folder whose regions.yaml did not load: its
    problem is reported once, and the places, filters and colours still work."""
    labels = sorted({location.region for location in dataset.locations.values()})
    out: dict[str, Region] = {}
    for label in labels:
        slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-") or "region"
        region_id, n = slug, 2
        while region_id in out:
            region_id, n = f"{slug}-{n}", n + 1
        out[region_id] = Region(id=region_id, label=label)
    return out


def _order(problem: Problem):
    return (problem.file, problem.line or 0, problem.path, problem.code, problem.message)


def _parse(real_root: Path, path: Path, display: str, parser) -> Parsed:
    why = _leads_outside(real_root, path)
    if why is not None:
        return Parsed(display, problems=[_outside_problem(display, why)])
    text, problems = read_text(path, display)
    if text is None:
        return Parsed(display, problems=problems)
    return parser(text, display)


def _article_text_path(folder: Path, real_root: Path, name: str) -> tuple[Path | None, str]:
    """The path of an article's text (its `file:` field, relative to articles/), or why the
    name is refused: only a path inside the data folder may be read."""
    if any(ord(char) < 32 or ord(char) == 127 for char in name):
        return None, "control characters are not allowed in a file name"
    if (
        PurePosixPath(name).is_absolute()
        or PureWindowsPath(name).is_absolute()
        or PureWindowsPath(name).drive
        or name.startswith(("/", "\\"))
    ):
        return None, "an absolute path is not allowed"
    if ".." in PurePosixPath(name.replace("\\", "/")).parts:
        return None, "'..' is not allowed"
    path = folder / name
    why = _leads_outside(real_root, path)
    return (None, why) if why is not None else (path, "")


def _listing(folder: Path) -> list[Path] | None:
    """The article metadata files, or None when there is no readable articles folder."""
    try:
        return sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    except (OSError, ValueError):
        return None


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


def _load_articles(
    root: Path, real_root: Path, dataset: Dataset, problems: list[Problem], parsed_files
) -> None:
    folder = root / "articles"
    metas = _listing(folder)
    if not metas:
        problems.append(
            Problem(
                display_name(root, folder),
                None,
                None,
                "",
                "missing-file",
                "no article metadata (*.yaml) found"
                if metas is not None
                else "the articles folder cannot be read",
                "archive the source document as articles/<id>.txt with articles/<id>.yaml",
            )
        )
        return
    found = 0
    for meta in metas:
        display = display_name(root, meta)
        parsed = _parse(real_root, meta, display, parse_yaml)
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
                    ("id",),
                    "duplicate-id",
                    f"article id '{article.id}' is used twice",
                    "give each article its own id, the same as its file names",
                )
            )
            continue
        text_path, why = _article_text_path(folder, real_root, article.file)
        if text_path is None:
            problems.append(
                parsed.problem(
                    ("file",),
                    "outside-data",
                    f"'file' must name a text inside the data folder (got {article.file!r}): {why}",
                    "give the text's name inside articles/, e.g. 'file: <id>.txt', and keep "
                    "the text itself there",
                )
            )
            continue
        text, text_problems = read_text(text_path, display_name(root, text_path))
        if text is None:
            problems.extend(text_problems)
            continue
        dataset.articles[article.id] = article
        dataset.article_texts[article.id] = text
    dataset.left_out["articles"] = found - len(dataset.articles)


def _load_locations(
    root: Path, real_root: Path, dataset: Dataset, problems: list[Problem], parsed_files
) -> None:
    path = root / "locations.geojson"
    parsed = _parse(real_root, path, display_name(root, path), parse_json)
    parsed_files["locations.geojson"] = parsed
    problems.extend(parsed.problems)
    if parsed.value is None:
        return
    locations, found = features_to_locations(parsed, problems)
    for location in locations:
        dataset.locations[location.id] = location
    dataset.left_out["locations"] = found - len(locations)
