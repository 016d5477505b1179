"""Whether an event word reports a fact: negation, PLOVER's auxiliary modes, and reported speech.

"Trump had cancelled a U.S. military assault" is not an assault: `cancel` governs the word and
negates it. The walk goes up from the event word through the words that govern it as a complement
(xcomp, ccomp, direct object, "of"/"from"/"for" phrase) while they are governors in the lexicon,
counting negations (an odd count negates: "failed to prevent the vote" is a vote) and collecting
hypothetical and future readings from governors, modal auxiliaries and "if" clauses; a generic
"anyone who attacks" is hypothetical too (PLOVER has no generic mode). An event noun that a verb acts on
takes that verb's modal auxiliaries ("a deal could be signed by the weekend": no deal yet). A speech verb
("said", "claimed") ends the walk and names who reports the event.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .plover import Lexicon
from .syntax import core, governor_keys, mentions_in, phrase_text

if TYPE_CHECKING:
    from collections.abc import Mapping

    from spacy.tokens import Token

    from ..model import Mention

HYPOTHETICAL_AUX = frozenset({"might", "could", "may", "would", "should", "must", "can"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
CONDITIONAL = frozenset({"if", "unless", "whether"})
NEGATORS = frozenset({"not", "n't", "never", "no", "nor"})
_COMPLEMENT_PREPS = frozenset({"of", "for", "from", "about", "against", "on", "to"})
# Heads of free relatives that speak of whoever might do something, not of someone who did:
# "anyone who attacks the railways", "those who attack our railways".
GENERIC_HEADS = frozenset({"anyone", "anybody", "whoever", "everyone", "everybody", "those", "whomever"})


@dataclass(frozen=True, slots=True)
class Status:
    """How an event word is asserted."""

    negated: bool = False
    aux_modes: tuple[str, ...] = ()  # "future", "hypothetical", "negation" (historical comes from dates)
    reported_by: str = ""  # who says it, as written; "" when the author does


def _speaker(verb: Token, by_token: Mapping[int, Mention]) -> str:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            named = mentions_in(core(child), by_token)
            if named and child.pos_ != "PRON":
                return " ".join(m.text for m in named) if len(named) > 1 else phrase_text(core(child))
            return phrase_text(core(child))
    return ""


def _according_to(token: Token) -> str:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "according":
            for grandchild in child.subtree:
                if grandchild.dep_ == "pobj":
                    return phrase_text(core(grandchild))
    return ""


def _own_marks(token: Token, counts: dict[str, int], aux: set[str]) -> None:
    """Negation, modal auxiliaries and a conditional conjunction attached to one word."""
    for child in token.children:
        lowered = child.lower_
        if child.dep_ == "neg" or (child.dep_ == "det" and lowered == "no"):
            counts["negation"] += 1
        elif child.dep_ in ("aux", "auxpass"):
            if lowered in FUTURE_AUX or child.lemma_ in FUTURE_AUX:
                aux.add("future")
            elif lowered in HYPOTHETICAL_AUX or child.lemma_ in HYPOTHETICAL_AUX:
                aux.add("hypothetical")
        elif child.dep_ == "mark" and lowered in CONDITIONAL:
            aux.add("hypothetical")
    if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITIONAL for c in token.children):
        aux.add("hypothetical")


def _is_generic(token: Token) -> bool:
    """An event verb in a relative clause on a generic head ("anyone who attacks"), or whose
    subject is such a head ("those who plant bombs attack every family")."""
    if token.dep_ == "relcl" and token.head.lower_ in GENERIC_HEADS:
        return True
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in GENERIC_HEADS
               and any(g.dep_ == "relcl" for g in c.children) for c in token.children)


def _is_infinitive(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def assess(trigger: Token, *, lexicon: Lexicon, by_token: Mapping[int, Mention]) -> Status:
    """The negation, auxiliary modes and reporter of the event named by `trigger`."""
    counts = {"negation": 0}
    aux: set[str] = set()
    reported_by = ""
    _own_marks(trigger, counts, aux)
    if _is_generic(trigger):
        aux.add("hypothetical")
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("nsubjpass", "dobj") and trigger.head.pos_ in ("VERB", "AUX"):
        _own_marks(trigger.head, {"negation": 0}, aux)  # "a deal could be signed": the deal is as unsure
    node = trigger
    for _ in range(6):
        head = node.head
        if head is node:
            break
        relation = node.dep_
        governor = head
        if relation in ("pobj", "pcomp") and head.lower_ == "without":
            counts["negation"] += 1  # "tore up the bargain without offering a new one", "without apology"
            break
        if relation in ("pobj", "pcomp") and head.dep_ == "prep" and head.lower_ in _COMPLEMENT_PREPS:
            governor = head.head
            if governor is head:
                break
        elif relation == "conj":
            _own_marks(head, {"negation": 0}, aux)  # shared auxiliaries ("could attack and kill")
            node = head
            continue
        elif relation in ("attr", "acomp") and head.lemma_ == "be":
            _own_marks(head, counts, aux)  # "the legacy will be the expulsion"
            break
        elif relation in ("acl", "advcl") and _is_infinitive(node):
            pass  # "orders to shoot", "a plan to attack", "calls on the authorities ... to establish"
        elif relation not in ("xcomp", "ccomp", "dobj", "nsubjpass"):
            break
        keys = set(governor_keys(governor))
        if keys & lexicon.speech and relation in ("ccomp", "pobj", "pcomp"):
            reported_by = _speaker(governor, by_token)
            if keys & lexicon.negation:
                counts["negation"] += 1
            break
        verbal = node.pos_ in ("VERB", "AUX") and relation in ("xcomp", "ccomp", "pcomp", "acl")
        light = relation == "dobj" and bool(keys & lexicon.light)
        negating = bool(keys & lexicon.negation) or (verbal and bool(keys & lexicon.negation_verbal))
        hypothetical = bool(keys & lexicon.hypothetical)
        future = bool(keys & lexicon.future)
        if light or not (negating or hypothetical or future or relation == "xcomp"):
            if not light:
                break
        if negating and not light:
            counts["negation"] += 1
        if hypothetical and not light:
            aux.add("hypothetical")
        if future and not light:
            aux.add("future")
        _own_marks(governor, counts, aux)
        node = governor
    if not reported_by:
        reported_by = _according_to(trigger) or _according_to(node)
    negated = counts["negation"] % 2 == 1
    if negated:
        aux.add("negation")
    order = ("future", "hypothetical", "negation")
    return Status(negated=negated, aux_modes=tuple(m for m in order if m in aux), reported_by=reported_by)
