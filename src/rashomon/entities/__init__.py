"""The entities stage: find the mentions of each document, then resolve them across documents.

    extract_mentions(doc, parsed, *, settings) -> list[Mention]    one document (mentions.py)
    read_names(doc, parsed, *, settings) -> Names                  the same, with the forms judged no names
    ner_mentions(doc, parsed) -> list[Mention]                     spaCy's entities as they are (mentions.py)
    resolve_entities(mentions, *, settings) -> list[Entity]        all documents (resolve.py)
    find_entities(entities, query) -> list[Entity]                 look a name up (search.py)
    explain_name(corpus, query) -> list[Explanation]               why a name is an entity of its type, or none
    index_mentions(parsed, mentions) -> MentionIndex               mentions on the parse's tokens (pronouns.py)
    resolve_pronoun(index, token) -> Mention | None                he/she/his/her's antecedent person (pronouns.py)

See docs/entities.md for the rules and what they cannot do.
"""

from __future__ import annotations

from .mentions import Names, extract_mentions, ner_mentions, read_names
from .pronouns import MentionIndex, index_mentions, resolve_pronoun
from .resolve import resolve_entities
from .search import Explanation, explain_name, find_entities

__all__ = ["Explanation", "MentionIndex", "Names", "explain_name", "extract_mentions", "find_entities",
           "index_mentions", "ner_mentions", "read_names", "resolve_entities", "resolve_pronoun"]
