"""Reading an event's participants, places and time off spaCy's dependency parse.

Helpers for `extract`: who did it (agent), to whom (target), where (locative phrases), and which
time expression belongs to it. They only read the parse; what they return is tokens and mentions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from ..entities.lexicon import country_code
from ..model import Mention
from .people import is_who

if TYPE_CHECKING:
    from spacy.tokens import Token

# Modifiers that belong to a noun phrase's core ("the U.S. Department", "Iran's top general").
CORE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "det", "nummod", "flat", "quantmod", "case",
                       "predet", "npadvmod"})
# Nouns that count rather than name the participants: "thousands of protesters" -> protesters.
QUANTITY_HEADS = frozenset({"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "million",
                            "millions", "score", "scores", "number", "group", "crowd", "band", "handful",
                            "some", "many", "most", "all", "several", "members", "member", "part", "one",
                            "two", "three", "four", "five", "each", "none"})
RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "around", "throughout", "into",
                      "within", "over", "off", "along", "towards", "toward", "beside", "from", "between",
                      "through", "on", "onto", "beyond", "behind", "under"})
SUBJECTS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
# Prepositions introducing the target, by category (the first such phrase on the trigger).
TARGET_PREPS: dict[str, frozenset[str]] = {
    "ASSAULT": frozenset({"against", "on", "upon"}), "COERCE": frozenset({"against", "on", "upon"}),
    "SANCTION": frozenset({"against", "on", "upon"}), "THREATEN": frozenset({"against"}),
    "ACCUSE": frozenset({"against"}), "PROTEST": frozenset({"against"}), "MOBILIZE": frozenset({"against"}),
    "REJECT": frozenset({"against"}), "CONSULT": frozenset({"with"}), "COOPERATE": frozenset({"with"}),
    "AGREE": frozenset({"with"}), "AID": frozenset({"to", "for"}), "REQUEST": frozenset({"to"}),
    "CONCEDE": frozenset({"to"}), "SUPPORT": frozenset({"for", "to"}), "RETREAT": frozenset(),
    "OTHER": frozenset(),
}
# Nouns a country or city name modifies as owner, not as location ("the U.S. embassy").
OWNED = frozenset({"embassy", "consulate", "base", "troop", "force", "military", "army", "soldier", "ship",
                   "drone", "plane", "jet", "aircraft", "contractor", "diplomat", "ambassador", "official",
                   "government", "citizen", "national", "navy", "warship", "vessel", "tanker", "company",
                   "bank", "interest", "mission", "delegation", "envoy", "president", "leader", "minister"})
# Noun events whose "of" phrase names the agent, not the target ("protests of students").
AGENT_OF = frozenset({"PROTEST", "CONSULT", "MOBILIZE", "AGREE", "SUPPORT", "REQUEST", "ACCUSE"})
# Noun events whose possessor is what suffers them ("his assassination", "Maduro's arrest").
# Verbs whose subject undergoes the event ("he was dying", "40 people died"): a target, not an agent.
UNDERGO_VERBS = frozenset({"die", "perish", "drown", "starve", "succumb"})
PATIENT_POSSESSOR = frozenset({"kill", "arrest", "abduct", "deport", "release", "torture", "die", "funeral",
                               "appoint", "elect", "oust", "pardon", "execute"})


def phrase_keys(token: Token) -> Iterator[str]:
    """Two-word keys of a verb with its particle, preposition, object or prepositional object."""
    for child in token.children:
        if child.dep_ in ("prt", "prep", "dobj", "acomp"):
            yield f"{token.lemma_.lower()} {child.lemma_.lower()}"
        if child.dep_ == "prep":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    yield f"{token.lemma_.lower()} {grandchild.lemma_.lower()}"


def governor_keys(token: Token) -> list[str]:
    """The lemma of a governing word and its two-word phrases ("call off", "call for")."""
    keys = [token.lemma_.lower()]
    keys.extend(f"{token.lemma_.lower()} {c.lemma_.lower()}" for c in token.children if c.dep_ in ("prt", "prep"))
    return keys


def antecedent(token: Token) -> Token:
    """For a relative pronoun subject of a relative clause, the noun the clause modifies; the pronoun itself
    when that noun is ambiguous (`ambiguous_antecedent`)."""
    if token.lower_ in RELATIVE and token.head.dep_ in ("relcl", "acl") and token.head.head is not token.head:
        noun = token.head.head
        return token if ambiguous_antecedent(noun, token) else noun
    return token


def ambiguous_antecedent(noun: Token, relative: Token) -> bool:
    """Whether a "who" clause after "N1 of N2," may be N1's as well as N2's: "the grandson of the prophet,
    who was killed at the river" (who was killed?). The parser hangs the clause on the nearer noun, N2; when
    N1 is a noun for a person, the clause names no one (precision first)."""
    if relative.lower_ not in ("who", "whom", "whose") or noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return False
    owner = noun.head.head
    if owner.pos_ != "NOUN" or not is_who(owner.lemma_.lower()):
        return False
    before = relative.doc[relative.i - 1] if relative.i > 0 else None
    return before is not None and before.text == ","


def modifier_place(child: Token, by_token: Mapping[int, Mention]) -> Mention | None:
    """The place a named modifier of an event noun says the event happened in ("the Kirkuk attack", "the 1979
    Tehran siege"): a city or region, not a country, which as a modifier is the agent ("US airstrikes")."""
    mention = by_token.get(child.i)
    if mention is None or mention.type != "PLACE" or child.dep_ not in ("compound", "nmod"):
        return None
    return None if country_code(mention.text) is not None else mention


def content_head(token: Token) -> Token:
    """Past quantity words and relative pronouns: "thousands of protesters" -> "protesters"."""
    token = antecedent(token)
    for _ in range(3):
        if token.lemma_.lower() in QUANTITY_HEADS or token.pos_ == "NUM":
            of = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"]
            objects = [g for p in of for g in p.children if g.dep_ == "pobj"]
            if objects:
                token = objects[0]
                continue
        break
    return token


def expand(token: Token, *, until: int | None = None) -> list[Token]:
    """An argument head and the heads coordinated with it ("X, Y and Z"); with `until`, only those
    before that token: the noun a participle modifies is its agent without the conjuncts after the
    participle clause ("airstrikes killing 25 fighters, as well as the assassinations")."""
    heads = [content_head(token)]
    for conjunct in heads[0].conjuncts:
        if conjunct.i > heads[0].i and (until is None or conjunct.i < until):
            heads.append(content_head(conjunct))
    return heads


def core(token: Token, *, skip: frozenset[int] = frozenset()) -> list[Token]:
    """The token and its noun-phrase modifiers (not its prepositional phrases), in text order.

    Participle modifiers and what hangs on them stay out ("Iranian-backed militia" -> "militia":
    who backs a group is not a participant); so do the tokens in `skip` (time expressions).
    """
    found = [token]
    stack = [token]
    while stack:
        current = stack.pop()
        for child in current.children:
            if child.i in skip or (child.dep_ == "amod" and child.pos_ == "VERB"):
                continue
            if child.dep_ in CORE_DEPS or (child.dep_ == "appos" and current is token):
                found.append(child)
                stack.append(child)
            elif child.dep_ == "punct" and child.text in "-–" and child.i < current.i:
                found.append(child)
    return sorted(found, key=lambda t: t.i)


def phrase_text(tokens: Sequence[Token]) -> str:
    """The text of a run of tokens from the first to the last, without a leading determiner."""
    kept = [t for t in tokens if t.dep_ != "appos" and not (t.head.dep_ == "appos" and t.head in tokens)]
    kept = kept or list(tokens)
    while kept and kept[0].pos_ in ("DET", "PUNCT"):
        kept = kept[1:]
    if not kept:
        return ""
    doc = kept[0].doc
    return doc[kept[0].i:kept[-1].i + 1].text


def mentions_in(tokens: Iterable[Token], by_token: Mapping[int, Mention]) -> list[Mention]:
    """The named mentions covering any of `tokens`, each once, in text order."""
    seen: dict[str, Mention] = {}
    for token in sorted(tokens, key=lambda t: t.i):
        mention = by_token.get(token.i)
        if mention is not None:
            seen.setdefault(mention.id, mention)
    return list(seen.values())


def subject_of(verb: Token, *, depth: int = 4) -> tuple[Token | None, bool]:
    """The subject of a verb, inherited from the verb it is coordinated with or controlled by.

    Returns (subject, undergoes): `undergoes` is True when the subject suffers the verb rather than
    doing it ("was stormed", "after being stormed", "protesters mobilized by militias"). Object
    control ("ordered parliament to convene") gives the controlling verb's object.
    """
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            return child, False
        if child.dep_ in PASSIVE_SUBJECTS:
            return child, True
    head = verb.head
    if depth == 0 or head is verb:
        return None, passive
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        found, undergoes = subject_of(head, depth=depth - 1)
        return found, passive or (undergoes and verb.tag_ == "VBN")
    if verb.dep_ == "xcomp":
        objects = [c for c in head.children if c.dep_ == "dobj"]
        if objects:
            return objects[0], passive
        found, _ = subject_of(head, depth=depth - 1)
        return found, passive
    if verb.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return None, passive  # "orders to shoot": the orders do not shoot
        return head, passive or verb.tag_ == "VBN"
    if verb.dep_ in ("pcomp", "advcl"):
        governor = head.head if verb.dep_ == "pcomp" else head
        if governor.pos_ in ("VERB", "AUX") and governor is not verb:
            found, _ = subject_of(governor, depth=depth - 1)
            return found, passive
    return None, passive


def first_prep_object(token: Token, preps: frozenset[str]) -> Token | None:
    """The object of the first preposition among `preps` attached to `token`."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for grandchild in child.children:
                if grandchild.dep_ in ("pobj", "pcomp"):
                    return grandchild
    return None


def place_mentions(roots: Iterable[Token], by_token: Mapping[int, Mention], *, skip: frozenset[str],
                   depth: int = 3) -> list[Mention]:
    """PLACE mentions in locative phrases under `roots` ("near the Baghdad airport in Iraq")."""
    found: dict[str, Mention] = {}

    def visit(token: Token, level: int) -> None:
        if level > depth:
            return
        for child in token.children:
            if child.dep_ != "prep" or child.lower_ not in LOCATIVE:
                continue
            for pobj in child.children:
                if pobj.dep_ != "pobj":
                    continue
                for head in expand(pobj):
                    owned = head.lemma_.lower() in OWNED
                    for mention in mentions_in(core(head), by_token):
                        if mention.type != "PLACE" or mention.id in skip:
                            continue
                        if owned and by_token.get(head.i) is not mention:
                            continue  # "into the U.S. embassy": the embassy is not in the U.S.
                        found.setdefault(mention.id, mention)
                    visit(head, level + 1)

    for root in roots:
        visit(root, 1)
    return list(found.values())


def attached_time(trigger: Token, time_roots: Mapping[int, int], *, triggers: frozenset[int]) -> int | None:
    """The index of the time expression governed by `trigger` (its own modifier or prepositional
    phrase, possibly nested: "In the early morning of January 3"); None when there is none.

    `time_roots` maps the index of each time expression's root token to the expression's number.
    The walk from a time expression up to the trigger may pass through prepositions and nouns, not
    through another event word or a verb.
    """
    for root_index, number in time_roots.items():
        node = trigger.doc[root_index]
        for _ in range(6):
            head = node.head
            if head is node:
                break
            if head.i == trigger.i:
                return number
            if head.i in triggers or head.pos_ in ("VERB", "AUX") or node.dep_ in ("relcl", "acl", "ccomp",
                                                                                    "advcl", "conj"):
                break
            node = head
    return None


# Words that put what they introduce before or after the clause's time ("resigned in May after the
# protests"): the clause's time does not pass to an event word below them.
_SEQUENCE_WORDS = frozenset({"after", "before", "following", "since", "until", "prior", "ahead", "amid"})
# Modifiers that put an event in the past of the story ("previous sanctions", "previously attacked").
EARLIER_WORDS = frozenset({"previous", "previously", "past", "former", "formerly", "prior", "erstwhile"})


def governing_time(trigger: Token, time_roots: Mapping[int, int], *, triggers: frozenset[int],
                   depth: int = 8) -> int | None:
    """The time expression of the nearest clause that governs `trigger` ("Earlier in June 2019, X
    cancelled an assault which aimed to respond to Y's shooting down a drone": the shooting is in June
    2019); None when none does.

    The walk up from the trigger stops at a clausal complement (what someone says happened is not
    dated by when they said it) and at a word of sequence ("resigned in May after the protests").
    """
    node = trigger
    for _ in range(depth):
        head = node.head
        if head is node or node.dep_ == "ccomp":
            return None
        if node.lower_ in _SEQUENCE_WORDS or any(c.dep_ == "mark" and c.lower_ in _SEQUENCE_WORDS
                                                   for c in node.children):
            return None
        node = head
        if node.pos_ in ("VERB", "AUX"):
            found = attached_time(node, time_roots, triggers=triggers)
            if found is not None:
                return found
    return None


def earlier_marked(trigger: Token, *, depth: int = 5) -> bool:
    """Whether the event word, or a noun phrase it belongs to, is marked as past history: "previously
    attacked", "previous sanctions crippling and killing", "the history of strikes"."""
    node = trigger
    for _ in range(depth):
        if node.lemma_.lower() == "history" and node.i != trigger.i:
            return True
        if (node.i == trigger.i or node.pos_ != "VERB") and any(
                c.dep_ in ("amod", "advmod") and c.lower_ in EARLIER_WORDS for c in node.children):
            return True
        if node.dep_ not in ("conj", "acl", "pobj", "prep", "compound", "appos", "dobj", "nsubj", "nsubjpass"):
            return False
        if node.dep_ in ("dobj", "nsubj", "nsubjpass", "conj") and node.i != trigger.i and node.pos_ == "VERB":
            return False
        node = node.head
    return False
