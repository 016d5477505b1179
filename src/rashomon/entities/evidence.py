"""The evidence of what kind of thing a name names: type cues read off the name and its context.

Each mention gets a list of `TypeCue`s, each a vote (PERSON, ORG, PLACE, GROUP, or NONE for "no name of
these kinds") with a weight and a reason that `rashomon show --why` can print. `vote.py` adds them up
over a chain (and, across documents, over an entity). Nothing here knows any particular name: the
cues come from the NER label, the offline gazetteer, word lists of general nouns and prepositions
(rashomon/data/entities_cues.tsv, entities_titles.tsv) and the parse.

Cues about the name as written (`form=True`):

* the NER label (PERSON on a full name counts double; GPE/LOC/FAC on a name the gazetteer does not
  know, and ORG on one word the gazetteer knows as a city, count less: the small model guesses);
  a country name (PLACE), an all-capital acronym (ORG);
* the gazetteer: a city, state or continent of that name (weight by population; an alternate name
  such as "Stalingrad" counts less, a name of two or more words more);
* a place's head noun ("Mueller Glacier", "Zayed Road", "Mount Sefton"), a kunya ("Abu Sami": PERSON);
* a common word: a one-word name the document also writes in lowercase ("Flags" and "flags"), or a
  name in a title-case headline whose every word the document writes in lowercase elsewhere (NONE);
* letters after a name ("Lena Ostrova, MD": NONE).

Cues about one occurrence (`form=False`):

* a person's title before it (PERSON), a role noun just before it ("rebel leader X") or in an
  apposition ("X, the party's leader", "X, a corrupt tyrant"), an age ("X, 61,"), "X, who", "X's wife";
* "the city of X", a name modifying a place noun ("the Kelmora airport"), the object of "near",
  "outside", "in", of "invade" or "visit" (PLACE); the subject of "said" or "died" (against PLACE,
  unless a country or a capital that speaks for its government);
* a gloss in brackets: "X (the doctrine of ...)", "tea (X)", "X (a village)": the gloss's noun gives
  the type, and a noun of no kind of ours makes X a term (NONE); a bracket after a quotation holds the
  quotation's own words (NONE); "a pilgrimage known as X" likewise;
* "speak X" (a language), "during X" (an event or a time), "a X" (a common noun): NONE; "the X"
  counts against PERSON (people take no article).

Coordination ("Putin and Erdogan", "Baghdad and Erbil") is read in `mentions.py`, from the partner's
own vote.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import TypeCue
from ..nlp import english_words
from .acronyms import QUOTES
from .lexicon import KnownPlace, country_code, fold, known_place, load_cues, load_titles, title_words
from .names import acronym_of, name_tokens

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..model import EntityType
    from .chains import Candidate
    from .spans import DocContext

LABEL_TYPES: dict[str, EntityType] = {
    "PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "NORP": "GROUP",
}

KUNYA = frozenset({"abu", "abou", "umm", "um"})
"""The first word of a kunya ("Abu Sami", "Umm Khalid"): a person is known by it."""

_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod"})
_NOUN_TAGS = frozenset({"NN", "NNS"})
_CLOSING_QUOTES = frozenset({'"', "”", "'", "’", "»"})
_AGE = re.compile(r"^\d{1,3}$")
_BIG_CITY = 1_000_000


def _light(text: str) -> tuple[str, ...]:
    return name_tokens(text)


def label_cue(label: str, text: str, *, titled: str | None, fallback: EntityType, known: KnownPlace | None,
              place_shaped: bool) -> TypeCue:
    """The name's own vote: a title, a country, an acronym, the NER label or the fallback type."""
    if titled is not None and label != "NORP":
        return TypeCue("PERSON", 2.0, f"title {titled}")
    if label != "PERSON" and country_code(text) is not None:
        return TypeCue("PLACE", 1.5, "a country's name", form=True)
    if label not in ("ORG", "NORP") and acronym_of(text) is not None:
        return TypeCue("ORG", 1.0, "an acronym", form=True)
    words = len(_light(text))
    if label == "PERSON" and words >= 2:
        return TypeCue("PERSON", 2.0, "NER label PERSON on a full name", form=True)
    kind = LABEL_TYPES.get(label)
    if kind is None:
        return TypeCue(fallback, 0.5, "found by a rule", form=True)
    if kind == "PLACE" and known is None and not place_shaped:
        return TypeCue(kind, 0.75, f"NER label {label} on a name the gazetteer does not know", form=True)
    if label == "ORG" and words == 1 and known is not None and known.kind == "city" and known.primary:
        return TypeCue(kind, 0.75, f"NER label {label} on a city's name", form=True)
    return TypeCue(kind, 1.0, f"NER label {label}", form=True)


def place_shape(text: str) -> str | None:
    """The place noun that makes a name of two or more words a place's ("Glacier", "Mount"), or None."""
    words = _light(text)
    if len(words) < 2:
        return None
    cues = load_cues()
    raw = [word.lower().strip(".") for word in text.replace("-", " ").split()]
    if raw and raw[-1] in cues.place_heads:
        return raw[-1]
    return next((word for word in raw[:-1] if word in cues.place_leads), None)


def gazetteer_cue(text: str, known: KnownPlace | None) -> TypeCue | None:
    """A city, state or continent of this name votes PLACE, by how big it is."""
    if known is None or known.kind == "country":
        return None
    if known.kind == "city":
        weight = 1.5 if known.population >= _BIG_CITY else 1.25 if known.population >= 100_000 else 0.9
        reason = f"GeoNames city of {known.population:,} people"
        if not known.primary:
            weight *= 0.8
            reason += " (an alternate name)"
    else:
        weight, reason = 1.5, f"GeoNames {'US state' if known.kind == 'state' else known.kind}"
    if len(_light(text)) >= 2:
        weight += 1.0
    return TypeCue("PLACE", weight, reason, form=True)


def form_cues(ctx: DocContext, candidate: Candidate, text: str, *, titled: str | None) -> list[TypeCue]:
    """The cues of the name as written (see the module docstring)."""
    capitals = acronym_of(text) is not None and text.replace(".", "").isupper()
    known = known_place(text) if any(char.isalpha() for char in text) and not (capitals and len(text) < 4) else None
    if capitals and known is not None and known.kind != "country":
        known = None  # an acronym ("UN") is no city that some alternate name spells
    shape = place_shape(text)
    cues = [label_cue(candidate.label, text, titled=titled, fallback=candidate.fallback, known=known,
                      place_shaped=shape is not None)]
    if shape is not None:
        cues.append(TypeCue("PLACE", 2.5, f"a place's noun: {shape!r}", form=True))
    gazetteer = gazetteer_cue(text, known)
    if gazetteer is not None:
        cues.append(gazetteer)
    words = _light(text)
    if len(words) >= 2 and words[0] in KUNYA:
        cues.append(TypeCue("PERSON", 1.0, "a kunya (Abu X)", form=True))
    common = _common_word(ctx, candidate, text, titled=titled)
    if common is not None:
        cues.append(common)
    return cues


def _common_word(ctx: DocContext, candidate: Candidate, text: str, *, titled: str | None) -> TypeCue | None:
    """NONE for a one-word name the document writes in lowercase, for a headline's capitalised words,
    and for letters after a name ("MD")."""
    tokens = [ctx.parsed[i] for i in range(candidate.first, candidate.last + 1)]
    alpha = [token for token in tokens if token.is_alpha]
    if len(tokens) == 1 and fold(text) in load_cues().post_nominals:
        before = _previous(ctx, candidate.first)
        if before is not None and before.text == ",":
            return TypeCue("NONE", 5.0, f"letters written after a name ({text!r})", form=True)
    if titled is not None or not alpha or country_code(text) is not None:
        return None
    if acronym_of(text) is not None and text.isupper():
        return None
    if len(alpha) == 1 and len(tokens) == 1 and alpha[0].lower_ in ctx.lower_nouns and alpha[0].lower_ not in KUNYA:
        return TypeCue("NONE", 2.0, f"a common word: the document also writes {alpha[0].lower_!r} in lowercase",
                       form=True)
    if len(tokens) == 1 and candidate.label != "PERSON" and known_place(text) is None:
        stem = _verb_of(ctx, tokens[0].lower_)
        if stem is not None:
            return TypeCue("NONE", 1.5, f"a verb's -ing form ({stem!r})", form=True)
    if ctx.headline[candidate.first] and all(token.lower_ in ctx.lower for token in alpha):
        return TypeCue("NONE", 2.0, "capitalised only by a headline: the document writes "
                       + ", ".join(repr(token.lower_) for token in alpha) + " in lowercase", form=True)
    return None


def _verb_of(ctx: DocContext, word: str) -> str | None:
    """The English verb a word ending in -ing is a form of ("qualifying" -> "qualify"), or None."""
    if len(word) < 6 or not word.endswith("ing"):
        return None
    verbs = english_words(ctx.parsed, "verb")
    stem = word[:-3]
    for candidate in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""):
        if candidate and candidate in verbs:
            return candidate
    return None


def _previous(ctx: DocContext, index: int) -> Token | None:
    index -= 1
    while index >= 0 and ctx.parsed[index].is_space:
        index -= 1
    return ctx.parsed[index] if index >= 0 else None


def _next(ctx: DocContext, index: int) -> Token | None:
    index += 1
    while index < len(ctx.parsed) and ctx.parsed[index].is_space:
        index += 1
    return ctx.parsed[index] if index < len(ctx.parsed) else None


def noun_kind(token: Token) -> EntityType | None:
    """The type a common noun names, by the lists of entities_cues.tsv; None for any other noun."""
    cues = load_cues()
    lemma = token.lemma_.lower()
    for kind, words in (("PERSON", cues.person_nouns), ("PLACE", cues.place_nouns), ("ORG", cues.org_nouns),
                        ("GROUP", cues.group_nouns)):
        if lemma in words or token.lower_ in words:
            return kind  # type: ignore[return-value]
    return None


def _is_common_noun(token: Token) -> bool:
    return token.tag_ in _NOUN_TAGS and token.text[:1].islower()


def _head(ctx: DocContext, candidate: Candidate) -> Token:
    return ctx.parsed[candidate.first:candidate.last + 1].root


def context_cues(ctx: DocContext, candidate: Candidate, text: str) -> list[TypeCue]:
    """The cues of one occurrence's context (see the module docstring); coordination aside."""
    root = _head(ctx, candidate)
    cues: list[TypeCue] = []
    cues += _syntax_cues(ctx, candidate, root, text)
    cues += _neighbour_cues(ctx, candidate)
    cues += _gloss_cues(ctx, candidate)
    return cues


def _syntax_cues(ctx: DocContext, candidate: Candidate, root: Token, text: str) -> list[TypeCue]:
    cues_words = load_cues()
    cues: list[TypeCue] = []
    head = root.head
    dep = root.dep_
    if dep == "pobj" and head.lower_ == "of" and head.head.text[:1].islower() \
            and head.head.lemma_.lower() in cues_words.place_nouns:
        cues.append(TypeCue("PLACE", 2.5, f"'the {head.head.lower_} of X'"))
    elif dep == "pobj" and head.lower_ in cues_words.spatial_preps:
        cues.append(TypeCue("PLACE", 1.0, f"'{head.lower_} X'"))
    elif dep == "pobj" and head.lower_ == "from" and head.head.lower_ in ("far", "away"):
        cues.append(TypeCue("PLACE", 1.0, f"'{head.head.lower_} from X'"))
    elif dep == "pobj" and head.lower_ == "of" and (before_of := _previous(ctx, head.i)) is not None \
            and before_of.text == ",":
        cues.append(TypeCue("PLACE", 1.0, "', of X' (where someone is from)"))
    elif dep == "pobj" and head.lower_ in ("to", "from", "into", "toward", "towards") \
            and head.head.lemma_.lower() in cues_words.motion_verbs and head.head.pos_ == "VERB":
        cues.append(TypeCue("PLACE", 1.25, f"'{head.head.lower_} {head.lower_} X'"))
    elif dep == "pobj" and head.lower_ in cues_words.locative_preps:
        cues.append(TypeCue("PLACE", 0.5, f"'{head.lower_} X'"))
    elif dep == "pobj" and head.lower_ in cues_words.period_preps:
        cues.append(TypeCue("NONE", 1.5, f"'{head.lower_} X': an event or a time"))
    if dep == "dobj" and head.pos_ == "VERB":
        lemma = head.lemma_.lower()
        if lemma in cues_words.language_verbs:
            cues.append(TypeCue("NONE", 2.0, f"a language: '{head.lower_} X'"))
        elif lemma in cues_words.place_verbs:
            cues.append(TypeCue("PLACE", 1.0, f"'{head.lower_} X'"))
        elif lemma in cues_words.person_verbs:
            cues.append(TypeCue("PERSON", 1.0, f"'{head.lower_} X'"))
    if dep == "nsubjpass" and head.lemma_.lower() in cues_words.person_verbs:
        cues.append(TypeCue("PERSON", 1.0, f"'X was {head.lower_}'"))
    if dep in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        lemma = head.lemma_.lower()
        if lemma in cues_words.life_verbs and (dep == "nsubjpass") == (lemma == "bear"):
            cues.append(TypeCue("PERSON", 1.5, f"subject of '{head.lower_}'"))
        elif lemma in cues_words.speech_verbs and not _speaks_for_a_state(text):
            # a name the NER calls a place may still speak for its government ("Ostravia said")
            weight = -0.5 if candidate.label == "GPE" else -1.0
            cues.append(TypeCue("PLACE", weight, f"subject of '{head.lower_}'"))
    if dep == "compound" and _is_common_noun(head) and head.i > candidate.last:
        kind = noun_kind(head)
        if kind == "PLACE":
            cues.append(TypeCue("PLACE", 1.0, f"modifies '{head.lower_}'"))
    if dep == "poss" and head.lemma_.lower() in cues_words.kin_nouns and _is_common_noun(head):
        cues.append(TypeCue("PERSON", 1.5, f"'X's {head.lower_}'"))
    for partner in _appositions(root):
        if _is_common_noun(partner) and not _in_brackets(ctx, partner.i):
            kind = noun_kind(partner)
            if kind is not None:
                cues.append(TypeCue(kind, 1.5, f"apposition '{partner.lower_}'"))
    modifier = dep in _MODIFIER_DEPS and head.i != root.i
    determiners = [child for child in root.children if child.dep_ == "det" and child.i < candidate.first]
    before = _previous(ctx, candidate.first)
    if before is not None and before.lower_ in ("a", "an", "the") and before not in determiners:
        determiners.append(before)
    if not modifier and candidate.title is None:
        for det in determiners:
            if det.lower_ in ("a", "an") and len(_light(text)) == 1 and candidate.label != "NORP":
                cues.append(TypeCue("NONE", 1.5, f"'{det.lower_} {text}': a common noun"))
            elif det.lower_ == "the" and candidate.label != "NORP":
                cues.append(TypeCue("PERSON", -1.0, "'the X': people take no article"))
                last = ctx.parsed[candidate.last].lower_
                if len(_light(text)) >= 2 and last.endswith("s") and not last.endswith("ss") \
                        and candidate.label not in ("GPE", "LOC", "FAC") and known_place(text) is None:
                    cues.append(TypeCue("ORG", 1.5, f"'the X {ctx.parsed[candidate.last].text}': a team or a group"))
    language = _next(ctx, candidate.last)
    if language is not None and language.lower_ in ("language", "speakers", "speaking", "-speaking"):
        cues.append(TypeCue("NONE", 2.0, f"a language: 'X {language.lower_}'"))
    return cues


def _speaks_for_a_state(text: str) -> bool:
    """A country or a big city may "say" things: its government speaks in its name."""
    known = known_place(text)
    return known is not None and (known.kind in ("country", "state") or known.population >= _BIG_CITY)


def _appositions(root: Token) -> list[Token]:
    found = [child for child in root.children if child.dep_ == "appos"]
    if root.dep_ == "appos" and root.head.i != root.i:
        found.append(root.head)
    return found


def _in_brackets(ctx: DocContext, index: int) -> bool:
    bracket = ctx.bracket[index]
    return bracket is not None


def _neighbour_cues(ctx: DocContext, candidate: Candidate) -> list[TypeCue]:
    """A role noun just before the name; an age, "who" or "which" just after it."""
    cues: list[TypeCue] = []
    before = _previous(ctx, candidate.first)
    if before is not None and _is_common_noun(before) and candidate.title is None:
        kind = noun_kind(before)
        if kind in ("PERSON", "ORG"):
            cues.append(TypeCue(kind, 1.5, f"'{before.lower_}' before it"))
    after = _next(ctx, candidate.last)
    if after is not None and after.text in (",", "("):
        following = _next(ctx, after.i)
        closing = _next(ctx, following.i) if following is not None else None
        if following is not None and _AGE.match(following.text) and 0 < int(following.text) < 120 \
                and closing is not None and closing.text in (",", ".", ")", ";"):
            cues.append(TypeCue("PERSON", 2.0, f"an age after it ('{following.text}')"))
        elif following is not None and after.text == "," and following.lower_ in ("who", "whom"):
            cues.append(TypeCue("PERSON", 1.5, f"', {following.lower_}' after it"))
        elif following is not None and after.text == "," and following.lower_ == "which":
            cues.append(TypeCue("PERSON", -1.0, "', which' after it"))
    return cues


def _gloss_cues(ctx: DocContext, candidate: Candidate) -> list[TypeCue]:
    """What a bracketed gloss, or "known as", says the name is."""
    parsed = ctx.parsed
    cues: list[TypeCue] = []
    after = _next(ctx, candidate.last)
    if after is not None and after.text == "(":
        inner = [token for token in parsed[after.i + 1:ctx.closing(after.i)] if not token.is_space]
        noun = _gloss_noun(inner)
        if noun is not None:
            cues.append(_noun_cue(noun, "glossed"))
    bracket = ctx.bracket[candidate.first]
    if bracket is not None:
        opening, closing = bracket
        before = _previous(ctx, opening)
        whole = candidate.first == _first_word(ctx, opening + 1) and candidate.last == _last_word(ctx, closing - 1)
        if before is not None and before.text in _CLOSING_QUOTES:
            cues.append(TypeCue("NONE", 2.5, "in brackets after a quotation: the quotation's own words"))
        elif before is not None and whole and before.text[:1].islower() and before.tag_ in (*_NOUN_TAGS, "JJ", "VBN") \
                and before.lower_ not in _NEUTRAL_NOUNS:
            cues.append(_noun_cue(before, "the word for"))
    known = _known_as(ctx, candidate)
    if known is not None:
        cues.append(_noun_cue(known, "known as the name of"))
    return cues


def _first_word(ctx: DocContext, index: int) -> int:
    while index < len(ctx.parsed) and (ctx.parsed[index].is_space or ctx.parsed[index].text in QUOTES):
        index += 1
    return index


def _last_word(ctx: DocContext, index: int) -> int:
    while index > 0 and (ctx.parsed[index].is_space or ctx.parsed[index].text in QUOTES):
        index -= 1
    return index


_NO_GLOSS = frozenset({"known", "also", "born", "aka", "or", "not", "formerly", "now", "then"})
_NEUTRAL_NOUNS = frozenset({"photo", "photograph", "picture", "file", "image", "video", "archive", "inset", "left",
                            "right", "centre", "center", "top", "bottom", "above", "below", "name", "names",
                            "pseudonym", "alias", "nickname", "surname", "spelling", "transliteration", "age",
                            "aged", "pictured", "source", "sources", "credit", "courtesy", "update", "updated"})
"""Nouns of a bracket that say nothing of what the name names: captions, ages, spellings."""


def _gloss_noun(inner: list[Token]) -> Token | None:
    """The head noun of a lowercase gloss ("the doctrine promoted by ...", "a village"), or None."""
    if not inner or not inner[0].text[:1].islower() or inner[0].lower_ in _NO_GLOSS:
        return None
    for token in inner[:5]:
        if token.tag_ in ("DT", "JJ", "JJR", "JJS", "PRP$", "CD", "HYPH") or token.text in ("-", ","):
            continue
        return token if _is_common_noun(token) and token.lower_ not in _NEUTRAL_NOUNS else None
    return None


def _noun_cue(noun: Token, how: str) -> TypeCue:
    kind = noun_kind(noun)
    if kind is None:
        return TypeCue("NONE", 2.5, f"{how} '{noun.lower_}': a term, not a name")
    return TypeCue(kind, 2.5, f"{how} '{noun.lower_}'")


def _known_as(ctx: DocContext, candidate: Candidate) -> Token | None:
    """The lowercase noun X of "X known as NAME", "X (known as NAME)", "X, called NAME"."""
    parsed = ctx.parsed
    index = candidate.first - 1
    while index >= 0 and (parsed[index].is_space or parsed[index].text in QUOTES or parsed[index].lower_ == "the"):
        index -= 1
    if index < 0:
        return None
    if parsed[index].lower_ == "as" and index >= 1 and parsed[index - 1].lower_ == "known":
        index -= 2
    elif parsed[index].lower_ == "called":
        index -= 1
    else:
        return None
    while index >= 0 and (parsed[index].is_space or parsed[index].text in ("(", ",")
                          or parsed[index].lower_ in ("also", "commonly", "locally", "popularly", "widely")):
        index -= 1
    if index >= 0 and _is_common_noun(parsed[index]) and parsed[index].lower_ not in _NEUTRAL_NOUNS:
        return parsed[index]
    return None


def title_of(candidate: Candidate, text: str) -> str | None:
    """The person's title a mention carries: the one before it, or a name-forming one it begins with."""
    if candidate.title is not None:
        return candidate.title
    words = title_words(text)
    if words[:1] in load_titles().name_forming and len(words) > 1:
        return text.split()[0]
    return None
