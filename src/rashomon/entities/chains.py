"""Tie the names of one document that refer to one thing, and add the mentions the NER missed.

Ties (pairs of candidates) come from what the text itself says:

* acronyms and their long forms, as acronyms.py finds them ("Popular Defence Units (PDU)");
* aliases: "X, known as Y", "X (also known as Y)", "X, also called Y".
* short forms: a name that is the end of exactly one person's full name in the document ("Karimi"
  for "Qasem Karimi", "Zanjani" for "Abu Fadel al-Zanjani", "Abdul Hadi" for "Adil Abdul
  Hadi"). Not when the short form stands after "the" ("the Syrian Zaitoun": people do not take
  an article). A first name alone ("Saddam") is not tied: too many people share one.
* identical names: every "Iran" of a document is one chain.

Mentions the NER missed are added: every all-capital occurrence of a defined acronym, every further
occurrence of its long form, and every capitalised occurrence of the last word of exactly one full
name (unless the document also writes that word in lowercase: then it is a common word).
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..nlp import english_words
from .acronyms import DASHES, QUOTES, Definition, acronym_tokens, explicit_definitions, implicit_definitions
from .lexicon import country_code, fold, is_known_place, load_titles, title_words
from .names import acronym_of, name_key, name_tokens, names_match, token_key, tokens_match
from .spans import DETERMINERS, PARTICLES, DocContext, is_capitalised

if TYPE_CHECKING:
    from ..model import EntityType

Key = tuple[int, int]  # a candidate's character offsets

_ALIAS_ADVERBS = frozenset({"also", "better", "commonly", "locally", "popularly", "widely", "formerly", "otherwise",
                            "sometimes", "often", "now", "officially"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A name found in the document, before chains and types are settled."""

    start: int  # character offsets of the name
    end: int
    first: int  # token offsets, first and last token (inclusive)
    last: int
    label: str  # NER label; "" when a rule added it
    fallback: EntityType  # the type it takes when nothing votes otherwise
    title: str | None = None
    org_hint: bool = False

    @property
    def key(self) -> Key:
        return (self.start, self.end)


@dataclass(slots=True)
class Ties:
    """The candidates of a document, the pairs tied together, and the long form of each acronym."""

    candidates: dict[Key, Candidate]
    pairs: list[tuple[Key, Key]]
    expansions: dict[Key, str]


def _span_candidate(ctx: DocContext, first: int, last: int, fallback: EntityType) -> Candidate:
    parsed = ctx.parsed
    start = parsed[first].idx
    end = parsed[last].idx + len(parsed[last].text)
    return Candidate(start, end, first, last, "", fallback)


def _add(ties: Ties, candidate: Candidate) -> Key | None:
    """Add a candidate unless it crosses one already there; returns the key of the one that stays."""
    if candidate.key in ties.candidates:
        return candidate.key
    inside = [key for key in ties.candidates if candidate.start <= key[0] and key[1] <= candidate.end]
    crossing = [key for key in ties.candidates
                if key[0] < candidate.end and candidate.start < key[1] and key not in inside]
    if crossing:
        return None
    for key in inside:
        old = ties.candidates.pop(key)
        candidate = replace(candidate, label=candidate.label or old.label, title=candidate.title or old.title)
    ties.candidates[candidate.key] = candidate
    return candidate.key


def _covering(ties: Ties, start: int, end: int) -> bool:
    return any(key[0] < end and start < key[1] for key in ties.candidates)


def _apply_definitions(ctx: DocContext, ties: Ties, definitions: list[Definition],
                       acronyms: list[tuple[int, str]]) -> None:
    parsed = ctx.parsed
    long_forms: dict[str, tuple[str, ...]] = {}
    for definition in definitions:
        long_key = _add(ties, _span_candidate(ctx, definition.long_first, definition.long_last, "ORG"))
        if long_key is None:
            continue
        long_text = " ".join(ctx.text[long_key[0]:long_key[1]].split())
        long_forms.setdefault(definition.acronym, name_tokens(long_text))
        acronym_keys = []
        for index, acronym in acronyms:
            if acronym != definition.acronym:
                continue
            token = parsed[index]
            start, end = token.idx, token.idx + len(token.text)
            if token.text.endswith("s") and not definition.acronym.endswith("S"):
                end -= 1
            key = (start, end) if (start, end) in ties.candidates else None
            if key is None and not _covering(ties, start, end):
                key = _add(ties, Candidate(start, end, index, index, "", "ORG"))
            if key is not None:
                acronym_keys.append(key)
        for key in acronym_keys:
            ties.expansions.setdefault(key, long_text)
            ties.pairs.append((long_key, key))
    _add_long_forms(ctx, ties, long_forms)


def _add_long_forms(ctx: DocContext, ties: Ties, long_forms: dict[str, tuple[str, ...]]) -> None:
    """Every further occurrence of a defined long form becomes a mention too (tied by identity later)."""
    if not long_forms:
        return
    parsed = ctx.parsed
    starts: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for form in set(long_forms.values()):
        if form:
            starts[form[0]].append(form)
    for start, text in enumerate(ctx.texts):
        if not text[:1].isupper() or not text.isalpha():
            continue
        light = name_tokens(text)
        for form in starts.get(light[0], ()) if light else ():
            size = len(form)
            end = start
            words = 0
            while end < len(parsed) and words < size:
                if parsed[end].is_alpha and parsed[end].lower_ not in ("al", "el"):
                    words += 1
                end += 1
            if words == size and name_tokens(parsed[start:end].text) == form:
                candidate = _span_candidate(ctx, start, end - 1, "ORG")
                if not _covering(ties, candidate.start, candidate.end):
                    _add(ties, candidate)


def _alias_pairs(ctx: DocContext, ties: Ties) -> None:
    """"X, known as Y", "X (also known as Y)", "X, also called Y": tie X and Y."""
    parsed = ctx.parsed
    by_first = {candidate.first: candidate.key for candidate in ties.candidates.values()}
    for candidate in sorted(ties.candidates.values(), key=lambda c: c.start):
        index = candidate.last + 1
        index = _skip(ctx, index, QUOTES)
        if index >= len(parsed) or parsed[index].text not in ("(", ","):
            continue
        index = _skip(ctx, index + 1, frozenset())
        if index < len(parsed) and parsed[index].lower_ in _ALIAS_ADVERBS:
            index += 1
        words = [parsed[j].lower_ for j in range(index, min(index + 2, len(parsed)))]
        if words[:2] == ["known", "as"]:
            index += 2
        elif words[:1] in (["called"], ["aka"], ["a.k.a."], ["dubbed"], ["nicknamed"]):
            index += 1
        else:
            continue
        index = _skip(ctx, index, QUOTES | {"the"})
        if index >= len(parsed) or not is_capitalised(parsed[index]):
            continue
        other = by_first.get(index)
        if other is None:
            last = index
            while last + 1 < len(parsed) and (is_capitalised(parsed[last + 1]) or parsed[last + 1].text in DASHES
                                              or parsed[last + 1].lower_ in PARTICLES):
                last += 1
            while last > index and not is_capitalised(parsed[last]):
                last -= 1
            other = _add(ties, _span_candidate(ctx, index, last, candidate.fallback))
        if other is not None and other != candidate.key:
            ties.pairs.append((candidate.key, other))
            acronym = acronym_of(ctx.text[other[0]:other[1]])
            if acronym is not None:
                ties.expansions.setdefault(other, " ".join(ctx.text[candidate.start:candidate.end].split()))


def _skip(ctx: DocContext, index: int, texts: frozenset[str] | set[str]) -> int:
    parsed = ctx.parsed
    while index < len(parsed) and (parsed[index].is_space or parsed[index].text in texts
                                   or parsed[index].lower_ in texts):
        index += 1
    return index


def _has_determiner(ctx: DocContext, candidate: Candidate) -> bool:
    """"the Syrian Zaitoun": a name after an article (adjectives between) is no person's surname.
    "the Trump administration" does not count: there the name modifies the noun after it."""
    parsed = ctx.parsed
    if candidate.title or parsed[candidate.last].dep_ == "compound":
        return False
    index = candidate.first - 1
    while index >= 0 and ((parsed[index].tag_ in ("JJ", "NNP") and parsed[index].ent_type_ == "NORP")
                          or parsed[index].is_space):
        index -= 1
    return index >= 0 and parsed[index].lower_ in DETERMINERS


PersonTest = Callable[[Candidate], bool]


def tagged_person(ctx: DocContext, candidate: Candidate) -> bool:
    """The plain test of a person's name: tagged PERSON, or led by a person's title or a name-forming
    one ("Calif Yazid" tagged ORG)."""
    if candidate.label == "PERSON" or candidate.title is not None:
        return True
    words = title_words(ctx.text[candidate.start:candidate.end])
    return words[:1] in load_titles().name_forming


def _short_forms(ctx: DocContext, ties: Ties, is_person: PersonTest) -> None:
    """Tie a short form to the one full person name of the document it ends ("Karimi"), or, when it
    ends none, to the one it begins ("Saddam" for "Saddam Hussein")."""
    forms = {key: name_tokens(ctx.text[key[0]:key[1]]) for key in ties.candidates}
    is_acronym = {key: acronym_of(ctx.text[key[0]:key[1]]) is not None for key in ties.candidates}
    persons = sorted(key for key, candidate in ties.candidates.items()
                     if not is_acronym[key] and len(forms[key]) >= 2 and is_person(candidate))
    distinct = {forms[key] for key in persons}
    shorter = {form for form in distinct if any(_ends(form, other) for other in distinct if len(other) > len(form))}
    fulls = [key for key in persons if forms[key] not in shorter]
    groups = _group_full_names(fulls, forms)
    entries: dict[tuple[str, ...], list[tuple[tuple[str, ...], int]]] = defaultdict(list)
    firsts: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for group, keys in enumerate(groups):
        for key in keys:
            form = forms[key]
            for i in range(1, len(form)):
                entries[name_key(form[i:])].append((form[i:], group))
            firsts[token_key(form[0])].append((form[0], group))
    full_set = set(fulls)
    for key, candidate in list(ties.candidates.items()):
        form = forms[key]
        if key in full_set or is_acronym[key] or not form or _has_determiner(ctx, candidate):
            continue
        matches = {group for part, group in entries.get(name_key(form), ()) if names_match(part, form)}
        if not matches and len(form) == 1 and _may_be_given_name(ctx, candidate):
            matches = {group for part, group in firsts.get(token_key(form[0]), ()) if tokens_match(part, form[0])}
        if len(matches) == 1:
            ties.pairs.append((groups[matches.pop()][0], key))
    _add_surnames(ctx, ties, groups, forms, entries)


def _may_be_given_name(ctx: DocContext, candidate: Candidate) -> bool:
    """A one-word name that may be a person's given name: not a country, not a place the gazetteer
    knows that the NER calls a place, not a name-forming title's word."""
    text = ctx.text[candidate.start:candidate.end]
    if country_code(text) is not None or candidate.label not in ("PERSON", ""):
        return False  # "Chelsea" the club is no given name of "Chelsea Manning"
    return not is_known_place(text) or candidate.label == "PERSON"


def _head_short_forms(ctx: DocContext, ties: Ties) -> None:
    """"the Academy" for "Academy of Motion Picture Arts": a one-word name after "the" that is the head
    of exactly one "<Head> of <X>" name of the document is that name."""
    forms = {key: name_tokens(ctx.text[key[0]:key[1]]) for key in ties.candidates}
    heads: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    first_key: dict[tuple[str, ...], Key] = {}
    for key in sorted(ties.candidates):
        form = forms[key]
        if len(form) >= 3 and form[1] == "of":
            heads[form[0]].add(form)
            first_key.setdefault(form, key)
    if not heads:
        return
    for key, candidate in ties.candidates.items():
        form = forms[key]
        if len(form) != 1 or len(heads.get(form[0], ())) != 1:
            continue
        before = candidate.first - 1
        while before >= 0 and ctx.parsed[before].is_space:
            before -= 1
        if before >= 0 and ctx.parsed[before].lower_ == "the":
            ties.pairs.append((first_key[next(iter(heads[form[0]]))], key))


def _ends(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    return len(short) < len(full) and names_match(short, full[len(full) - len(short):])


def _group_full_names(fulls: list[Key], forms: dict[Key, tuple[str, ...]]) -> list[list[Key]]:
    groups: list[list[Key]] = []
    for key in sorted(fulls):
        for group in groups:
            if names_match(forms[group[0]], forms[key]):
                group.append(key)
                break
        else:
            groups.append([key])
    return groups


def _add_surnames(ctx: DocContext, ties: Ties, groups: list[list[Key]], forms: dict[Key, tuple[str, ...]],
                  entries: dict[tuple[str, ...], list[tuple[tuple[str, ...], int]]]) -> None:
    """Capitalised occurrences of a full name's last word that the NER missed ("Zanjani declared")."""
    if not groups:
        return
    parsed = ctx.parsed
    surnames: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for group, keys in enumerate(groups):
        for key in keys:
            last = forms[key][-1]
            owners = {g for part, g in entries.get(name_key((last,)), ()) if names_match(part, (last,))}
            if owners == {group}:
                surnames[token_key(last)].append((last, group))
    if not surnames:
        return
    titles = load_titles().titles
    taken = sorted(ties.candidates)
    cursor = 0
    for index, text in enumerate(ctx.texts):
        if not text[:1].isupper() or not text.isalpha() or text.lower() in ctx.lower:
            continue
        light = name_tokens(text)
        if len(light) != 1 or (light[0],) in titles or fold(text) in PARTICLES:
            continue
        found = {group for last, group in surnames.get(token_key(light[0]), ()) if tokens_match(last, light[0])}
        if len(found) != 1:
            continue
        group = found.pop()
        start = parsed[index].idx
        end = start + len(text)
        while cursor < len(taken) and taken[cursor][1] <= start:
            cursor += 1
        if cursor < len(taken) and taken[cursor][0] < end:
            continue
        if _joined_to_name(ctx, index):
            continue
        fallback = ties.candidates[groups[group][0]].fallback
        added = _add(ties, Candidate(start, end, index, index, "", fallback))
        if added is not None:
            ties.pairs.append((groups[group][0], added))


def _joined_to_name(ctx: DocContext, index: int) -> bool:
    """True when the word is part of a longer capitalised name the NER missed ("Karimi Foundation")."""
    parsed = ctx.parsed
    after = parsed[index + 1] if index + 1 < len(parsed) else None
    before = parsed[index - 1] if index > 0 else None
    if after is not None and after.is_alpha and is_capitalised(after) and not after.is_sent_start:
        return True
    return before is not None and before.is_alpha and is_capitalised(before) and not parsed[index].is_sent_start


def _repeat_names(ctx: DocContext, ties: Ties) -> None:
    """Every further occurrence of a name the document already has, written the same way, that the NER
    missed ("Kelvar Ostani" tagged in one sentence, not in the next): a mention found by a rule, tied by
    identity later. Not inside a longer capitalised name, and a one-word name only when the document
    never writes that word in lowercase (then it is a common word: "Rice", "Young") and it is no
    title or particle."""
    parsed = ctx.parsed
    titles = load_titles().titles
    forms: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    fallback: dict[tuple[str, ...], EntityType] = {}
    for key in sorted(ties.candidates):
        candidate = ties.candidates[key]
        words = tuple(ctx.texts[i] for i in range(candidate.first, candidate.last + 1) if not parsed[i].is_space)
        if not words or not any(char.isalpha() for char in words[-1]) or not words[0][:1].isupper():
            continue
        if len(words) == 1 and (words[0].lower() in ctx.lower or (fold(words[0]),) in titles
                                or fold(words[0]) in PARTICLES or not words[0].isalpha()):
            continue
        forms[words[0]].add(words)
        fallback.setdefault(words, candidate.fallback)
    if not forms:
        return
    taken = sorted(ties.candidates)
    for index, text in enumerate(ctx.texts):
        for words in sorted(forms.get(text, ()), key=len, reverse=True):
            last = index + len(words) - 1
            if last >= len(parsed) or ctx.texts[index:last + 1] != words:
                continue
            if ctx.sentence[index] != ctx.sentence[last] or _beside_capital(ctx, index, last):
                continue
            candidate = _span_candidate(ctx, index, last, fallback[words])
            if _overlaps(taken, candidate.start, candidate.end):
                break
            if _add(ties, candidate) is not None:
                insort(taken, candidate.key)  # it overlaps nothing, so _add removed nothing
            break


def _overlaps(taken: list[Key], start: int, end: int) -> bool:
    position = bisect_left(taken, (start, -1))
    return any(key[0] < end and start < key[1] for key in taken[max(0, position - 3):position + 3])


def _beside_capital(ctx: DocContext, first: int, last: int) -> bool:
    """True when a capitalised word joins the span on either side within its sentence ("Karimi
    Foundation", "New Karimi"); a common word that only starts the sentence does not."""
    parsed = ctx.parsed
    after = parsed[last + 1] if last + 1 < len(parsed) else None
    before = parsed[first - 1] if first > 0 else None
    if after is not None and not after.is_sent_start and is_capitalised(after):
        return True
    if before is None or parsed[first].is_sent_start or not is_capitalised(before):
        return False
    return not (before.is_sent_start and _common_word(ctx, before.lower_))  # "Later Kelvar Ostani left"


def _common_word(ctx: DocContext, word: str) -> bool:
    return word in ctx.lower or any(word in english_words(ctx.parsed, pos) for pos in ("adv", "adj", "verb", "noun"))


def _identical(ctx: DocContext, ties: Ties) -> None:
    """Every candidate of the same name (same light form, or same acronym) is one chain."""
    first: dict[object, Key] = {}
    for key in sorted(ties.candidates):
        text = ctx.text[key[0]:key[1]]
        acronym = acronym_of(text)
        form: object = ("acronym", acronym) if acronym else name_tokens(text)
        if not form:
            continue
        if form in first:
            ties.pairs.append((first[form], key))
        else:
            first[form] = key


def tie_candidates(ctx: DocContext, candidates: list[Candidate], *, is_person: PersonTest | None = None) -> Ties:
    """All ties of a document's candidates, with the mentions the NER missed added.

    `is_person` tells a person's full name, whose short forms are tied to it (default `tagged_person`;
    the stage passes the candidate's own type vote, so "Bettie Page" tagged ORG but "died" is one).
    """
    ties = Ties({candidate.key: candidate for candidate in candidates}, [], {})
    acronyms = acronym_tokens(ctx)
    explicit = explicit_definitions(ctx, acronyms)
    implicit = implicit_definitions(ctx, acronyms, {definition.acronym for definition in explicit})
    _apply_definitions(ctx, ties, explicit + implicit, acronyms)
    _alias_pairs(ctx, ties)
    _short_forms(ctx, ties, is_person or (lambda candidate: tagged_person(ctx, candidate)))
    _head_short_forms(ctx, ties)
    _repeat_names(ctx, ties)
    _identical(ctx, ties)
    ties.pairs = [(a, b) for a, b in ties.pairs if a in ties.candidates and b in ties.candidates]
    return ties
