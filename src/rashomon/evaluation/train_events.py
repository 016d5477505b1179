"""Train the event-word model (`events.detect`) and the confidence calibration (`events.confidence`).

    make train-events          # = python -m rashomon.evaluation.train_events ../shared/data

Reads TimeBank 1.2 (TBAQ-cleaned/TimeBank) and the ECB+ training topics; AQUAINT and the ECB+ dev topics
are held out for evaluation (`rashomon eval triggers`, `rashomon eval ecbplus`). Everything is seeded and
deterministic; the sha256 of every file read is recorded beside the weights with the scores measured, in
src/rashomon/data/event_detector.json (the weights: event_detector.npz).

The event-word model is a logistic regression fit by scipy's L-BFGS (no scikit-learn): L2-penalised log
loss over the features (`detect.token_features`) seen at least twice in training. The confidence models are
two small logistic regressions over the evidence of `events.confidence`: of mentions found by models trained
without the mention's document (three folds, cross-fitting), labelled by whether the mention is a gold event
asserted as having happened; and of the events fusion makes of them in each ECB+ topic, labelled by whether
most of an event's mentions are one gold event.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy import optimize, sparse

from ..events.confidence import (
    EVENT_FEATURES,
    MENTION_FEATURES,
    Calibration,
    event_evidence,
    mention_confidence,
    named_participant,
)
from ..events.detect import DETECTOR_FILE, EventDetector, candidate, token_features
from ..events.plover import Lexicon, load_lexicon
from ..model import EventMention, Mention
from .triggers import (
    LabelledDocument,
    corroborated_clusters,
    find_mentions,
    is_true_event,
    is_true_mention,
    read_ecbplus_events,
    read_timeml_events,
)

if TYPE_CHECKING:
    from spacy.language import Language

logger = logging.getLogger(__name__)

SEED = 20260101
MIN_COUNT = 2  # a named feature enters the model when seen this often in training
L2 = 2.0  # penalty on the squared weights (log loss summed over examples)
CALIBRATION_L2 = 1.0
THRESHOLD = 0.5  # probability from which the model's word is an event word


@dataclass(frozen=True, slots=True)
class Examples:
    """Candidate words of some documents: their features and labels."""

    features: list[list[str]]
    labels: np.ndarray  # (n,) 0/1
    documents: list[str]  # the document each example comes from
    tokens: list[tuple[str, int]]  # (document name, token index)


def label_tokens(document: LabelledDocument) -> dict[int, int]:
    """Token index -> 1 (the head of a gold event rashomon codes) or 0 (any other candidate word in the scored
    ranges); the other words of a gold event, and the head of a framing event, are 0 unless they are a head."""
    labels: dict[int, int] = {}
    inside: set[int] = set()
    for event in document.events:
        for span in event.spans:
            found = document.parsed.char_span(span.start, span.end, alignment_mode="expand")
            if found is not None:
                inside.update(t.i for t in found)
    for token in document.parsed:
        if candidate(token) and document.in_scored(token.idx, token.idx + len(token.text)) and token.i not in inside:
            labels[token.i] = 0
    for event in document.events:
        if event.head < 0:
            continue
        token = document.parsed[event.head]
        if not candidate(token):
            continue
        labels[event.head] = 0 if event.framing else 1
    return labels


def examples(documents: Iterable[LabelledDocument], lexicon: Lexicon) -> Examples:
    """The candidate words of `documents` with their features and labels (`label_tokens`)."""
    features: list[list[str]] = []
    labels: list[int] = []
    names: list[str] = []
    tokens: list[tuple[str, int]] = []
    for document in documents:
        for index, label in sorted(label_tokens(document).items()):
            features.append(list(token_features(document.parsed[index], lexicon)))
            labels.append(label)
            names.append(document.name)
            tokens.append((document.name, index))
    return Examples(features, np.asarray(labels, dtype=np.float64), names, tokens)


def design(found: Examples, index: dict[str, int]) -> sparse.csr_matrix:
    """The examples as one sparse 0/1 matrix of the features in `index`."""
    rows, columns = [], []
    for row, names in enumerate(found.features):
        for name in names:
            column = index.get(name)
            if column is not None:
                rows.append(row)
                columns.append(column)
    return sparse.csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(len(found.features), len(index)))


def fit_logistic(matrix: sparse.csr_matrix | np.ndarray, labels: np.ndarray, *, l2: float,
                 weights: np.ndarray | None = None, unpenalised: Sequence[int] = ()) -> np.ndarray:
    """Weights of an L2-penalised logistic regression (L-BFGS, from zero; deterministic).

    `weights` weigh the examples; the columns in `unpenalised` (a bias) are not penalised.
    """
    n, k = matrix.shape
    sample = np.ones(n) if weights is None else weights
    penalty = np.full(k, l2)
    penalty[list(unpenalised)] = 0.0
    sign = 2 * labels - 1

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = matrix @ w
        margin = sign * z
        value = float(np.sum(sample * np.logaddexp(0.0, -margin)) + 0.5 * np.sum(penalty * w * w))
        gradient = -(matrix.T @ (sample * sign * (1.0 / (1.0 + np.exp(margin))))) + penalty * w
        return value, np.asarray(gradient).ravel()

    found = optimize.minimize(loss, np.zeros(k), jac=True, method="L-BFGS-B", options={"maxiter": 2000})
    if not found.success:
        logger.warning("logistic regression stopped before converging: %s", found.message)
    return np.asarray(found.x)


def vocabulary(found: Examples) -> dict[str, int]:
    counts = Counter(name for names in found.features for name in names)
    return {name: i for i, name in enumerate(sorted(n for n, c in counts.items() if c >= MIN_COUNT))}


def train_detector(found: Examples) -> tuple[list[str], np.ndarray]:
    """(the features, their weights) fit on `found`."""
    index = vocabulary(found)
    w = fit_logistic(design(found, index), found.labels, l2=L2, unpenalised=[index["bias"]])
    return sorted(index, key=index.__getitem__), w.astype(np.float32)


def detector_from(names: Sequence[str], weights: np.ndarray, *, threshold: float = 0.5) -> EventDetector:
    return EventDetector(index={n: i for i, n in enumerate(names)}, weights=weights, threshold=threshold, meta={})


def folds_of(documents: Sequence[LabelledDocument], folds: int) -> list[int]:
    """A fold number per document, seeded: each corpus spread evenly over the folds."""
    rng = np.random.default_rng(SEED)
    order = rng.permutation(len(documents))
    found = [0] * len(documents)
    for rank, number in enumerate(order):
        found[int(number)] = rank % folds
    return found


def mention_examples(documents: Sequence[LabelledDocument], found: Examples, *, folds: int = 3
                     ) -> tuple[np.ndarray, np.ndarray, dict[str, list[EventMention]], dict[str, tuple[float, ...]]]:
    """Each document's mentions as rashomon finds them with a model trained without that document's fold
    (cross-fitting, so the trigger evidence is as on unseen text): (evidence matrix, labels, the mentions of
    each document by name, each mention's evidence by id)."""
    fold = folds_of(documents, folds)
    fold_of_name = {document.name: fold[i] for i, document in enumerate(documents)}
    rows: list[tuple[float, ...]] = []
    labels: list[float] = []
    mentions: dict[str, list[EventMention]] = {}
    evidence: dict[str, tuple[float, ...]] = {}
    for number in range(folds):
        keep = [i for i, name in enumerate(found.documents) if fold_of_name[name] != number]
        part = Examples([found.features[i] for i in keep], found.labels[keep],
                        [found.documents[i] for i in keep], [found.tokens[i] for i in keep])
        names, weights = train_detector(part)
        detector = detector_from(names, weights)
        uncalibrated = Calibration(mention=(), event=())
        for document in (d for d in documents if fold_of_name[d.name] == number):
            chosen = find_mentions(document, detector=detector, calibration=uncalibrated, evidence_of=evidence)
            mentions[document.name] = chosen
            for mention in chosen:
                rows.append(evidence[mention.id])
                labels.append(float(is_true_mention(document, mention)))
        logger.info("fold %s: %s mentions so far", number, len(rows))
    return np.asarray(rows), np.asarray(labels), mentions, evidence


def event_examples(documents: Sequence[LabelledDocument], mentions: dict[str, list[EventMention]],
                   confidence: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
    """The events fusion makes of each ECB+ topic's factual mentions: (evidence matrix, labels:
    `triggers.is_true_event`, one real event that more than one document reports, read right)."""
    from ..events.fuse import cluster_mentions, is_factual
    from .ecbplus_fusion import entity_key

    rows: list[tuple[float, ...]] = []
    labels: list[float] = []
    corroborated = corroborated_clusters(documents)
    by_topic: dict[int, list[LabelledDocument]] = {}
    for document in documents:
        if document.corpus == "ECB+":
            by_topic.setdefault(document.topic, []).append(document)
    for topic, members in sorted(by_topic.items()):
        found = [m for d in members for m in mentions.get(d.name, []) if is_factual(m)]
        by_doc = {d.doc.id: d for d in members}
        entity_of = {m.id: f"{topic}:{entity_key(m)}" for d in members for m in _entity_mentions(d)}
        for cluster in cluster_mentions(found, entity_of=entity_of, documents=[d.doc for d in members]):
            rows.append(evidence_of_event(cluster, confidence))
            labels.append(float(is_true_event(cluster, by_doc, corroborated)))
    return np.asarray(rows), np.asarray(labels)


def _entity_mentions(document: LabelledDocument) -> list[Mention]:
    from ..entities import extract_mentions
    from ..settings import default_settings

    return extract_mentions(document.doc, document.parsed, settings=default_settings().entities)


def evidence_of_event(cluster: Sequence[EventMention], confidence: dict[str, float]) -> tuple[float, ...]:
    """A cluster of mentions' event evidence (`confidence.event_evidence`), with the mentions' confidences."""
    return event_evidence([confidence.get(m.id, m.confidence) for m in cluster],
                          sources=len({m.doc_id for m in cluster}),
                          reports=len({(m.doc_id, m.sentence) for m in cluster}), dated=any(m.date for m in cluster),
                          named=any(named_participant(m) for m in cluster))


def _digest(paths: Iterable[Path]) -> dict[str, Any]:
    files = sorted(paths)
    total = hashlib.sha256()
    for path in files:
        total.update(path.name.encode())
        total.update(hashlib.sha256(path.read_bytes()).digest())
    return {"files": len(files), "sha256": total.hexdigest()}


def _training_files(data: Path) -> list[Path]:
    from .ecbplus import SENTENCES_CSV, TOPICS

    timebank = sorted((data / "timebank").rglob("TimeBank/*.tml"))
    ecb = [path for topic in TOPICS["train"] for path in sorted((data / "ecbplus" / "ECB+" / str(topic)).glob("*.xml"))]
    return [*timebank, *ecb, data / "ecbplus" / SENTENCES_CSV]


def read_training(data: Path, nlp: Language) -> list[LabelledDocument]:
    """TimeBank 1.2 and the ECB+ training topics."""
    return [*read_timeml_events(data / "timebank", nlp=nlp, parts=("TimeBank",)),
            *read_ecbplus_events(data / "ecbplus", nlp=nlp, split="train")]


def _coefficients(names: Sequence[str], values: np.ndarray) -> dict[str, float]:
    return {name: round(float(v), 4) for name, v in zip(names, values, strict=True)}


def train(data: Path, out: Path) -> dict[str, Any]:
    """Fit the event-word model and both confidence models on the training data under `data`, write them to
    `out` (event_detector.npz and .json); returns what the .json records."""
    from ..nlp import load_nlp
    from ..settings import default_settings

    started = time.monotonic()
    model_name = default_settings().nlp.model
    nlp = load_nlp(model_name)
    lexicon = load_lexicon()
    documents = read_training(data, nlp)
    found = examples(documents, lexicon)
    logger.info("%s candidate words, %s event words", len(found.labels), int(found.labels.sum()))
    names, weights = train_detector(found)
    rows, labels, mentions, evidence = mention_examples(documents, found)
    mention_weights = fit_logistic(rows, labels, l2=CALIBRATION_L2, unpenalised=[0])
    mention_coefficients = _coefficients(MENTION_FEATURES, mention_weights)
    calibration = Calibration(tuple(float(w) for w in mention_weights), ())
    confidence = {mention_id: mention_confidence(row, calibration) for mention_id, row in evidence.items()}
    event_rows, event_labels = event_examples(documents, mentions, confidence)
    event_weights = fit_logistic(event_rows, event_labels, l2=CALIBRATION_L2, unpenalised=[0])
    meta: dict[str, Any] = {
        "model": f"logistic regression (scipy L-BFGS), L2 {L2}, named features seen >= {MIN_COUNT} times",
        "spacy_pipeline": f"{model_name} {nlp.meta.get('version', '')}", "seed": SEED, "threshold": THRESHOLD,
        "training_data": "TimeBank 1.2 (TBAQ-cleaned/TimeBank) and the ECB+ training topics "
                         "(validated sentences); AQUAINT and the ECB+ dev topics held out",
        "data": _digest(_training_files(data)), "examples": len(found.labels),
        "positives": int(found.labels.sum()), "features": len(names),
        "confidence": {"mention": mention_coefficients, "event": _coefficients(EVENT_FEATURES, event_weights),
                       "mention_examples": len(labels), "mention_positives": int(labels.sum()),
                       "event_examples": len(event_labels), "event_positives": int(event_labels.sum())},
        "seconds": round(time.monotonic() - started, 1),
    }
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / f"{DETECTOR_FILE}.npz", names=np.array(names), weights=weights)
    (out / f"{DETECTOR_FILE}.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    logger.info("wrote %s (%s named features) in %.0f s", out / DETECTOR_FILE, len(names), meta["seconds"])
    return meta


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the folder holding timebank/ and ecbplus/ (../shared/data)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "data",
                        help="where to write event_detector.npz and .json (default: the package's data/)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    train(args.data, args.out)


if __name__ == "__main__":
    main()
