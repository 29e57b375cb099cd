"""The curator's tools: archive a document byte for byte, and add a place to locations.geojson.

`nktracker archive FILE|- --id ID --outlet SOURCE --published DATE` writes articles/ID.txt (the
bytes as given, never converted) and the articles/ID.yaml skeleton; `nktracker place add ID ...`
appends one feature line to locations.geojson and leaves every other byte as it was. Both write
only inside the data folder, never over an existing file, and refuse bad input in one line:
what is wrong, then `Fix:` and how. Exit codes: 0 written; 1 the input or the data folder stands
in the way (a text that is not UTF-8, an id already taken); 2 a bad argument (not a slug, an
unknown outlet, region or kind, a URL that is not http(s), coordinates out of range).
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import math
import os
import re
import shlex
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import yaml
from pydantic import ValidationError

from nktracker.links import is_web_url
from nktracker.load import data_dir, display_name, load_dataset, outside_data
from nktracker.model import LOCATION_KINDS, SLUG_PATTERN, Article, Dataset, Location
from nktracker.parse import max_file_bytes
from nktracker.problems import clean

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
FEATURES_END = re.compile(r"\s*\]\s*\}\s*\Z")  # the end of the features list, then the collection


class Refused(Exception):
    """Why nothing was written, as one line with its fix, and the exit code to return."""

    def __init__(self, where: str, message: str, fix: str, code: int = EXIT_PROBLEMS):
        super().__init__(clean(f"{where}: {message}. Fix: {fix}"))
        self.code = code


def run_archive(args: argparse.Namespace) -> int:
    """`nktracker archive`: archive the document, print what was written and the next step."""
    root = data_dir(args.data)
    try:
        raw, name = read_document(args.file, sys.stdin.buffer)
        written = archive_article(
            root,
            raw,
            name,
            article_id=args.id,
            outlet=args.outlet,
            published=args.published,
            precision=args.precision,
            url=args.url,
            title=args.title,
            today=dt.date.today(),
        )
    except Refused as err:
        print(clean(f"error: {err}"), file=sys.stderr)
        return err.code
    text, meta = written
    print(clean(f"archived {display_name(root, text)} ({len(raw):,} bytes, byte for byte)"))
    print(clean(f"wrote {display_name(root, meta)}: review its title, author and published.basis"))
    print(clean(f"next: nktracker draft {args.id} --out drafts-{args.id}.yaml"))
    return EXIT_OK


def read_document(file: str, stdin: BinaryIO) -> tuple[bytes, str]:
    """The document's bytes, exactly as stored (standard input for '-'), and its name."""
    limit = max_file_bytes()
    if file == "-":
        raw = stdin.read(limit + 1)
        name = "standard input"
    else:
        name = file
        try:
            with open(file, "rb") as handle:
                if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                    raise Refused(name, "not a regular file", "give the path of a text file")
                raw = handle.read(limit + 1)
        except OSError as err:
            raise Refused(
                name,
                f"cannot read the document ({err.strerror or err})",
                "give the path of a readable text file, or - to read standard input",
            ) from err
    if len(raw) > limit:
        raise Refused(
            name,
            f"larger than the loader's limit of {limit:,} bytes",
            "archive a smaller document, or raise NKTRACKER_MAX_FILE_MB (docs/data.md#limits)",
        )
    if not raw.strip():
        raise Refused(name, "the document is empty", "give the document's text")
    return raw, name


def utf8_refusal(raw: bytes, name: str) -> Refused | None:
    """Where the bytes stop being UTF-8 (offset, line, column), what is wrong and how to fix it."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        offset = err.start
        line = raw.count(b"\n", 0, offset) + 1
        column = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
        if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
            guess, source = "UTF-16", "UTF-16"
        else:
            guess, source = "Windows-1252 or Latin-1", "WINDOWS-1252"
        document = "FILE" if name == "standard input" else shlex.quote(name)
        return Refused(
            name,
            f"not UTF-8 at byte offset {offset:,} (line {line}, byte {column} of the line): "
            f"byte 0x{raw[offset]:02x} is an {err.reason}; the archive never converts a text",
            f"save the text as UTF-8 and archive that; if it is {guess}: "
            f"iconv -f {source} -t UTF-8 {document} > converted.txt",
        )
    return None


def archive_article(
    root: Path,
    raw: bytes,
    name: str,
    *,
    article_id: str,
    outlet: str,
    published: dt.date,
    precision: str = "day",
    url: str | None = None,
    title: str | None = None,
    today: dt.date,
) -> tuple[Path, Path]:
    """Write articles/<id>.txt (raw, unchanged) and articles/<id>.yaml; return both paths.
    Raises Refused, having written nothing, when anything is wrong."""
    if not re.fullmatch(SLUG_PATTERN, article_id):
        raise Refused(
            "--id",
            f"'{article_id}' is not a slug",
            "use lowercase letters, digits and single hyphens, e.g. ap-2024-11-04",
            EXIT_USAGE,
        )
    if url is not None and not is_web_url(url):
        raise Refused(
            "--url",
            f"the address must start with http:// or https:// and name a host (got {url!r})",
            "give the document's web address, or leave --url out",
            EXIT_USAGE,
        )
    refusal = utf8_refusal(raw, name)
    if refusal is not None:
        raise refusal
    dataset = _dataset(root)
    if outlet not in dataset.sources:
        hint = did_you_mean(outlet, dataset.sources, _source_names(dataset))
        raise Refused(
            "--outlet",
            f"unknown source '{outlet}'{hint}",
            f"give the outlet's id from {display_name(root, root / 'sources.yaml')}, or add the "
            "outlet there first (docs/data.md#source)",
            EXIT_USAGE,
        )
    folder = _articles_folder(root)
    text_path, meta_path = folder / f"{article_id}.txt", folder / f"{article_id}.yaml"
    taken = [p for p in (text_path, meta_path) if os.path.lexists(p)]
    if article_id in dataset.articles or taken:
        where = display_name(root, taken[0]) if taken else f"article '{article_id}'"
        raise Refused(
            where,
            f"the id '{article_id}' is already archived; nothing is overwritten",
            "give the new document its own id (e.g. with a -2 suffix), or remove the old files",
        )
    meta = article_skeleton(article_id, outlet, published, precision, url, title, today)
    _write_new(root, text_path, raw)
    try:
        _write_new(root, meta_path, meta.encode("utf-8"))
    except Refused:
        text_path.unlink()  # never leave a text without its metadata
        raise
    return text_path, meta_path


def article_skeleton(
    article_id: str,
    outlet: str,
    published: dt.date,
    precision: str,
    url: str | None,
    title: str | None,
    today: dt.date,
) -> str:
    """The articles/<id>.yaml text for a newly archived document (docs/data.md#article)."""
    date = _date_text(published, precision)
    basis = f"Given when the text was archived: {published.isoformat()}, precision {precision}."
    if precision == "week" and date != published.isoformat():
        basis += f" Stored as the Monday of that week, {date}."
    lines = [
        "# Article metadata. Schema: docs/data.md#article",
        "# Written by `nktracker archive`. Review: the title as printed (or null), the author,",
        "# and published.basis: say how the date was established (printed in the text, only in",
        "# its URL, or from the events it refers to), with the precision that supports.",
        f"id: {article_id}",
        f"file: {article_id}.txt",
        f"title: {_scalar(title or None)}",
        f"outlet: {outlet}",
        "author: null",
        "published:",
        f"  date: {_scalar(date)}",
        f"  precision: {precision}",
        f"  basis: {_scalar(basis)}",
        f"url: {_scalar(url)}",
        "accessed: null",
        f"archived: {_scalar(today.isoformat())}",
        "language: en",
    ]
    text = "\n".join(lines) + "\n"
    Article.model_validate(yaml.safe_load(text))  # a skeleton the loader would refuse is a bug
    return text


def _date_text(day: dt.date, precision: str) -> str:
    if precision == "week":
        return (day - dt.timedelta(days=day.weekday())).isoformat()
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def _scalar(value: str | None) -> str:
    """A YAML value: null, or a double-quoted string with every character kept or escaped."""
    if value is None:
        return "null"
    return yaml.safe_dump(value, default_style='"', allow_unicode=True, width=math.inf).strip()


def _dataset(root: Path) -> Dataset:
    if not root.is_dir():
        raise Refused(
            str(root),
            "the data folder does not exist",
            "give --data the data folder, or set NKTRACKER_DATA",
        )
    dataset, _ = load_dataset(root)
    return dataset


def _source_names(dataset: Dataset) -> dict[str, str]:
    """Names and aliases of sources (case-folded) -> source id, for suggestions."""
    out: dict[str, str] = {}
    for source in dataset.sources.values():
        for name in (source.name, *source.aliases):
            out.setdefault(name.casefold(), source.id)
    return out


def did_you_mean(value: str, ids: Iterable[str], names: dict[str, str] | None = None) -> str:
    """' (did you mean 'twz'?)' when ids, or the ids behind close names, are near value or
    contain it."""
    ids = list(ids)
    close = difflib.get_close_matches(value, ids, n=3, cutoff=0.6)
    close += difflib.get_close_matches(value.casefold(), [i.casefold() for i in ids], n=3)
    for name in difflib.get_close_matches(value.casefold(), list(names or {}), n=3):
        close.append((names or {})[name])
    if len(value.strip()) >= 3:  # 'Kursk' for 'Kursk region'
        close += [i for i in ids if value.casefold() in i.casefold()]
    close = [c for c in dict.fromkeys(close) if c in ids][:3]
    return " (did you mean " + " or ".join(f"'{c}'" for c in close) + "?)" if close else ""


def _articles_folder(root: Path) -> Path:
    folder = root / "articles"
    try:
        folder.mkdir(exist_ok=True)
    except OSError as err:
        raise Refused(
            display_name(root, folder),
            f"cannot create the articles folder ({err.strerror or err})",
            "make the data folder writable",
        ) from err
    _inside(root, folder)
    return folder


def _inside(root: Path, path: Path) -> None:
    why = outside_data(root, path)
    if why is not None:
        raise Refused(
            display_name(root, path),
            f"refused to write: {why}",
            "keep the data folder's files and folders inside it, not symlinks out of it",
        )


def _write_new(root: Path, path: Path, data: bytes) -> None:
    """Create path with data; never follow a symlink, never replace an existing file."""
    _inside(root, path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as err:
        raise Refused(
            display_name(root, path),
            f"cannot create the file ({err.strerror or err}); nothing is overwritten",
            "give a new id, or make the folder writable",
        ) from err
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def run_place_add(args: argparse.Namespace) -> int:
    """`nktracker place add`: append the place, print where and the next step."""
    root = data_dir(args.data)
    try:
        line, label = add_place(
            root,
            args.id,
            name=args.name,
            lon=args.lon,
            lat=args.lat,
            region=args.region,
            kind=args.kind,
            country=args.country,
            theatre=args.theatre,
            source_url=args.source_url,
            source_title=args.source_title,
            today=dt.date.today(),
        )
    except Refused as err:
        print(clean(f"error: {err}"), file=sys.stderr)
        return err.code
    path = display_name(root, root / "locations.geojson")
    print(clean(f"added place '{args.id}' ({args.name}, region {label}) at {path}:{line}"))
    if not args.source_url:
        print(
            "note: no --source-url: add the gazetteer you checked as coordinate_source "
            "{title, url, accessed} (docs/data.md#location)",
            file=sys.stderr,
        )
    print(
        clean(
            f"next: name '{args.id}' in a claim's or deployment's locations (until then "
            "nktracker check calls it unused), then run nktracker check"
        )
    )
    return EXIT_OK


def add_place(
    root: Path,
    place_id: str,
    *,
    name: str,
    lon: float,
    lat: float,
    region: str,
    kind: str,
    country: str | None = None,
    theatre: str = "none",
    source_url: str | None = None,
    source_title: str | None = None,
    today: dt.date,
) -> tuple[int, str]:
    """Append one Point feature to locations.geojson as its own line, every other byte kept.
    Returns the line it was written on and the region's label; raises Refused otherwise."""
    usage = EXIT_USAGE
    if not re.fullmatch(SLUG_PATTERN, place_id):
        raise Refused("ID", f"'{place_id}' is not a slug", "use e.g. washington-dc", usage)
    if not name.strip():
        raise Refused("--name", "the name is empty", "give the place's display name", usage)
    if not (math.isfinite(lon) and -180 <= lon <= 180):
        raise Refused(
            "--lon", f"must be between -180 and 180 (got {lon})", "give [lon, lat]", usage
        )
    if not (math.isfinite(lat) and -90 <= lat <= 90):
        raise Refused("--lat", f"must be between -90 and 90 (got {lat})", "give [lon, lat]", usage)
    if kind not in LOCATION_KINDS:
        hint = did_you_mean(kind, LOCATION_KINDS)
        raise Refused(
            "--kind",
            f"unknown kind '{kind}'{hint}",
            f"use one of {', '.join(LOCATION_KINDS)}",
            usage,
        )
    if country is None and kind == "country":
        country = name
    if not country or not country.strip():
        raise Refused("--country", "the country is missing", "give --country, e.g. Russia", usage)
    if source_title and not source_url:
        raise Refused("--source-title", "given without --source-url", "give both", usage)
    if source_url is not None and not is_web_url(source_url):
        raise Refused(
            "--source-url",
            f"the address must start with http:// or https:// and name a host (got {source_url!r})",
            "give the gazetteer page's web address",
            usage,
        )
    dataset = _dataset(root)
    label = _region_label(root, dataset, region)
    path = root / "locations.geojson"
    _inside(root, path)
    text, value = _read_locations(root, path)
    taken = {
        str(f.get("properties", {}).get("id"))
        for f in value["features"]
        if isinstance(f, dict) and isinstance(f.get("properties"), dict)
    }
    if place_id in taken:
        raise Refused(
            display_name(root, path),
            f"a place with the id '{place_id}' already exists; nothing is changed",
            "use that place, or give the new one its own id",
        )
    properties: dict = {
        "id": place_id,
        "name": name,
        "kind": kind,
        "country": country,
        "region": label,
        "theatre": theatre,
    }
    if source_url:
        properties["coordinate_source"] = {
            "title": source_title or "no title recorded",
            "url": source_url,
            "accessed": today.isoformat(),
        }
    properties["background"] = True  # coordinates never come from an article
    geometry = {"type": "Point", "coordinates": [lon, lat]}
    try:
        Location.model_validate(
            {**properties, "lon": lon, "lat": lat, "geometry_type": "Point", "geometry": geometry}
        )
    except ValidationError as err:
        raise Refused("place", str(err).replace("\n", " "), "correct the arguments", usage) from err
    feature = {"type": "Feature", "id": place_id, "geometry": geometry, "properties": properties}
    new_text, line = append_feature(text, value, feature)
    _replace(root, path, new_text.encode("utf-8"))
    return line, label


def _region_label(root: Path, dataset: Dataset, region: str) -> str:
    """The label of the region given by id or label; Refused with suggestions otherwise."""
    for known in dataset.regions.values():
        if region in (known.id, known.label):
            return known.label
    choices = [*dataset.regions, *(r.label for r in dataset.regions.values())]
    hint = did_you_mean(region, choices)
    raise Refused(
        "--region",
        f"unknown region '{region}'{hint}",
        f"give a region's id or label from {display_name(root, root / 'regions.yaml')}, or add "
        "the region there first (docs/data.md#region)",
        EXIT_USAGE,
    )


def _read_locations(root: Path, path: Path) -> tuple[str, dict]:
    display = display_name(root, path)
    fix = "run nktracker check and correct the file first"
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise Refused(display, f"cannot read the file ({err.strerror or err})", fix) from err
    if len(raw) > max_file_bytes():
        raise Refused(display, "larger than the loader's limit", "see docs/data.md#limits")
    try:
        text = raw.decode("utf-8")
        value = json.loads(text)
    except (UnicodeDecodeError, ValueError, RecursionError) as err:
        raise Refused(display, f"not valid UTF-8 JSON ({err})", fix) from err
    if not isinstance(value, dict) or not isinstance(value.get("features"), list):
        raise Refused(display, "not a GeoJSON FeatureCollection with a features list", fix)
    return text, value


def append_feature(text: str, value: dict, feature: dict) -> tuple[str, int]:
    """text with feature inserted as one line after the last feature; and that line's number.
    Nothing before or after the insertion changes; the result is checked by parsing it."""
    match = FEATURES_END.search(text)
    newline = "\r\n" if "\r\n" in text else "\n"
    if match is None:
        raise Refused(
            "locations.geojson",
            "the file does not end with its features list (']}')",
            "keep 'features' as the collection's last key, as scripts/build_geodata.py writes it",
        )
    line = json.dumps(feature, ensure_ascii=False, separators=(",", ":"))
    separator = "," + newline if value["features"] else newline
    head = text[: match.start()] + separator
    new_text = head + line + text[match.start() :]
    expected = {**value, "features": [*value["features"], feature]}
    if json.loads(new_text) != expected:
        raise Refused(
            "locations.geojson",
            "the features list is not the last thing in the file",
            "keep 'features' as the collection's last key, as scripts/build_geodata.py writes it",
        )
    return new_text, head.count("\n") + 1


def _replace(root: Path, path: Path, data: bytes) -> None:
    """Write data over path through a temporary file in the same folder, so a reader never sees
    half a file; the file keeps its permissions (a symlink inside the folder, its target)."""
    target = path.resolve()
    _inside(root, target)
    tmp = None
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
        fd, tmp = tempfile.mkstemp(prefix=".locations-", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as err:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        raise Refused(
            display_name(root, path),
            f"cannot write the file ({err.strerror or err}); it is unchanged",
            "make the data folder writable",
        ) from err
