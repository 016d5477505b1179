"""English numbers as written: digits ("19,000", "1.5"), words ("twenty-five", "three hundred and
twelve", "two and a half million"), and where a number starts in a parsed text.

No dependency: a small parser of the English number words, tested on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc as ParsedDoc

from ._lexicon import lexicon

SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5}
SUFFIX_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12}
_WORDS = set(SMALL) | set(TENS) | set(SCALES) | {"dozen"}
_SCALE_WORDS = set(SCALES) | {"dozen"}
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
DIGITS = re.compile(rf"^{_NUMBER}$")
DIGIT_SUFFIX = re.compile(rf"^({_NUMBER})(k|m|mn|bn|b|tn)$", re.IGNORECASE)
DIGIT_RANGE = re.compile(rf"^({_NUMBER})[-–—]({_NUMBER})$")
# Determiners after "half" that make it a fraction: "half the country", "half of them".
_ROUND = {2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 100.0, 1000.0}
_HALF_NEXT = {"the", "of", "their", "its", "his", "her", "our", "my", "your", "this", "that", "these", "those", "all"}


def digits_value(text: str) -> float | None:
    """The value of digits as written ("19,000" -> 19000.0), or None."""
    return float(text.replace(",", "")) if DIGITS.match(text) else None


def parse_number(text: str) -> float | None:
    """The value of an English number written in digits or words, or None if `text` is not one.

    >>> parse_number("twenty-five"), parse_number("1.5 million"), parse_number("three hundred and twelve")
    (25.0, 1500000.0, 312.0)
    """
    words = [word for word in re.split(r"[\s\-–]+", text.lower().strip()) if word]
    return value_of(words)


def value_of(words: list[str]) -> float | None:
    """The value of a sequence of lowercase number words and digits, or None if it is not a number."""
    total = 0.0
    current = 0.0
    last = ""  # the kind of the previous word: digit, small, tens, scale, a, and
    i = 0
    while i < len(words):
        word = words[i]
        following = words[i + 1] if i + 1 < len(words) else ""
        if word == "and":
            if words[i + 1:i + 3] == ["a", "half"] and last in ("digit", "small", "tens", "scale"):
                current += 0.5
                i += 3
                last = "half"
                continue
            if last != "scale" or not (following in SMALL or following in TENS):
                return None
            kind = "and"
        elif word in ("a", "an"):
            if last or (following not in SCALES and following != "dozen"):
                return None
            current, kind = 1.0, "a"
        elif (digits := digits_value(word)) is not None:
            if last:
                return None
            current, kind = digits, "digit"
        elif word in SMALL:
            if (last in ("digit", "small", "a", "half") or (last == "tens" and SMALL[word] >= 10)
                    or (last == "scale" and current % 100)):
                return None
            current, kind = current + SMALL[word], "small"
        elif word in TENS:
            if last in ("digit", "small", "tens", "a", "half") or (last == "scale" and current % 100):
                return None
            current, kind = current + TENS[word], "tens"
        elif word in ("dozen", "hundred"):
            if last in ("scale", "and"):
                return None
            current, kind = (current or 1) * (12 if word == "dozen" else 100), "scale"
        elif word in SCALES:
            if last in ("", "and"):
                return None
            total, current, kind = total + (current or 1) * SCALES[word], 0.0, "scale"
        else:
            return None
        last = kind
        i += 1
    return total + current if last and last != "and" else None


@dataclass(frozen=True, slots=True)
class NumberPhrase:
    """The tokens of one number in a parsed text, before qualifiers and units are read."""

    first: int  # token index, inclusive
    last: int  # token index, inclusive; the token the parse hangs the number on
    value: float | None
    low: float | None = None  # set for vague amounts and one-token ranges ("8,000–10,000")
    high: float | None = None
    vague: bool = False
    fraction: bool = False
    words: str = ""  # the number's own words, lowercase ("one", "a dozen")


def read_number(parsed: ParsedDoc, i: int) -> NumberPhrase | None:
    """The number that starts at token `i`, or None."""
    token = parsed[i]
    if not (token.text[:1].isdigit() or token.lower_ in _starters()):
        return None
    lower = [token.lower_ for token in parsed[i:i + 6]]
    vague = _read_vague(lower)
    if vague is not None:
        size, (low, high) = vague
        return NumberPhrase(i, i + size - 1, None, low, high, vague=True, words=" ".join(lower[:size]))
    text = parsed[i].text
    if (span := DIGIT_RANGE.match(text)) is not None:
        low, high = (float(part.replace(",", "")) for part in span.groups())
        return NumberPhrase(i, i, None, low, high, words=text) if high > low else None
    if lower[0] == "half" and len(lower) > 2 and lower[1] in ("a", "an") and lower[2] in SCALES:
        return NumberPhrase(i, i + 2, 0.5 * SCALES[lower[2]], words=" ".join(lower[:3]))
    if lower[0] == "half" and len(lower) > 1 and lower[1] in _HALF_NEXT:
        if i > 0 and parsed[i - 1].lower_ in ("a", "and"):
            return None
        return NumberPhrase(i, i, 0.5, fraction=True, words="half")
    if lower[0] in ("a", "an", "one") and len(lower) > 2 and lower[1] in DENOMINATORS and lower[2] == "of":
        return NumberPhrase(i, i + 1, 1 / DENOMINATORS[lower[1]], fraction=True, words=" ".join(lower[:2]))
    return _read_plain(parsed, i)


@lru_cache(maxsize=1)
def _starters() -> frozenset[str]:
    """Words a number written in words can start with."""
    vague = {phrase[0] for phrase in lexicon().vague}
    return frozenset(vague | set(SMALL) | set(TENS) | {"a", "an", "half"})


def _read_vague(lower: list[str]) -> tuple[int, tuple[float, float]] | None:
    table = lexicon().vague
    for size in range(min(len(lower), 4), 0, -1):
        bounds = table.get(tuple(lower[:size]))
        if bounds is not None:
            return size, bounds
    return None


def _read_plain(parsed: ParsedDoc, i: int) -> NumberPhrase | None:
    """Digits or number words starting at `i`: "19,000", "1.5 million", "twenty - five", "a dozen"."""
    first = parsed[i]
    size = len(parsed)
    if (suffixed := DIGIT_SUFFIX.match(first.text)) is not None:
        scaled = float(suffixed.group(1).replace(",", "")) * SUFFIX_SCALES[suffixed.group(2).lower()]
        return NumberPhrase(i, i, scaled, words=first.lower_)
    starts = DIGITS.match(first.text) or first.lower_ in SMALL or first.lower_ in TENS or (
        first.lower_ in ("a", "an") and i + 1 < size and parsed[i + 1].lower_ in _SCALE_WORDS)
    if not starts:
        return None
    words, ends = [first.lower_], [i]
    j = i + 1
    while j < size:
        word = parsed[j].lower_
        following = [token.lower_ for token in parsed[j + 1:j + 3]]
        if word in _WORDS:
            words.append(word)
            ends.append(j)
        elif word in ("-", "–") and not parsed[j - 1].whitespace_ and following[:1] and following[0] in SMALL:
            pass
        elif word == "and" and following[:2] == ["a", "half"]:
            words += ["and", "a", "half"]
            ends += [j, j + 1, j + 2]
            j += 2
        elif word == "and" and following[:1] and (following[0] in SMALL or following[0] in TENS):
            words.append(word)
            ends.append(j)
        else:
            break
        j += 1
    for count in range(len(words), 0, -1):
        value = value_of(words[:count])
        if value is not None:
            words, last = words[:count], ends[count - 1]
            break
    else:
        return None
    # "two-thirds of", "three quarters of": a fraction.
    k = last + 1
    if k < size and parsed[k].lower_ in ("-", "–") and not parsed[last].whitespace_:
        k += 1
    if (k + 1 < size and parsed[k].lower_ in DENOMINATORS and parsed[k].lower_ not in ("half", "halves")
            and value < DENOMINATORS[parsed[k].lower_] and parsed[k + 1].lower_ in _HALF_NEXT):
        return NumberPhrase(i, k, value / DENOMINATORS[parsed[k].lower_], fraction=True, words=" ".join(words))
    # "one in five", "3 in 10": a fraction.
    if k - 1 == last and k + 1 < size and parsed[k].lower_ == "in" and value <= 10:
        denominator = _read_plain(parsed, k + 1)
        if (denominator is not None and denominator.value is not None and value < denominator.value
                and (denominator.words.isalpha() or denominator.value in _ROUND)):
            return NumberPhrase(i, denominator.last, value / denominator.value, fraction=True,
                                words=f"{' '.join(words)} in {denominator.words}")
    return NumberPhrase(i, last, value, words=" ".join(words))
