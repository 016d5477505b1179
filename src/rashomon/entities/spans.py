"""Turn a spaCy entity into the name it covers: the cleaning rules of extract_mentions.

The small English model's entity spans carry more than the name: a leading "the", a possessive "'s",
a title ("Maj. Gen."), trailing words ("US Tellingly", "Kataib Zaitoun militia"), two names joined
by "and" ("Karimi and Haddad" as one ORG). `clean_entity` returns the name spans inside an
entity, each as token offsets, with the title that stood before it. Everything works on tokens of
the parsed document, so every offset stays an offset into the document text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..nlp import english_words, text_of
from .lexicon import country_code, fold, load_cues, load_titles
from .names import head_class, name_tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc as ParsedDoc
    from spacy.tokens import Token

PARTICLES = frozenset({
    "al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ul", "ud", "bin", "ibn", "bint", "ben", "abu",
    "de", "da", "di", "du", "del", "della", "der", "den", "van", "von", "la", "le", "dos", "das", "do", "y",
})
"""Lowercase words that may stand inside or at the start of a name ("al-Sadr", "bin Laden", "da Silva")."""

DETERMINERS = frozenset({"the", "a", "an"})
_ADVERB_ENDINGS = ("ingly", "edly", "ably", "ibly", "ously", "fully", "ically", "ively", "antly", "ently")
_SEPARATORS = frozenset({".", "-", "–", "‐", "‑"})
_QUOTES = frozenset({"'", "’", "‘", '"', "“", "”", "«", "»", "`"})
_POSSESSIVES = frozenset({"'s", "’s", "'", "’", "s'", "s’"})
_PLURAL_APOSTROPHES = frozenset({"'", "’"})
_CONJUNCTIONS = frozenset({"and", "&", ","})


@dataclass(frozen=True, slots=True)
class DocContext:
    """What the cleaning rules look up in one parsed document, computed once."""

    parsed: ParsedDoc
    text: str  # parsed.text, computed once (spaCy rebuilds it on every access)
    texts: tuple[str, ...]  # every token's text
    sentence: tuple[int, ...]  # for each token, the index of the first token of its sentence
    sentence_chars: dict[int, tuple[int, int]]  # first token of a sentence -> its character offsets
    words: tuple[str, ...]  # folded token text for title matching; "" for separators and spaces
    caps: Counter[str]  # how often each capitalised token text occurs
    lower: frozenset[str]  # words that occur written in lowercase
    lower_lemmas: frozenset[str]  # the lemmas of those words ("hired" -> "hire")
    lower_nouns: frozenset[str]  # those of them used as nouns or adjectives ("flags"; not the modal "may")
    person_words: frozenset[str]  # token texts inside PERSON entities
    headline: tuple[bool, ...]  # for each token, whether its line is in title case (a headline)
    bracket: tuple[tuple[int, int] | None, ...]  # for each token, the brackets around it: ("(" index, ")" index)
    ent_span: tuple[tuple[int, int] | None, ...]  # for each token, the NER entity holding it: (start, end)
    closings: dict[int, int]  # "(" index -> its ")" index

    def closing(self, opening: int) -> int:
        """The index of the ")" closing the "(" at `opening` (or a few tokens on when none does)."""
        return self.closings.get(opening, min(len(self.texts), opening + 20))

    @classmethod
    def build(cls, parsed: ParsedDoc) -> DocContext:
        words = []
        texts = []
        caps: Counter[str] = Counter()
        lower = set()
        lemmas = set()
        nouns = set()
        for token in parsed:
            text = token.text
            texts.append(text)
            words.append("" if token.is_space or text in _SEPARATORS else fold(text).strip("."))
            if text[:1].isupper():
                caps[text] += 1
            elif text.isalpha() and text.islower():
                lower.add(text)
                lemmas.add(token.lemma_.lower())
                if token.pos_ in ("NOUN", "ADJ") or token.tag_.startswith(("NN", "JJ")):
                    nouns.add(text)
        person = frozenset(token.text for ent in parsed.ents if ent.label_ == "PERSON" for token in ent)
        sentence = [0] * len(parsed)
        chars = {}
        for sent in parsed.sents:
            chars[sent.start] = (sent.start_char, sent.end_char)
            for index in range(sent.start, sent.end):
                sentence[index] = sent.start
        bracket, closings = _brackets(texts)
        ent_span: list[tuple[int, int] | None] = [None] * len(parsed)
        for ent in parsed.ents:
            for index in range(ent.start, ent.end):
                ent_span[index] = (ent.start, ent.end)
        headlines = _headlines(texts, [(sent.start, sent.end) for sent in parsed.sents])
        return cls(parsed, text_of(parsed), tuple(texts), tuple(sentence), chars, tuple(words), caps, frozenset(lower),
                   frozenset(lemmas), frozenset(nouns), person, headlines, bracket, tuple(ent_span), closings)


_BRACKET_SPAN = 60  # tokens a bracket may hold before it is taken for a stray one
_SMALL_WORDS = frozenset("a an the of to in on at by for from with and or nor but as vs via per is are was".split())


def _brackets(texts: list[str]) -> tuple[tuple[tuple[int, int] | None, ...], dict[int, int]]:
    inside: list[tuple[int, int] | None] = [None] * len(texts)
    closings: dict[int, int] = {}
    opened: list[int] = []
    for index, text in enumerate(texts):
        if text == "(":
            opened.append(index)
        elif text == ")" and opened:
            start = opened.pop()
            if index - start <= _BRACKET_SPAN:
                closings[start] = index
                for position in range(start + 1, index):
                    if inside[position] is None:
                        inside[position] = (start, index)
        if "\n\n" in text:
            opened.clear()
    return tuple(inside), closings


def _headlines(texts: list[str], sentences: list[tuple[int, int]]) -> tuple[bool, ...]:
    """Which tokens stand in a title-case line or sentence: three or more words, and the words of four
    letters or more after the first all capitalised."""
    flags = [False] * len(texts)
    segments = list(sentences)
    start = 0
    for index, text in enumerate(texts):
        if "\n" in text:
            segments.append((start, index))
            start = index + 1
    segments.append((start, len(texts)))
    for first, end in segments:
        words = [text for text in texts[first:end] if text[:1].isalpha()]
        long = [word for word in words[1:] if len(word) >= 4 and word.lower() not in _SMALL_WORDS]
        if len(words) >= 3 and len(long) >= 2 and all(word[:1].isupper() for word in long):
            for position in range(first, end):
                flags[position] = True
    return tuple(flags)


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A name inside an entity: tokens [start, end), the title before it, and what the cleaning saw."""

    start: int
    end: int
    title: str | None
    org_hint: bool  # a trailing organisation noun was cut off ("Kataib Zaitoun militia")


def is_capitalised(token: Token) -> bool:
    text = token.text
    return text[:1].isupper() and any(char.isalpha() for char in text)


def _adverbish(token: Token) -> bool:
    if token.pos_ == "ADV" or token.tag_ in {"RB", "RBR", "RBS"}:
        return True
    lower = token.lower_
    return token.text[:1].isupper() and len(lower) > 6 and lower.endswith(_ADVERB_ENDINGS)


def _punctuation(token: Token) -> bool:
    return token.is_space or token.is_punct or token.text in _QUOTES or token.tag_ == "POS"


def _trim(ctx: DocContext, start: int, end: int) -> tuple[int, int, bool] | None:
    """Cut leading and trailing words that are not part of a name; None when nothing is left.

    Besides lowercase words, punctuation and adverbs: a trailing preposition and time word the NER
    ran into ("Indian Navy on Saturday"), and in a headline the capitalised words at either end that
    the document writes in lowercase elsewhere ("Hire Maurice Cheeks", "Ellen DeGeneres Returns"),
    while two words or more are left.
    """
    parsed = ctx.parsed
    org_hint = False
    times = load_cues().time_words
    for index in range(start + 1, end - 1):
        if parsed[index].lower_ in _TIME_PREPOSITIONS and parsed[index + 1].lower_ in times:
            end = index
            break
    if ctx.headline[start]:
        while end - start > 2 and _headline_word(ctx, start):
            start += 1
        while end - start > 2 and _headline_word(ctx, end - 1):
            end -= 1
    while start < end:
        token = parsed[start]
        lower = token.lower_
        if _punctuation(token) or lower in DETERMINERS or _adverbish(token):
            start += 1
        elif token.text[:1].islower() and lower not in PARTICLES:
            start += 1
        else:
            break
    while end > start:
        token = parsed[end - 1]
        if _punctuation(token) or token.text in _POSSESSIVES or _adverbish(token):
            end -= 1
        elif token.text[:1].islower() or not any(char.isalpha() or char.isdigit() for char in token.text):
            org_hint = org_hint or head_class(name_tokens(token.text)) is not None
            end -= 1
        else:
            break
    return (start, end, org_hint) if start < end else None


_TIME_PREPOSITIONS = frozenset({"on", "in", "at", "since", "by", "during", "until", "last", "this", "next"})


def _headline_word(ctx: DocContext, index: int) -> bool:
    """A headline's capitalised word that the document writes in lowercase elsewhere (or a form of it)."""
    token = ctx.parsed[index]
    if not token.is_alpha or not token.text[:1].isupper() or token.is_upper:
        return False
    lower = token.lower_
    return lower in ctx.lower or lower in ctx.lower_lemmas or lower.rstrip("s") in ctx.lower_lemmas


def _split_at(parsed: ParsedDoc, start: int, end: int, marks: frozenset[str], *, by_tag: bool = False) -> list[int]:
    return [index for index in range(start + 1, end - 1)
            if (parsed[index].tag_ == "POS" if by_tag else parsed[index].lower_ in marks)]


def _plural_possessive_inside(ctx: DocContext, index: int, end: int, label: str) -> bool:
    """True for the apostrophe of a plural possessive that is part of an organisation's name
    ("Teachers' Union", "Veterans' Association"): a bare apostrophe after a plural word that is no
    generic organisation noun, in an ORG entity or before a name ending in such a noun. After one
    ("Revolutionary Guards' Quds Force") the owner is an organisation of its own."""
    parsed = ctx.parsed
    owner = parsed[index - 1]
    if parsed[index].text not in _PLURAL_APOSTROPHES or not owner.lower_.endswith("s") or owner.whitespace_:
        return False
    if head_class(name_tokens(owner.text)) is not None:
        return False
    return label == "ORG" or head_class(name_tokens(parsed[end - 1].text)) is not None


def _split_possessive(ctx: DocContext, start: int, end: int, label: str) -> list[tuple[int, int]]:
    """"Iranian Revolutionary Guards' Quds Force" -> the owner and the owned, two names; a plural
    possessive inside an organisation's name ("Teachers' Union") stays."""
    cuts = [index for index in _split_at(ctx.parsed, start, end, _POSSESSIVES, by_tag=True)
            if not _plural_possessive_inside(ctx, index, end, label)]
    bounds = [start, *cuts, end]
    return [(bounds[i] + (1 if i else 0), bounds[i + 1]) for i in range(len(bounds) - 1)]


def _split_coordination(ctx: DocContext, start: int, end: int, label: str) -> list[tuple[int, int]]:
    """"Karimi and Haddad" tagged as one entity -> two names, when both sides are names.

    Split when every part starts and ends with a capitalised word, and either the entity is a PERSON
    or each part's last word occurs elsewhere in the document. Never split a country name ("Trinidad
    and Tobago") or an organisation whose last word is a generic head ("Foreign and Commonwealth
    Office").
    """
    parsed = ctx.parsed
    cuts = _split_at(parsed, start, end, _CONJUNCTIONS)
    if not cuts:
        return [(start, end)]
    whole = parsed[start:end].text
    if country_code(whole) is not None or head_class(name_tokens(whole)) is not None:
        return [(start, end)]
    bounds = [start - 1, *cuts, end]
    parts = [(bounds[i] + 1, bounds[i + 1]) for i in range(len(bounds) - 1)]
    parts = [(a, b) for a, b in parts if a < b and parsed[a].lower_ not in _CONJUNCTIONS]
    inside = Counter(token.text for token in parsed[start:end])
    for a, b in parts:
        if not (is_capitalised(parsed[a]) and is_capitalised(parsed[b - 1])):
            return [(start, end)]
        last = parsed[b - 1].text
        if label != "PERSON" and ctx.caps[last] - inside[last] < 1:
            return [(start, end)]
    return parts


def _words_forward(ctx: DocContext, index: int, limit: int, count: int) -> list[tuple[str, int]]:
    """Up to `count` title words from token `index` on, each with the token index just after it."""
    found: list[tuple[str, int]] = []
    while index < limit and len(found) < count:
        word = ctx.words[index]
        if word:
            found.append((word, index + 1))
        elif not found:
            break
        index += 1
    return found


def _match_forward(ctx: DocContext, index: int, limit: int) -> int | None:
    titles = load_titles()
    found = _words_forward(ctx, index, limit, titles.longest)
    for size in range(len(found), 0, -1):
        if tuple(word for word, _ in found[:size]) in titles.titles:
            end = found[size - 1][1]
            while end < limit and ctx.parsed[end].text == ".":
                end += 1
            return end
    return None


def _match_backward(ctx: DocContext, end: int, lower: int, inside: int) -> tuple[int, tuple[str, ...]] | None:
    """A title made of the tokens just before `end` (not before `lower`): its first token and words.
    Tokens before `inside` (outside the entity) must not belong to another entity."""
    titles = load_titles()
    index = end - 1
    while index >= lower and ctx.parsed[index].text == ".":
        index -= 1
    found: list[tuple[str, int]] = []
    while index >= lower and len(found) < titles.longest:
        word = ctx.words[index]
        if word:
            found.append((word, index))
        elif "\n\n" in ctx.texts[index]:  # a title never stands in the paragraph before
            break
        index -= 1
    for size in range(len(found), 0, -1):
        words = tuple(word for word, _ in reversed(found[:size]))
        first = found[size - 1][1]
        if words in titles.titles and (first >= inside or ctx.parsed[first].ent_iob_ in ("O", "")
                                       or _only_title(ctx, first, end)):
            return found[size - 1][1], words
    return None


def _only_title(ctx: DocContext, first: int, end: int) -> bool:
    """True when the entity holding token `first` lies inside the title that ends before `end` ("Brig"
    tagged apart in "Brig. Gen. Tarek Vollmer")."""
    span = ctx.ent_span[first]
    return span is not None and first <= span[0] and span[1] <= end


def _titles(ctx: DocContext, start: int, end: int, label: str) -> tuple[int, int, str | None] | None:
    """Separate the titles before a name; None when the span is nothing but a title."""
    parsed = ctx.parsed
    titles = load_titles()
    name = start
    while name < end:
        after = _match_forward(ctx, name, end)
        if after is None or after >= end:
            break
        name = after
    units: list[tuple[int, tuple[str, ...]]] = []
    first = name
    boundary = lower = ctx.sentence[start]
    if lower > 0 and parsed[lower - 1].text == "." and lower - 1 > ctx.sentence[lower - 1]:
        lower = ctx.sentence[lower - 1]  # "Brig. Gen. X": the parser may end a sentence at an abbreviation
    while True:
        found = _match_backward(ctx, first, lower, start)
        if found is None or (found[0] < boundary and first <= boundary):
            break  # a title wholly in the sentence before is no title of this name ("the Shah. Saddam ...")
        units.append(found)
        first = found[0]
    name_words = [token for token in parsed[name:end] if any(char.isalpha() for char in token.text)]
    if tuple(fold(token.text) for token in name_words) in titles.titles or not name_words:
        return None
    if not units:
        return name, end, None
    if name > start and parsed[name].text[:1].islower():
        return start, end, None  # "Prince of Martyrs", "Minister of the Interior": a title of something, no name
    if label != "PERSON" and not any(token.text in ctx.person_words for token in parsed[name:end]) \
            and _common_words(ctx, name_words):
        return start, end, None  # "General Motors": a title word before common words, in a name that is no person's
    adjacent_start, adjacent_words = units[0]
    if (adjacent_words in titles.name_forming and len(name_words) == 1
            and parsed[adjacent_start].text[:1].isupper()):
        name = adjacent_start
    title_tokens = parsed[first:name]
    title = " ".join(title_tokens.text.split()) if name > first else None
    return name, end, title


@dataclass(frozen=True, slots=True)
class Rejection:
    """Tokens [start, end) of an entity that are no name, and why (kept as a DroppedName)."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True, slots=True)
class Cleaned:
    """What one NER entity holds: its names, and the parts judged no names."""

    names: list[NameSpan]
    rejected: list[Rejection]


def _common_words(ctx: DocContext, tokens: Sequence[Token]) -> bool:
    """Whether every word is an English word ("Motors"), by the pipeline's word index; True when the
    pipeline has none (the name cannot be told from a common phrase)."""
    nouns = english_words(ctx.parsed, "noun")
    if not nouns:
        return True
    known = nouns | english_words(ctx.parsed, "adj") | english_words(ctx.parsed, "verb")
    return all(token.lemma_.lower() in known or token.lower_ in known or token.lower_.rstrip("s") in known
               for token in tokens)


def clean_entity(ctx: DocContext, start: int, end: int, label: str) -> Cleaned:
    """The names inside the entity tokens [start, end): possessives and coordinations split, junk
    trimmed, titles separated; and the parts that are no names, with the reason. `names` is empty when
    nothing name-like is left."""
    names = []
    rejected = []
    for part_start, part_end in _split_possessive(ctx, start, end, label):
        trimmed = _trim(ctx, part_start, part_end)
        if trimmed is None:
            rejected.append(Rejection(part_start, part_end, "no name is left once the words that are no part of a "
                                      "name (articles, punctuation, lowercase words, adverbs) are cut"))
            continue
        for piece_start, piece_end in _split_coordination(ctx, trimmed[0], trimmed[1], label):
            piece = _trim(ctx, piece_start, piece_end)
            if piece is None:
                continue
            titled = _titles(ctx, piece[0], piece[1], label)
            if titled is None:
                rejected.append(Rejection(piece[0], piece[1], "a title, not a name"))
                continue
            reason = _implausible(ctx, titled[0], titled[1], label) or _title_prefix(ctx, titled[0], titled[1])
            if reason is not None:
                rejected.append(Rejection(titled[0], titled[1], reason))
                continue
            names.append(NameSpan(titled[0], titled[1], titled[2], trimmed[2] or piece[2]))
    return Cleaned(names, rejected)


def _title_prefix(ctx: DocContext, start: int, end: int) -> str | None:
    """The reason a span is the first words of a title that goes on after it ("Brig" of "Brig. Gen.",
    "Supreme" of "Supreme Leader"), or None."""
    titles = load_titles()
    words = tuple(word for word in ctx.words[start:end] if word)
    if not words or len(words) >= titles.longest:
        return None
    index = end
    while index < len(ctx.texts) and not ctx.words[index] and ctx.texts[index].strip() in ("", "."):
        index += 1
    following = _words_forward(ctx, index, len(ctx.texts), titles.longest - len(words))
    for size in range(len(following), 0, -1):
        candidate = (*words, *(word for word, _ in following[:size]))
        if candidate in titles.titles:
            last = ctx.parsed[following[size - 1][1] - 1]
            return f"part of the title {ctx.text[ctx.parsed[start].idx:last.idx + len(last.text)]!r}"
    return None


_COMMON_TAGS = frozenset({"NN", "NNS", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "RB", "IN", "DT", "PRP", "CD"})


def _implausible(ctx: DocContext, start: int, end: int, label: str) -> str | None:
    """Why a span is no name: it has no capitalised word, or it is one common word capitalised only
    because it starts a sentence ("Flags and songs are ..." tagged PERSON); None when it may be one."""
    tokens = ctx.parsed[start:end]
    if not any(is_capitalised(token) for token in tokens):
        return "no capitalised word"
    if len(tokens) == 1 and label != "NORP":
        token = tokens[0]
        if token.is_sent_start and token.tag_ in _COMMON_TAGS and not token.is_upper:
            return f"a common word ({token.tag_}) capitalised only because it starts a sentence"
    return None
