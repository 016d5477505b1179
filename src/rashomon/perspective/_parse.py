"""Helpers that read the spaCy parse for the perspective stage: mentions on tokens, pronouns, phrases."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc as ParsedDoc
    from spacy.tokens import Span as ParsedSpan
    from spacy.tokens import Token

PERSONAL_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
CLAUSES = frozenset({"relcl", "ccomp", "advcl", "acl", "parataxis", "csubj", "xcomp", "conj"})
ANTECEDENT_WINDOW = 2  # sentences back that a pronoun may reach for its antecedent
EPITHET_WINDOW = 4  # sentences back that "this tyrant" may reach


@dataclass(frozen=True, slots=True)
class MentionIndex:
    """The document's mentions placed on the parse's tokens."""

    parsed: ParsedDoc
    mentions: tuple[Mention, ...]
    by_token: dict[int, Mention]  # token index -> the mention covering it
    roots: dict[str, int]  # mention id -> index of the mention's syntactic head
    antecedents: dict[int, Mention | None] = field(default_factory=dict)  # pronoun token -> person (cache)

    def at(self, token: Token) -> Mention | None:
        return self.by_token.get(token.i)

    def root_of(self, mention: Mention) -> Token | None:
        index = self.roots.get(mention.id)
        return None if index is None else self.parsed[index]


def index_mentions(parsed: ParsedDoc, mentions: Sequence[Mention]) -> MentionIndex:
    """Place each mention on the tokens it covers (mentions whose span the parse cannot hold are skipped)."""
    by_token: dict[int, Mention] = {}
    roots: dict[str, int] = {}
    for mention in sorted(mentions, key=lambda m: (m.span.start, -m.span.end)):
        tokens = parsed.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if tokens is None or len(tokens) == 0:
            continue
        roots[mention.id] = tokens.root.i
        for token in tokens:
            by_token.setdefault(token.i, mention)
    return MentionIndex(parsed, tuple(mentions), by_token, roots)


def _person_mentions(index: MentionIndex, sent: ParsedSpan) -> Iterator[tuple[Token, Mention]]:
    seen: set[str] = set()
    for token in sent:
        mention = index.by_token.get(token.i)
        if mention is None or mention.type != "PERSON" or mention.id in seen:
            continue
        seen.add(mention.id)
        root = index.root_of(mention)
        if root is not None:
            yield root, mention


def role_head(token: Token) -> Token:
    """The token whose dependency carries `token`'s role: up through conjunctions and appositions."""
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    return token


def antecedent(index: MentionIndex, pronoun: Token) -> Mention | None:
    """The person a third-person singular pronoun most likely stands for.

    Nearest person named earlier in the same sentence; else the subject of the sentence when the pronoun
    comes before it ("In his speech, X said"); else the person that is a subject in one of the two
    sentences before (the first person named there when none is a subject).
    """
    sent = pronoun.sent
    earlier = [(root, m) for root, m in _person_mentions(index, sent) if root.i < pronoun.i]
    if earlier:
        return earlier[-1][1]
    for root, mention in _person_mentions(index, sent):
        if role_head(root).dep_ in SUBJECTS and role_head(root).head == sent.root:
            return mention
    return _earlier_person(index, sent.start, ANTECEDENT_WINDOW)


def _earlier_person(index: MentionIndex, start: int, window: int) -> Mention | None:
    """The most salient person of the `window` sentences before token `start`.

    In the nearest sentence that has one: a named person that is a subject, else a subject pronoun's
    person ("X did this. He did that. He ..."), else the first person named.
    """
    for _ in range(window):
        if start == 0:
            break
        previous = index.parsed[start - 1].sent
        people = list(_person_mentions(index, previous))
        subjects = [m for root, m in people if role_head(root).dep_ in SUBJECTS]
        if subjects:
            return subjects[0]
        for token in previous:
            if token.dep_ in SUBJECTS and token.lower_ in PERSONAL_PRONOUNS and token.pos_ == "PRON":
                found = _cached_antecedent(index, token)
                if found is not None:
                    return found
        if people:
            return people[0][1]
        start = previous.start
    return None


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
    if any(root.i < noun.i for root, _ in _person_mentions(index, noun.sent)):
        return None
    return _earlier_person(index, noun.sent.start, EPITHET_WINDOW)


def _cached_antecedent(index: MentionIndex, pronoun: Token) -> Mention | None:
    if pronoun.i not in index.antecedents:
        index.antecedents[pronoun.i] = None  # guards the recursion
        index.antecedents[pronoun.i] = antecedent(index, pronoun)
    return index.antecedents[pronoun.i]


def reference(index: MentionIndex, token: Token) -> Mention | None:
    """The mention `token` belongs to, or that it stands for when it is a personal pronoun."""
    mention = index.at(token)
    if mention is not None:
        return mention
    if token.lower_ in PERSONAL_PRONOUNS and token.pos_ == "PRON":
        return _cached_antecedent(index, token)
    return None


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
