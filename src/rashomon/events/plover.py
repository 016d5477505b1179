"""PLOVER coding: the event lexicon (data/plover_lexicon.toml), mode choice, and PLOVER JSONL export.

PLOVER (Political Language Ontology for Verifiable Event Records, the ontology of POLECAT) codes an
event as `event` (one of 16 categories), `mode` (how) and `context` (why, plus the special contexts
historical, future, hypothetical and negation). The lexicon maps event words to a category, a mode and
a synonym family; context words choose the mode. `to_plover` turns a fused `Event` into one PLOVER
JSON record. See docs/events.md for the format of the lexicon and of the record.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, cast, get_args

from ..errors import ConfigError
from ..model import Document, Entity, Event, EventMention, PloverType

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

AUX_MODES: tuple[str, ...] = ("historical", "future", "hypothetical", "negation")

QUAD: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "SANCTION": 3, "PROTEST": 4,
    "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
"""PLOVER quad categories: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
4 material conflict (manual v0.7, table "Quad categories in PLOVER")."""

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

    def entry(self, lemma: str, *, pos: Literal["verb", "noun", "phrase"]) -> LexiconEntry | None:
        """The entry for `lemma` as a verb, a noun or a two-word phrase; None when it names no event."""
        table = {"verb": self.verbs, "noun": self.nouns, "phrase": self.phrases}[pos]
        return table.get(lemma.lower())

    def family(self, lemma: str) -> str:
        """The synonym family of a lemma (verb, noun or phrase); the lemma itself when unknown."""
        lowered = lemma.lower()
        for table in (self.phrases, self.verbs, self.nouns):
            found = table.get(lowered)
            if found is not None:
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
        negation_verbal=frozenset(governors.get("negation_verbal", ())), hypothetical=frozenset(governors.get("hypothetical", ())),
        future=frozenset(governors.get("future", ())), speech=frozenset(governors.get("speech", ())),
        light=frozenset(governors.get("light", ())),
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
        if entry.lemma.split()[0] in override.lemmas and around & override.words and not context_mode:
            return Coding(override.category, override.mode, override.family or family)
    if context_mode:
        mode = context_mode
    if category in lexicon.complement_modes and complement is not None:
        mode = lexicon.complement_modes[category].get(complement.category, mode)
        if category == "THREATEN" and complement.family == "invade":
            mode = "territory"
    return Coding(category, mode, family)


def _actor_records(entity_ids: Sequence[str], texts: Mapping[str, str], entities: Mapping[str, Entity],
                   codes: Mapping[str, str]) -> list[dict[str, Any]]:
    records = []
    for entity_id in entity_ids:
        entity = entities.get(entity_id)
        record: dict[str, Any] = {"actor_text": texts.get(entity_id, entity.name if entity else entity_id),
                                  "entity_id": entity_id}
        if entity is not None:
            record["entity_name"] = entity.name
            record["entity_type"] = entity.type
        if entity_id in codes:
            record["code"] = codes[entity_id]
        records.append(record)
    return records


def to_plover(event: Event, *, mentions: Mapping[str, EventMention] | Sequence[EventMention],
              documents: Sequence[Document], entities: Sequence[Entity] = (),
              entity_of: Mapping[str, str] | None = None, mention_texts: Mapping[str, str] | None = None,
              country_codes: Mapping[str, str] | None = None) -> dict[str, Any]:
    """One PLOVER / POLECAT JSON record for a fused event (a line of a JSONL export).

    Args:
        event: the fused event.
        mentions: its event mentions (a mapping by id, or any sequence holding them).
        documents: the documents, for publication metadata and sentence text.
        entities: resolved entities, for canonical names (optional).
        entity_of: mention id -> entity id, to give each actor the text it was written as (optional).
        mention_texts: mention id -> text of the named mention (optional, with entity_of).
        country_codes: entity id -> ISO 3166 alpha-3 code for actors that are countries; by default
            PLACE entities whose name the gazetteer knows as a country get theirs.
    Returns:
        A dict with PLOVER's fields (`id`, `date`, `source`/`actor`, `recipient`, `event`, `mode`,
        `context`, `event_loc`, `event_text`, `text_info`, `cite_info`) and rashomon's own
        (`date_precision`, `date_conflict`, `dates`, `n_articles`, `n_sources`).
    """
    by_id = mentions if isinstance(mentions, Mapping) else {m.id: m for m in mentions}
    docs = {doc.id: doc for doc in documents}
    own = [by_id[mid] for mid in event.mention_ids if mid in by_id]
    texts: dict[str, str] = {}
    if entity_of and mention_texts:
        for mention in own:
            for mid in (*mention.actor_ids, *mention.target_ids):
                if mid in entity_of and mid in mention_texts:
                    texts.setdefault(entity_of[mid], mention_texts[mid])
    entity_map = {entity.id: entity for entity in entities}
    if country_codes is None:
        from .places import country_alpha3

        wanted = {*event.actor_ids, *event.target_ids}
        country_codes = {e.id: code for e in entities if e.id in wanted and e.type == "PLACE"
                         and (code := country_alpha3(e.name))}
    actors = _actor_records(event.actor_ids, texts, entity_map, country_codes)
    if not actors:
        written = Counter(m.actor_text for m in own if m.actor_text)
        actors = [{"actor_text": text} for text, _ in written.most_common(1)]
    recipients = _actor_records(event.target_ids, texts, entity_map, country_codes)
    if not recipients:
        written = Counter(m.target_text for m in own if m.target_text)
        recipients = [{"actor_text": text} for text, _ in written.most_common(1)]
    aux = sorted({aux for mention in own for aux in mention.aux_modes} - {"negation"})
    place = event.places[0] if event.places else None
    event_loc = None
    if place is not None:
        event_loc = {"name": place.name, "geonameid": place.geonameid, "latitude": place.latitude,
                     "longitude": place.longitude, "country_code": place.country}
    text_info = []
    for mention in own:
        doc = docs.get(mention.doc_id)
        text_info.append({
            "doc_id": mention.doc_id, "mention_id": mention.id, "start": mention.trigger.start,
            "end": mention.trigger.end, "sentence_start": mention.sentence.start,
            "sentence_end": mention.sentence.end,
            "sentence": doc.slice(mention.sentence) if doc is not None else None,
            "reported_by": mention.reported_by or None,
        })
    cite_info = []
    for doc_id in event.doc_ids:
        doc = docs.get(doc_id)
        if doc is None:
            continue
        cite_info.append({"doc_id": doc.id, "path": doc.path, "url": doc.url,
                          "title": doc.title.value if doc.title else None,
                          "publication": doc.outlet.value if doc.outlet else None,
                          "published": doc.published.value if doc.published else None})
    return {
        "id": event.id,
        "date": event.date,
        "date_precision": event.date_precision,
        "date_conflict": event.date_conflict,
        "dates": list(event.dates),
        "source": actors,
        "actor": actors,
        "recipient": recipients,
        "event": [event.type],
        "mode": [event.mode] if event.mode else [],
        "context": aux,
        "quad_code": QUAD.get(event.type),
        "event_loc": event_loc,
        "places": [{"name": p.name, "country_code": p.country, "geonameid": p.geonameid,
                    "latitude": p.latitude, "longitude": p.longitude} for p in event.places],
        "event_text": [m.text for m in own],
        "text_info": text_info,
        "cite_info": cite_info,
        "n_articles": len(event.doc_ids),
        "n_sources": event.independent_sources,
        "coder": "rashomon",
        "codebook": "PLOVER 0.8 categories as used by POLECAT",
    }
