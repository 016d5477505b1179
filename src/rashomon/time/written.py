"""Read dates: a line that is only a date (a publication-date line), and date values in any common format.

Numeric dates are day-first ("06/01/2020" is 6 January) unless that is impossible ("01/13/2020" is
13 January). Month names may be misspelt: a word of five letters or more within two edits
(Damerau-Levenshtein) of one month name of five letters or more is that month ("Janaury").
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass

from .lexicon import month_number
from .values import TimeValue

_YEARS = range(1900, 2101)

_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_MONTH = r"(?P<month{n}>[^\W\d_]{{3,12}})\.?"
_DAY = r"(?P<day{n}>\d{{1,2}})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year{n}>\d{{4}})"
_TIME = r"(?:\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)"
_ZONE = r"(?:\(?(?:(?-i:[A-Z]{2,5}))(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\)?|[+-]\d{2}:?\d{2}|Z)"
_CLOCK = rf"{_TIME}(?:\s*{_ZONE})?"
_AT = r"(?:\s*,\s*|\s+|\s*[|·•-]\s*)(?:at\s+)?"

_FORMS = (
    rf"(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY.format(n=1)}(?:\s+of)?\s+{_MONTH.format(n=1)},?\s+{_YEAR.format(n=1)}",
    rf"(?:{_WEEKDAY},?\s+)?{_MONTH.format(n=2)}\s+{_DAY.format(n=2)},?\s+{_YEAR.format(n=2)}",
    r"(?P<iso_year>\d{4})[-/.](?P<iso_month>\d{1,2})[-/.](?P<iso_day>\d{1,2})",
    r"(?P<first>\d{1,2})[/.-](?P<second>\d{1,2})[/.-](?P<num_year>\d{4})",
)
# The date itself (kept as the span), with an optional time and zone before or after it.
_DATE_ONLY = re.compile(
    rf"^(?:{_CLOCK}{_AT})?(?P<date>(?:{'|'.join(f'(?:{form})' for form in _FORMS)})(?:(?:T|{_AT}){_CLOCK})?)$",
    re.IGNORECASE,
)
# A label before a date line ("Published: 6 January 2020", "Posted on ...").
_LABEL = re.compile(r"^(?:(?:first |originally )?published|posted|dated?)(?:\s+on)?\s*[:\-\u2013]?\s*", re.IGNORECASE)
_READING_TIME = re.compile(r"\s*[|·•,-]?\s*\d{1,3}\s*(?:min|mins|minutes?)(?:\s+read)?$", re.IGNORECASE)
_SEGMENT_SEPARATOR = re.compile(r"\s+[|·•]\s+")
# A place before the date, as in a dateline line: "Marjana, 17 January 2024", "NEW YORK, May 3, 2021".
_DATELINE_PLACE = re.compile(r"^[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3}\s*,\s+")
_TRAILING_BYLINE = re.compile(r"\s+by\s+\S.{0,60}$", re.IGNORECASE)  # "Posted on 7 May 2021 by admin"


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date read from a line: the ISO value and where in the line it is written."""

    iso: str
    start: int
    end: int


def find_date_line(line: str) -> FoundDate | None:
    """If `line` is only a date (maybe with a label, weekday, time, zone, reading time, or a dateline's
    place before it: "Marjana, 17 January 2024"), read it.

    A line of up to three segments split by "|" or "·" (a byline and a date) is read segment by
    segment. Offsets are into `line`; the span covers the date as written with its weekday and time.
    """
    if len(line) > 80:
        return None
    found = _find_in_segment(line, 0)
    if found is not None:
        return found
    place = _DATELINE_PLACE.match(line)
    if place is not None:
        found = _find_in_segment(line[place.end():], place.end())
        if found is not None:
            return found
    byline = _TRAILING_BYLINE.search(line)
    if byline is not None and byline.start() > 0:
        found = _find_in_segment(line[:byline.start()], 0)
        if found is not None:
            return found
    segments = list(_SEGMENT_SEPARATOR.finditer(line))
    if not segments or len(segments) > 2:
        return None
    bounds = [0, *(sep for match in segments for sep in match.span()), len(line)]
    for start, end in zip(bounds[::2], bounds[1::2], strict=True):
        found = _find_in_segment(line[start:end], start)
        if found is not None:
            return found
    return None


def _find_in_segment(segment: str, offset: int) -> FoundDate | None:
    end = len(segment)
    reading = _READING_TIME.search(segment)
    if reading is not None and reading.start() > 0:
        end = reading.start()
    label = _LABEL.match(segment)
    start = label.end() if label else 0
    match = _DATE_ONLY.match(segment[start:end].strip())
    if match is None:
        return None
    iso = _iso_from_match(match)
    if iso is None:
        return None
    lead = len(segment[start:end]) - len(segment[start:end].lstrip())
    return FoundDate(iso, offset + start + lead + match.start("date"), offset + start + lead + match.end("date"))


def _iso_from_match(match: re.Match[str]) -> str | None:
    parts = match.groupdict()
    if parts.get("iso_year"):
        return _iso(int(parts["iso_year"]), int(parts["iso_month"]), int(parts["iso_day"]))
    if parts.get("num_year"):
        first, second, year = int(parts["first"]), int(parts["second"]), int(parts["num_year"])
        if first <= 12 or second > 12:
            return _iso(year, second, first) or _iso(year, first, second)
        return _iso(year, second, first)
    n = 1 if parts.get("month1") else 2
    month = month_number(parts[f"month{n}"] or "")
    if month is None:
        return None
    return _iso(int(parts[f"year{n}"]), month, int(parts[f"day{n}"]))


def _iso(year: int, month: int, day: int) -> str | None:
    """The ISO value of a day from 1900 to 2100; None for another year or an impossible day."""
    if year not in _YEARS:
        return None
    try:
        return TimeValue("day", year, month, day).format()
    except ValueError:  # day or month out of range, e.g. 31 February
        return None


def parse_date_value(value: object) -> str | None:
    """An ISO date (YYYY-MM-DD) from a date value in any common format, or None.

    Reads ISO dates and datetimes ("2020-01-06", "2020-01-06T21:03:00Z"), e-mail dates
    ("Mon, 06 Jan 2020 21:03:00 GMT"), written dates ("6 January 2020", "January 6, 2020"),
    day-first numeric dates ("06/01/2020") and Unix timestamps in seconds.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _from_timestamp(float(value))
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    if not text:
        return None
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:  # not ISO 8601: try the other forms
        pass
    else:
        return _iso(parsed.year, parsed.month, parsed.day)
    found = _find_in_segment(text, 0)
    if found is not None:
        return found.iso
    try:
        mailed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):  # not an e-mail date either
        return None
    return _iso(mailed.year, mailed.month, mailed.day)


def _from_timestamp(seconds: float) -> str | None:
    try:
        moment = dt.datetime.fromtimestamp(seconds, tz=dt.UTC)
    except (OverflowError, OSError, ValueError):  # out of the platform's range
        return None
    return _iso(moment.year, moment.month, moment.day)
