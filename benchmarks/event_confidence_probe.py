"""Probe the fused events' confidence on ECB+ (issue 12): how precise the default view (events at or above
`events.min_confidence`) is on an annotated proxy, and what candidate evidence or rules would change.

    PYTHONPATH=src python benchmarks/event_confidence_probe.py ../shared/data --cache /tmp/probe [--store S.duckdb]

First run: ECB+ train topics as `make train-events` sees them (mentions found by detectors cross-fitted on
three folds, mention confidence calibrated on them) and the ECB+ dev topics with the shipped model are written
to --cache (about 10 minutes on 2 CPUs). Then, for each variant, the event model is fit on the train topics'
fused events and scored on the dev topics' (label: `triggers.is_true_event`); with --store (a store made by
`rashomon analyze`), it also counts what that store's default view would show. Nothing here is shipped.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import math
import pickle
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from rashomon.evaluation import train_events as training
from rashomon.evaluation.ecbplus_fusion import entity_key
from rashomon.evaluation.triggers import corroborated_clusters, find_mentions, gold_event_at, read_ecbplus_events
from rashomon.events.confidence import Calibration, _logit, event_evidence, mention_confidence, named_participant
from rashomon.events.fuse import cluster_mentions, is_factual
from rashomon.model import EventMention

THRESHOLD = 0.65


def _pack(documents, mentions, confidence):
    from rashomon.entities import extract_mentions
    from rashomon.settings import default_settings

    out = {"corroborated": corroborated_clusters(documents), "topics": {}}
    by_topic: dict[int, list] = {}
    for document in documents:
        if document.corpus == "ECB+":
            by_topic.setdefault(document.topic, []).append(document)
    for topic, members in sorted(by_topic.items()):
        found = [m for d in members for m in mentions.get(d.name, [])]
        if confidence is not None:
            found = [dataclasses.replace(m, confidence=confidence.get(m.id, m.confidence)) for m in found]
        gold = {}
        for document in members:
            for m in mentions.get(document.name, []):
                event = gold_event_at(document, m.trigger.start, m.trigger.end)
                gold[m.id] = None if event is None else (event.cluster, event.framing)
        entity_of = {m.id: f"{topic}:{entity_key(m)}" for d in members
                     for m in extract_mentions(d.doc, d.parsed, settings=default_settings().entities)}
        out["topics"][topic] = {"mentions": found, "entity_of": entity_of, "docs": [d.doc for d in members],
                                "gold": gold}
    return out


def _dump(data: Path, cache: Path) -> None:
    from rashomon.nlp import load_nlp
    from rashomon.settings import default_settings

    nlp = load_nlp(default_settings().nlp.model)
    dev = read_ecbplus_events(data / "ecbplus", nlp=nlp, split="dev")
    (cache / "dev.pkl").write_bytes(pickle.dumps(_pack(dev, {d.name: find_mentions(d) for d in dev}, None)))
    documents = training.read_training(data, nlp)
    found = training.examples(documents, training.load_lexicon())
    rows, labels, mentions, evidence = training.mention_examples(documents, found)
    weights = training.fit_logistic(rows, labels, l2=training.CALIBRATION_L2, unpenalised=[0])
    calibration = Calibration(tuple(float(w) for w in weights), ())
    confidence = {i: mention_confidence(r, calibration) for i, r in evidence.items()}
    (cache / "train.pkl").write_bytes(pickle.dumps(_pack(documents, mentions, confidence)))


def _events(path: Path) -> list[tuple[list[EventMention], dict[str, str], bool]]:
    packed = pickle.loads(path.read_bytes())
    names = [f.name for f in dataclasses.fields(EventMention)]
    out = []
    for topic in packed["topics"].values():
        mentions = [EventMention(**{n: getattr(m, n) for n in names if hasattr(m, n)}) for m in topic["mentions"]]
        for cluster in cluster_mentions([m for m in mentions if is_factual(m)], entity_of=topic["entity_of"],
                                        documents=topic["docs"]):
            golds = Counter(g[0] for m in cluster if (g := topic["gold"].get(m.id)) is not None and not g[1])
            top = golds.most_common(1)[0] if golds else None
            label = top is not None and top[1] > len(cluster) / 2 and top[0] in packed["corroborated"]
            out.append((cluster, topic["entity_of"], label))
    return out


def tied_reports(cluster: list[EventMention], entity_of: dict[str, str]) -> int:
    """How many reports (sentences) of an event share a resolved participant, a date or a place with another."""
    reports: dict[tuple, list[EventMention]] = {}
    for m in cluster:
        reports.setdefault((m.doc_id, m.sentence), []).append(m)

    def info(ms: list[EventMention]) -> tuple[set[str], bool, set[str]]:
        return ({entity_of.get(i, i) for m in ms for i in (*m.actor_ids, *m.target_ids) if i not in m.modifier_ids},
                any(m.date for m in ms), {p.name for m in ms for p in m.places})

    read = {key: info(ms) for key, ms in reports.items()}
    tied: set[tuple] = set()
    for a, b in itertools.combinations(read, 2):
        (ea, da, pa), (eb, db, pb) = read[a], read[b]
        if ea & eb or (da and db) or pa & pb:
            tied |= {a, b}
    return len(tied)


def evidence(cluster: list[EventMention], entity_of: dict[str, str], variant: str) -> list[float]:
    """The shipped event evidence, plus or changed by `variant`."""
    reports = len({(m.doc_id, m.sentence) for m in cluster})
    row = list(event_evidence([m.confidence for m in cluster], sources=len({m.doc_id for m in cluster}),
                              reports=reports, dated=any(m.date for m in cluster),
                              named=any(named_participant(m) for m in cluster)))
    mean = _logit(sum(m.confidence for m in cluster) / len(cluster))
    lemmas = math.log(len({m.lemma for m in cluster}))
    word_only = (all(m.type == "OTHER" for m in cluster) and not any(m.date for m in cluster)
                 and tied_reports(cluster, entity_of) == 0)
    if variant == "mean+lemmas":
        row += [mean, lemmas]
    elif variant == "tied reports":
        row += [math.log(1 + tied_reports(cluster, entity_of))]
    elif variant == "word-only flag":
        row += [float(word_only and reports > 1)]
    elif variant == "rule: word-only OTHER counts once" and word_only:
        row[2] = row[3] = 0.0
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--store", type=Path)
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    if not (args.cache / "train.pkl").exists():
        _dump(args.data, args.cache)
    train, dev = _events(args.cache / "train.pkl"), _events(args.cache / "dev.pkl")
    stored: list[tuple[list[EventMention], dict[str, str]]] = []
    if args.store is not None:
        from rashomon.store import Store

        with Store(args.store, read_only=True) as store:
            by_id = {m.id: m for m in store.read("event_mentions")}
            entity_of = {i: e.id for e in store.read("entities") for i in e.mention_ids}
            stored = [([by_id[i] for i in event.mention_ids], entity_of) for event in store.read("events")]
    print("| variant | dev events | shown | true shown | precision shown | log loss | store: shown | "
          "undated, all OTHER |\n|---|---:|---:|---:|---:|---:|---:|---:|")
    for variant in ("shipped evidence", "mean+lemmas", "tied reports", "word-only flag",
                    "rule: word-only OTHER counts once"):
        fit = "shipped evidence" if variant.startswith("rule") else variant
        x = np.array([evidence(c, e, fit) for c, e, _ in train])
        y = np.array([label for *_, label in train], dtype=float)
        weights = training.fit_logistic(x, y, l2=training.CALIBRATION_L2, unpenalised=[0])
        xd = np.array([evidence(c, e, variant) for c, e, _ in dev])
        yd = np.array([label for *_, label in dev], dtype=float)
        p = 1 / (1 + np.exp(-xd @ weights))
        shown = p >= THRESHOLD
        loss = -float(np.mean(yd * np.log(p + 1e-9) + (1 - yd) * np.log(1 - p + 1e-9)))
        view = [c for c, e in stored if 1 / (1 + math.exp(-float(np.dot(weights, evidence(c, e, variant)))))
                >= THRESHOLD]
        noise = sum(1 for c in view if not any(m.date for m in c) and all(m.type == "OTHER" for m in c))
        print(f"| {variant} | {len(p)} | {int(shown.sum())} | {int(yd[shown].sum())} | {yd[shown].mean():.3f} | "
              f"{loss:.3f} | {len(view) if stored else '-'} | {noise if stored else '-'} |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
