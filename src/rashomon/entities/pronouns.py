"""The person a third-person singular personal pronoun stands for, read off the spaCy parse.

One resolver, shared by the stages after entities (events: a pronoun agent or target; perspective: a
pronoun speaker or stance target). It only ties he/him/his/himself and she/her/hers/herself to a PERSON
mention; it never creates a mention, so what it returns is one of the document's own mentions.

    index_mentions(parsed, mentions) -> MentionIndex      the mentions on the parse's tokens, once per document
    resolve_pronoun(index, token) -> Mention | None        a personal pronoun's person (cached on the index)
    reference(index, token) -> Mention | None              the mention a token is in, or a pronoun's person
    antecedent(index, pronoun) -> Mention | None           the rule itself, uncached

The rule (see `antecedent`): the nearest person named earlier in the pronoun's sentence; else the
sentence's subject when the pronoun comes before it ("In his speech, X said"); else the most salient
person of the two sentences before. "it" and "they" are not resolved: their antecedent is as often an
organisation, a country, a thing or a group of people as a named entity, and a wrong tie merges
participants that fusion then cannot tell apart.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
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
ANTECEDENT_WINDOW = 2  # sentences back that a pronoun may reach for its antecedent


@dataclass(frozen=True, slots=True)
class MentionIndex:
    """The document's mentions placed on the parse's tokens."""

    parsed: ParsedDoc
    mentions: tuple[Mention, ...]
    by_token: dict[int, Mention]  # token index -> the mention covering it
    roots: dict[str, int]  # mention id -> index of the mention's syntactic head
    antecedents: dict[int, Mention | None] = field(default_factory=dict)  # pronoun token -> person (cache)

    def at(self, token: Token) -> Mention | None:
        """The mention covering `token`, if any."""
        return self.by_token.get(token.i)

    def root_of(self, mention: Mention) -> Token | None:
        """The syntactic head of `mention`, or None when the parse cannot hold its span."""
        index = self.roots.get(mention.id)
        return None if index is None else self.parsed[index]


def index_mentions(parsed: ParsedDoc, mentions: Sequence[Mention]) -> MentionIndex:
    """Place each mention on the tokens it covers (mentions whose span the parse cannot hold are skipped).

    Where mentions overlap, a token belongs to the one that starts first, the longer one on a tie.
    """
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


def is_personal_pronoun(token: Token) -> bool:
    """Whether `token` is a third-person singular personal pronoun (he, him, his, she, her, ...)."""
    return token.lower_ in PERSONAL_PRONOUNS and token.pos_ == "PRON"


def person_mentions(index: MentionIndex, sent: ParsedSpan) -> Iterator[tuple[Token, Mention]]:
    """The PERSON mentions of a sentence, each once with its head token, in text order."""
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
    earlier = [(root, m) for root, m in person_mentions(index, sent) if root.i < pronoun.i]
    if earlier:
        return earlier[-1][1]
    for root, mention in person_mentions(index, sent):
        if role_head(root).dep_ in SUBJECTS and role_head(root).head == sent.root:
            return mention
    return earlier_person(index, sent.start, ANTECEDENT_WINDOW)


def earlier_person(index: MentionIndex, start: int, window: int) -> Mention | None:
    """The most salient person of the `window` sentences before token `start`.

    In the nearest sentence that has one: a named person that is a subject, else a subject pronoun's
    person ("X did this. He did that. He ..."), else the first person named.
    """
    for _ in range(window):
        if start == 0:
            break
        previous = index.parsed[start - 1].sent
        people = list(person_mentions(index, previous))
        subjects = [m for root, m in people if role_head(root).dep_ in SUBJECTS]
        if subjects:
            return subjects[0]
        for token in previous:
            if token.dep_ in SUBJECTS and is_personal_pronoun(token):
                found = resolve_pronoun(index, token)
                if found is not None:
                    return found
        if people:
            return people[0][1]
        start = previous.start
    return None


def resolve_pronoun(index: MentionIndex, token: Token) -> Mention | None:
    """The person a personal pronoun stands for (`antecedent`, computed once per token and kept on the
    index); None for any other token, and for "it", "they" and first-person pronouns."""
    if not is_personal_pronoun(token):
        return None
    if token.i not in index.antecedents:
        index.antecedents[token.i] = None  # guards the recursion through earlier_person
        index.antecedents[token.i] = antecedent(index, token)
    return index.antecedents[token.i]


def reference(index: MentionIndex, token: Token) -> Mention | None:
    """The mention `token` belongs to, or that it stands for when it is a personal pronoun."""
    mention = index.at(token)
    if mention is not None:
        return mention
    return resolve_pronoun(index, token)
