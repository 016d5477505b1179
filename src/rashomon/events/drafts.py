"""Event words while they are read: argument finding, coding context and links within a sentence.

Part of `extract`: a `Draft` is one event word and what the parse says about it so far. The helpers
here fill its agents and targets, collect the context words that choose its PLOVER mode, find the
event word it governs, and tie the event words of one sentence that name one act.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from ..entities.pronouns import MentionIndex, resolve_pronoun
from ..model import Mention
from .modality import Status
from .people import QUANTITY_WORDS, is_abstract, is_who
from .plover import Coding, Lexicon, LexiconEntry
from .syntax import (
    AGENT_OF,
    PATIENT_POSSESSOR,
    RELATIVE,
    TARGET_PREPS,
    UNDERGO_VERBS,
    core,
    expand,
    first_prep_object,
    mentions_in,
    modifier_place,
    phrase_keys,
    phrase_text,
    subject_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

# Prepositions of two-word triggers whose object is the target ("broke into", "fired on").
_PHRASE_TARGET_PREPS = frozenset({"into", "at", "on", "upon", "against"})


@dataclass(slots=True)
class Draft:
    """An event word while its participants are being read."""

    token: Token
    entry: LexiconEntry
    coding: Coding
    agents: list[Token] = field(default_factory=list)
    targets: list[Token] = field(default_factory=list)
    actor_ids: list[str] = field(default_factory=list)
    target_ids: list[str] = field(default_factory=list)
    modifier_ids: list[str] = field(default_factory=list)  # of actor_ids/target_ids: see participant_ids
    place_ids: list[str] = field(default_factory=list)
    time: int | None = None
    time_source: str = ""  # how the time reached it: "own" (its modifier, its light verb's), "shared", "clause"
    status: Status = field(default_factory=Status)
    strength: float = 0.0  # the event-word model's log-odds for the word (`detect`)
    accept_agent: Callable[[Token], bool] | None = None  # which heads can be its agents (`participant_filter`)
    accept_target: Callable[[Token], bool] | None = None  # ... its targets
    accept_theme: Callable[[Token], bool] | None = None  # which object heads are its theme (`participant_filter`)


def find_entry(token: Token, lexicon: Lexicon) -> tuple[LexiconEntry | None, Literal["verb", "noun"]]:
    """The lexicon entry a token is (a two-word phrase first, for a verb) and whether it is read as a
    verb or a noun; no entry for participle adjectives and noun compounds."""
    if token.pos_ == "VERB" and token.dep_ not in ("amod", "compound"):
        if names_something(token, lexicon):
            return None, "verb"
        for key in phrase_keys(token):
            found = lexicon.entry(key, pos="phrase")
            if found is not None:
                return found, "verb"
        return lexicon.entry(token.lemma_, pos="verb"), "verb"
    if token.pos_ == "NOUN" and token.dep_ not in ("compound", "amod") and not characterizes(token, lexicon):
        return lexicon.entry(token.lemma_, pos="noun"), "noun"
    return None, "noun"


def names_something(token: Token, lexicon: Lexicon) -> bool:
    """Whether a characterizing verb is used to name or describe ("They were called heroes", "Iran
    called the strike an act of war"): it has an object predicate (`oprd`), and asks or does nothing."""
    return token.lemma_.lower() in lexicon.characterizing and any(c.dep_ == "oprd" for c in token.children)


def characterizes(token: Token, lexicon: Lexicon) -> bool:
    """Whether a noun only describes something as a kind of event: the predicate of a characterizing
    verb (`[governors] characterizing`: "was a serious threat", "poses a threat", "considers the US
    the biggest threat", "seen as a provocation") with an indefinite article or a superlative."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "as":
        head = head.head
        if head.pos_ not in ("VERB", "AUX"):  # "considers the US establishment as the biggest threat"
            head = head.head
    elif token.dep_ not in ("attr", "oprd", "dobj", "acomp", "ccomp"):  # ccomp: "considers X the biggest threat"
        return False
    if head.lemma_.lower() not in lexicon.characterizing:
        return False
    return any((c.dep_ == "det" and c.lower_ in ("a", "an")) or c.tag_ in ("JJS", "RBS") or
               (c.dep_ == "amod" and any(g.tag_ == "RBS" for g in c.children)) for c in token.children)


def verb_arguments(draft: Draft) -> None:
    """Agent and target heads of a verb: subject (or inherited subject), passive subject, "by" phrase,
    object, gerund possessor, and the category's target preposition."""
    token = draft.token
    possessors = [c for c in token.children if c.dep_ == "poss"]
    if possessors:  # a gerund: "Iran's shooting down a drone"
        draft.agents.extend(possessors)
    else:
        subject, undergoes = subject_of(token)
        if subject is not None:
            undergoes = undergoes or token.lemma_.lower() in UNDERGO_VERBS
            (draft.targets if undergoes else draft.agents).append(subject)
    for child in token.children:
        if child.dep_ == "agent":
            draft.agents.extend(g for g in child.children if g.dep_ == "pobj")
        elif child.dep_ in ("dobj", "dative") and child.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            if draft.entry.pos == "phrase" and child.lemma_.lower() == draft.entry.lemma.split()[-1]:
                continue  # the object that makes the phrase ("opened fire") is no target
            draft.targets.append(child)
    preps = TARGET_PREPS.get(draft.coding.category, frozenset())
    if draft.entry.pos == "phrase" and draft.entry.lemma.split()[1] in _PHRASE_TARGET_PREPS:
        preps = preps | {draft.entry.lemma.split()[1]}  # "broke into the embassy", "fired on"
    target = first_prep_object(token, preps)
    if target is not None:
        draft.targets.append(target)


def reattach_relative(draft: Draft, drafts: Mapping[int, Draft]) -> None:
    """"an attack on a base which killed a contractor": the relative clause is the attack's.

    When a relative clause's antecedent is no event word but the object of a preposition on an
    event word of the same category, the parser attached the clause one noun too low.
    """
    for agent in list(draft.agents):
        if agent.lower_ not in RELATIVE or agent.head.dep_ != "relcl":
            continue
        node = agent.head.head
        if node.i in drafts:
            continue
        for _ in range(2):
            if node.dep_ != "pobj" or node.head.dep_ != "prep":
                break
            node = node.head.head
            found = drafts.get(node.i)
            if found is not None and found.coding.category == draft.coding.category:
                draft.agents = [node if a is agent else a for a in draft.agents]
                break


def noun_arguments(draft: Draft, by_token: Mapping[int, Mention], lexicon: Lexicon) -> None:
    """Agent and target heads of a noun: possessor, named modifiers, "by" and "of" phrases, the
    category's target preposition, and a light verb's subject."""
    token = draft.token
    category = draft.coding.category
    has_of = first_prep_object(token, frozenset({"of"}))
    for child in token.children:
        if child.dep_ == "poss":
            patient = draft.coding.family in PATIENT_POSSESSOR and has_of is None
            (draft.targets if patient else draft.agents).append(child)
        elif child.dep_ in ("compound", "amod", "nmod") and child.i in by_token:
            if modifier_place(child, by_token) is None:  # "the Kirkuk attack": a place, not an agent
                draft.agents.append(child)
    by = first_prep_object(token, frozenset({"by"}))
    if by is None and token.dep_ == "dobj":  # "follows an assault by protesters", by-phrase on the verb
        by = next((g for c in token.head.children if c.dep_ == "prep" and c.lower_ == "by"
                   and c.i == token.right_edge.i + 1 for g in c.children if g.dep_ == "pobj"), None)
    if by is not None:
        draft.agents.append(by)
    if has_of is not None:
        (draft.agents if category in AGENT_OF else draft.targets).append(has_of)
    target = first_prep_object(token, TARGET_PREPS.get(category, frozenset()))
    if target is not None:
        draft.targets.append(target)
    head = light_verb(token, lexicon)
    if head is not None and not draft.agents:
        subject, undergoes = subject_of(head)
        if subject is not None and not undergoes:
            draft.agents.append(subject)
        for child in head.children:
            if child.dep_ == "agent":
                draft.agents.extend(g for g in child.children if g.dep_ == "pobj")


def light_verb(token: Token, lexicon: Lexicon) -> Token | None:
    """The light verb a noun event word is the object of ("carried out an attack", "went on strike",
    "responded with a missile attack"): its subject is the agent and its time the event's."""
    head = token.head
    if head.dep_ == "prep" and token.dep_ == "pobj" and head.lower_ in ("with", "on"):
        head = head.head
    elif token.dep_ not in ("dobj", "nsubjpass"):
        return None
    keys = {head.lemma_.lower(), *phrase_keys(head)}
    return head if head.pos_ == "VERB" and keys & lexicon.light else None


def closing_appositive(head: Token) -> Token | None:
    """A name that closes a noun's phrase after a comma: "the general in command of the Quds Forces,
    Qassem Soleimani," names the general, though the parser hangs it on "Forces"."""
    if head.pos_ != "NOUN":
        return None
    last = head.right_edge
    while last.i > head.i and last.is_punct:
        last = last.doc[last.i - 1]
    for token in head.subtree:
        if token.dep_ == "appos" and token.pos_ == "PROPN" and token.right_edge.i == last.i and token.head is not head:
            return token
    return None


# Mention types that, as modifiers of another noun, say whose or where, not who ("Iraqi children").
_MODIFIER_TYPES = frozenset({"PLACE", "GROUP"})


def participant_ids(heads: Sequence[Token], index: MentionIndex, *, until: int | None = None,
                    accept: Callable[[Token], bool] | None = None) -> tuple[list[str], list[str]]:
    """(ids of the named mentions in the participants' noun phrases, each once, in order; those of
    them that only modify the phrase's head noun).

    A place or group name that covers neither the head of its phrase nor a closing name after it
    says whose or where the participant is, not who: "Iraqi" in "Iraqi children", "US" in "the US
    embassy", "Iran" in "Iran's top general". The participant is the children, the embassy, the
    general; fusion weighs such a name lightly.

    A participant that is a third-person singular personal pronoun ("He accused the union", "his
    attack on the port", "his arrest") is the person it stands for: the id of the antecedent's own
    mention (`entities.pronouns.resolve_pronoun`), never a new one. Other pronouns name no one here:
    "it" and "they" stand as often for a thing, a country or a crowd as for a named entity, and a
    wrong guess would merge participants that fusion then cannot tell apart.

    With `accept`, a head it refuses adds only the names in its phrase ("Iran" in "rejected Iran's
    control"; `participant_filter`: numbers, quantities, abstract nouns are no participants themselves).
    """
    found: dict[str, None] = {}
    modifiers: dict[str, None] = {}
    by_token = index.by_token
    for head in heads:
        for expanded in expand(head, until=until):
            if expanded.pos_ == "PRON":
                person = resolve_pronoun(index, expanded)
                if person is not None:
                    found.setdefault(person.id, None)
                continue
            tokens = core(expanded)
            named = {expanded.i}
            appositive = closing_appositive(expanded)
            if appositive is not None:
                tokens = tokens + core(appositive)
                named.add(appositive.i)
            named.update(t.i for t in tokens if t.dep_ == "appos")
            for mention in mentions_in(tokens, by_token):
                found.setdefault(mention.id, None)
                covers = any(by_token.get(i) is mention for i in named)
                if not covers and mention.type in _MODIFIER_TYPES:
                    modifiers.setdefault(mention.id, None)
    return list(found), [i for i in modifiers if i in found]


def participant_text(heads: Sequence[Token], index: MentionIndex, *, skip: frozenset[int] = frozenset(),
                     until: int | None = None, accept: Callable[[Token], bool] | None = None) -> str:
    """The participants as written (noun phrase cores, without prepositional phrases or the tokens
    in `skip`), "; "-joined. A pronoun is kept, as written, only when it stands for a person
    (`participant_ids`): "She" with the person's id; an unresolved "it" or "they" adds nothing."""
    parts: list[str] = []
    for head in heads:
        for expanded in expand(head, until=until):
            if accept is not None and not accept(expanded):
                continue
            if expanded.pos_ == "PRON":
                text = expanded.text if resolve_pronoun(index, expanded) is not None else ""
            else:
                text = phrase_text(core(expanded, skip=skip))
            if text and text not in parts:
                parts.append(text)
    return "; ".join(parts)


def agent_limit(draft: Draft) -> int | None:
    """For a participle on the noun it modifies ("airstrikes killing 25"), the participle's position:
    that noun's conjuncts after it are not its agents (`expand`)."""
    token = draft.token
    return token.i if token.dep_ == "acl" and any(a.i == token.head.i for a in draft.agents) else None


def context_words(draft: Draft) -> tuple[set[str], set[str]]:
    """Lemmas near the event word: (modifiers, agent and instrument; what it acts on)."""
    words: set[str] = set()
    objects: set[str] = set()
    for child in draft.token.children:
        if child.dep_ in ("compound", "amod", "nmod", "npadvmod", "nsubj", "poss"):
            words.update(t.lemma_.lower() for t in core(child))
        elif child.dep_ in ("dobj", "nsubjpass", "dative"):
            objects.update(t.lemma_.lower() for t in core(child))
        if child.dep_ in ("prep", "agent") and child.lower_ in ("with", "by"):
            for grandchild in child.children:
                words.update(t.lemma_.lower() for t in core(grandchild))
        elif child.dep_ == "prep":
            for grandchild in child.children:
                objects.update(t.lemma_.lower() for t in core(grandchild))
    for head in draft.agents:
        for expanded in expand(head):
            words.update(t.lemma_.lower() for t in core(expanded))
    for head in draft.targets:
        for expanded in expand(head):
            objects.update(t.lemma_.lower() for t in core(expanded))
    words.update(t.lower_ for t in draft.token.children if t.dep_ in ("compound", "amod"))
    return words, objects


def governed_event(draft: Draft, drafts: Mapping[int, Draft]) -> Draft | None:
    """The event word this one governs: "voted to expel", "threatened sanctions", "a call for talks"."""
    for child in draft.token.children:
        if child.dep_ in ("xcomp", "ccomp", "dobj") and child.i in drafts:
            return drafts[child.i]
        if child.dep_ == "prep" and child.lower_ in ("of", "for", "on", "to"):
            for grandchild in child.children:
                if grandchild.dep_ in ("pobj", "pcomp") and grandchild.i in drafts:
                    return drafts[grandchild.i]
    return None


def linked_pairs(drafts: Mapping[int, Draft]) -> list[tuple[Draft, Draft, bool]]:
    """Pairs of event words of one sentence that name one act, and whether they share targets.

    One is the other's agent ("airstrikes killed", "killed by a drone attack") or a relative or
    participle clause on it ("an attack which killed"): all is shared. Coordinated verbs ("besieged
    the embassy and killed a contractor") share agent, time and place, not their objects.
    """
    pairs: list[tuple[Draft, Draft, bool]] = []
    for draft in drafts.values():
        partners = [(expand(agent)[0], True) for agent in draft.agents if expand(agent)[0].i in drafts]
        token = draft.token
        if token.dep_ in ("acl", "relcl") and token.head.i in drafts:
            partners.append((token.head, True))
        elif token.dep_ == "conj" and token.head.i in drafts:
            partners.append((token.head, False))
        for partner, full in partners:
            other = drafts[partner.i]
            if other is not draft and other.coding.category == draft.coding.category:
                pairs.append((draft, other, full))
    return pairs


def share_details(first: Draft, second: Draft, *, targets: bool) -> None:
    """Give two linked event words each other's agents, places and time (and targets if asked)."""
    for one, two in ((first, second), (second, first)):
        known = {*one.actor_ids, *one.target_ids}
        one.actor_ids.extend(i for i in two.actor_ids if i not in one.actor_ids and i not in one.target_ids)
        if targets:
            one.target_ids.extend(i for i in two.target_ids if i not in one.target_ids and i not in one.actor_ids)
        one.modifier_ids.extend(i for i in two.modifier_ids if i not in known and i not in one.modifier_ids)
        one.place_ids.extend(i for i in two.place_ids if i not in one.place_ids)
        if one.time is None and two.time is not None:
            one.time = two.time
            one.time_source = "shared"




# Categories of physical acts: their target may be a thing ("stormed the embassy", "torched the tents").
PHYSICAL = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST"})
# Categories of what is said or decided: their target is whom the act addresses, not what it says.
VERBAL = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})


def participant_filter(draft: Draft, *, by_token: Mapping[int, Mention], drafts: Mapping[int, Draft],
                       lexicon: Lexicon, role: str) -> Callable[[Token], bool]:
    """Which heads can be the draft's participants written out in `role` ("agent", "target" or "theme").

    A bare quantity word or number never ("thousands were arrested", "300 were killed"; `people.is_quantity`:
    it counts people without naming them, and the count is a claim). An agent is never an abstract noun
    (`people.is_abstract`: an event word, unless it names the same act, as "airstrikes" in "airstrikes
    killed"), and a common noun that names no one is an agent only of a physical act (`PHYSICAL`: "a bomb
    killed", not "this assassination makes the departure"). A target may be a thing ("stormed the embassy"),
    but not an event word ("condemned the attack", "signed the agreement"), and the target of a verbal act
    (`VERBAL`: agreeing, asking, accusing, supporting...) is whom it addresses, never the thing said or
    agreed ("proposed a scheme", "pledged support for the presence of monitors"). A named mention, a name and
    a pronoun always can. The "theme" role takes what the target refuses besides bare quantity words: the
    numbers and abstract nouns an act is about ("killed 25", "signed the agreement"), which fusion compares
    though they are no participants (`EventMention.theme_text`).
    """
    if role == "theme":
        target = participant_filter(draft, by_token=by_token, drafts=drafts, lexicon=lexicon, role="target")

        def theme(head: Token) -> bool:
            return not target(head) and head.lower_ not in QUANTITY_WORDS and head.lemma_.lower() not in QUANTITY_WORDS

        return theme

    def accept(head: Token) -> bool:
        if head.i in by_token or head.pos_ in ("PROPN", "PRON"):
            return True
        if head.lower_ in QUANTITY_WORDS or head.lemma_.lower() in QUANTITY_WORDS or head.pos_ == "NUM":
            return False
        if head.pos_ != "NOUN":
            return True
        lemma = head.lemma_.lower()
        other = drafts.get(head.i)
        if role == "target":
            event_word = other is not None or lemma in lexicon.nouns or draft.coding.category in VERBAL
            return not is_abstract(head, event_word=event_word)
        if other is not None and other.coding.category == draft.coding.category:
            return True
        if is_abstract(head, event_word=other is not None or lemma in lexicon.nouns):
            return False
        return is_who(lemma) or draft.coding.category in PHYSICAL

    return accept
