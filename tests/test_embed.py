"""Sentence embeddings computed in numpy equal what PyTorch computes for the same model."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from rashomon.embed import DIMENSIONS, SentenceEncoder, load_encoder
from rashomon.errors import ModelError

REFERENCE = json.loads((Path(__file__).parent / "fixtures" / "embed" / "reference.json").read_text(encoding="utf-8"))


def test_embed_matches_the_pytorch_reference() -> None:
    vectors = load_encoder().encode(REFERENCE["sentences"])
    expected = np.array(REFERENCE["vectors"], dtype=np.float32)
    assert vectors.shape == (len(REFERENCE["sentences"]), DIMENSIONS)
    assert np.abs(vectors - expected).max() < 1e-5


@pytest.mark.parametrize("batch_size", [1, 3, 32])
def test_embed_rows_follow_the_input_order_whatever_the_batches(batch_size: int) -> None:
    sentences = REFERENCE["sentences"]
    whole = load_encoder().encode(sentences)
    assert np.abs(load_encoder().encode(sentences, batch_size=batch_size) - whole).max() < 1e-5
    assert np.allclose(np.linalg.norm(whole, axis=1), 1.0, atol=1e-5)


def test_embed_similar_sentences_are_closer() -> None:
    first, second, third, _ = load_encoder().encode(REFERENCE["sentences"])
    assert first @ second > first @ third  # two embassy attacks, then a café


def test_embed_empty_input() -> None:
    assert load_encoder().encode([]).shape == (0, DIMENSIONS)


def test_embed_missing_model_names_what_to_install(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="cannot load the sentence embedding model"):
        SentenceEncoder(tmp_path)
