"""Dates with precision."""

from __future__ import annotations

import datetime as dt

import pytest

from nktracker.dates import bounds, check_date, label, parse_day, parse_days, precision_of


@pytest.mark.parametrize(
    ("text", "precision", "error"),
    [
        ("2024-10-15", "day", None),
        ("2024-10-14", "week", None),
        ("2024-10-15", "week", "Monday"),
        ("2024-10", "month", None),
        ("1973", None, None),
        ("2024-02-30", "day", "not a real date"),
        ("2024-13", "month", "not a real date"),
        ("15/10/2024", None, "not an ISO date"),
        ("2024-10-15", "month", "does not match precision"),
    ],
)
def test_check_date(text, precision, error):
    result = check_date(text, precision)
    if error is None:
        assert result is None
    else:
        assert result is not None and error in result


def test_bounds_and_labels():
    assert bounds("2024-10-07", "week") == (dt.date(2024, 10, 7), dt.date(2024, 10, 13))
    assert bounds("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert bounds("1973") == (dt.date(1973, 1, 1), dt.date(1973, 12, 31))
    assert label("2024-10-07", "week") == "week of 7 Oct 2024"
    assert label("2024-10", "month") == "Oct 2024"
    assert precision_of("2024") == "year"


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2024-10-12", dt.date(2024, 10, 12)),
        (" 2024-10-2 ", dt.date(2024, 10, 2)),
        ("12 Oct 2024", dt.date(2024, 10, 12)),
        ("12 october 2024", dt.date(2024, 10, 12)),
        ("12th Oct. 2024", dt.date(2024, 10, 12)),
        ("Oct 12, 2024", dt.date(2024, 10, 12)),
        ("Sept 3 2024", dt.date(2024, 9, 3)),
        ("2024-02-30", None),
        ("12 Oktober 2024", None),
        ("12/10/2024", None),  # day or month first? refused rather than guessed
        ("last week", None),
        ("", None),
    ],
)
def test_parse_day_reads_what_a_reader_types(typed, day):
    assert parse_day(typed) == day


@pytest.mark.parametrize(
    ("typed", "days"),
    [
        ("2024-10-07 – 2024-10-13", ("2024-10-07", "2024-10-13")),
        ("7 Oct 2024 to 13 Oct 2024", ("2024-10-07", "2024-10-13")),
        ("2024-10-13 - 2024-10-07", ("2024-10-07", "2024-10-13")),  # earlier first
        ("2024-10-07..2024-10-13", ("2024-10-07", "2024-10-13")),
        ("2024-10-10", ("2024-10-10", "2024-10-10")),
        ("2024-10-07 – soon", None),
        ("2024-10-07 – 2024-10-08 – 2024-10-09", None),
    ],
)
def test_parse_days_reads_a_span(typed, days):
    parsed = parse_days(typed)
    assert (tuple(d.isoformat() for d in parsed) if parsed else None) == days
