"""Look entities up by name, for `rashomon show NAME`; say why a name is an entity of its type, or none."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lexicon import country_code, country_name, fold, load_titles
from .names import name_key, name_tokens, names_match, similarity, tokens_match
from .naming import entity_totals

if TYPE_CHECKING:
    from ..model import Corpus, DroppedName, Entity, EntityType, Mention, TypeCue, TypeVote

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
    more scaled under 80; 0 for no match. A query of several words that is a run of a longer name's words
    ("Abu Hamzah" of "Abu Hamzah al-Rashidi") scores 75."""
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
        elif 2 <= len(query) < len(tokens) and _contains(tokens, query):
            best = max(best, 75.0)
        elif len(query) >= 2 or len(query[0]) >= 5:
            score = similarity(tokens, query)
            if score >= _FUZZY_FLOOR:
                best = max(best, score * 0.79)
    return best


def _contains(tokens: tuple[str, ...], query: tuple[str, ...]) -> bool:
    """Whether `query` is a run of consecutive words of `tokens`, each word matching as `tokens_match` has it."""
    return any(all(tokens_match(tokens[start + i], word) for i, word in enumerate(query))
               for start in range(len(tokens) - len(query) + 1))


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


_CUES_SHOWN = 8


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a name is what rashomon made of it: an entity of its type, or a form dropped as no name.

    For an entity: `type` is its type, `totals` the type vote summed over its chains, `cues` the
    distinct pieces of evidence its mentions carry, each with how many mentions carry it, weightiest
    first. For a dropped form: `entity` is None, `type` is "NONE", `dropped` lists where the form was
    dropped and `cues` what the vote read there.
    """

    query: str
    entity: Entity | None
    type: TypeVote
    totals: dict[EntityType, float]
    cues: tuple[tuple[TypeCue, int], ...]
    dropped: tuple[DroppedName, ...] = ()

    def lines(self) -> list[str]:
        """The explanation as plain lines, for a terminal."""
        if self.entity is not None:
            votes = ", ".join(f"{kind} {value:g}" for kind, value in sorted(self.totals.items(), key=lambda p: -p[1])
                              if value)
            count = len(self.entity.mention_ids)
            head = [f"{self.entity.name} is {'an' if self.type == 'ORG' else 'a'} {self.type} "
                    f"({count} mention{'' if count == 1 else 's'}; vote: {votes})"]
        else:
            reasons = Counter(d.reason for d in self.dropped)
            head = [f"{self.dropped[0].text!r} is no entity: dropped {len(self.dropped)} time(s)"]
            head += [f"  because {reason}" + (f" ({count}x)" if count > 1 else "") for reason, count in
                     reasons.most_common()]
        shown = [f"  {'+' if cue.weight >= 0 else '-'}{abs(cue.weight):g} {cue.vote}: {cue.reason}"
                 + (f" ({count}x)" if count > 1 else "") for cue, count in self.cues[:_CUES_SHOWN]]
        return head + shown


def _cue_counts(groups: Sequence[Sequence[TypeCue]]) -> tuple[tuple[TypeCue, int], ...]:
    counts: Counter[TypeCue] = Counter()
    for cues in groups:
        counts.update(set(cues))
    return tuple(sorted(counts.items(), key=lambda pair: (-abs(pair[0].weight) * pair[1], pair[0].reason)))


def explain_entity(entity: Entity, mentions: Sequence[Mention], *, query: str = "") -> Explanation:
    """Why `entity` has its type: the vote over its mentions' evidence."""
    totals = entity_totals(mentions)
    return Explanation(query or entity.name, entity, entity.type, dict(totals),
                       _cue_counts([mention.evidence for mention in mentions]))


def explain_name(corpus: Corpus, query: str) -> list[Explanation]:
    """Why `query` is what it is in `corpus`: the entities it finds (best first, as `find_entities`,
    those scoring as well as the best), each with the evidence of its type; then, when the corpus
    dropped forms written like it, why they are no entities. Empty when the corpus knows no such name.

    For `rashomon show NAME --why`.
    """
    found: list[Explanation] = []
    tokens = name_tokens(query)
    if not tokens:
        return found
    entities = find_entities(corpus.entities, query)
    if entities:
        best = _score(_strip_titles(tokens, query), entities[0])
        by_id = {mention.id: mention for mention in corpus.mentions}
        for entity in entities:
            if _score(_strip_titles(tokens, query), entity) < best:
                break
            mentions = [by_id[m] for m in entity.mention_ids if m in by_id]
            found.append(explain_entity(entity, mentions, query=query))
    dropped = tuple(d for d in corpus.dropped_names if name_tokens(d.text) == tokens or fold(d.text) == fold(query))
    if dropped:
        found.append(Explanation(query, None, "NONE", {}, _cue_counts([d.evidence for d in dropped]), dropped))
    return found
