"""Schema errors -> problems: build one typed record from one mapping, or say what is wrong."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from nktracker.parse import Parsed, PathKey
from nktracker.problems import Problem

# Fields whose values are dates: YAML would read an unquoted 2024-10-15 as a date object.
DATE_FIELDS = {"date", "start", "end", "accessed", "archived"}

M = TypeVar("M", bound=BaseModel)


def validate_record(
    parsed: Parsed, where: PathKey, item: Any, model: type[M], problems: list[Problem]
) -> M | None:
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


def _problem_from_error(
    parsed: Parsed, where: PathKey, error: Mapping[str, Any], model: type[BaseModel]
) -> Problem:
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
