"""A grown copy of a data folder: a second article, written by the team for the tests, and a
copy of every claim under a new id, as a curator's valid additions would make it.

The tests of data/ must pass on it unchanged (tests/test_shipped_data.py runs them on both), so
no test of the shipped data can pin what it holds. Usage: python tests/grow_data.py SRC DEST
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from nktracker.curate import add_place, archive_article

ARTICLE_ID = "example-wire-2024-11-05"
PUBLISHED = dt.date(2024, 11, 5)
COPY = "-copy"  # suffix of each claim's copy

# Written by the project team for the tests: fictional, about fictional people, places and
# outlets; no one else's article. CRLF line ends, curly quotes, a dash and no final newline, so
# archiving it byte for byte is tested too.
ARTICLE = (
    "Written by the NK Deployment Tracker team for its tests: a fictional report, not a real "
    "article.\r\n\r\n"
    "EXAMPLETON (Example Wire) – About 10,000 North Korean troops are now in Russia, a "
    "spokesman for the Example Ministry, Alex Example, told reporters in Exampleton on Monday. "
    "“Some 500 of them are officers,” he said."
).encode()

SOURCES: list[dict[str, Any]] = [
    {
        "id": "example-wire",
        "name": "Example Wire",
        "kind": "media",
        "country": "not stated",
        "note": "Fictional wire service of the test article (tests/grow_data.py).",
    },
    {
        "id": "example-ministry",
        "name": "Example Ministry",
        "kind": "government",
        "country": "Exampleland",
        "note": "Fictional; the body its spokesman speaks for (part_of).",
    },
    {
        "id": "alex-example",
        "name": "Alex Example",
        "kind": "official",
        "country": "Exampleland",
        "affiliation": "Example Ministry spokesman",
        "part_of": "example-ministry",
    },
]
QUANTITIES: list[dict[str, Any]] = [
    {
        "id": "example-nk-in-russia",
        "label": "North Korean troops in Russia (Example Wire)",
        "unit": "people",
        "theatre": "present",
        "group": "nk-in-russia",
        "description": "The same total as the group's other quantities (test data).",
    },
    {
        "id": "example-nk-officers",
        "label": "North Korean officers in Russia (Example Wire)",
        "unit": "people",
        "theatre": "present",
        "description": "A part of the total, not the total, so it belongs to no group.",
    },
]
MONDAY = {
    "date": "2024-11-04",
    "precision": "day",
    "words": "on Monday",
    "basis": "The Monday before the article, dated 5 November 2024 in its URL only.",
}
CLAIMS: list[dict[str, Any]] = [
    {
        "id": "example-troops",
        "statement": "A spokesman for the Example Ministry said about 10,000 North Korean troops "
        "are in Russia.",
        "quote": "About 10,000 North Korean troops are now in Russia, a spokesman for the "
        "Example Ministry, Alex Example, told reporters in Exampleton on Monday.",
        "article": ARTICLE_ID,
        "sources": ["example-wire", "alex-example"],
        "stance": "asserts",
        "reported": MONDAY,
        "topic": "personnel",
        "locations": ["exampleton"],
        "estimate": {
            "quantity": "example-nk-in-russia",
            "low": 9000,
            "best": 10000,
            "high": 11000,
            "unit": "people",
            "qualifier": "about",
            "words": "About 10,000",
        },
    },
    {
        "id": "example-officers",
        "statement": "The spokesman said some 500 of the troops are officers.",
        "quote": "“Some 500 of them are officers,” he said.",
        "article": ARTICLE_ID,
        "sources": ["example-wire", "alex-example"],
        "stance": "asserts",
        "reported": MONDAY,
        "topic": "officers",
        "estimate": {
            "quantity": "example-nk-officers",
            "low": 450,
            "best": 500,
            "high": 550,
            "unit": "people",
            "qualifier": "about",
            "words": "Some 500",
        },
    },
]


class _Dumper(yaml.SafeDumper):
    """The data files' style: dates in double quotes, every shared value written out."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if value[:4].isdigit() and value[4:5] in ("", "-") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _list(dumper: yaml.SafeDumper, value: list) -> yaml.SequenceNode:
    flow = all(isinstance(v, str | int | float) for v in value)  # `sources: [twz, liga]`
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(list, _list)


def yaml_items(records: list[dict]) -> str:
    """Records as items of a top-level list (`  - id: ...`), to append under its key."""
    text = yaml.dump(records, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return "".join("  " + line if line.strip() else line for line in text.splitlines(True))


def _append(path: Path, text: str) -> None:
    old = path.read_text(encoding="utf-8")
    path.write_text(old + ("" if old.endswith("\n") else "\n") + text, encoding="utf-8")


def copy_claims(claims: list[dict], suffix: str) -> list[dict]:
    """Each claim again under `<id><suffix>`; a denial's copy answers the copies."""
    ids = {c["id"] for c in claims}
    out = []
    for claim in claims:
        new = dict(claim, id=claim["id"] + suffix)
        if claim.get("answers"):
            new["answers"] = [a + suffix if a in ids else a for a in claim["answers"]]
        out.append(new)
    return out


@dataclass(frozen=True)
class Grown:
    """What grow() added: the folder, the test article's id and the suffix of claim copies."""

    data: Path
    article_id: str
    copy_suffix: str


def _tag(src: Path) -> str:
    """'' the first time; '-2', '-3'... when src has grown before, so every new id is new."""
    sources = (src / "sources.yaml").read_text(encoding="utf-8")
    n = 1
    while f"\n  - id: example-wire{'' if n == 1 else f'-{n}'}\n" in sources:
        n += 1
    return "" if n == 1 else f"-{n}"


def _records(tag: str, article_id: str) -> tuple[list[dict], list[dict], list[dict]]:
    """SOURCES, QUANTITIES and CLAIMS with every id tagged (quotes and words unchanged)."""
    sources = [
        {**s, "id": s["id"] + tag, **({"part_of": s["part_of"] + tag} if "part_of" in s else {})}
        for s in SOURCES
    ]
    quantities = [{**q, "id": q["id"] + tag} for q in QUANTITIES]
    claims = [
        {
            **c,
            "id": c["id"] + tag,
            "article": article_id,
            "sources": [s + tag for s in c["sources"]],
            "locations": [loc + tag for loc in c.get("locations", [])],
            "estimate": {**c["estimate"], "quantity": c["estimate"]["quantity"] + tag},
        }
        for c in CLAIMS
    ]
    return sources, quantities, claims


def add_to_deployment(path: Path, deployment_id: str, claim_id: str) -> None:
    """List claim_id first in the deployment's block list of claims, when it has one."""
    text = path.read_text(encoding="utf-8")
    start = text.find(f"\n  - id: {deployment_id}\n")
    at = text.find("\n    claims:\n", start) if start >= 0 else -1
    end = text.find("\n  - id: ", start + 1)
    if at >= 0 and (end < 0 or at < end):
        at += len("\n    claims:\n")
        path.write_text(text[:at] + f"      - {claim_id}\n" + text[at:], encoding="utf-8")


def grow(src: Path, dest: Path) -> Grown:
    """Copy src to dest, then add the test article, its sources, quantities, claims, region and
    place, and a copy of every claim of src: valid if src was. Growing a grown copy again works
    too (the new ids get a number)."""
    tag = _tag(src)
    article_id = ARTICLE_ID.replace("example-wire", "example-wire" + tag)
    suffix = COPY + tag
    sources, quantities, claims = _records(tag, article_id)
    shutil.copytree(src, dest)
    _append(dest / "sources.yaml", yaml_items(sources))
    claims_path = dest / "claims.yaml"
    text = claims_path.read_text(encoding="utf-8")
    assert text.count("\nclaims:\n") == 1, "claims.yaml: expected one top-level 'claims:'"
    text = text.replace("\nclaims:\n", "\n" + yaml_items(quantities) + "\nclaims:\n")
    claims_path.write_text(text, encoding="utf-8")
    originals = yaml.safe_load(text)["claims"]
    _append(claims_path, yaml_items([*claims, *copy_claims(originals, suffix)]))
    region = {"id": "exampleland" + tag, "label": "Exampleland" + tag.replace("-", " ")}
    _append(dest / "regions.yaml", yaml_items([region]))
    add_to_deployment(dest / "deployments.yaml", "russia-2024", claims[0]["id"])
    archive_article(
        dest,
        ARTICLE,
        "test article",
        article_id=article_id,
        outlet=sources[0]["id"],
        published=PUBLISHED,
        url="https://example.org/2024/11/05/north-korean-troops",
        today=dt.date(2026, 11, 29),
    )
    add_place(
        dest,
        "exampleton" + tag,
        name="Exampleton",
        lon=10.0,
        lat=10.0,
        region=region["id"],
        kind="town",
        country="Exampleland",
        source_url="https://example.org/gazetteer/exampleton",
        source_title="Exampleton – a fictional gazetteer entry for the tests",
        today=dt.date(2026, 11, 29),
    )
    return Grown(dest, article_id, suffix)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    print(grow(Path(sys.argv[1]), Path(sys.argv[2])).data)
