"""Dates with a precision: '2024-10-15' (day), '2024-10-07' (week), '2024-10' (month), '1973'."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

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


# -- a day as a reader types it into a filter ---------------------------------------------------

_TYPED_DAY = re.compile(
    r"^(?:(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"  # 2024-10-12
    r"|(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m1>[a-z]+)\.?,?\s+(?P<y1>\d{4})"  # 12 Oct 2024
    r"|(?P<m2>[a-z]+)\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4}))$",  # Oct 12, 2024
    re.IGNORECASE,
)
# Between two days: 'to', 'until', a dash with spaces, an en or em dash, or '..'.
_SPAN_SEPARATOR = re.compile(r"\s+(?:to|until|-)\s+|\s*[–—]\s*|\s*\.\.\s*", re.IGNORECASE)


def parse_day(text: str) -> dt.date | None:
    """A real day as a reader types it ('2024-10-12', '12 Oct 2024', '12 October 2024',
    'Oct 12, 2024'), or None."""
    match = _TYPED_DAY.match(" ".join(text.split()))
    if match is None:
        return None
    if match["y"]:
        year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    else:
        name = (match["m1"] or match["m2"]).lower()
        if name not in _MONTH_NUMBER:
            return None
        year, month = int(match["y1"] or match["y2"]), _MONTH_NUMBER[name]
        day = int(match["d1"] or match["d2"])
    try:
        return dt.date(year, month, day)
    except ValueError:  # 2024-02-30
        return None


def parse_days(text: str) -> tuple[dt.date, dt.date] | None:
    """Two days ('2024-10-07 – 2024-10-13', '7 Oct 2024 to 13 Oct 2024'), earlier first, or one
    day as a span of one; None if either is not a real day."""
    parts = _SPAN_SEPARATOR.split(text.strip())
    if not 1 <= len(parts) <= 2:
        return None
    days = [d for d in (parse_day(p) for p in parts) if d is not None]
    if len(days) != len(parts):
        return None
    return min(days), max(days)


# -- date words in a text, resolved by the rule of docs/data.md ----------------------------------

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH_NUMBER = {name.lower(): i + 1 for i, name in enumerate(_MONTH_NAMES)}
_MONTH_NUMBER |= {name.lower()[:3]: i + 1 for i, name in enumerate(_MONTH_NAMES)}
_MONTH_NUMBER["sept"] = 9
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_COUNTS |= {"seven": 7, "eight": 8, "nine": 9, "ten": 10}

_DAY = "|".join(_WEEKDAYS)
# Month names are matched capitalised only ('may' is a verb); 'Jan.' and 'Sept.' abbreviated.
_MONTH = "|".join([*_MONTH_NAMES, *(rf"{n[:3]}\." for n in _MONTH_NAMES if n != "May"), r"Sept\."])
_YEAR = r"(?:19|20)\d{2}"
_ORD = r"(?:st|nd|rd|th)?"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (
            "ago",
            r"\b(?P<n>\d{1,2}|(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten))"
            r"\s+(?i:(?P<unit>day|week|month|year)s?\s+ago)\b",
        ),
        ("yesterday", r"\b(?i:(?P<before>the day before )?yesterday)\b"),
        ("today", r"\b(?i:today)\b"),
        (
            "end",
            r"\b(?i:(?:by )?(?:the )?end of (?P<rel>this|last|the) (?P<unit>week|month|year))\b",
        ),
        (
            "period",
            r"\b(?i:(?:(?:earlier|early|late|later) )?(?P<rel>this|last)"
            r" (?P<unit>weekend|week|month|year))\b",
        ),
        (
            "weekday",
            rf"(?:\b(?P<prefix>(?i:on|last|this past|this|earlier on)) )?\b(?P<day>{_DAY})\b",
        ),
        (
            "season",
            rf"\b(?:(?i:in|during|by|over|until) )?(?:(?i:the) )?"
            rf"(?P<season>(?i:spring|summer|autumn|fall|winter)) (?i:of) (?P<year>{_YEAR})\b",
        ),
        (
            "month-day",
            rf"\b(?:(?i:on) )?(?P<month>{_MONTH}) (?P<day>\d{{1,2}}){_ORD}"
            rf"(?:,? (?P<year>{_YEAR}))?\b",
        ),
        (
            "day-month",
            rf"\b(?:(?i:on) )?(?P<day>\d{{1,2}}){_ORD} (?:(?i:of) )?(?P<month>{_MONTH})"
            rf"(?:,? (?P<year>{_YEAR}))?\b",
        ),
        (
            "month",
            rf"\b(?:(?i:in|since|during|until|by|early|late|mid-|in early|in late|"
            rf"in mid-|earlier in|last|this) )(?P<month>{_MONTH})(?: (?P<year>{_YEAR}))?(?!\w)",
        ),
        ("month-year", rf"\b(?P<month>{_MONTH}) (?P<year>{_YEAR})\b"),
        ("year", rf"\b(?i:in|since|during|by|until|of|early|late|the) (?P<year>{_YEAR})\b"),
    )
)


@dataclass(frozen=True)
class DateWords:
    """Date words found in a text, text[start:end], resolved against a publication day."""

    words: str
    start: int
    end: int
    date: str
    precision: str
    basis: str


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _month_back(day: dt.date, months: int) -> str:
    index = day.year * 12 + day.month - 1 - months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _month_of(match: re.Match[str]) -> int:
    return _MONTH_NUMBER[match.group("month").rstrip(".").lower()]


def _resolve(kind: str, m: re.Match[str], day: dt.date) -> tuple[str, str, str] | None:
    """(date, precision, basis) for one match against the publication day, or None."""
    ref = f"the article's date ({day.isoformat()})"
    if kind == "ago":
        n = int(m.group("n")) if m.group("n").isdigit() else _COUNTS[m.group("n").lower()]
        unit = m.group("unit").lower()
        if unit == "day":
            return (day - dt.timedelta(days=n)).isoformat(), "day", f"{n} day(s) before {ref}."
        if unit == "week":
            week = monday_of(day - dt.timedelta(weeks=n))
            return week.isoformat(), "week", f"The week {n} week(s) before that of {ref}."
        if unit == "month":
            return _month_back(day, n), "month", f"The month {n} month(s) before that of {ref}."
        return f"{day.year - n:04d}", "year", f"{n} year(s) before the year of {ref}."
    if kind == "yesterday":
        back = 2 if m.group("before") else 1
        return (day - dt.timedelta(days=back)).isoformat(), "day", f"{back} day(s) before {ref}."
    if kind == "today":
        return day.isoformat(), "day", f"The day of {ref}."
    if kind in ("period", "end"):
        last = m.group("rel").lower() == "last"
        unit = m.group("unit").lower()
        if unit == "weekend":
            if not last:
                return None
            sunday = day - dt.timedelta(days=(day.weekday() + 1) % 7 or 7)
            weekend = monday_of(sunday).isoformat()
            return weekend, "week", f"The week of the last weekend before {ref}."
        which = "The {} before that of " if last else "The {} of "
        basis = which.format(unit) + ref + "."
        if unit == "week":
            week = monday_of(day) - dt.timedelta(weeks=1 if last else 0)
            return week.isoformat(), "week", basis
        if unit == "month":
            return _month_back(day, 1 if last else 0), "month", basis
        return f"{day.year - (1 if last else 0):04d}", "year", basis
    if kind == "weekday":
        target = _WEEKDAYS.index(m.group("day"))
        prefix = (m.group("prefix") or "").lower()
        strict = prefix in ("last", "this past")
        back = (day.weekday() - target) % 7 or (7 if strict else 0)
        name = m.group("day")
        how = "before" if strict else "on or before"
        return (day - dt.timedelta(days=back)).isoformat(), "day", f"The {name} {how} {ref}."
    if kind == "season":
        year = m.group("year")
        return year, "year", f"A season is not a precision: the year {year} is recorded."
    if kind in ("month-day", "day-month"):
        month, number = _month_of(m), int(m.group("day"))
        year = int(m.group("year")) if m.group("year") else day.year
        try:
            date = dt.date(year, month, number)
            if not m.group("year") and date > day:
                date = dt.date(year - 1, month, number)
        except ValueError:
            return None
        basis = "As written." if m.group("year") else f"The latest such day on or before {ref}."
        return date.isoformat(), "day", basis
    if kind in ("month", "month-year"):
        month = _month_of(m)
        if m.group("year"):
            return f"{m.group('year')}-{month:02d}", "month", "As written."
        year = day.year if month <= day.month else day.year - 1
        return f"{year:04d}-{month:02d}", "month", f"The latest such month up to {ref}."
    return m.group("year"), "year", "As written."


def find_date_words(text: str, published: dt.date) -> list[DateWords]:
    """Every date phrase in the text ('on Tuesday', 'last week', 'in June', 'two days ago',
    'Oct. 10', 'in 2023'), resolved against the publication day by the rule in docs/data.md:
    a weekday is the latest such day on or before it ('last Tuesday': before it); 'last week'
    the Monday of the week before (precision week); 'last month' the month before; a month
    or a day without a year the latest one up to the publication. Longest phrase first; a
    phrase inside a longer one is not repeated."""
    found: list[DateWords] = []
    taken: list[tuple[int, int]] = []
    matches = [(kind, m) for kind, pattern in _PATTERNS for m in pattern.finditer(text)]
    matches.sort(key=lambda item: (item[1].start() - item[1].end(), item[1].start()))
    for kind, m in matches:
        if any(m.start() < b and a < m.end() for a, b in taken):
            continue
        resolved = _resolve(kind, m, published)
        if resolved is None:
            continue
        taken.append(m.span())
        found.append(DateWords(m.group(0), m.start(), m.end(), *resolved))
    return sorted(found, key=lambda d: d.start)
