"""Where and when: the place and the period of a quantity.

Place. Only PLACE mentions used as a location count: a place that is the object of a locative
preposition ("in Iraq", "to all the major cities of Iraq", "near the Baghdad airport") or that a
"where" clause hangs on ("reached Chile, where 40 fishermen are missing"). A place that is a subject, an
object or a possessive ("Tehran was confronting", "Iran's grip") is an actor, not a location.
  1. In the quantity's sentence: climbing the parse from the number to the root, the first level
     whose subtree holds a locative place gives it (nearest in the tree first).
  2. Else the nearest earlier sentence of the same paragraph that has locative places: its fronted
     place ("In Iran, ...") if it has one, else its place if it names only one; if it names several
     different places the place stays unknown.
Period. A time expression attached to the number, its noun, its verb, or the event noun the verb
hangs on (up to three steps): a temporal preposition whose object is a date, a duration or
"then"/"now" ("since October", "in four days", "since then"; not "in Syria, where years of war..."),
or a date modifier ("December 29 strikes", "last week's ..."). A duration used as a period is not a claim of its own.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc as ParsedDoc
from spacy.tokens import Span as ParsedSpan
from spacy.tokens import Token

from ..model import Mention
from ._lexicon import lexicon
from .counted import Counted
from .quantities import Quantity, entity_bounds

_LOCATIVE = frozenset("in at across throughout inside within near to into on around outside beyond along off".split())
_TEMPORAL = frozenset("since in during over within for from until till between by after before throughout on".split())
_TIME_WORDS = frozenset("then now today yesterday tonight recently".split())
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True, slots=True)
class Place:
    """A PLACE mention and the token its name hangs on in the parse."""

    mention: Mention
    root: Token


def paragraph_starts(text: str) -> list[int]:
    """Character offsets where paragraphs (text between blank lines) start."""
    return [0] + [match.end() for match in _PARAGRAPH.finditer(text)]


def paragraph_index(starts: Sequence[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset) - 1


def place_candidates(parsed: ParsedDoc, mentions: Sequence[Mention]) -> list[Place]:
    """The PLACE mentions of a document, each with the parse token it hangs on."""
    places = []
    for mention in mentions:
        if mention.type != "PLACE":
            continue
        span = parsed.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is not None and len(span):
            places.append(Place(mention, span.root))
    return places


def is_locative(token: Token) -> bool:
    """Whether a place name is used as a location (object of a locative preposition, maybe via "of")."""
    if any(child.dep_ == "relcl" and any(t.lower_ == "where" for t in child.children) for child in token.children):
        return True
    for _ in range(6):
        if token.dep_ in ("conj", "appos", "compound") and token.head.i != token.i:
            token = token.head
            continue
        if token.dep_ == "pobj":
            preposition = token.head
            if preposition.lower_ in _LOCATIVE:
                return True
            if preposition.lower_ == "of" and preposition.head.pos_ in ("NOUN", "PROPN"):
                token = preposition.head
                continue
        return False
    return False


def _tree_distance(a: Token, b: Token) -> int:
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    common = next((i for i, t in enumerate(up_a) if t in up_b), len(up_a))
    if common == len(up_a):
        return len(up_a) + len(up_b)
    return common + up_b.index(up_a[common])


def _is_fronted(root: Token) -> bool:
    """'In Iran, ...': the place's preposition opens its sentence and modifies a later verb."""
    preposition = root.head if root.dep_ == "pobj" else None
    if preposition is None or preposition.dep_ != "prep":
        return False
    opening = [t for t in root.sent if not t.is_punct and not t.is_space][:2]
    return preposition in opening and preposition.head.i > preposition.i


def find_place(parsed: ParsedDoc, quantity: Quantity, places: Sequence[Place],
               paragraphs: Sequence[int]) -> Place | None:
    """The place a quantity is about (see the module docstring), or None."""
    anchor = parsed[quantity.anchor]
    sentence = anchor.sent
    here = [p for p in places if sentence.start <= p.root.i < sentence.end and is_locative(p.root)]
    token = anchor
    while here:
        inside = [p for p in here if p.root == token or token.is_ancestor(p.root)]
        if inside:
            return min(inside, key=lambda p: (_tree_distance(p.root, anchor), abs(p.root.i - anchor.i)))
        if token.head.i == token.i:
            break
        token = token.head
    paragraph = paragraph_index(paragraphs, sentence.start_char)
    for earlier in _earlier_sentences(parsed, sentence):
        if paragraph_index(paragraphs, earlier.start_char) != paragraph:
            break
        there = [p for p in places if earlier.start <= p.root.i < earlier.end and is_locative(p.root)]
        if not there:
            continue
        fronted = [p for p in there if _is_fronted(p.root)]
        if fronted:
            return fronted[0]
        names = {p.mention.text.casefold() for p in there}
        return there[-1] if len(names) == 1 else None
    return None


def _earlier_sentences(parsed: ParsedDoc, sentence: ParsedSpan) -> list[ParsedSpan]:
    earlier: list[ParsedSpan] = []
    i = sentence.start - 1
    while i >= 0 and len(earlier) < 12:
        previous = parsed[i].sent
        earlier.append(previous)
        i = previous.start - 1
    return earlier


def find_period(parsed: ParsedDoc, quantity: Quantity, counted: Counted) -> tuple[int, int] | None:
    """Character offsets of the time expression a quantity is bound to, or None."""
    anchors = [parsed[quantity.anchor]]
    if counted.noun is not None and not counted.borrowed:
        anchors.append(parsed[counted.noun])
    governor = anchors[-1].head
    while governor.pos_ not in ("VERB", "AUX") and governor.dep_ in ("pobj", "prep") and governor.head.i != governor.i:
        governor = governor.head
    if governor.pos_ in ("VERB", "AUX"):
        anchors.append(governor)
    if counted.verb is not None:
        verb = parsed[counted.verb]
        anchors.append(verb)
        for _ in range(3):
            if verb.dep_ not in ("relcl", "acl", "dobj", "pobj", "prep", "nsubj", "nsubjpass") or verb.head.i == verb.i:
                break
            verb = verb.head
            anchors.append(verb)
    for anchor in anchors:
        for child in anchor.children:
            found = _time_expression(parsed, child, quantity)
            if found is not None:
                return found
    return None


def _time_expression(parsed: ParsedDoc, child: Token, quantity: Quantity) -> tuple[int, int] | None:
    if child.dep_ == "prep" and child.lower_ in _TEMPORAL:
        subtree = list(child.subtree)
        if any(t.i >= quantity.first and t.i <= quantity.last for t in subtree):
            return None
        objects = [t for t in child.children if t.dep_ in ("pobj", "pcomp")]
        timely = any(t.ent_type_ in ("DATE", "TIME") or t.lower_ in _TIME_WORDS
                     or (lexicon().units.get((t.lower_,), ("", ""))[0] == "time") for t in objects)
        while subtree and (subtree[-1].is_punct or subtree[-1].is_space):
            subtree.pop()
        if timely and subtree:
            return subtree[0].idx, subtree[-1].idx + len(subtree[-1].text)
    if child.dep_ in ("npadvmod", "tmod", "compound", "nmod", "poss", "advmod", "nummod") and child.ent_type_ == "DATE":
        start, end = entity_bounds(parsed, child.i)
        while end - 1 > start and (parsed[end - 1].tag_ == "POS" or parsed[end - 1].is_punct):
            end -= 1  # "last week's" -> "last week"
        if not start <= quantity.anchor < end:
            return parsed[start].idx, parsed[end - 1].idx + len(parsed[end - 1].text)
    return None
