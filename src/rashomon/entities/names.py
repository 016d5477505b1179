"""Names as comparable tokens: normalised forms, phonetic keys and a vowel-tolerant token match.

Arabic and Persian names reach English in many romanisations: Yousef / Yusuf / Youssef, Mohammed /
Muhammad / Mohamad, Qadri / Kadri, Abdul-Hadi / Abdel Hadi. Three levels, each built on the one
before:

* `name_tokens(text)`: the *light form*: lowercase words without diacritics, apostrophes and dots,
  without the Arabic article (al-, el-, and its assimilated forms ash-, as-, ad-, ar-, ...), with
  spelling variants folded that never separate two names: doubled letters (ss -> s), q -> k,
  ck -> k, ph -> f, ou / oo -> u, ee -> i, a final h after a vowel (Hamzah / Hamza), -ize / -ise,
  -ence / -ense and -tre / -ter (Mobilization / Mobilisation, Defence / Defense, Centre / Center),
  Abdul / Abdel / Abdal -> abd, bin -> ibn, and plural organisation head nouns -> singular (Forces -> force).
* `token_key(token)`: the consonant skeleton of a light token: its first letter (a vowel becomes
  its class: a; e/i -> i; o/u -> u) and then its consonants. Yousef, Yusuf and Youssef all
  give "ysf"; Iran "irn" and Iraq "irk" differ. Keys are for blocking: only names that share
  keys are ever compared.
* `tokens_match(a, b)`: same key, and the vowels that differ differ little. Vowels are compared
  slot by slot (the vowels after each consonant); o/u, e/i and y/i count as the same, "e" against
  any vowel costs half a point, a vowel against another vowel or against nothing one point. The
  budget is max(0.5, 0.25 x number of vowel slots): Mahdi / Mehdi and Mohammed / Muhammad pass,
  Hussein / Hassan and Salman / Sulaimani do not. A vowel added or dropped at the end is never
  allowed (Khomein / Khomeini), and one-syllable names must be spelled alike (Smith / Smyth stay
  two people).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz.distance import Indel

from .lexicon import load_org_heads

ARTICLES = frozenset({"al", "el"})
"""The Arabic article, dropped wherever it stands: "al-Sadr", "Al Sadr", "el-Sisi"."""

ASSIMILATED = frozenset({"ad", "adh", "an", "ar", "as", "ash", "at", "ath", "az", "ud", "ul", "ur"})
"""Assimilated forms of the article, dropped only when joined by a hyphen ("ash-Sharaa")."""

_ABBREVIATED = {"mt": "mount", "ft": "fort"}  # abbreviations that are one word written out ("Mt Cook")
_ABD = frozenset({"abdul", "abdel", "abdal", "abdol", "abdoul", "abdu", "abdil"})
_APOSTROPHES = str.maketrans("", "", "'’‘`´ʿʾʼ\u02bb")
_VOWELS = frozenset("aeiou")
_SPLIT = re.compile(r"[^a-z0-9\-]+")


@lru_cache(maxsize=262_144)
def name_tokens(text: str) -> tuple[str, ...]:
    """The light form of a name: normalised words without articles (see the module docstring)."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    bare = bare.lower().translate(_APOSTROPHES).replace(".", "")
    words: list[str] = []
    for chunk in _SPLIT.split(bare):
        parts = [part for part in chunk.split("-") if part]
        for index, part in enumerate(parts):
            joined = len(parts) > 1 and index < len(parts) - 1
            if part in ARTICLES or (joined and part in ASSIMILATED):
                continue
            words.append(part)
    if len(words) > 1 and words[-1] in ARTICLES:
        words.pop()
    return tuple(_light(word) for word in words if word)


@lru_cache(maxsize=262_144)
def _light(word: str) -> str:
    heads = load_org_heads()
    word = _ABBREVIATED.get(word, word)
    word = heads.singular.get(word, word)
    if word in _ABD:
        return "abd"
    if word == "bin":
        return "ibn"
    if word.isdigit():
        return word
    word = word.replace("ck", "k").replace("q", "k").replace("ph", "f")
    word = word.replace("ou", "u").replace("oo", "u").replace("ee", "i")
    word = re.sub(r"iz(?=[aei])", "is", word)
    if word.endswith("ence"):
        word = word[:-4] + "ense"
    if len(word) > 4 and word.endswith("tre"):
        word = word[:-3] + "ter"  # Centre / Center, Theatre / Theater
    word = re.sub(r"(.)\1+", r"\1", word)
    if len(word) > 3 and word.endswith("h") and word[-2] in _VOWELS:
        word = word[:-1]
    return word


def _is_vowel(word: str, index: int) -> bool:
    char = word[index]
    return char in _VOWELS or (char == "y" and index > 0)


@lru_cache(maxsize=262_144)
def token_key(token: str) -> str:
    """The phonetic key of a light token: first letter (vowels by class), then its consonants."""
    if not token:
        return ""
    if token.isdigit():
        return token
    first = token[0]
    if first in _VOWELS:
        first = {"a": "a", "e": "i", "i": "i", "o": "u", "u": "u"}[first]
    rest = "".join(char for index, char in enumerate(token) if index > 0 and not _is_vowel(token, index))
    return first + rest


def name_key(tokens: Sequence[str]) -> tuple[str, ...]:
    """The phonetic keys of a light form's tokens."""
    return tuple(token_key(token) for token in tokens)


def _slots(token: str) -> list[str]:
    """The vowel runs of a token: before the first consonant, then after each consonant."""
    slots = [""]
    for index, char in enumerate(token):
        if _is_vowel(token, index):
            slots[-1] += char
        else:
            slots.append("")
    return slots


def _vowel_class(run: str) -> str:
    run = run.replace("y", "i").replace("o", "u")
    run = re.sub(r"(.)\1+", r"\1", run)
    return {"ei": "ai", "ie": "i", "ae": "ai"}.get(run, run)


def _vowel_cost(left: str, right: str) -> float:
    left, right = _vowel_class(left), _vowel_class(right)
    if left == right:
        return 0.0
    if not left or not right:
        return 0.5 if (left or right) == "e" else 1.0
    if left == "e" or right == "e":
        return 0.5
    if len(left) == 1 and len(right) == 1:
        return 1.0
    return 0.5 if set(left) & set(right) else 1.0


@lru_cache(maxsize=262_144)
def tokens_match(left: str, right: str) -> bool:
    """True when two light tokens are spelling variants of one name (see the module docstring)."""
    if left == right:
        return True
    if token_key(left) != token_key(right) or left.isdigit() or right.isdigit():
        return False
    left_slots, right_slots = _slots(left), _slots(right)
    if len(left_slots) != len(right_slots):
        return False
    if bool(left_slots[-1]) != bool(right_slots[-1]):
        return False
    syllables = sum(1 for a, b in zip(left_slots, right_slots, strict=True) if a or b)
    if max(sum(1 for slot in left_slots if slot), sum(1 for slot in right_slots if slot)) <= 1:
        return False
    cost = sum(_vowel_cost(a, b) for a, b in zip(left_slots, right_slots, strict=True))
    return cost <= max(0.5, 0.25 * syllables)


def names_match(left: Sequence[str], right: Sequence[str]) -> bool:
    """True when two light forms have as many tokens and every pair of tokens matches."""
    return len(left) == len(right) and all(tokens_match(a, b) for a, b in zip(left, right, strict=True))


def similarity(left: Sequence[str], right: Sequence[str]) -> float:
    """rapidfuzz Indel similarity (0-100) of two light forms written out with spaces."""
    return 100.0 * Indel.normalized_similarity(" ".join(left), " ".join(right))


_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")


@lru_cache(maxsize=65_536)
def acronym_of(text: str) -> str | None:
    """The acronym `text` is written as ("PDU", "U.S." -> "US", "PDUs" -> "PDU"), or None."""
    compact = text.replace(".", "").strip()
    if compact.endswith("s") and _ACRONYM.match(compact[:-1]) and len(compact) > 2:
        compact = compact[:-1]
    if _ACRONYM.match(compact) and sum(char.isalpha() for char in compact) >= 2:
        return compact
    return None


@lru_cache(maxsize=1)
def _light_heads() -> dict[str, str]:
    return {_light(word): kind for word, kind in load_org_heads().head_class.items()}


def head_class(tokens: Sequence[str]) -> str | None:
    """The class of a light form's generic organisation head noun ("forces" -> "armed"), or None."""
    if not tokens:
        return None
    return _light_heads().get(tokens[-1])
