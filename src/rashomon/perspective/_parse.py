"""Helpers that read the spaCy parse for the perspective stage: epithets, phrases, subjects, negation.

The mention index and the pronoun resolver are shared with the events stage and live in
`rashomon.entities.pronouns`; they are re-exported here for the perspective modules.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..entities.pronouns import (
    FIRST_PERSON,
    PERSONAL_PRONOUNS,
    SUBJECTS,
    MentionIndex,
    earlier_person,
    index_mentions,
    person_mentions,
    reference,
    role_head,
)
from ..model import Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "CLAUSES", "EPITHET_WINDOW", "FIRST_PERSON", "NEGATORS", "PERSONAL_PRONOUNS", "SUBJECTS", "MentionIndex",
    "agent_of", "epithet_antecedent", "index_mentions", "is_negated", "named", "phrase_bounds", "reference",
    "role_head", "subject_of",
]

CLAUSES = frozenset({"relcl", "ccomp", "advcl", "acl", "parataxis", "csubj", "xcomp", "conj"})
EPITHET_WINDOW = 4  # sentences back that "this tyrant" may reach


def epithet_antecedent(index: MentionIndex, noun: Token, *, is_person: Callable[[Token], bool],
                       is_evaluative: Callable[[Token], bool]) -> Mention | None:
    """The person a demonstrative epithet stands for: "This criminal advocate of theocracy is hated ...".

    Only a singular noun that names a person ("advocate", "tyrant"; not "this imperialist action"), with
    "this" or "that" and an evaluative word of its own (the noun or a modifier), with no name inside, in
    a sentence that names no person before it; the person is the most salient one of the four sentences
    before.
    """
    if noun.tag_ != "NN" or index.at(noun) is not None or not is_person(noun):
        return None
    if not any(c.dep_ == "det" and c.lower_ in ("this", "that") for c in noun.children):
        return None
    words = [noun, *(c for c in noun.children if c.dep_ in ("amod", "compound"))]
    if not any(is_evaluative(w) for w in words):
        return None
    if any(root.i < noun.i for root, _ in person_mentions(index, noun.sent)):
        return None
    return earlier_person(index, noun.sent.start, EPITHET_WINDOW)


def named(index: MentionIndex, token: Token) -> Mention | None:
    """The mention a noun phrase names: its head's, a pronoun's person, or its apposition's ("his aide Ann Roe")."""
    mention = reference(index, token)
    if mention is not None:
        return mention
    for child in token.children:
        if child.dep_ == "appos":
            mention = index.at(child)
            if mention is not None:
                return mention
    return None


def phrase_bounds(token: Token) -> tuple[int, int]:
    """Character bounds of the noun phrase headed by `token`, without relative clauses or appositions."""
    start = token.left_edge.i
    end = token.i
    for child in token.rights:
        if child.dep_ in CLAUSES or child.dep_ in ("appos", "punct", "cc"):
            break
        end = child.right_edge.i
    parsed = token.doc
    return parsed[start].idx, parsed[end].idx + len(parsed[end].text)


def subject_of(verb: Token) -> Token | None:
    """The subject of `verb`, or of the verb it hangs from when it has none ("..., saying that")."""
    current = verb
    for _ in range(6):
        for child in current.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                if child.tag_ in ("WP", "WDT") and current.dep_ == "relcl":
                    return current.head  # "the man who said": the man
                return child
        if current.dep_ == "relcl":
            return current.head
        if current.dep_ in ("advcl", "xcomp", "conj", "acl", "pcomp", "prep") and current.head.i != current.i:
            current = current.head
        else:
            return None
    return None


def agent_of(verb: Token) -> Token | None:
    """The `by` agent of a passive verb."""
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


NEGATORS = frozenset({"not", "n't", "never", "no", "hardly", "scarcely", "barely", "rarely", "seldom", "neither",
                      "nor"})


def is_negated(*tokens: Token) -> bool:
    """Whether any of `tokens` has a negation ("not", "never", "no", "hardly") attached."""
    for token in tokens:
        for child in token.children:
            if child.dep_ == "neg" or (child.dep_ in ("det", "advmod", "preconj") and child.lower_ in NEGATORS):
                return True
    return False
