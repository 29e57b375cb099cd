"""A valid data folder K times the size of the shipped data/, for timing the app at scale.

Usage: python benchmarks/synth.py K --out DIR [--seed N] [--data SRC] [--force]

K = 1 copies the data folder as it is. For K > 1, copy k (1..K-1) of every claim is the template
claim with the id `<id>-k<k>` and:

- the same quote, statement and article (the one archived article is copied byte for byte, so
  every quote stays verbatim), and the same estimate words, qualifier and values (the words are
  in the quote, so `estimate-rule` and `estimate-words` hold);
- a reporting chain whose outlet (the article's publisher) is kept and whose other links, and
  the originator, rotate among the generated copies of the sources (`<source>-k<j>`: outlets,
  officials, anonymous sources with `part_of` pointing at the copy of their body);
- the quantity `<quantity>-k<k>` (copies stay in their quantity's group, so a grouped copy
  still measures the same total);
- answers and selectors mapped to copy k's claims and quantities (denials keep their topics);
- a reported date moved within the article's window (three in four copies): the precision is
  the template's or a neighbouring one, a week starts on a Monday, a month is a whole month, and
  no date begins after the last day the article can have been published;
- the template's places, plus one synthetic point in the present theatre per copy.

Deployments are reused; each lists the copies of its claims too. Every generated id is used,
so `nktracker check DIR` prints OK. The output is deterministic for a given K and --seed.
"""

from __future__ import annotations

import argparse
import calendar
import copy
import datetime as dt
import json
import random
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent.parent / "data"
MARKER = ".synth.json"  # written into every generated folder; --force only replaces such folders
PRECISIONS = ("day", "week", "month")
KEEP_DATE_SHARE = 0.25  # copies that keep the template's reported date, words and all
DAYS_BEFORE = 60  # a moved date starts up to this many days before the template's
DAYS_AFTER = 14  # or up to this many after (never after the article's last possible day)
# Synthetic places: points inside Kursk region (lon, lat ranges), away from its borders.
SYNTH_LON = (34.8, 36.3)
SYNTH_LAT = (51.1, 51.8)

Record = dict[str, Any]


class _Dumper(yaml.CSafeDumper if hasattr(yaml, "CSafeDumper") else yaml.SafeDumper):  # type: ignore[misc]
    """Safe YAML with every shared value written out in full (no anchors)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _load_yaml(path: Path) -> Any:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 (safe loader)


def _dump_yaml(path: Path, header: str, value: Any) -> None:
    text = yaml.dump(value, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=4096)
    path.write_text(header + text, encoding="utf-8")


# --- dates -----------------------------------------------------------------------------------


def _bounds(text: str, precision: str) -> tuple[dt.date, dt.date]:
    if precision in ("day", "week"):
        first = dt.date.fromisoformat(text)
        return first, first + dt.timedelta(days=6 if precision == "week" else 0)
    if precision == "month":
        year, month = (int(x) for x in text.split("-"))
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    year = int(text)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _write_date(day: dt.date, precision: str) -> str:
    """The date of this precision that contains `day` (a week is written as its Monday)."""
    if precision == "week":
        return (day - dt.timedelta(days=day.weekday())).isoformat()
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def moved_reported(
    rng: random.Random, template: Record, latest: dt.date, template_id: str
) -> Record:
    """A reported block like the template's, at another date in the article's window.

    The words no longer fit a moved date, so they are dropped and the basis says why; a
    background block keeps its references but loses its finer date.
    """
    precision = template["precision"]
    if precision not in PRECISIONS:  # a year stays as it is
        return copy.deepcopy(template)
    if rng.random() < 0.25:
        i = PRECISIONS.index(precision) + rng.choice((-1, 1))
        precision = PRECISIONS[min(max(i, 0), len(PRECISIONS) - 1)]
    first, _ = _bounds(template["date"], template["precision"])
    offset = rng.randint(-DAYS_BEFORE, max(min(DAYS_AFTER, (latest - first).days), -DAYS_BEFORE))
    day = min(first + dt.timedelta(days=offset), latest)
    out: Record = {
        "date": _write_date(day, precision),
        "precision": precision,
        "words": None,
        "basis": f"Synthetic (benchmarks/synth.py): the date of {template_id}, moved.",
    }
    if template.get("background"):
        background = copy.deepcopy(template["background"])
        background.pop("date", None)
        out["background"] = background
    return out


# --- the generator ---------------------------------------------------------------------------


def _rotate(k: int, salt: int, copies: int) -> int:
    """Which copy (1..copies-1) of a source copy k of a claim uses: for a fixed salt, every
    copy of the source is used exactly once as k runs over the claim's copies."""
    return 1 + (k - 1 + salt) % (copies - 1)


def _copy_id(record_id: str, k: int) -> str:
    return record_id if k == 0 else f"{record_id}-k{k}"


def _synth_sources(sources: list[Record], outlets: set[str], k_max: int) -> list[Record]:
    out = [copy.deepcopy(s) for s in sources]
    for k in range(1, k_max):
        for source in sources:
            if source["id"] in outlets:  # the article's publisher: one archived article
                continue
            new = copy.deepcopy(source)
            new["id"] = _copy_id(source["id"], k)
            new["name"] = f"{source['name']} (synthetic {k})"
            if source.get("part_of") and source["part_of"] not in outlets:
                new["part_of"] = _copy_id(source["part_of"], k)
            new["note"] = f"Synthetic copy {k} of '{source['id']}' (benchmarks/synth.py)."
            out.append(new)
    return out


def _synth_quantities(quantities: list[Record], k_max: int) -> list[Record]:
    out = [copy.deepcopy(q) for q in quantities]
    for k in range(1, k_max):
        for quantity in quantities:
            new = copy.deepcopy(quantity)
            new["id"] = _copy_id(quantity["id"], k)
            new["label"] = f"{quantity['label']} (synthetic {k})"
            new["description"] = f"Synthetic copy {k} of '{quantity['id']}' (benchmarks/synth.py)."
            out.append(new)
    return out


def _claim_copy(
    rng: random.Random,
    claim: Record,
    k: int,
    k_max: int,
    outlets: set[str],
    latest: dict[str, dt.date],
) -> Record:
    new = copy.deepcopy(claim)
    new["id"] = _copy_id(claim["id"], k)
    chain = []
    for i, source_id in enumerate(claim["sources"]):
        keep = source_id in outlets  # the publisher of the one archived article
        chain.append(source_id if keep else _copy_id(source_id, _rotate(k, 3 * i, k_max)))
    new["sources"] = chain
    if claim.get("originator"):
        origin = claim["originator"]["source"]
        new["originator"]["source"] = _copy_id(origin, _rotate(k, 5, k_max))
    if claim.get("answers"):
        new["answers"] = [_copy_id(a, k) for a in claim["answers"]]
    where = claim.get("answers_where")
    if where and where.get("quantities"):
        new["answers_where"]["quantities"] = [_copy_id(q, k) for q in where["quantities"]]
    if claim.get("estimate"):
        new["estimate"]["quantity"] = _copy_id(claim["estimate"]["quantity"], k)
    if rng.random() >= KEEP_DATE_SHARE:
        latest_day = latest[claim["article"]]
        new["reported"] = moved_reported(rng, claim["reported"], latest_day, claim["id"])
    return new


def _synth_place(rng: random.Random, k: int, template: Record) -> Record:
    lon = round(rng.uniform(*SYNTH_LON), 4)
    lat = round(rng.uniform(*SYNTH_LAT), 4)
    place_id = f"synthetic-place-k{k}"
    return {
        "type": "Feature",
        "id": place_id,
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {
            "id": place_id,
            "name": f"Synthetic place {k}",
            "kind": "town",
            "country": template["country"],
            "region": template["region"],
            "theatre": template["theatre"],
            "background": True,
            "note": "Synthetic point for benchmarks (benchmarks/synth.py); not a real place.",
        },
    }


def generate(k: int, out: Path, seed: int = 0, data: Path = DATA, force: bool = False) -> Path:
    """Write a data folder k times the size of `data` into `out`; returns `out`."""
    if k < 1:
        raise ValueError("K must be at least 1")
    out = Path(out)
    _prepare(out, force)
    shutil.copytree(data, out, dirs_exist_ok=True)
    if k > 1:
        _multiply(k, out, seed, data)
    # Last: a folder with the marker is complete (bench_pages.py reuses it).
    (out / MARKER).write_text(json.dumps({"k": k, "seed": seed, "from": str(data)}) + "\n")
    return out


def _multiply(k: int, out: Path, seed: int, data: Path) -> None:
    """Overwrite the copied YAML and GeoJSON files of `out` with k copies of each claim."""
    rng = random.Random(seed)

    articles = [_load_yaml(p) for p in sorted((data / "articles").glob("*.yaml"))]
    outlets = {a["outlet"] for a in articles}
    # The last day each article can have been published: no reported date may start later.
    latest = {
        a["id"]: _bounds(a["published"]["date"], a["published"]["precision"])[1] for a in articles
    }

    sources = _load_yaml(data / "sources.yaml")["sources"]
    claims_file = _load_yaml(data / "claims.yaml")
    deployments = _load_yaml(data / "deployments.yaml")["deployments"]
    geo = json.loads((data / "locations.geojson").read_text(encoding="utf-8"))

    places = {f["properties"]["id"]: f["properties"] for f in geo["features"]}
    theatre_regions = {
        pid for pid, p in places.items() if p["theatre"] == "present" and p["kind"] == "region"
    }
    templates = claims_file["claims"]
    claims = [copy.deepcopy(c) for c in templates]
    copies_of: dict[str, list[str]] = {c["id"]: [] for c in templates}
    features = [copy.deepcopy(f) for f in geo["features"]]
    for n in range(1, k):
        batch = [_claim_copy(rng, c, n, k, outlets, latest) for c in templates]
        # One synthetic point per copy, named by one of the copy's claims on a theatre region.
        hosts = [c for c in batch if set(c.get("locations") or []) & theatre_regions]
        if hosts:
            host = rng.choice(hosts)
            region = next(p for p in host["locations"] if p in theatre_regions)
            feature = _synth_place(rng, n, places[region])
            host["locations"] = [*host["locations"], feature["properties"]["id"]]
            features.append(feature)
        for template, new in zip(templates, batch, strict=True):
            copies_of[template["id"]].append(new["id"])
        claims += batch

    for deployment in deployments:
        deployment["claims"] = [
            *deployment["claims"],
            *(c for cid in deployment["claims"] for c in copies_of.get(cid, [])),
        ]

    note = (
        f"# Synthetic data, {k}x data/ (benchmarks/synth.py, seed {seed}). Schema: docs/data.md\n"
    )
    _dump_yaml(out / "sources.yaml", note, {"sources": _synth_sources(sources, outlets, k)})
    _dump_yaml(
        out / "claims.yaml",
        note,
        {"quantities": _synth_quantities(claims_file["quantities"], k), "claims": claims},
    )
    _dump_yaml(out / "deployments.yaml", note, {"deployments": deployments})
    geo["features"] = features
    (out / "locations.geojson").write_text(
        json.dumps(geo, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


def _prepare(out: Path, force: bool) -> None:
    if not out.exists() or not any(out.iterdir()):
        out.mkdir(parents=True, exist_ok=True)
        return
    if not force:
        raise FileExistsError(f"{out} is not empty (pass --force to replace a generated folder)")
    if not (out / MARKER).is_file():
        raise FileExistsError(f"{out} was not written by synth.py ({MARKER} missing): not removed")
    shutil.rmtree(out)
    out.mkdir(parents=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("k", type=int, help="how many times the shipped data (1 = a copy)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--data", type=Path, default=DATA, help="template folder (data/)")
    parser.add_argument("--force", action="store_true", help="replace a folder synth.py wrote")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        generate(args.k, args.out, args.seed, args.data, args.force)
    except (ValueError, FileExistsError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"wrote {args.k}x {args.data} into {args.out} in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
