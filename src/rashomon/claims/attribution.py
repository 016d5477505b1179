"""Attribution: who a figure is attributed to, or "" when the text states it in its own voice.

Read from the quantity's sentence, in order:
  1. "according to X" in the sentence (the one nearest the number when there are several);
  2. a reporting verb above the number in the parse, reached through its clausal complement or object
     ("X said/stated/estimated that ... N", "X count N people killed"): its subject is the source;
  3. a reporting clause beside the number's clause ("N were killed, police said").
A source that is a report noun ("the latest estimates of human rights organizations", "figures from
the ministry") gives way to whose report it is. A source is written as the mention's text when an
entity mention covers it, else as its noun phrase; either way without a leading article. "I"/"we"
mean the author (""); "he"/"she" become the nearest earlier person mention of the paragraph,
"they"/"it" the nearest organisation, group or person, or stay as written when there is none.
"It was estimated that ..." and "nobody" name no source.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc as ParsedDoc
from spacy.tokens import Token

from ..model import Mention
from ._lexicon import lexicon
from .quantities import Quantity

# How a number's clause hangs on a reporting verb: as its complement ("said that ... N"), or, for
# verbs that count (claims_reporting.tsv "count" row), as its object ("count 1500 people killed").
_INTO_CLAUSE = frozenset({"ccomp", "xcomp", "parataxis", "advcl"})
_INTO_OBJECT = frozenset({"dobj", "obj", "npadvmod", "oprd", "acomp", "attr"})
_AUTHOR = frozenset({"i", "we", "me", "us"})
_NO_SOURCE = frozenset({"nobody", "none", "few", "this", "that", "which", "who"})
_PHRASE_DEPS = frozenset({"compound", "amod", "det", "poss", "nmod", "nummod", "case", "punct", "prep", "pobj",
                          "quantmod"})


def find_source(parsed: ParsedDoc, quantity: Quantity, mentions: Sequence[Mention], paragraph_start: int) -> str:
    """The stated source of a quantity's figure, or "" (the author's)."""
    anchor = parsed[quantity.anchor]
    sentence = anchor.sent
    according = [t for t in sentence
                 if t.lower_ == "according" and t.i + 1 < len(parsed) and parsed[t.i + 1].lower_ == "to"]
    if according:
        nearest = min(according, key=lambda t: abs(t.i - anchor.i))
        objects = [c for c in parsed[nearest.i + 1].children if c.dep_ == "pobj"]
        if objects:
            return _source_text(parsed, _owner(objects[0]), mentions, paragraph_start)
    words = lexicon()
    child, token = anchor, anchor
    while token.head.i != token.i:
        child, token = token, token.head
        into = _INTO_CLAUSE if token.lemma_.lower() not in words.counting_verbs else _INTO_CLAUSE | _INTO_OBJECT
        if token.lemma_.lower() in words.reporting_verbs and token.pos_ in ("VERB", "AUX") and child.dep_ in into:
            subject = _subject(token)
            if subject is not None:
                return _source_text(parsed, _owner(subject), mentions, paragraph_start)
    root = sentence.root
    for side in root.children:
        if (side.dep_ in ("parataxis", "ccomp") and side.lemma_.lower() in words.reporting_verbs
                and not side.is_ancestor(anchor)):
            subject = _subject(side)
            if subject is not None:
                return _source_text(parsed, _owner(subject), mentions, paragraph_start)
    return ""


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.tag_ != "EX" and child.lower_ not in _NO_SOURCE and not (
                child.lower_ == "it" and child.dep_ == "nsubjpass"):  # "it was estimated that ..."
            return child
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _owner(noun: Token) -> Token:
    """For a report noun ("estimates of X", "X's figures", "figures from X"), X; else the noun itself."""
    if noun.lemma_.lower() not in lexicon().report_nouns:
        return noun
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("of", "by", "from"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return noun


def _source_text(parsed: ParsedDoc, noun: Token, mentions: Sequence[Mention], paragraph_start: int) -> str:
    if noun.pos_ == "PRON":
        if noun.lower_ in _AUTHOR:
            return ""
        wanted = ("PERSON",) if noun.lower_ in ("he", "she", "him", "her") else ("ORG", "GROUP", "PERSON")
        earlier = [m for m in mentions if m.type in wanted and paragraph_start <= m.span.start < noun.idx]
        return _without_article(max(earlier, key=lambda m: m.span.start).text) if earlier else noun.text
    for mention in mentions:
        if mention.span.start <= noun.idx < mention.span.end:
            return _without_article(mention.text)
    tokens = sorted([noun, *_phrase(noun)], key=lambda t: t.i)
    while tokens and (tokens[0].dep_ == "det" or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if not tokens:
        return noun.text
    return parsed[tokens[0].i:tokens[-1].i + 1].text


def _without_article(text: str) -> str:
    """'the Health Ministry' -> 'Health Ministry' (sources are named without a leading article)."""
    for article in ("the ", "The ", "a ", "an "):
        if text.startswith(article) and len(text) > len(article):
            return text[len(article):]
    return text


def _phrase(noun: Token) -> list[Token]:
    """The noun's modifiers that belong in its name: compounds, adjectives, "of" phrases (no clauses)."""
    found: list[Token] = []
    for child in noun.children:
        if child.dep_ not in _PHRASE_DEPS:
            continue
        if child.dep_ == "prep" and child.lower_ != "of":
            continue
        found.append(child)
        found.extend(_phrase(child))
    return found
