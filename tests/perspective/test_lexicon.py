"""The word lists: they load, are well formed, and say what the docs say."""

from __future__ import annotations

import pytest

from rashomon.perspective import load_lexicon
from rashomon.perspective.lexicon import CUE_CLASSES

FRAMES = {"descriptive", "agentless", "condemning", "judicial", "euphemistic", "military", "hostile", "sanctifying"}


def test_load_lexicon_reads_vader_and_rashomon_lists() -> None:
    lexicon = load_lexicon()
    assert lexicon.polarity("criminal") < 0 < lexicon.polarity("respected")
    assert lexicon.polarity("sadistic") < 0  # from rashomon's own list: VADER lacks it
    assert lexicon.polarity("table") == 0.0
    assert set(lexicon.cues) == set(CUE_CLASSES) and all(lexicon.cues.values())
    assert load_lexicon() is lexicon  # loaded once


def test_violence_words_have_known_frames_and_sensible_valence() -> None:
    violence = load_lexicon().violence
    assert {"killing", "assassination", "execution", "airstrike", "drone attack", "elimination"} <= set(violence)
    for word in violence.values():
        assert word.frame in FRAMES, word
        assert -4 <= word.valence <= 4
        assert (word.valence > 0) == (word.frame == "sanctifying"), word


@pytest.mark.parametrize(("cls", "lemma", "value"), [("judgement", "mourn", 1.5), ("judgement", "hail", 2.0)])
def test_cue_polarity_prefers_the_override(cls: str, lemma: str, value: float) -> None:
    assert load_lexicon().cue_polarity(cls, lemma) == value
