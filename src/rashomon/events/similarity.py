"""The evidence that two event mentions name one event (see `fuse` and docs/events.md).

`FusionSettings` (settings.toml [fusion]) holds the weights, priors, penalties and limits; `features`
reads what a mention says into sets; `similarity` scores a pair, or forbids it (-inf).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ..model import EventMention, Place
from ..settings import FusionSettings
from ..time import TimeValue, parse_value
from .agglomerate import STOP_WORDS, WORDS
from .people import people_meet, people_words
from .places import fold
from .plover import Lexicon

_SUFFIXES = ("ations", "ation", "itions", "ition", "ments", "ment", "sions", "sion", "tions", "tion", "ings",
             "ing", "ers", "er", "ed", "als", "al", "ures", "ure", "ances", "ance", "ences", "ence", "es", "s", "e")
Era = tuple[date, date]  # the first and last day of the year before an article's date (and the week after)


def stem(lemma: str) -> str:
    """A crude derivational stem, so that "explosion" ~ "explode" and "election" ~ "elect"."""
    word = lemma.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[:-len(suffix)]
    return word


def content_words(text: str) -> frozenset[str]:
    """Lower-case content words, plural "s" dropped from longer words, people nouns in their
    canonical form ("demonstrators" -> "protester", "troops" -> "troop")."""
    _, _, same = people_words()
    found = set()
    for word in WORDS.findall(text.lower()):
        if word in STOP_WORDS or len(word) < 2:
            continue
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        found.add(same.get(word, word))
    return frozenset(found)


@dataclass(frozen=True, slots=True)
class Features:
    """What one mention says, as the similarity compares it."""

    mention: EventMention
    family: str
    stem: str
    actors: frozenset[str]
    targets: frozenset[str]
    actor_words: frozenset[str]
    target_words: frozenset[str]
    actor_modifiers: frozenset[str]  # entities that only modify the head: "US" of "the US embassy"
    target_modifiers: frozenset[str]
    date: TimeValue | None
    places: frozenset[str]
    countries: frozenset[str]
    sentence_words: frozenset[str]
    era: Era | None  # for an undated mention: the year before its article's date
    historical: bool  # dated more than a year before its article
    ambiguous: bool = False  # its word family names different acts in one article (`ambiguous_families`)


def _place_key(place: Place) -> str:
    return f"g{place.geonameid}" if place.geonameid is not None else fold(place.name)


def _era(published: str | None, settings: FusionSettings) -> Era | None:
    found = parse_value(published[:10]) if published else None
    if found is None or found.grain != "day":
        return None
    return found.start - timedelta(days=settings.era_days), found.end + timedelta(days=settings.era_days_after)


def _mention_words(mention_id: str, text: str) -> frozenset[str]:
    """The content words of a named mention, read off the document text by the offsets in its id."""
    start, _, end = mention_id.rpartition(":")[2].partition("-")
    if not (start.isdigit() and end.isdigit()) or not text:
        return frozenset()
    return content_words(text[int(start):int(end)])


def features(mention: EventMention, *, entity_of: Mapping[str, str], text: str, published: str | None,
              lexicon: Lexicon, settings: FusionSettings) -> Features:
    """What `mention` says, for comparison. Participants are their head names ("the children" of
    "Iraqi children"); names that only modify the head (`EventMention.modifier_ids`) count neither
    as participants nor as participant words, so two events do not meet through a nationality."""
    sentence = text[mention.sentence.start:mention.sentence.end] if text else ""
    found = parse_value(mention.date)
    modifiers = set(mention.modifier_ids)
    modifier_words = frozenset().union(*(_mention_words(i, text) for i in modifiers))
    return Features(
        mention=mention, family=lexicon.family(mention.lemma, mention.type), stem=stem(mention.lemma),
        actors=frozenset(entity_of.get(i, i) for i in mention.actor_ids if i not in modifiers),
        targets=frozenset(entity_of.get(i, i) for i in mention.target_ids if i not in modifiers),
        actor_words=content_words(mention.actor_text) - modifier_words,
        target_words=(content_words(mention.target_text) | content_words(mention.theme_text)) - modifier_words,
        actor_modifiers=frozenset(entity_of.get(i, i) for i in mention.actor_ids if i in modifiers),
        target_modifiers=frozenset(entity_of.get(i, i) for i in mention.target_ids if i in modifiers),
        date=found, places=frozenset(_place_key(p) for p in mention.places),
        countries=frozenset(p.country for p in mention.places if p.country),
        sentence_words=content_words(sentence) - content_words(mention.text),
        era=None if found else _era(published, settings), historical="historical" in mention.aux_modes,
    )


def _overlap(first: frozenset[str], second: frozenset[str]) -> float:
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))


def _role(entities_a: frozenset[str], entities_b: frozenset[str], words_a: frozenset[str],
          words_b: frozenset[str], modifiers_a: frozenset[str], modifiers_b: frozenset[str],
          settings: FusionSettings) -> float | None:
    """How well one role matches; None when a side names nobody in it. Shared words with a shared
    modifier ("the US embassy" ~ "the U.S. embassy") match like a shared name."""
    if not (entities_a or words_a) or not (entities_b or words_b):
        return None
    named = _overlap(entities_a, entities_b)
    if entities_a & entities_b or (words_a & words_b and modifiers_a & modifiers_b):
        named = max(named, settings.shared_entity)
    return max(named, settings.shared_words * _overlap(words_a, words_b))


def same_phrase(a: Features, b: Features) -> bool:
    """Whether two mentions name the same target by its words and whose it is: "the US embassy" ~
    "the U.S. embassy" (a nationality alone, "Iraqi children" ~ "Iraqi leader", is not enough)."""
    return bool(a.target_words & b.target_words and a.target_modifiers & b.target_modifiers)


def _participants(a: Features, b: Features, settings: FusionSettings) -> tuple[float | None, bool, bool]:
    """(shared participants, target conflict, agent conflict); agent against target counts
    `crossed_share` (half).

    Targets of two dated mentions named only by words that may be the same people ("40 people",
    "the demonstrators") are no conflict and count as a weak match (`people_match`); undated, such
    words would tie every killing of the collection together."""
    agent = _role(a.actors, b.actors, a.actor_words, b.actor_words, a.actor_modifiers, b.actor_modifiers,
                  settings)
    target = _role(a.targets, b.targets, a.target_words, b.target_words, a.target_modifiers, b.target_modifiers,
                   settings)
    people = (a.date is not None and b.date is not None and not (a.targets or b.targets)
              and people_meet(a.target_words, b.target_words))
    if people and target is not None:
        target = max(target, settings.people_match)
    crossed = settings.crossed_share * max(_overlap(a.actors, b.targets), _overlap(a.targets, b.actors))
    conflict = bool((a.targets or a.target_words) and (b.targets or b.target_words)
                    and not a.targets & b.targets and not a.target_words & b.target_words and not people)
    against = bool(agent == 0.0 and crossed == 0.0)
    if agent is None and target is None:
        return (crossed if crossed else None), conflict, against
    if agent is not None and target is not None:
        shared = settings.target_share * target + (1 - settings.target_share) * agent
    else:
        shared = settings.one_role_share * (target if target is not None else agent or 0.0)
    return max(shared, crossed), conflict, against


def _date_evidence(a: Features, b: Features, settings: FusionSettings) -> tuple[float, bool]:
    """(date score, whether the dates differ); -inf when they lie too far apart for one event."""
    if a.date is None and b.date is None:
        return settings.date_weight * settings.date_prior, False
    if a.date is None or b.date is None:
        undated, dated = (a, b) if a.date is None else (b, a)
        known = dated.date or undated.date
        outside = (undated.era is not None and known is not None
                   and not (undated.era[0] <= known.end and known.start <= undated.era[1]))
        penalty = settings.era_penalty if dated.historical or outside else 0.0
        return settings.date_weight * settings.date_prior - penalty, False
    if a.date == b.date:
        return settings.date_weight, False
    if a.date.compatible(b.date):
        return settings.date_weight * settings.date_contained, False
    gap = max((b.date.start - a.date.end).days, (a.date.start - b.date.end).days)
    if gap > settings.max_date_gap_days:
        return float("-inf"), True
    return -settings.date_penalty, True


def _place_evidence(a: Features, b: Features, settings: FusionSettings) -> tuple[float, bool]:
    """(place score, whether the places lie in different countries)."""
    if not a.places or not b.places:
        return settings.place_weight * settings.place_prior, False
    if a.places & b.places:
        return settings.place_weight, False
    if a.countries & b.countries:
        return settings.place_weight * settings.same_country, False
    if a.countries and b.countries:
        return -settings.place_penalty, True
    return 0.0, False


def agent_of(first: EventMention, second: EventMention) -> bool:
    """Whether the second mention's event word is the first one's agent, by its words: "an attack
    which killed a contractor", "airstrikes targeted a convoy". Then both name one incident, though
    their targets differ (the base attacked, the contractor killed)."""
    return second.text.lower() in WORDS.findall(first.actor_text.lower())


def similarity(a: Features, b: Features, settings: FusionSettings, *, sequenced: bool = False,
               included: bool = False, linked: bool | None = None) -> float:
    """The evidence that two mentions name one event; -inf when they cannot.

    `sequenced`: the text between two words of one sentence orders them in time or cause ("after",
    "in response to"), so they name two incidents and never merge, unless one is the other's agent
    ("the attack, which came after..., killed"). `included`: it makes one a part or a sibling of the
    other ("aggressions, which included airstrikes ..., as well as the assassinations"): the pair
    loses `inclusion_penalty`, but, unlike a sequence, does not forbid their clusters to meet (the
    whole may be fused with one of its parts). `linked`: one is the other's agent (`agent_of`, and
    no other mention of the agent's word lies between them); None: by the words.
    """
    first, second = a.mention, b.mention
    if first.type != second.type and "OTHER" not in (first.type, second.type):
        return float("-inf")
    if first.lemma == second.lemma:
        trigger = 1.0
    elif a.family == b.family or (min(len(a.stem), len(b.stem)) >= 4
                                  and (a.stem.startswith(b.stem) or b.stem.startswith(a.stem))):
        trigger = settings.trigger_family
    elif first.type == second.type != "OTHER":
        trigger = settings.trigger_category
    else:
        trigger = 0.0
    dated, dates_differ = _date_evidence(a, b, settings)
    if dated == float("-inf"):
        return dated
    placed, places_differ = _place_evidence(a, b, settings)
    shared, conflict, against = _participants(a, b, settings)
    score = settings.trigger_weight * trigger + dated + placed
    score += settings.participant_weight * (settings.participant_prior if shared is None else shared)
    if conflict:
        score -= settings.participant_penalty
    if against:
        score -= settings.agent_penalty
    if first.doc_id == second.doc_id and first.sentence == second.sentence:
        sentence = 1.0
        if linked is None:
            linked = agent_of(first, second) or agent_of(second, first)
        if (settings.incident and first.type == second.type != "OTHER" and not dates_differ
                and not places_differ and (linked or (not conflict and not sequenced and not included))):
            score = max(score, settings.same_sentence)
        elif sequenced and not linked:
            return float("-inf")
        elif included and not linked:
            score -= settings.inclusion_penalty
    else:
        union = a.sentence_words | b.sentence_words
        sentence = len(a.sentence_words & b.sentence_words) / len(union) if union else 0.0
    score += settings.sentence_weight * sentence
    if (settings.corroborate and (a.ambiguous or b.ambiguous) and a.date is None and b.date is None
            and not _corroborated(a, b, shared, sentence, settings)):
        score = min(score, settings.uncorroborated)
    return score


def ambiguous_families(read: Sequence[Features], settings: FusionSettings) -> frozenset[str]:
    """Word families that one article uses for different acts: two mentions of the family in one
    document whose participants differ in a role both name ("Iran supported al-Maliki", "Sistani
    supported the protesters"). In such a collection the word alone does not tie two mentions."""
    by_key: dict[tuple[str, str], list[Features]] = {}
    for found in read:
        by_key.setdefault((found.mention.doc_id, found.family), []).append(found)
    families = set()
    for (_, family), group in by_key.items():
        if family in families:
            continue
        for i, first in enumerate(group):
            if any(any(_participants(first, second, settings)[1:]) for second in group[i + 1:]
                   if second.mention.sentence != first.mention.sentence):
                families.add(family)
                break
    return frozenset(families)


def _corroborated(a: Features, b: Features, shared: float | None, sentence: float,
                  settings: FusionSettings) -> bool:
    """Whether anything besides the event word ties two mentions: a shared participant, dates on
    both (they passed the date check), a shared place, or much of their sentences in common."""
    return bool(shared) or (a.date is not None and b.date is not None) or bool(a.places & b.places) \
        or sentence >= settings.corroborating_overlap


def same_kind(a: Features, b: Features) -> bool:
    """The same trigger lemma, synonym family or derivation ("explosion" ~ "explode")."""
    return (a.mention.lemma == b.mention.lemma or a.family == b.family
            or (min(len(a.stem), len(b.stem)) >= 4 and (a.stem.startswith(b.stem) or b.stem.startswith(a.stem))))


def anchors(undated: Features, dated: Features) -> bool:
    """Whether an undated mention may stand for the dated one's event.

    It may when it is in the same sentence (the similarity decides), or when it has a trigger of the
    same kind and shares a participant in the same role: a resolved entity, or, with the very same
    trigger lemma, a word of the participant phrase ("killed an American contractor" ~ "killed a U.S.
    contractor"); or when both are of one category and name the same target with the same owner
    ("stormed the US embassy" ~ "broke into the U.S. embassy", `same_phrase`). A mention marked as
    past history never stands for a recent dated event.
    """
    first, second = undated.mention, dated.mention
    if first.doc_id == second.doc_id and first.sentence == second.sentence:
        return True
    if undated.historical and not dated.historical:
        return False
    if undated.actors & dated.actors or undated.targets & dated.targets:
        return same_kind(undated, dated) or not dated.date
    if first.type == second.type != "OTHER" and same_phrase(undated, dated):
        return True
    if not same_kind(undated, dated):
        return False
    return first.lemma == second.lemma and bool(undated.actor_words & dated.actor_words
                                                or undated.target_words & dated.target_words)


def joinable(first: Sequence[Features], second: Sequence[Features]) -> bool:
    """Whether two clusters may merge: when only one holds dated mentions, some mention of the
    undated one must be anchored (`anchors`) to a mention of the dated one."""
    first_dated = any(f.date is not None for f in first)
    second_dated = any(f.date is not None for f in second)
    if first_dated == second_dated:
        return True
    undated, dated = (first, second) if second_dated else (second, first)
    return any(anchors(u, d) for u in undated for d in dated)
