"""Words and regular-expression pieces for English dates and time expressions: months, weekdays,
numbers, units, parts of the day, seasons, holidays, decades and centuries.

`MONTHS` is the one month-name table: time expressions, date lines and date values all read it.
In time expressions month and weekday names must be capitalised (as news copy writes them), so
"may" the verb and "march" the noun are not read as months; everything else matches in any case.
`month_number` reads a month name in any case and forgives a misspelling ("Janaury").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache

from jellyfish import damerau_levenshtein_distance

from .calendar import easter, nth_weekday
from .values import Grain

_MONTH_WORDS = (
    ("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"), ("May",),
    ("June", "Jun"), ("July", "Jul"), ("August", "Aug"), ("September", "Sept", "Sep"),
    ("October", "Oct"), ("November", "Nov"), ("December", "Dec"),
)
MONTH_NAMES = tuple(names[0].lower() for names in _MONTH_WORDS)  # "january" .. "december"
# Every month word, full and abbreviated, lowercase -> month number (1-12).
MONTHS: dict[str, int] = {name.lower(): number for number, names in enumerate(_MONTH_WORDS, start=1)
                          for name in names}
_FUZZY_MIN = 5  # a misspelt month is a word of five letters or more ...
_FUZZY_EDITS = 2  # ... within two edits (Damerau-Levenshtein) of one month name of five letters or more

WEEKDAYS: dict[str, int] = {}
for _number, _names in enumerate((
    ("Monday", "Mon"), ("Tuesday", "Tues", "Tue"), ("Wednesday", "Wed"), ("Thursday", "Thurs", "Thu"),
    ("Friday", "Fri"), ("Saturday", "Sat"), ("Sunday", "Sun"),
)):
    for _name in _names:
        WEEKDAYS[_name.lower()] = _number


def month_number(word: str) -> int | None:
    """The month a word names (full, abbreviated, or misspelt within two edits), or None; any case."""
    return _month_number(word.lower().rstrip("."))


@lru_cache(maxsize=1024)
def _month_number(word: str) -> int | None:
    if word in MONTHS:
        return MONTHS[word]
    if len(word) < _FUZZY_MIN or not word.isalpha():
        return None
    close = {number for number, name in enumerate(MONTH_NAMES, start=1)
             if len(name) >= _FUZZY_MIN and damerau_levenshtein_distance(word, name) <= _FUZZY_EDITS}
    return close.pop() if len(close) == 1 else None


def _capitalised(names: list[str]) -> str:
    """Alternation of names written Capitalised or in CAPITALS, longest first; abbreviations may end in '.'."""
    forms: list[str] = []
    for name in sorted(names, key=len, reverse=True):
        dot = r"\.?" if len(name) <= 4 and name not in ("may", "june", "july") else ""
        forms.append(f"(?-i:{name.capitalize()}|{name.upper()}){dot}")
    return "(?:" + "|".join(forms) + ")"


MONTH = _capitalised(list(MONTHS))
# Abbreviated weekdays only with their dot ("Sat." not "Sat", which is also a verb).
WEEKDAY = "(?:" + "|".join(
    f"(?-i:{n.capitalize()}|{n.upper()})" + (r"\." if len(n) <= 5 and not n.endswith("day") else "")
    for n in sorted(WEEKDAYS, key=len, reverse=True)
) + ")"

NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "dozen": 12, "a dozen": 12, "half a dozen": 6, "a couple of": 2,
    "couple of": 2,
}
VAGUE_NUMBERS = ("a few", "few", "several", "some", "many", "a number of", "numerous", "dozens of",
                 "hundreds of", "the next few", "the past few", "the last few")
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_WORD_NUMBER = ("(?:(?:" + _TENS + r")[- ](?:one|two|three|four|five|six|seven|eight|nine)|"
                + "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True)) + ")")
# A number starts where a run of digits starts and has at most 9 digits (each side of a point): `\d+` tried at
# every digit of a long run of digits ("7" * 30,000) takes time quadratic in its length.
NUMBER = (r"(?:(?<![\d.])\d{1,9}(?:\.\d{1,9})?(?:\s+1/2)?|" + _WORD_NUMBER + r"(?:\s+and\s+a\s+half)?|"
          + "|".join(re.escape(w) for w in VAGUE_NUMBERS) + ")")

UNITS: dict[str, str] = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "fortnight": "W",
    "month": "M", "quarter": "Q", "year": "Y", "decade": "Y", "century": "Y",
}
UNIT_GRAIN: dict[str, Grain] = {"day": "day", "week": "week", "fortnight": "week", "month": "month",
                                "quarter": "quarter", "year": "year", "decade": "decade",
                                "century": "century"}
UNIT_FACTOR = {"fortnight": 2, "decade": 10, "century": 100}
UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?|centur(?:y|ies))"


def unit_of(word: str) -> str:
    """The singular unit a unit word names ("centuries" -> "century")."""
    word = word.lower()
    if word.startswith("centur"):
        return "century"
    return word[:-1] if word.endswith("s") else word


def number_of(text: str) -> float | None:
    """The number a numeral names ("twenty-five" -> 25, "5 1/2" -> 5.5); None when vague."""
    text = " ".join(text.lower().replace("-", " ").split())
    half = 0.0
    for tail in (" and a half", " 1/2"):
        if text.endswith(tail):
            text, half = text[: -len(tail)], 0.5
    if text in VAGUE_NUMBERS or not text:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text) + half
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text] + half
    words = text.split()
    if len(words) == 2 and words[0] in NUMBER_WORDS and words[1] in NUMBER_WORDS:
        return NUMBER_WORDS[words[0]] + NUMBER_WORDS[words[1]] + half
    return None


ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "daytime": "DT",
                "overnight": "NI", "dawn": "MO", "dusk": "EV"}
PART_OF_DAY = r"(?:morning|afternoon|evening|night|daytime|dawn|dusk)"
SEASON_NAMES = {"spring": 0, "summer": 1, "fall": 2, "autumn": 2, "winter": 3}

# Fixed-date holidays: (month, day). "Independence Day" is the United States' only when so marked.
FIXED_HOLIDAYS: dict[str, tuple[int, int]] = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "new year's": (1, 1), "new year": (1, 1),
    "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25), "xmas": (12, 25),
    "boxing day": (12, 26), "valentine's day": (2, 14), "st. patrick's day": (3, 17),
    "saint patrick's day": (3, 17), "st patrick's day": (3, 17), "halloween": (10, 31),
    "all saints' day": (11, 1), "bastille day": (7, 14), "may day": (5, 1), "guy fawkes night": (11, 5),
    "armistice day": (11, 11), "remembrance day": (11, 11), "veterans day": (11, 11),
    "veterans' day": (11, 11), "fourth of july": (7, 4), "us independence day": (7, 4),
    "u.s. independence day": (7, 4), "american independence day": (7, 4),
}


def _thanksgiving(year: int) -> date:
    return nth_weekday(year, 11, 3, 4)


MOVABLE_HOLIDAYS: dict[str, Callable[[int], date]] = {
    "easter": easter, "easter sunday": easter,
    "good friday": lambda y: easter(y) - timedelta(days=2),
    "easter monday": lambda y: easter(y) + timedelta(days=1),
    "thanksgiving": _thanksgiving, "thanksgiving day": _thanksgiving,
    "memorial day": lambda y: nth_weekday(y, 5, 0, -1),
    "labor day": lambda y: nth_weekday(y, 9, 0, 1),
    "martin luther king day": lambda y: nth_weekday(y, 1, 0, 3),
    "martin luther king jr. day": lambda y: nth_weekday(y, 1, 0, 3),
    "presidents' day": lambda y: nth_weekday(y, 2, 0, 3), "presidents day": lambda y: nth_weekday(y, 2, 0, 3),
    "mother's day": lambda y: nth_weekday(y, 5, 6, 2), "father's day": lambda y: nth_weekday(y, 6, 6, 3),
}


def holiday_date(name: str, year: int) -> date | None:
    """The date of holiday `name` (lowercase, apostrophes straightened) in `year`."""
    if name in FIXED_HOLIDAYS:
        month, day = FIXED_HOLIDAYS[name]
        return date(year, month, day)
    rule = MOVABLE_HOLIDAYS.get(name)
    return rule(year) if rule else None


def _holiday_alternation() -> str:
    # longest first; ties in alphabetical order, so the pattern is the same in every process
    names = sorted({*FIXED_HOLIDAYS, *MOVABLE_HOLIDAYS, "independence day"}, key=lambda name: (-len(name), name))
    forms = []
    for name in names:
        words = [re.escape(w).replace("'", "['’]") for w in name.split()]
        forms.append(r"\s+".join(words))
    return "(?:" + "|".join(forms) + ")"


HOLIDAY = _holiday_alternation()

DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                "eighties": 8, "nineties": 9}
CENTURY_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "twenty-first": 21, "twenty first": 21, "twenty-second": 22,
}
