"""Docs stay honest: every documented field exists in the model and the reverse."""

from __future__ import annotations

import re

import pytest

from conftest import REPO
from nktracker import model
from nktracker.estimates import RULE
from nktracker.problems import CODES

DOC = (REPO / "docs" / "data.md").read_text(encoding="utf-8")

SECTIONS: dict[str, type[model.Record]] = {
    "Article": model.Article,
    "Source": model.Source,
    "Quantity": model.Quantity,
    "Claim": model.Claim,
    "Estimate": model.Estimate,
    "Date": model.DateRef,
    "Background": model.Background,
    "Reference": model.Reference,
    "Deployment": model.Deployment,
    "Location": model.Location,
    "Region": model.Region,
}
# Location fields the loader derives from the geometry; label_point is read from the file.
DERIVED = {"lon", "lat", "geometry_type", "geometry"}


def section(title: str) -> str:
    match = re.search(rf"^## {title}\n(.*?)(?=^## |\Z)", DOC, flags=re.S | re.M)
    assert match, f"docs/data.md has no '## {title}' section"
    return match.group(1)


def documented_fields(title: str) -> set[str]:
    names: set[str] = set()
    for line in section(title).splitlines():
        if line.startswith("| `"):
            first_cell = line.split("|")[1]
            names |= set(re.findall(r"`([a-z_]+)`", first_cell))
    return names


@pytest.mark.parametrize("title", sorted(SECTIONS))
def test_documented_fields_match_model(title):
    fields = set(SECTIONS[title].model_fields) - DERIVED
    if title == "Location":
        fields.add("label_point")
    assert documented_fields(title) == fields


def test_every_qualifier_is_in_the_rule_table():
    table = section("The rule for vague quantities")
    for qualifier in RULE:
        assert f"| `{qualifier}` |" in table


def test_every_problem_code_is_documented():
    table = section("Problem codes")
    assert set(re.findall(r"^\| `([a-z-]+)` \|", table, flags=re.M)) == set(CODES)
