"""Look entities up by name, for `rashomon show NAME`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .lexicon import country_code, country_name, fold, load_titles
from .names import name_key, name_tokens, names_match, similarity, tokens_match

if TYPE_CHECKING:
    from ..model import Entity

_FUZZY_FLOOR = 80.0


def _strip_titles(tokens: tuple[str, ...], query: str) -> tuple[str, ...]:
    titles = load_titles()
    words = tuple(fold(query).replace("-", " ").split())
    for size in range(min(titles.longest, len(words) - 1), 0, -1):
        if words[:size] in titles.titles and words[:size] not in titles.name_forming:
            return name_tokens(" ".join(query.split()[size:])) or tokens
    return tokens


def _score(query: tuple[str, ...], entity: Entity) -> float:
    """How well one entity answers the query: 100 its name, 95 an alias, 90 a spelling variant of
    either, 80 the last word of a name, 70 another word of it, else rapidfuzz similarity of 80 or
    more scaled under 80; 0 for no match."""
    best = 0.0
    key = name_key(query)
    for position, alias in enumerate(entity.aliases):
        tokens = name_tokens(alias)
        if not tokens:
            continue
        if tokens == query:
            return 100.0 if position == 0 else 95.0
        if name_key(tokens) == key and names_match(tokens, query):
            best = max(best, 90.0)
        elif len(query) == 1 and len(tokens) >= 2 and tokens_match(tokens[-1], query[0]):
            best = max(best, 80.0)
        elif len(query) == 1 and len(tokens) >= 2 and any(tokens_match(token, query[0]) for token in tokens):
            best = max(best, 70.0)
        elif len(query) >= 2 or len(query[0]) >= 5:
            score = similarity(tokens, query)
            if score >= _FUZZY_FLOOR:
                best = max(best, score * 0.79)
    return best


def find_entities(entities: Sequence[Entity], query: str) -> list[Entity]:
    """The entities whose name or an alias matches `query`, best first.

    Exact matches after normalisation come first (the canonical name before an alias), then spelling
    variants with the same phonetic keys, then one-word queries matching a last name, then another
    word of a name, then fuzzy matches. Ties go to the entity with more mentions, then to the name,
    A-Z. A leading title in the query is ignored ("General Karimi"); country names and codes find
    their country ("USA").
    """
    tokens = name_tokens(query)
    if not tokens:
        return []
    tokens = _strip_titles(tokens, query)
    code = country_code(query)
    country = name_tokens(country_name(code)) if code is not None else None
    scored = []
    for entity in entities:
        score = _score(tokens, entity)
        if country is not None and entity.type == "PLACE" and name_tokens(entity.name) == country:
            score = max(score, 100.0)
        if score > 0:
            scored.append((score, entity))
    scored.sort(key=lambda pair: (-pair[0], -len(pair[1].mention_ids), pair[1].name))
    return [entity for _, entity in scored]
