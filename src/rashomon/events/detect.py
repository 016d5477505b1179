"""Event words learned from annotated news: a linear model over spaCy's features, beside the lexicon.

Which words of a sentence name an event ("exploded", "killing", "the trial", "was fired")? The PLOVER
lexicon knows political acts; this model was trained on the event words annotators marked in news
(TimeBank 1.2 EVENT tags and the ECB+ training topics' action mentions; `evaluation.train_events`,
`make train-events`) and finds events of any kind: earthquakes, product launches, awards, arrests.

The model is a logistic regression. For each candidate word (a verb, noun, adjective or proper noun
outside a name) it reads features of spaCy's parse: the word, its lemma, part of speech, dependency
label, head word, suffix, neighbours, its dependents' labels, whether the PLOVER lexicon knows it.
(spaCy's contextual token vector, `Doc.tensor`, was tried as 96 more features: it added nothing on the
held-out sets and would tie the weights to one tok2vec, so it is left out.) Its weights ship in the package
(data/event_detector.npz, with data/event_detector.json: the training data's digest, the seed, the
spaCy pipeline it was trained with and the scores measured), are read once per process, and are applied
with numpy: nothing is downloaded or trained at run time.

`EventDetector.probabilities(tokens)` gives each candidate word's probability of being an event word.
"""

from __future__ import annotations

import functools
import json
import logging
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import ConfigError
from .plover import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

logger = logging.getLogger(__name__)

__all__ = ["CANDIDATE_POS", "DETECTOR_FILE", "EventDetector", "candidate", "load_detector", "token_features"]

DETECTOR_FILE = "event_detector"  # .npz (weights) and .json (what made them) in rashomon/data/
CANDIDATE_POS = frozenset({"VERB", "NOUN", "ADJ", "PROPN"})
# Named-entity labels of names (never event words); EVENT ("the Oscars") stays a candidate.
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART", "LAW", "PRODUCT",
                          "DATE", "TIME", "MONEY", "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL", "LANGUAGE"})
_MARK_DEPS = frozenset({"aux", "auxpass", "neg", "prt", "det", "mark", "case"})


def candidate(token: Token) -> bool:
    """Whether the model reads `token`: a verb, noun, adjective or proper noun that is not part of a name."""
    return token.pos_ in CANDIDATE_POS and token.ent_type_ not in _NAME_LABELS and any(c.isalpha() for c in token.text)


def token_features(token: Token, lexicon: Lexicon) -> Iterator[str]:
    """The features of one token, as strings ("l=attack", "d=dobj"); the model has a weight for each it knows."""
    lower = token.lower_
    lemma = token.lemma_.lower()
    pos, dep = token.pos_, token.dep_
    head = token.head
    yield "bias"
    yield f"w={lower}"
    yield f"l={lemma}"
    yield f"lp={lemma}|{pos}"
    yield f"p={pos}"
    yield f"t={token.tag_}"
    yield f"d={dep}"
    yield f"pd={pos}|{dep}"
    yield f"s3={lower[-3:]}"
    yield f"s4={lower[-4:]}"
    yield f"shape={'X' if token.is_title else 'x'}{'X' if token.is_upper else 'x'}"
    yield f"h={head.lemma_.lower()}"
    yield f"dh={dep}|{head.lemma_.lower()}"
    yield f"hp={head.pos_}"
    yield f"e={token.ent_type_ or 'O'}"
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    yield f"pw={before.lower_ if before is not None else '<s>'}"
    yield f"nw={after.lower_ if after is not None else '</s>'}"
    yield f"pt={before.tag_ if before is not None else '<s>'}"
    yield f"nt={after.tag_ if after is not None else '</s>'}"
    for child in token.children:
        yield f"c={child.dep_}"
        if child.dep_ in _MARK_DEPS:
            yield f"cw={child.dep_}|{child.lower_}"
    if pos == "VERB" or pos == "AUX":
        entry = lexicon.verbs.get(lemma)
    else:
        entry = lexicon.nouns.get(lemma)
    yield f"plover={entry.category if entry is not None else '-'}"
    if lemma in lexicon.speech:
        yield "speech"


@dataclass(frozen=True, slots=True)
class EventDetector:
    """A trained event-word model: a weight per named feature, and the probability that makes an event word."""

    index: Mapping[str, int]  # named feature -> its column in `weights`
    weights: np.ndarray  # float32, one weight per named feature
    threshold: float  # probability from which a word is an event word
    meta: Mapping[str, Any]  # what made the weights: data digest, seed, spaCy pipeline, scores

    @property
    def logit_threshold(self) -> float:
        """The threshold as log-odds."""
        return math.log(self.threshold / (1.0 - self.threshold))

    def logit(self, token: Token, *, lexicon: Lexicon) -> float:
        """The model's log-odds that `token` is an event word."""
        index, weights = self.index, self.weights
        columns = [index[f] for f in token_features(token, lexicon) if f in index]
        return float(weights[columns].sum())

    def probabilities(self, tokens: Iterable[Token], *, lexicon: Lexicon) -> dict[int, float]:
        """Token index -> probability of being an event word, for each candidate word among `tokens`."""
        return {token.i: 1.0 / (1.0 + math.exp(-self.logit(token, lexicon=lexicon)))
                for token in tokens if candidate(token)}


def _read(path: Path | None) -> tuple[dict[str, np.ndarray], dict[str, Any], str]:
    if path is None:
        folder = resources.files("rashomon").joinpath("data")
        origin = f"rashomon/data/{DETECTOR_FILE}"
        with folder.joinpath(f"{DETECTOR_FILE}.npz").open("rb") as handle:
            arrays = dict(np.load(handle, allow_pickle=False))
        meta = json.loads(folder.joinpath(f"{DETECTOR_FILE}.json").read_text(encoding="utf-8"))
        return arrays, meta, origin
    if not path.with_suffix(".npz").is_file() or not path.with_suffix(".json").is_file():
        raise ConfigError(f"{path}: no event model here (.npz and .json). Run 'make train-events' or leave it out.")
    with path.with_suffix(".npz").open("rb") as handle:
        arrays = dict(np.load(handle, allow_pickle=False))
    return arrays, json.loads(path.with_suffix(".json").read_text(encoding="utf-8")), str(path)


@functools.lru_cache(maxsize=4)
def load_detector(path: str | None = None) -> EventDetector:
    """The event-word model shipped with rashomon (data/event_detector.*), or the one at `path` (without
    its suffix), read once per process."""
    arrays, meta, origin = _read(Path(path) if path is not None else None)
    for name in ("names", "weights"):
        if name not in arrays:
            raise ConfigError(f"{origin}.npz lacks {name!r}; the file is damaged. Run 'make train-events' again.")
    names = [str(n) for n in arrays["names"]]
    threshold = float(meta.get("threshold", 0.5))
    if not 0.0 < threshold < 1.0 or math.isnan(threshold):
        raise ConfigError(f"{origin}.json: threshold {threshold!r} is not a probability; run 'make train-events'.")
    return EventDetector(index={name: i for i, name in enumerate(names)},
                         weights=arrays["weights"].astype(np.float32), threshold=threshold, meta=meta)


def _inflections(word: str) -> list[str]:
    """The forms a word may be an inflection of, most likely first: "dies" -> "die", "stopped" -> "stop"."""
    found: list[str] = []
    if word.endswith("ies") and len(word) > 4:
        found.append(word[:-3] + "y")
    if word.endswith("es") and len(word) > 3:
        found += [word[:-1], word[:-2]]
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        found.append(word[:-1])
    if word.endswith("ed") and len(word) > 4:
        found += [word[:-1], word[:-2]]
        if word[-3] == word[-4]:
            found.append(word[:-3])
        if word.endswith("ied"):
            found.append(word[:-3] + "y")
    if word.endswith("ing") and len(word) > 5:
        found += [word[:-3], word[:-3] + "e"]
        if word[-4] == word[-5]:
            found.append(word[:-4])
    return found


def word_lemma(token: Token, *, lexicon: Lexicon, detector: EventDetector | None = None) -> str:
    """The token's lemma, lowercased; a title-case word spaCy leaves as written (the verbs and plurals of a
    headline: "Actor Dies", "Checks Into Rehab") is read as the known lemma it inflects: a word of the lexicon
    or a lemma the event-word model learnt ("die", "check"). Names keep their form."""
    lemma = token.lemma_.lower()
    if not token.is_title or token.ent_type_ or lemma != token.lower_:
        return lemma
    known = detector.index if detector is not None else {}
    for form in _inflections(lemma):
        if form in lexicon.verbs or form in lexicon.nouns or f"l={form}" in known:
            return form
    return lemma

