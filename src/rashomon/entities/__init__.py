"""The entities stage: find the mentions of each document, then resolve them across documents.

    extract_mentions(doc, parsed, *, settings) -> list[Mention]    one document (mentions.py)
    ner_mentions(doc, parsed) -> list[Mention]                     spaCy's entities as they are (mentions.py)
    resolve_entities(mentions, *, settings) -> list[Entity]        all documents (resolve.py)
    find_entities(entities, query) -> list[Entity]                 look a name up (search.py)

See docs/entities.md for the rules and what they cannot do.
"""

from __future__ import annotations

from .mentions import extract_mentions, ner_mentions
from .resolve import resolve_entities
from .search import find_entities

__all__ = ["extract_mentions", "find_entities", "ner_mentions", "resolve_entities"]
