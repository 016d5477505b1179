"""PLOVER coding: the event lexicon (data/plover_lexicon.toml) and mode choice.

PLOVER (Political Language Ontology for Verifiable Event Records, the ontology of POLECAT) codes an
event as `event` (one of 16 categories), `mode` (how) and `context` (why, plus the special contexts
historical, future, hypothetical and negation). The lexicon maps event words to a category, a mode and
a synonym family; context words choose the mode. The PLOVER JSONL export of events is
`rashomon.render.plover`. See docs/events.md for the format of the lexicon.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, cast, get_args

from ..errors import ConfigError
from ..model import PloverType

CATEGORIES: tuple[str, ...] = get_args(PloverType)

MODES: dict[str, frozenset[str]] = {
    "ASSAULT": frozenset({"abduct", "beat", "torture", "execute", "sexual", "targeted", "destroy",
                          "primitive", "firearms", "explosives", "suicide-attack", "heavy-weapons",
                          "cleansing", "massacre", "unconventional", "sideAB", "aerial", "drone"}),
    "PROTEST": frozenset({"demo", "riot", "general", "strike", "hunger", "boycott", "obstruct"}),
    "COERCE": frozenset({"confiscate", "restrict", "ban", "censor", "curfew", "martial-law", "arrest",
                         "deport", "withhold"}),
    "MOBILIZE": frozenset({"troops", "weapons", "police", "militia"}),
    "SANCTION": frozenset({"convict", "expel", "withdraw", "discontinue"}),
    "THREATEN": frozenset({"restrict", "ban", "arrest", "relations", "expel", "territory", "violence"}),
    "REQUEST": frozenset({"assist", "change", "yield", "meet"}),
    "REJECT": frozenset({"assist", "change", "yield", "meet"}),
    "ACCUSE": frozenset({"disapprove", "investigate", "allege"}),
    "RETREAT": frozenset({"withdraw", "release", "return", "disarm", "ceasefire", "access", "resign"}),
    "CONSULT": frozenset({"visit", "third-party", "multilateral", "phone"}),
    "AID": frozenset({"economic", "military", "humanitarian", "asylum"}),
}
"""The modes each category allows (PLOVER manual v0.8; aerial, drone and targeted as POLECAT names
them; AID's modes from manual v0.7). Categories not listed take no mode."""

LEXICON_FILE = "plover_lexicon.toml"


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """What one event word (or two-word phrase) means in PLOVER."""

    lemma: str
    pos: Literal["verb", "noun", "phrase"]
    category: PloverType
    mode: str = ""
    family: str = ""  # synonym group for fusion; the lemma when the file gives none
    complement: bool = False  # takes its category from the event word it governs
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Override:
    """Context that recodes a word: `lemmas` with one of `words` nearby become `category`/`mode`."""

    lemmas: frozenset[str]
    words: frozenset[str]
    category: PloverType
    mode: str
    family: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The event lexicon, read once from data/plover_lexicon.toml (or a file of the same format)."""

    verbs: Mapping[str, LexiconEntry]
    nouns: Mapping[str, LexiconEntry]
    phrases: Mapping[str, LexiconEntry]
    overrides: tuple[Override, ...]
    mode_words: Mapping[str, tuple[tuple[str, frozenset[str]], ...]]
    complement_modes: Mapping[str, Mapping[str, str]]
    negation: frozenset[str]
    negation_verbal: frozenset[str]
    hypothetical: frozenset[str]
    future: frozenset[str]
    speech: frozenset[str]
    light: frozenset[str]
    characterizing: frozenset[str] = frozenset()  # "poses a threat": the noun describes, nothing happens

    def entry(self, lemma: str, *, pos: Literal["verb", "noun", "phrase"]) -> LexiconEntry | None:
        """The entry for `lemma` as a verb, a noun or a two-word phrase; None when it names no event."""
        table = {"verb": self.verbs, "noun": self.nouns, "phrase": self.phrases}[pos]
        return table.get(lemma.lower())

    def family(self, lemma: str, category: str | None = None) -> str:
        """The synonym family of a lemma (verb, noun or phrase); the lemma itself when unknown.

        With `category`, the family of an override that recodes the lemma to that category when
        there is one ("go off" coded ASSAULT by "a bomb went off" is of the family of "attack").
        """
        lowered = lemma.lower()
        for table in (self.phrases, self.verbs, self.nouns):
            found = table.get(lowered)
            if found is not None:
                if category is not None and category != found.category:
                    for override in self.overrides:
                        named = lowered in override.lemmas or lowered.split()[0] in override.lemmas
                        if named and override.category == category and override.family:
                            return override.family
                return found.family
        return lowered

    def mode_for(self, category: str, context: Iterable[str]) -> str:
        """The first mode of `category` whose context words meet `context` (lemmas); "" when none."""
        words = {word.lower() for word in context}
        for mode, cues in self.mode_words.get(category, ()):
            if words & cues:
                return mode
        return ""


def _fail(origin: str, where: str, problem: str) -> ConfigError:
    return ConfigError(f"{origin}: {where}: {problem}. Fix the entry (the format is in docs/events.md).")


def _entry(origin: str, lemma: str, pos: Literal["verb", "noun", "phrase"], raw: Any) -> LexiconEntry:
    where = f"[{pos}s] {lemma!r}" if pos != "phrase" else f"[phrases] {lemma!r}"
    if not isinstance(raw, dict):
        raise _fail(origin, where, "should be an inline table { category = ..., ... }")
    unknown = set(raw) - {"category", "mode", "family", "complement", "notes"}
    if unknown:
        raise _fail(origin, where, f"unknown keys {sorted(unknown)}")
    category = raw.get("category")
    if category not in CATEGORIES:
        raise _fail(origin, where, f"category {category!r} is not one of {', '.join(CATEGORIES)}")
    mode = str(raw.get("mode", ""))
    if mode and mode not in MODES.get(category, frozenset()):
        raise _fail(origin, where, f"mode {mode!r} is not a PLOVER mode of {category}")
    if pos == "phrase" and len(lemma.split()) != 2:
        raise _fail(origin, where, "a phrase key has exactly two words")
    return LexiconEntry(lemma=lemma, pos=pos, category=cast(PloverType, category), mode=mode,
                        family=str(raw.get("family") or lemma), complement=bool(raw.get("complement", False)),
                        notes=str(raw.get("notes", "")))


def parse_lexicon(text: str, *, origin: str = LEXICON_FILE) -> Lexicon:
    """Build a `Lexicon` from the TOML text of a lexicon file; ConfigError names what is wrong."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{origin}: not valid TOML ({err}). Fix the file.") from err
    tables: dict[str, dict[str, LexiconEntry]] = {}
    for section, pos in (("verbs", "verb"), ("nouns", "noun"), ("phrases", "phrase")):
        tables[section] = {lemma.lower(): _entry(origin, lemma.lower(), cast(Any, pos), value)
                           for lemma, value in raw.get(section, {}).items()}
    overrides = []
    for number, item in enumerate(raw.get("overrides", []), start=1):
        category = item.get("category")
        mode = str(item.get("mode", ""))
        if category not in CATEGORIES or (mode and mode not in MODES.get(category, frozenset())):
            raise _fail(origin, f"[[overrides]] number {number}", f"category/mode {category}/{mode} is not PLOVER")
        overrides.append(Override(frozenset(item.get("lemmas", ())), frozenset(item.get("words", ())),
                                  cast(PloverType, category), mode, str(item.get("family", ""))))
    mode_words: dict[str, tuple[tuple[str, frozenset[str]], ...]] = {}
    for category, modes in raw.get("mode_words", {}).items():
        for mode in modes:
            if mode not in MODES.get(category, frozenset()):
                raise _fail(origin, f"[mode_words.{category}]", f"{mode!r} is not a PLOVER mode of {category}")
        mode_words[category] = tuple((mode, frozenset(w.lower() for w in words)) for mode, words in modes.items())
    governors = raw.get("governors", {})
    return Lexicon(
        verbs=tables["verbs"], nouns=tables["nouns"], phrases=tables["phrases"], overrides=tuple(overrides),
        mode_words=mode_words, complement_modes=raw.get("complement_modes", {}),
        negation=frozenset(governors.get("negation", ())),
        negation_verbal=frozenset(governors.get("negation_verbal", ())),
        hypothetical=frozenset(governors.get("hypothetical", ())),
        future=frozenset(governors.get("future", ())), speech=frozenset(governors.get("speech", ())),
        light=frozenset(governors.get("light", ())), characterizing=frozenset(governors.get("characterizing", ())),
    )


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """The lexicon shipped with rashomon, or the one in the file at `path` (read once per process)."""
    if path is None:
        text = resources.files("rashomon").joinpath("data", LEXICON_FILE).read_text(encoding="utf-8")
        return parse_lexicon(text, origin=f"rashomon/data/{LEXICON_FILE}")
    file = Path(path)
    if not file.is_file():
        raise ConfigError(f"{file}: event lexicon not found. Check the path or leave it out for the default.")
    return parse_lexicon(file.read_text(encoding="utf-8"), origin=str(file))


@dataclass(frozen=True, slots=True)
class Coding:
    """The PLOVER coding of one trigger: category, mode and synonym family."""

    category: PloverType
    mode: str
    family: str


def code_event(entry: LexiconEntry, context: Iterable[str], *, lexicon: Lexicon,
               complement: Coding | None = None, objects: Iterable[str] = ()) -> Coding:
    """Code a trigger found in the lexicon, given its context lemmas and what it governs.

    `context` holds the lemmas of the trigger's modifiers, agent and instrument (they choose the
    mode: a drone strike); `objects` the lemmas of what it acts on, which may recode it (withdrawing
    an ambassador) but not choose a weapon (shooting down a drone is no drone attack).
    Order: a word that takes its complement's category (`vote` to expel) becomes that; an override
    applies unless the context carries a weapon word of the base category; the mode is the first
    context mode, else the entry's own mode; THREATEN and REQUEST take their mode from the category
    of what is threatened or requested.
    """
    words = {word.lower() for word in context}
    around = words | {word.lower() for word in objects}
    category, mode, family = entry.category, entry.mode, entry.family
    if entry.complement and complement is not None and complement.category != "OTHER":
        return Coding(complement.category, complement.mode, family)
    context_mode = lexicon.mode_for(category, words)
    for override in lexicon.overrides:
        named = entry.lemma in override.lemmas or entry.lemma.split()[0] in override.lemmas  # "go off" or "strike"
        if named and around & override.words and not context_mode:
            return Coding(override.category, override.mode, override.family or family)
    if context_mode:
        mode = context_mode
    if category in lexicon.complement_modes and complement is not None:
        mode = lexicon.complement_modes[category].get(complement.category, mode)
        if category == "THREATEN" and complement.family == "invade":
            mode = "territory"
    return Coding(category, mode, family)
