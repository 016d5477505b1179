"""What a quantity counts and what happened to it, read from the dependency parse.

The counted thing is the noun the number modifies ("25 Iran-backed militia fighters" -> "militia
fighter"; "thousands of protesters" -> "protester"), lemmatised, with its noun compounds and its
nationality or proper-noun modifiers. A percentage or an amount counts what it is the value of
("turnout was 62 percent", "$40 million in aid", "the price of petrol rose by 70%" -> "petrol
price"). An act noun is the measure rather than the thing counted ("43 deaths": counted "",
measure "killed"). The measure is the verb (or adjective, or act noun) that says what happened to
it ("have been killed", "killing 25 ...", "1500 people killed", "the deaths of ...", "20 dead"),
put in past-participle form and normalised with claims_measures.tsv.

A number that stands alone borrows from a parallel number of its sentence: in "killed 25 and
injured 50 militia members" both count "militia member"; in "1500 people killed in X, at least 500
in Y" the second also counts "people" and borrows the measure "killed" (gapping). "3000 more" borrows
the counted thing of the last counted number of its paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc as ParsedDoc
from spacy.tokens import Token

from ._lexicon import lexicon
from .quantities import Quantity

_IRREGULAR = {
    "send": "sent", "hold": "held", "shoot": "shot", "hit": "hit", "take": "taken", "flee": "fled",
    "leave": "left", "lose": "lost", "slay": "slain", "bring": "brought", "keep": "kept", "put": "put",
    "find": "found", "see": "seen", "give": "given", "make": "made", "get": "got", "catch": "caught",
    "drive": "driven", "run": "run", "fight": "fought", "build": "built", "spend": "spent", "pay": "paid",
    "sell": "sold", "buy": "bought", "steal": "stolen", "beat": "beaten", "write": "written", "go": "gone",
    "come": "come", "stand": "stood", "feed": "fed", "lead": "led", "meet": "met", "win": "won",
    "rise": "risen", "fall": "fallen", "grow": "grown", "throw": "thrown", "know": "known", "show": "shown",
    "tell": "told", "say": "said", "eat": "eaten", "do": "done", "be": "been", "have": "had",
    "kidnap": "kidnapped", "strike": "struck", "bear": "borne", "begin": "begun", "break": "broken",
    "choose": "chosen", "draw": "drawn", "forget": "forgotten", "hide": "hidden", "lay": "laid",
    "lie": "lain", "ride": "ridden", "seek": "sought", "shut": "shut", "sink": "sunk", "speak": "spoken",
    "swear": "sworn", "teach": "taught", "tear": "torn", "wear": "worn", "hurt": "hurt", "cut": "cut",
    "set": "set", "let": "let", "spread": "spread", "quit": "quit", "bleed": "bled", "sleep": "slept",
}
# Verbs that state a level rather than an event: "turnout rose to 62%".
_LEVEL_VERBS = frozenset("rise fall stand hit top drop climb increase decrease jump grow sink decline soar plunge "
                         "amount come average exceed".split())
_MORE = frozenset({"more", "additional", "further", "other", "others", "extra"})


@dataclass(frozen=True, slots=True)
class Counted:
    """What one quantity counts and the measure of what happened to it."""

    counted: str = ""  # "militia fighter"; "" when the text does not say
    measure: str = ""  # "killed"; "" when no verb says what happened
    noun: int | None = None  # token index of the counted noun (or of the borrowed one)
    verb: int | None = None  # token index of the word the measure was read from
    borrowed: bool = False  # counted (and maybe measure) borrowed from a parallel number


def participle(token: Token) -> str:
    """The past participle of a verb token, lowercase: killing -> killed, sent -> sent.

    A word listed in claims_measures.tsv as it stands ("missing", "dead") is kept as it is.
    """
    if token.lower_ in lexicon().measures:
        return token.lower_
    if token.tag_ == "VBN" or (token.tag_ == "VBD" and token.lemma_.lower() not in _IRREGULAR):
        return token.lower_
    lemma = token.lemma_.lower()
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ied"
    if re.fullmatch(r"[^aeiou]*[aeiou][bdgklmnprt]", lemma):
        return lemma + lemma[-1] + "ed"
    return lemma + "ed"


def normalise_measure(word: str) -> str:
    """A measure word in its canonical form (claims_measures.tsv): died -> killed, injured -> wounded."""
    return lexicon().measures.get(word.lower(), word.lower())


def noun_phrase(noun: Token, *, skip: range = range(0)) -> str:
    """The counted noun lemmatised, with its noun compounds and proper/nationality modifiers, in order."""
    parts: list[str] = []
    for child in noun.lefts:
        if child.i in skip:
            continue
        proper = child.pos_ == "PROPN" or child.ent_type_ in ("NORP", "GPE")
        if child.dep_ == "compound" or (child.dep_ in ("amod", "nmod") and proper):
            words = [t for t in child.subtree
                     if t.i not in skip and not t.is_punct and t.pos_ in ("NOUN", "PROPN", "ADJ")]
            parts += [t.text if (t.pos_ == "PROPN" or t.ent_type_) else t.lower_ for t in words]
    parts.append(_lemma(noun))
    return " ".join(parts)


def _lemma(noun: Token) -> str:
    named = noun.ent_type_ in ("NORP", "GPE", "ORG", "LOC", "FAC")
    if noun.is_sent_start and noun.tag_ == "NNP" and not named:  # "Turnout reached 58%"
        return noun.lower_
    if noun.pos_ == "PROPN" or noun.ent_type_ == "NORP":
        text = noun.text
        return text[:-1] if noun.tag_ == "NNPS" and text.endswith("s") and not text.endswith("ss") else text
    return noun.lemma_.lower()


def read_counted(parsed: ParsedDoc, quantity: Quantity) -> Counted:
    """The counted noun and measure a quantity's own parse gives (no borrowing)."""
    if quantity.kind in ("time", "times", "measure"):
        return Counted()
    words = lexicon()
    anchor = parsed[quantity.anchor]
    noun = _counted_noun(parsed, quantity)
    level = noun is None
    change = ""
    if noun is None:
        noun, change = _level_noun(parsed, quantity)
    if noun is not None and noun.pos_ == "PRON":
        noun = None
    if noun is not None and noun.pos_ == "NOUN" and noun.lemma_.lower() in words.measures:
        # An act counted ("43 deaths", "a 70 percent increase in the price of petrol"): the act is the
        # measure, and what it happened to (if said) is counted.
        act = noun
        changed = normalise_measure(act.lemma_.lower()) in ("increased", "decreased")
        noun = _object_of(act, ("of", "among", "in") if changed else ("of", "among"))
        counted = _level_phrase(noun, quantity) if noun is not None else ""
        return Counted(counted, normalise_measure(act.lemma_.lower()), noun.i if noun is not None else None, act.i)
    if noun is None:
        counted = ""
    elif level:
        counted = _level_phrase(noun, quantity)
    else:
        counted = noun_phrase(noun, skip=range(quantity.first, quantity.last + 1))
    if change:
        return Counted(counted, change, noun.i if noun is not None else None, None)
    # The number's own role says what happened unless it modifies its noun ("600 protesters").
    modified = noun is not None and noun.i > quantity.last and anchor.head == noun
    first, second = (noun, _top(parsed, quantity)) if modified and noun is not None else (_top(parsed, quantity), noun)
    measure, verb = _measure(first)
    if not measure and second is not None and not level:
        measure, verb = _measure(second)
    return Counted(counted, measure, noun.i if noun is not None else None, verb)


def _object_of(noun: Token, prepositions: tuple[str, ...]) -> Token | None:
    """The object of the noun's first preposition among `prepositions`, unless it is a place or a date."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            objects = [t for t in child.children if t.dep_ == "pobj" and t.pos_ in ("NOUN", "PROPN")
                       and t.ent_type_ not in ("GPE", "LOC", "FAC", "DATE", "TIME")]
            if objects:
                return objects[0]
    return None


def _level_phrase(noun: Token, quantity: Quantity) -> str:
    """A level noun with its "of" complement as a modifier: "the price of petrol" -> "petrol price"."""
    phrase = noun_phrase(noun, skip=range(quantity.first, quantity.last + 1))
    complement = _object_of(noun, ("of",))
    if complement is not None and complement.pos_ == "NOUN" and not quantity.first <= complement.i <= quantity.last:
        return f"{_lemma(complement)} {phrase}"
    return phrase


def _counted_noun(parsed: ParsedDoc, quantity: Quantity) -> Token | None:
    """The noun a number counts: its head ("600 protesters"), or its "of" object ("thousands of ...")."""
    phrase = parsed[quantity.first:quantity.last + 1]
    for token in reversed(phrase):
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [t for t in child.children if t.dep_ == "pobj"]
                if objects and objects[0].pos_ in ("NOUN", "PROPN", "PRON"):
                    return objects[0]
    for token in reversed(phrase):
        head = token.head
        if token.dep_ in ("nummod", "quantmod", "amod", "compound", "predet") and head.i > quantity.last \
                and head.pos_ in ("NOUN", "PROPN"):
            if quantity.kind == "count" and (head.lower_,) in lexicon().units:
                return None
            return head
    return None


def _top(parsed: ParsedDoc, quantity: Quantity) -> Token:
    """The token of the quantity's phrase that hangs on something outside it."""
    inside = range(quantity.first, quantity.last + 1)
    return next((t for t in parsed[quantity.first:quantity.last + 1] if t.head.i not in inside or t.head.i == t.i),
                parsed[quantity.anchor])


def _level_noun(parsed: ParsedDoc, quantity: Quantity) -> tuple[Token | None, str]:
    """What a percentage, an amount of money or a total is the value of, and the change the verb
    states ("increased", "decreased") if it states one.

    "turnout was 62 percent", "the price of petrol had risen by 70%", "the official turnout of 62%",
    "a 62% turnout", "$40 million in aid"; for counts only a total named by a report noun: "the
    number of refugees reached 5,000".
    """
    words = lexicon()
    top = _top(parsed, quantity)
    head = top.head
    verb = head.head if top.dep_ == "pobj" else head
    lemma = verb.lemma_.lower()
    level = verb.pos_ in ("VERB", "AUX") and (lemma in words.light_verbs or lemma in _LEVEL_VERBS)
    change = normalise_measure(participle(verb)) if level and lemma in _LEVEL_VERBS else ""
    change = change if change in words.measures.values() else ""
    if quantity.kind == "count":
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if not level or subject is None or subject.lemma_.lower() not in words.report_nouns:
            return None, ""
        named = [t for c in subject.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.children
                 if t.dep_ == "pobj" and t.pos_ in ("NOUN", "PROPN") and t.lower_ not in words.measures]
        return (named[0] if named else None), ""
    if top.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in ("NOUN", "PROPN"):
        return head.head, ""
    if quantity.kind == "money":
        objects = _object_of(top, ("in",))
        if objects is not None:
            return objects, ""
    if top.dep_ in ("compound", "nummod", "amod") and head.pos_ == "NOUN" and head.i > quantity.last:
        return head, ""
    if level and top.dep_ in ("attr", "dobj", "pobj", "acomp", "npadvmod"):
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")), None)
        if subject is not None and subject.lemma_.lower() not in words.report_nouns:
            return subject, change
    return None, ""


def _measure(word: Token) -> tuple[str, int | None]:
    """What happened to the counted `word` (a noun, or the number standing alone).

    Candidates, in order: a participle after the noun ("1500 people killed"); the verb governing it
    ("have been killed", "killing 25 ..."; not a light or reporting verb), or its state ("reported
    dead", "20 dead", "are in Mali" -> present); a relative clause ("people who were killed") or
    an adjective ("dead soldiers"); an act noun ("the deaths of 500 ..."); a toll ("the death toll
    rose to 300"). The first candidate in claims_measures.tsv wins, else the first candidate.
    """
    candidates = list(_measure_candidates(word))
    known = [(measure, i) for measure, i in candidates if measure in lexicon().measures.values()]
    return (known or candidates or [("", None)])[0]


def _measure_candidates(word: Token) -> Iterator[tuple[str, int | None]]:
    words = lexicon()
    while word.dep_ == "conj" and word.head.pos_ in ("NOUN", "PROPN", "NUM") and word.head.i < word.i:
        word = word.head
    for child in word.children:
        if child.dep_ == "acl" and child.tag_ in ("VBN", "VBG") and child.lemma_ not in words.light_verbs:
            yield normalise_measure(participle(child)), child.i
    head = word.head
    if head.dep_ in ("aux", "auxpass"):  # a subject the parser hung on the auxiliary ("are" in "are missing")
        head = head.head
    if word.dep_ in ("nsubj", "nsubjpass", "dobj", "obj", "attr", "npadvmod") and head.i != word.i:
        yield from _governing(word, head)
    for child in word.children:
        if child.dep_ == "relcl" and child.pos_ in ("VERB", "AUX") and child.lemma_ not in words.light_verbs and any(
                t.dep_ in ("nsubj", "nsubjpass", "dobj") and t.tag_ in ("WP", "WDT") for t in child.children):
            yield normalise_measure(participle(child)), child.i
        if child.dep_ == "amod" and child.lower_ in words.measures:
            yield normalise_measure(child.lower_), child.i
    if word.dep_ == "pobj" and word.head.lower_ == "of":
        act = word.head.head
        if act.pos_ == "NOUN" and act.lower_ in words.measures:
            yield normalise_measure(act.lower_), act.i
    verb = word.head.head if word.dep_ == "pobj" else word.head
    if word.dep_ in ("pobj", "dobj", "attr", "npadvmod") and verb.pos_ in ("VERB", "AUX"):
        toll = _toll_measure(verb)
        if toll[0]:
            yield toll


def _governing(word: Token, head: Token) -> Iterator[tuple[str, int | None]]:
    """The measure the word's governing verb (or adjective) gives."""
    words = lexicon()
    state = next((c for c in head.children if c.dep_ in ("acomp", "oprd", "attr", "xcomp", "advcl")
                  and c.lower_ in words.measures), None)
    if state is not None:
        yield normalise_measure(state.lower_), state.i
    if head.pos_ == "ADJ" and head.lower_ in words.measures:
        yield normalise_measure(head.lower_), head.i
    if head.pos_ not in ("VERB", "AUX"):
        return
    lemma = head.lemma_.lower()
    if lemma == "be" and word.dep_ == "attr" and any(c.dep_ == "expl" for c in head.children):
        yield "present", head.i
    if lemma == "be" and word.dep_ == "nsubj" and any(
            c.dep_ == "prep" and c.lower_ in ("in", "at", "inside", "across") for c in head.children):
        yield "present", head.i
    if lemma in words.light_verbs:
        subject = next((c for c in head.children if c.dep_ == "nsubj" and c.lower_ in words.measures), None)
        if subject is not None:
            yield normalise_measure(subject.lower_), subject.i
    reported = lemma in words.reporting_verbs and word.dep_ in ("dobj", "obj", "npadvmod")
    if not (lemma == "be" or lemma in words.light_verbs or reported or word.dep_ == "npadvmod"):
        yield normalise_measure(participle(head)), head.i


def _toll_measure(verb: Token) -> tuple[str, int | None]:
    """'The death toll rose to 300', 'the number of deaths reached 1,200': the measure the toll names."""
    words = lexicon()
    for subject in verb.children:
        if subject.dep_ != "nsubj" or subject.lemma_.lower() not in words.report_nouns:
            continue
        for child in subject.children:
            if child.dep_ in ("compound", "amod") and child.lower_ in words.measures:
                return normalise_measure(child.lower_), child.i
            if child.dep_ == "prep" and child.lower_ == "of":
                for named in child.children:
                    if named.dep_ == "pobj" and named.lower_ in words.measures:
                        return normalise_measure(named.lower_), named.i
    return "", None


def borrow_counted(parsed: ParsedDoc, quantities: Sequence[Quantity], counts: Sequence[Counted],
                   paragraph_of: Sequence[int]) -> list[Counted]:
    """Fill the counted noun (and a missing measure) of numbers that stand alone from parallel ones.

    `paragraph_of[i]` is the paragraph number of quantity i. Only counts ("" unit) borrow and lend.
    """
    result = list(counts)
    sentence_of = [parsed[q.anchor].sent.start for q in quantities]
    for i, (quantity, own) in enumerate(zip(quantities, counts, strict=True)):
        if own.counted or quantity.kind != "count":
            continue
        lenders = [j for j, (other, theirs) in enumerate(zip(quantities, counts, strict=True))
                   if j != i and theirs.counted and other.kind == "count" and sentence_of[j] == sentence_of[i]]
        if lenders:
            j = min(lenders, key=lambda k: (abs(quantities[k].anchor - quantity.anchor), -k))
        elif _says_more(parsed, quantity):
            earlier = [j for j in range(i) if counts[j].counted and quantities[j].kind == "count"
                       and paragraph_of[j] == paragraph_of[i]]
            if not earlier:
                continue
            j = earlier[-1]
        else:
            continue
        lender = counts[j]
        same_sentence = sentence_of[j] == sentence_of[i]
        measure, verb = (own.measure, own.verb) if own.measure or not same_sentence else (lender.measure, lender.verb)
        result[i] = replace(own, counted=lender.counted, noun=lender.noun, measure=measure, verb=verb, borrowed=True)
    return result


def _says_more(parsed: ParsedDoc, quantity: Quantity) -> bool:
    """'3000 more', '200 additional', 'a further 50': the number continues an earlier count."""
    near = [parsed[k].lower_ for k in range(max(0, quantity.first - 2), min(len(parsed), quantity.last + 2))]
    return any(word in _MORE for word in near)
