"""The word lists the perspective stage reads: word polarity, cue words, violence words.

Polarity comes from VADER's lexicon (the `vaderSentiment` package), completed by a short list of
evaluative words VADER lacks (`data/perspective_evaluative.tsv`). Cue words (`data/perspective_cues.tsv`)
say who holds a judgement: speech and cognition verbs, judgement verbs and nouns, relational nouns,
copulas. Violence words (`data/perspective_violence.tsv`) name a violent act: the framing of events
compares them, and stance keeps them from counting as a judgement of the victim. All lists are loaded
once per process.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

from ..data_files import read_data_tsv

logger = logging.getLogger(__name__)

CUE_CLASSES = ("speech", "speech_noun", "cognition", "judgement", "judgement_noun", "relational", "copula",
               "experience", "not_evaluative", "person", "role", "title", "modal", "irrealis", "concessive", "effort",
               "reversal", "claim_noun", "manner", "regard", "conduct", "collective", "esteem")


@dataclass(frozen=True, slots=True)
class ViolenceWord:
    """A word (or two-word phrase) naming a violent act, with its act, connotation and valence."""

    lemma: str
    category: str
    frame: str
    valence: float


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the perspective stage looks words up in."""

    valence: dict[str, float]  # word -> VADER-scale valence (-4 .. +4)
    cues: dict[str, frozenset[str]]  # class -> lemmas
    overrides: dict[tuple[str, str], float]  # (class, lemma) -> valence used in that role
    violence: dict[str, ViolenceWord]  # lemma or "modifier head" -> word
    boosters: dict[str, float]  # intensifiers ("very": +0.293), from VADER
    judging: frozenset[str] = frozenset()  # the words of rashomon's own list of judgements of people

    def polarity(self, *forms: str) -> float:
        """The valence of the first of `forms` (lower-cased text, lemma, ...) that the lexicon has, else 0."""
        for form in forms:
            value = self.valence.get(form.lower())
            if value is not None:
                return value
        return 0.0

    def is_cue(self, cls: str, lemma: str) -> bool:
        return lemma.lower() in self.cues.get(cls, frozenset())

    def cue_polarity(self, cls: str, lemma: str, *forms: str) -> float:
        """The valence of a cue word in its role: the override if the cue list gives one, else VADER's."""
        override = self.overrides.get((cls, lemma.lower()))
        if override is not None:
            return override
        return self.polarity(lemma, *forms)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load VADER's lexicon and rashomon's lists once per process."""
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentimentIntensityAnalyzer

    valence: dict[str, float] = dict(SentimentIntensityAnalyzer().lexicon)
    judging = set()
    for row in read_data_tsv("perspective_evaluative.tsv", fields=2):
        valence[row.fields[0].lower()] = row.number(1)
        judging.add(row.fields[0].lower())
    cues: dict[str, set[str]] = {cls: set() for cls in CUE_CLASSES}
    overrides: dict[tuple[str, str], float] = {}
    for row in read_data_tsv("perspective_cues.tsv", min_fields=2, max_fields=3):
        lemma, cls = row.fields[0].lower(), row.choice(1, CUE_CLASSES)
        cues[cls].add(lemma)
        value = row.optional_number(2)
        if value is not None:
            overrides[(cls, lemma)] = value
    violence: dict[str, ViolenceWord] = {}
    for row in read_data_tsv("perspective_violence.tsv", min_fields=3, max_fields=4):
        lemma = row.fields[0].lower()
        value = row.optional_number(3)
        if value is None:
            value = valence.get(lemma, valence.get(lemma.split()[-1], -2.0))
        violence[lemma] = ViolenceWord(lemma, row.fields[1], row.fields[2], value)
    return Lexicon(valence=valence, cues={k: frozenset(v) for k, v in cues.items()}, overrides=overrides,
                   violence=violence, boosters=dict(BOOSTER_DICT), judging=frozenset(judging))
