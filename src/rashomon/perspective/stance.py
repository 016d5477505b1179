"""Stance: whether a source writes of an entity favourably, unfavourably or neutrally, and who judges.

Target-dependent. An evaluative word counts for a target only when the parse ties it to that target:
  - it modifies the target or a noun in apposition to it ("the criminal reactionary X", "X, a tyrant");
  - it is the predicate of a copula with the target as subject ("X was corrupt", "X is no hero");
  - it is a verb the target does, or the object of such a verb ("X betrayed ...", "X led the repression");
  - it is the noun the target owns ("his brutal methods"), or its modifiers;
  - it is a judgement verb or noun aimed at the target ("critics condemned X", "praise for X"): then the
    judgement is held by the verb's subject, the noun's owner or the passive's agent, not the author;
  - it is the author's word for how the target speaks or acts ("X complained that", "X falsely claimed").
A noun or verb of VADER's that only tells what the target did, owns or met ("X won", "his endorsement")
counts at `event_weight`; a judgement noun the target meets ("X drew criticism") is others', unnamed; a
word of regard ("popular with voters", "a hero to the right") is held by those who regard.
Words that name a violent act ("killing", "death", "assassination") describe an event: as the target's
act they count a little against the target; as something done to the target they are no judgement of it
("the joy at the death of X" says nothing about X). Words inside a quote or a reported clause are held by
the quoted speaker. Polarity comes from VADER's lexicon (see `lexicon`), negation flips it as VADER does.
"""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Document, Mention, Quote, StanceEvidence
from ..settings import StanceSettings, default_settings
from ._parse import (
    FIRST_PERSON,
    PERSONAL_PRONOUNS,
    SUBJECTS,
    MentionIndex,
    agent_of,
    epithet_antecedent,
    index_mentions,
    is_negated,
    named,
    phrase_bounds,
    reference,
    role_head,
    subject_of,
)
from .lexicon import Lexicon, load_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc as ParsedDoc
    from spacy.tokens import Token

logger = logging.getLogger(__name__)

ROLES = ("description", "predicate", "act", "object", "owned", "deep", "judgement", "violence", "reversal",
         "manner")
"""How a cue word is tied to its target: a modifier or apposition ("the corrupt X"), a copula's predicate ("X was
corrupt"), the verb the target does ("X betrayed"), that verb's object, a noun the target owns ("his lies"), a
word in a phrase below one of these ("the architect of a bloody war"), a judgement aimed at the target ("critics
condemned X"), a violent act of the target, a reversal the target makes ("X abandoned the reforms")."""
UNNAMED = "(unnamed)"  # reported_by for a judgement whose holder the text does not name ("X was ridiculed")
# The weights of a word by its place (a violent act of the target, the object of its verb, deeper
# words, what it owns) are settings: settings.toml [stance], `StanceSettings`.
NEGATION = -0.74  # VADER's N_SCALAR
BOOST = 0.293  # VADER's B_INCR
NORMALISER = 15.0  # VADER's alpha: score = s / sqrt(s^2 + alpha)
_MODIFIERS = frozenset({"amod", "compound", "nmod", "advmod", "npadvmod"})
_CLAUSE_DEPS = frozenset({"relcl", "ccomp", "advcl", "acl", "parataxis", "csubj", "xcomp"})
_JUDGED_PREPS = frozenset({"of", "for", "against", "toward", "towards", "at", "on", "with"})
_AUTHOR = "\x00author"  # internal: the holder is the author
_REGARD_PREPS = frozenset({"of", "to", "with", "among", "in", "for"})  # "popular [with] voters", "hero [of] the right"
_EVENT_ROLES = frozenset({"act", "object", "owned", "deep"})  # roles whose nouns and verbs may name an event


@dataclass(frozen=True, slots=True)
class _Cue:
    token: Token
    value: float  # weighted valence, negation applied
    holder: str  # _AUTHOR, UNNAMED or the holder's words
    role: str  # how the word is tied to the target: one of ROLES


class _Reader:
    """Finds the evaluative words tied to one target token, with their holders."""

    def __init__(self, index: MentionIndex, lexicon: Lexicon, exclude: frozenset[int],
                 settings: StanceSettings) -> None:
        self.index = index
        self.lex = lexicon
        self.exclude = exclude  # token indices of the target's own mention
        self.settings = settings
        self.cues: list[_Cue] = []
        self.role = "description"  # the role of the words being read (ROLES)

    # -- words -------------------------------------------------------------------------------------

    def valence(self, token: Token) -> float:
        """A word's valence in a descriptive position: 0 for violence words, cue words and other names."""
        if token.i in self.exclude or (token.pos_ == "PROPN" and self.index.at(token) is not None):
            return 0.0
        lemma = token.lemma_.lower()
        if lemma in self.lex.violence or token.lower_ in self.lex.violence:
            return 0.0
        if token.pos_ in ("PRON", "DET", "ADP", "AUX", "PUNCT", "NUM", "CCONJ", "PART"):
            return 0.0
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if token.lower_ in ("no", "no.") and following is not None and (following.like_num or (
                following.text == "." and token.i + 2 < len(token.doc) and token.doc[token.i + 2].like_num)):
            return 0.0  # "the No. 3 Democrat": a rank, no negation
        for cls in ("experience", "not_evaluative"):
            if self.lex.is_cue(cls, lemma) or self.lex.is_cue(cls, token.lower_):
                return 0.0
        if self.in_title(token):
            return 0.0
        value = self.lex.polarity(token.lower_, lemma)
        if value and any(c.lower_ in self.lex.boosters for c in token.children if c.dep_ == "advmod"):
            value += math.copysign(BOOST, value)
        return value

    @staticmethod
    def plural(noun: Token) -> bool:
        """A plural name of a group ("Iraqis", "Democrats"): an adjective before it picks some of them out
        ("poor Iraqis", "extremist Zandians", "loyal Democrats") and is no judgement of the whole group."""
        return noun.tag_ in ("NNS", "NNPS")

    def names_event(self, token: Token) -> bool:
        """Whether `token`, in its role, names what happened rather than judging the target: a verb the target
        does or a noun it does, owns or meets ("X won", "X apologized", "his endorsement", "drew outrage"),
        whose valence is VADER's, not one of rashomon's words that judge people ("his corruption") nor a word
        of moral conduct ("X lied", "X rescued", "her integrity").
        Adjectives and adverbs are the author's description and count in full."""
        if self.role not in _EVENT_ROLES or token.pos_ not in ("NOUN", "VERB"):
            return False
        if self.lex.is_cue("conduct", token.lemma_) or self.lex.is_cue("conduct", token.lower_):
            return False  # "X lied", "X rescued a family", "her integrity": conduct judged
        return token.lower_ not in self.lex.judging and token.lemma_.lower() not in self.lex.judging

    def is_role(self, token: Token) -> bool:
        """A noun of office or rank used as a title: beside a name, capitalised, or in apposition
        ("the supreme leader Omar Haddad", "Chief Justice Vance", "Haddad, the country's leader")."""
        if not self.lex.is_cue("role", token.lemma_) and not self.lex.is_cue("role", token.lower_):
            return False
        if token.text[:1].isupper() or token.dep_ in ("compound", "appos"):
            return True
        return any(c.dep_ in ("appos", "compound") and c.pos_ == "PROPN" for c in token.children)

    def in_title(self, token: Token) -> bool:
        """A role noun in a title, or a title word that makes one with a role noun ("supreme" in "supreme
        leader", "Grand" in "Grand Ayatollah"): no judgement. A capitalised modifier of a capitalised role
        noun is part of the title too ("the Great Leader")."""
        if self.is_role(token):
            return True
        titled = self.lex.is_cue("title", token.lower_) or self.lex.is_cue("title", token.lemma_)
        if not titled and not token.text[:1].isupper():
            return False
        doc = token.doc
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        for noun in (token.head, following):
            if noun is None or noun.i == token.i or not self.is_role(noun):
                continue
            if titled or noun.text[:1].isupper():
                return True
        return False

    def irrealis(self, verb: Token) -> bool:
        """Whether `verb` tells a possible, hypothetical, future, wished or attempted act rather than one done:
        a modal ("would welcome", "could benefit", "will win"), a condition ("if X wins"), or the complement
        of a verb of wishing or trying ("wants to help", "tried to stop"). A conjunct shares its head's modal."""
        current = verb
        for _ in range(6):
            auxiliaries = [c for c in current.children if c.dep_ in ("aux", "auxpass")]
            if any(self.lex.is_cue("modal", c.lower_) for c in auxiliaries):
                return True
            if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in current.children):
                return True
            if current.dep_ == "xcomp" and self.lex.is_cue("irrealis", current.head.lemma_):
                return True
            if current.dep_ == "xcomp" or (current.dep_ == "conj" and not auxiliaries):
                current = current.head
                continue
            return False
        return False

    def add(self, token: Token, value: float, holder: str = _AUTHOR, *, negated: bool = False) -> None:
        if value and holder == _AUTHOR and self.names_event(token):
            value *= self.settings.event_weight
        if value:
            if holder == _AUTHOR:
                holder = self.regard_holder(token) or self.reason_holder(token)
            self.cues.append(_Cue(token, value * (NEGATION if negated else 1.0), holder, self.role))

    def regard_holder(self, token: Token) -> str | None:
        """Who holds a word of regard, which tells how others see the target ("popular with voters", "a hero
        to the right", "the darling of the left", "a Tea Party favourite", "X is popular"): the people its
        phrase names, else someone unnamed; None for any other word."""
        regard = self.lex.is_cue("regard", token.lemma_) or self.lex.is_cue("regard", token.lower_)
        if not regard and not self.lex.is_cue("esteem", token.lemma_):
            return None
        around = list(token.children)
        if token.dep_ in ("acomp", "attr") and self.lex.is_cue("copula", token.head.lemma_):
            around += [c for c in token.head.children if c.i > token.i]  # "is popular [in his state]"
        for child in around:
            if child.dep_ == "prep" and child.lower_ in _REGARD_PREPS:
                for obj in child.children:
                    if obj.dep_ == "pobj" and self.people(obj):
                        return self.holder_text(obj)
                    if obj.dep_ == "pobj":
                        return None  # "the hero of the strike": the author's
            if child.dep_ in ("compound", "poss") and self.index.at(child) is not None:
                return self.holder_text(child)
        return UNNAMED if regard else None  # "X is popular": someone's; "X is a hero": the author's

    def people(self, noun: Token) -> bool:
        """Whether a noun phrase names people who may hold a view: a name, a pronoun, a plural ("voters"), a
        noun of a person, a collective ("the right", "the public"), or something of someone's ("his state")."""
        if self.index.at(noun) is not None or noun.pos_ == "PRON" or noun.tag_ in ("NNS", "NNPS"):
            return True
        lemma = noun.lemma_.lower()
        if self.lex.is_cue("person", lemma) or self.lex.is_cue("collective", lemma):
            return True
        return any(c.dep_ == "poss" for c in noun.children)

    def reason_holder(self, token: Token) -> str:
        """Who holds a word given as the reason of a judgement ("condemned X for her reckless spending")."""
        current = token
        while current.head.i != current.i:
            head = current.head
            if current.dep_ == "prep" and current.lower_ in ("for", "of") and head.pos_ == "VERB" \
                    and self.lex.is_cue("judgement", head.lemma_):
                passive = any(c.dep_ == "auxpass" for c in head.children)
                holder = agent_of(head) if passive else subject_of(head)
                return self.holder_text(holder) if holder is not None or passive else _AUTHOR
            if current.dep_ in ("ccomp", "relcl", "parataxis"):
                break
            current = head
        return _AUTHOR

    def add_word(self, token: Token, weight: float = 1.0, *, negated: bool = False) -> None:
        self.add(token, self.valence(token) * weight, negated=negated or is_negated(token))
        for conj in token.conjuncts:
            if conj.i > token.i and conj.pos_ == token.pos_:
                self.add(conj, self.valence(conj) * weight, negated=negated or is_negated(conj))

    def add_modifiers(self, noun: Token, weight: float = 1.0, *, negated: bool = False,
                      skip: tuple[str, ...] = ()) -> None:
        for child in noun.children:
            if child.dep_ in _MODIFIERS and child.dep_ not in skip:
                self.add_word(child, weight, negated=negated)

    def add_deep(self, head: Token, weight: float | None = None, *, negated: bool = False) -> None:
        """Words in the prepositional phrases under `head` ("architect of a bloody war"), clauses excluded,
        at most `deep_levels` phrases down; `weight`: `deep_weight` when not given."""
        weight = self.settings.deep_weight if weight is None else weight
        depth = self.settings.deep_levels
        outer, self.role = self.role, "deep"
        frontier = [(child, 1) for child in head.children if child.dep_ == "prep"]
        while frontier:
            token, level = frontier.pop()
            if token.dep_ not in ("prep", "agent"):
                self.add(token, self.valence(token) * weight, negated=negated)
            frontier.extend((c, level if c.dep_ == "conj" else level + 1) for c in token.children
                            if c.dep_ not in _CLAUSE_DEPS and (level < depth or c.dep_ == "conj"))
        self.role = outer

    def holder_text(self, token: Token | None) -> str:
        if token is None:
            return UNNAMED
        if token.lower_ in FIRST_PERSON:
            return _AUTHOR
        mention = named(self.index, token)
        if mention is not None:
            return mention.text
        start, end = phrase_bounds(token)
        return str(self.index.parsed.text[start:end])

    # -- roles -------------------------------------------------------------------------------------

    def read(self, target: Token) -> list[_Cue]:
        role = role_head(target)
        self.role = "description"
        for noun in self._nominal_group(target, role):
            if noun.i != target.i and noun.i not in self.exclude and not self.is_role(noun):
                self.add_word(noun)
                self.add_deep(noun)
            self.add_modifiers(noun, skip=("amod",) if noun.i == target.i and self.plural(noun) else ())
        for inner in sorted(self.exclude - {target.i}):  # "the cruel [Colonel] [Rafael] Mendez"
            self.add_modifiers(self.index.parsed[inner])
            for child in noun.children:
                if child.dep_ == "relcl":
                    self._clause(child, subject_role=self._relative_subject(child))
                elif child.dep_ == "acl":
                    self._clause(child, subject_role=child.tag_ != "VBN")
        dep = role.dep_
        if dep in SUBJECTS:
            verb = role.head
            self._clause(verb, subject_role=dep == "nsubj")
            for conj in verb.conjuncts:
                if conj.i > verb.i and not any(c.dep_ in SUBJECTS for c in conj.children):
                    self._clause(conj, subject_role=not any(c.dep_ == "auxpass" for c in conj.children))
        elif dep == "pobj" and role.head.dep_ == "agent":
            self._clause(role.head.head, subject_role=True, passive_agent=True)
        elif dep == "dobj":
            self._judged_by_verb(role.head, subject_of(role.head))
        elif dep == "pobj" and role.head.lower_ in _JUDGED_PREPS:
            self._judged_by_noun(role.head.head)
        elif dep == "poss":
            self._owned(role.head)
        return self.cues

    def _nominal_group(self, target: Token, role: Token) -> list[Token]:
        group = [target]
        group.extend(c for c in target.children if c.dep_ == "compound" and c.i not in self.exclude
                     and self.index.at(c) is None)  # a title outside the name: "the dictator [Petrov]"
        if target.dep_ == "appos":
            group.append(target.head)
        group.extend(c for c in target.children if c.dep_ == "appos")
        if role.i != target.i and role.i not in {t.i for t in group} and target.dep_ == "appos":
            group.append(role)
        return group

    @staticmethod
    def _relative_subject(clause: Token) -> bool:
        return any(c.dep_ == "nsubj" and c.tag_ in ("WP", "WDT") for c in clause.children)

    def _clause(self, verb: Token, *, subject_role: bool, passive_agent: bool = False) -> None:
        """The target is the subject (or the `by` agent) of `verb` when subject_role; else its patient."""
        lemma = verb.lemma_.lower()
        negated = is_negated(verb)
        if self.irrealis(verb):
            return  # "X would welcome ...", "X could benefit": no account of what X did or is
        passive = any(c.dep_ == "auxpass" for c in verb.children) or (verb.tag_ == "VBN" and not subject_role)
        if passive_agent:
            passive = False
        if self.lex.is_cue("copula", lemma) and not passive and not passive_agent:
            self.role = "predicate"
            for pred in verb.children:
                if pred.dep_ in ("attr", "acomp", "oprd") or (pred.dep_ == "dobj" and lemma != "be"):
                    self._predicate(pred, negated=negated)
                elif pred.dep_ == "xcomp":
                    self._clause(pred, subject_role=True)
            return
        if passive or not subject_role:
            if self.lex.is_cue("judgement", lemma):
                holder = self.holder_text(agent_of(verb)) if agent_of(verb) is not None else UNNAMED
                self._judgement(verb, holder, negated=negated)
            return
        manner = self._manner(verb, negated=negated)
        if any(self.lex.is_cue(cls, lemma) for cls in ("speech", "cognition", "judgement")):
            return  # the target's own words and views, not a judgement of the target
        if self.lex.is_cue("reversal", lemma):  # "X cancelled the assault", "X failed to win"
            self.role = "reversal"
            self.add(verb, -self._complement(verb), negated=negated)
            return
        violence = self.lex.violence.get(lemma)
        if violence is not None:
            self.role = "violence"
            self.add(verb, violence.valence * self.settings.agent_violence_weight, negated=negated)
            return
        value = 0.0 if manner else self.valence(verb)  # a manner verb was read as one ("X whined")
        self.role = "act"
        if value:
            self.add(verb, value, negated=negated)
        else:
            for obj in verb.children:
                if obj.dep_ not in ("dobj", "attr"):
                    continue
                act = self.lex.violence.get(obj.lemma_.lower())
                if act is not None:  # "X ordered the massacre": X's violent act
                    self.role = "violence"
                    self.add(obj, act.valence * self.settings.agent_violence_weight, negated=negated)
                elif self.lex.is_cue("judgement_noun", obj.lemma_):  # "X drew criticism", "faced praise":
                    self.role = "judgement"  # others' judgement of X, none of them named
                    value = self.lex.cue_polarity("judgement_noun", obj.lemma_, obj.lower_)
                    self.add(obj, value * self.settings.object_weight, UNNAMED, negated=negated)
                    continue
                else:
                    self.role = "object"
                    self.add_word(obj, self.settings.object_weight, negated=negated)
                self.role = "object"
                self.add_modifiers(obj, self.settings.object_weight, negated=negated)
        for child in verb.children:
            if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
                self._clause(child, subject_role=True)

    def _manner(self, verb: Token, *, negated: bool) -> bool:
        """The author's word for how the target speaks or acts: a manner verb ("X complained that", "X railed
        against") or an evaluative adverb of the target's verb ("X falsely claimed", "X erroneously said").
        Negated, it says nothing ("X did not complain" is no praise). Whether `verb` is a manner verb."""
        lemma = verb.lemma_.lower()
        manner = self.lex.is_cue("manner", lemma)
        if negated:
            return manner
        outer, self.role = self.role, "manner"
        if manner:
            self.add(verb, self.lex.cue_polarity("manner", lemma))
        for child in verb.children:
            if child.dep_ == "advmod" and child.pos_ == "ADV" and child.lower_.endswith("ly"):
                self.add(child, self.valence(child))
        self.role = outer
        return manner

    def _act(self, verb: Token) -> float:
        """The polarity of an act a reversal undoes or misses: a verb's own, else its complement's; a
        violent act's is none (an assault called off is no judgement either way)."""
        lemma = verb.lemma_.lower()
        if self.lex.is_cue("reversal", lemma):
            return -self._complement(verb)
        if lemma in self.lex.violence:
            return 0.0
        return self.valence(verb) or self._complement(verb)

    def _complement(self, verb: Token) -> float:
        """The polarity of what `verb` governs: its verb complement ("failed to [win]"), else its object with
        the object's modifiers and "of" phrase ("abandoned his [popular] [reforms]", "lost some of his
        [prestige]"), weighted as objects are."""
        for child in verb.children:
            if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
                return self._act(child)
        for child in verb.children:
            if child.dep_ not in ("dobj", "attr"):
                continue
            if child.lemma_.lower() in self.lex.violence:
                return 0.0
            words = [child, *(c for c in child.children if c.dep_ in _MODIFIERS)]
            words += [g for c in child.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() not in self.lex.violence]
            return sum(self.valence(w) for w in words) * self.settings.object_weight
        return 0.0

    def _predicate(self, pred: Token, *, negated: bool, weight: float = 1.0) -> None:
        for word in (pred, *(c for c in pred.conjuncts if c.i > pred.i)):
            if word.tag_ == "VBN" and self.lex.is_cue("judgement", word.lemma_):
                self._judgement(word, UNNAMED, negated=negated)  # "X was ridiculed" (read as an adjective)
                continue
            if self.lex.is_cue("relational", word.lemma_):
                continue
            local = negated or is_negated(word)
            self.add(word, self.valence(word) * weight, negated=local)
            self.add_modifiers(word, weight, negated=local)
            self.add_deep(word, self.settings.deep_weight * weight, negated=local)

    def _judgement(self, cue: Token, holder: str, *, negated: bool) -> None:
        outer, self.role = self.role, "judgement"
        value = self.lex.cue_polarity("judgement", cue.lemma_, cue.lower_)
        self.add(cue, value, holder, negated=negated)
        for child in cue.children:  # "accused of corruption", "praised for his courage"
            if child.dep_ == "prep" and child.lower_ in ("of", "for"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        self.add(obj, self.valence(obj) * self.settings.deep_weight, holder, negated=negated)
        self.role = outer

    def _judged_by_verb(self, verb: Token, subject: Token | None) -> None:
        if self.lex.is_cue("judgement", verb.lemma_) and not self.irrealis(verb):
            self._judgement(verb, self.holder_text(subject), negated=is_negated(verb))

    def _judged_by_noun(self, head: Token) -> None:
        lemma = head.lemma_.lower()
        self.role = "judgement"
        if head.pos_ == "NOUN" and self.lex.is_cue("judgement_noun", lemma):
            owner = next((c for c in head.children if c.dep_ == "poss"), None) or agent_of(head)
            value = self.lex.cue_polarity("judgement_noun", lemma, head.lower_)
            self.add(head, value, self.holder_text(owner), negated=is_negated(head))
        elif head.pos_ == "ADJ" and head.dep_ == "acomp":  # "voters are angry with X"
            holder = subject_of(head.head)
            self.add(head, self.valence(head), self.holder_text(holder), negated=is_negated(head, head.head))

    def _owned(self, noun: Token) -> None:
        lemma = noun.lemma_.lower()
        violence = self.lex.violence.get(lemma)
        self.role = "violence" if violence is not None else "owned"
        if violence is not None:  # "X's assassination of Y": X's act; "his death": done to him
            if any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
                self.add(noun, violence.valence * self.settings.agent_violence_weight)
            return
        if self.lex.is_cue("judgement_noun", lemma) or self.lex.is_cue("relational", lemma):
            return  # "his hatred of Y" is his view; "his enemies" are no judgement of him
        if self.lex.is_cue("effort", lemma) and self._conceded(noun):
            return  # "despite X's best efforts": the effort failed; its praise is none
        if self.lex.is_cue("role", lemma):
            return  # "Zandia's supreme leader": an office, not a judgement of Zandia
        owned = self.settings.owned_weight
        self.add(noun, self.valence(noun) * owned, negated=is_negated(noun))
        self.add_modifiers(noun, owned)
        self.add_deep(noun)
        # "his record was appalling"; not "his plan would be a disaster"
        if noun.dep_ == "nsubj" and self.lex.is_cue("copula", noun.head.lemma_) and not self.irrealis(noun.head):
            for pred in noun.head.children:
                if pred.dep_ in ("attr", "acomp"):
                    self._predicate(pred, negated=is_negated(noun.head), weight=owned)


    def _conceded(self, noun: Token) -> bool:
        """Whether `noun` is what a concessive phrase grants: "despite [X's efforts]", "in spite of ..."."""
        if noun.dep_ != "pobj":
            return False
        head = noun.head
        if self.lex.is_cue("concessive", head.lower_):
            return True
        return head.lower_ == "of" and self.lex.is_cue("concessive", head.head.lower_)


def _targets(index: MentionIndex, lexicon: Lexicon, settings: StanceSettings) -> Iterable[tuple[Token, Mention]]:
    """Each mention's head token; each personal pronoun and demonstrative epithet with its person."""
    parsed = index.parsed
    for mention in index.mentions:
        root = index.root_of(mention)
        if root is not None and root.dep_ != "compound":
            yield root, mention
    reader = _Reader(index, lexicon, frozenset(), settings)
    for token in parsed:
        person: Mention | None = None
        if token.lower_ in PERSONAL_PRONOUNS and token.pos_ == "PRON":
            person = reference(index, token)
        elif token.pos_ == "NOUN":
            person = epithet_antecedent(index, token, is_person=lambda t: lexicon.is_cue("person", t.lemma_),
                                        is_evaluative=lambda t: reader.valence(t) != 0.0)
        if person is not None:
            yield token, person


def _quote_holder(quotes: Sequence[Quote], start: int) -> str | None:
    for quote in quotes:
        if quote.span.start <= start < quote.span.end:
            return quote.speaker or UNNAMED
    return None


def extract_stance_evidence(doc: Document, parsed: ParsedDoc, mentions: Sequence[Mention],
                            quotes: Sequence[Quote], *, settings: StanceSettings | None = None
                            ) -> list[StanceEvidence]:
    """Every sentence's judgement of each mentioned target, with the words behind it and who holds it.

    Args:
        doc: the document; `parsed` is spaCy's parse of `doc.text`.
        mentions: its named mentions (evidence is about them; pronouns count for the person they stand for).
        quotes: its quotes (from `extract_quotes`): judgements inside them are held by the speaker.
        settings: the weights (settings.toml [stance]); the packaged defaults when not given.

    Returns:
        One `StanceEvidence` per (target occurrence, holder) with at least one evaluative word, in text
        order; `reported_by` is None for the author's own judgement.
    """
    settings = settings or default_settings().stance
    lexicon = load_lexicon()
    index = index_mentions(parsed, [m for m in mentions if m.doc_id == doc.id])
    own_quotes = [q for q in quotes if q.doc_id == doc.id]
    evidence = []
    for target, mention in _targets(index, lexicon, settings):
        tokens = parsed.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        exclude = frozenset(t.i for t in tokens) if tokens is not None and index.at(target) else frozenset()
        cues = _Reader(index, lexicon, exclude, settings).read(target)
        by_holder: dict[str, list[_Cue]] = defaultdict(list)
        for cue in cues:
            quoted = _quote_holder(own_quotes, cue.token.idx)
            by_holder[quoted if quoted is not None else cue.holder].append(cue)
        sent = target.sent
        for holder, held in by_holder.items():
            held = sorted({c.token.i: c for c in held}.values(), key=lambda c: c.token.i)
            total = sum(c.value for c in held)
            evidence.append(StanceEvidence(
                doc_id=doc.id, mention_id=mention.id, target=target.text,
                target_span=doc.span(target.idx, target.idx + len(target.text)),
                sentence=doc.span(sent.start_char, sent.end_char),
                score=round(total / math.sqrt(total * total + NORMALISER), 4),
                cue_words=tuple(c.token.text for c in held),
                cue_spans=tuple(doc.span(c.token.idx, c.token.idx + len(c.token.text)) for c in held),
                reported_by=None if holder == _AUTHOR else holder, cue_roles=tuple(c.role for c in held),
            ))
    evidence.sort(key=lambda e: (e.target_span.start, e.reported_by or ""))
    logger.debug("document %s: %s stance evidence records", doc.id, len(evidence))
    return evidence


__all__ = ["UNNAMED", "extract_stance_evidence"]
