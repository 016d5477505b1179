"""People nouns: which participant words may name the same people (fusion), and which words can name a
participant at all (extraction).

The nouns are the claims stage's too (`entities.lexicon.load_people_nouns`, data/claims_people.tsv),
so the two stages agree on what "people", "protesters" and "demonstrators" are.

Quantity words and abstract nouns are no participants: "thousands were imprisoned" names no target
(the count is a claim), nor "uses this assassination to make the departure of Americans" an agent.
`QUANTITY_WORDS`, `is_abstract` (event words) and `is_who` say which (`drafts.participant_filter`).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..entities.lexicon import load_people_nouns

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["QUANTITY_WORDS", "is_abstract", "is_quantity", "is_who", "people_meet", "people_words"]


@functools.cache
def people_words() -> tuple[frozenset[str], frozenset[str], Mapping[str, str]]:
    """(generic person nouns, every person noun, same-people canonical forms): "people" and
    "civilians" may be anyone; "protesters" and "demonstrators" are the same people."""
    nouns = load_people_nouns()
    return nouns.generic, nouns.generic | nouns.people, nouns.same


def people_meet(first: frozenset[str], second: frozenset[str]) -> bool:
    """Whether two participant phrases may name the same people: one says "people" (or "civilians",
    "victims"), the other names people of any kind ("40 people" ~ "the demonstrators")."""
    generic, anyone, _ = people_words()
    return bool((first & generic and second & anyone) or (second & generic and first & anyone))


# Nouns for groups that act as one, besides the organisation heads (data/entities_org_heads.tsv).
_COLLECTIVE = frozenset({"government", "regime", "state", "country", "nation", "city", "town", "village", "side",
                         "opposition", "public", "community", "population", "people", "tribe", "clan", "family",
                         "administration", "leadership", "military", "navy", "air force", "police", "court",
                         "cabinet", "team", "club", "firm", "union", "embassy", "consulate", "crowd", "mob"})
# Nouns of kinship and rank that name a person by a relation ("the grandson of ...").
_KIN = frozenset({"son", "daughter", "child", "grandson", "granddaughter", "grandchild", "father", "mother", "parent",
                  "grandfather", "grandmother", "brother", "sister", "sibling", "wife", "husband", "widow", "widower",
                  "uncle", "aunt", "nephew", "niece", "cousin", "heir", "descendant", "ancestor", "successor",
                  "predecessor", "friend", "ally", "rival", "deputy", "aide", "bodyguard", "envoy", "chief", "head"})
_PERSON_ENDINGS = ("er", "or", "ist", "ian")
# Words that count without naming ("thousands were arrested", "many fled"); "members", "a crowd" name people.
QUANTITY_WORDS = frozenset({"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "million", "millions",
                            "billion", "billions", "score", "scores", "handful", "number", "many", "most", "all",
                            "several", "some", "few", "none", "each", "both", "half", "majority", "minority"})
_NUMERIC_LABELS = frozenset({"CARDINAL", "QUANTITY", "PERCENT", "MONEY", "ORDINAL", "DATE", "TIME"})


def is_who(lemma: str) -> bool:
    """Whether a common noun names people or a group that acts ("protesters", "the president", "the
    government", "militias"): the people nouns, titles, organisation heads, agent-noun endings."""
    from ..entities.lexicon import load_org_heads, load_titles

    _, anyone, _ = people_words()
    return (lemma in anyone or lemma in _COLLECTIVE or lemma in _KIN or lemma in load_org_heads().head_class
            or (lemma,) in load_titles().titles or lemma.endswith(_PERSON_ENDINGS))


def is_quantity(head: Token) -> bool:
    """A number, an amount or a bare quantity word ("300", "thousands", "many"): it counts participants
    without naming them."""
    return (head.pos_ == "NUM" or head.like_num or head.ent_type_ in _NUMERIC_LABELS
            or head.lower_ in QUANTITY_WORDS or head.lemma_.lower() in QUANTITY_WORDS)


def is_abstract(head: Token, *, event_word: bool) -> bool:
    """An abstract noun that can be no participant: an event word (`event_word`: the lexicon or the model reads it
    as one: "assassination", "support", "departure") that does not name people ("the guard", "the opposition")."""
    return event_word and not is_who(head.lemma_.lower())
