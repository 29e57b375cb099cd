"""Dates with a precision: '2024-10-15' (day), '2024-10-07' (week), '2024-10' (month), '1973'."""

from __future__ import annotations

import calendar
import datetime as dt
import re

_FORMS = {
    "day": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "week": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "month": re.compile(r"^\d{4}-\d{2}$"),
    "year": re.compile(r"^\d{4}$"),
}
_EXAMPLE = {"day": "2024-10-15", "week": "2024-10-07", "month": "2024-10", "year": "1973"}


def precision_of(text: str) -> str | None:
    """The precision an ISO partial date string carries by its form (week is never implied)."""
    for name in ("day", "month", "year"):
        if _FORMS[name].match(text):
            return name
    return None


def check_date(text: str, precision: str | None = None) -> str | None:
    """None if text is a real date of the given precision (inferred if None), else why not."""
    if not isinstance(text, str):
        return f"a date must be a quoted string like '{_EXAMPLE['day']}' (got {text!r})"
    precision = precision or precision_of(text)
    if precision is None or not _FORMS[precision].match(text):
        if precision is None:
            return f"'{text}' is not an ISO date: use YYYY, YYYY-MM or YYYY-MM-DD"
        example = _EXAMPLE[precision]
        return f"'{text}' does not match precision '{precision}': write it like '{example}'"
    try:
        first, _ = bounds(text, precision)
    except ValueError as err:
        return f"'{text}' is not a real date ({err})"
    if precision == "week" and first.weekday() != 0:
        return f"a week is written as its Monday; '{text}' is a {first:%A}"
    return None


def bounds(text: str, precision: str | None = None) -> tuple[dt.date, dt.date]:
    """First and last day that a date of this precision can mean."""
    precision = precision or precision_of(text)
    if precision in ("day", "week"):
        first = dt.date.fromisoformat(text)
        return first, first + dt.timedelta(days=6 if precision == "week" else 0)
    if precision == "month":
        year, month = (int(x) for x in text.split("-"))
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, 1), dt.date(year, month, last)
    if precision == "year":
        year = int(text)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    raise ValueError(f"unknown precision {precision!r}")


def label(text: str, precision: str) -> str:
    """A human label that shows the precision: '15 Oct 2024', 'week of 7 Oct 2024', 'Oct 2024'."""
    first, _ = bounds(text, precision)
    if precision == "day":
        return f"{first.day} {first:%b %Y}"
    if precision == "week":
        return f"week of {first.day} {first:%b %Y}"
    if precision == "month":
        return f"{first:%b %Y}"
    return f"{first:%Y}"
