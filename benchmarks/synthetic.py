"""Synthetic corpora of any size for the corpus-stage benchmark: BBC sentences recombined, with their records.

A pool is a store of analysed articles (e.g. the one `benchmarks.scale executors` leaves, of BBC News). Each
sentence of it that carries a name or an event word becomes a unit: its text, and the mentions and event
mentions inside it. A synthetic document is a numbered first line and 6-14 units drawn at random (seeded),
and its records are the units' records with their spans moved to where the sentence now stands and their
ids (`doc_id:start-end`) rewritten to match: so entity resolution and event fusion get inputs of the shape
and density of real ones, without parsing a million texts first. A reference to a mention outside its
sentence (a chain head, a participant) is rewritten the same way and may then point at nothing: the stages
treat such ids as unresolved, as they do in real stores.

    python -m benchmarks.synthetic --pool STORE --docs 10000 --seed 15     # prints what it made
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rashomon.model import Document, EventMention, Mention, Span
from rashomon.store import Store

_ID = re.compile(r"^(d[0-9a-f]+):(\d+)-(\d+)$")


@dataclass(frozen=True, slots=True)
class Unit:
    """One pool sentence: its text, its start in its document, and its records."""

    doc_id: str
    start: int
    text: str
    mentions: tuple[Mention, ...]
    event_mentions: tuple[EventMention, ...]


@dataclass(frozen=True, slots=True)
class SyntheticCorpus:
    documents: list[Document]
    mentions: list[Mention]
    event_mentions: list[EventMention]


def load_pool(path: Path) -> list[Unit]:
    """The sentences of the store at `path` that carry records, in store order."""
    with Store(path, read_only=True) as store:
        documents = {doc.id: doc for doc in store.documents()}
        by_sentence: dict[tuple[str, Span], tuple[list[Mention], list[EventMention]]] = defaultdict(lambda: ([], []))
        for mention in store.mentions():
            by_sentence[mention.doc_id, mention.sentence][0].append(mention)
        for event_mention in store.event_mentions():
            by_sentence[event_mention.doc_id, event_mention.sentence][1].append(event_mention)
    return [Unit(doc_id, sentence.start, documents[doc_id].slice(sentence), tuple(mentions), tuple(event_mentions))
            for (doc_id, sentence), (mentions, event_mentions) in by_sentence.items() if doc_id in documents]


def _moved(value: Any, old: str, new: str, delta: int) -> Any:
    """`value` (a record, span, id or tuple of them) moved from document `old` to `new`, `delta` on."""
    if isinstance(value, Span):
        return Span(value.start + delta, value.end + delta)
    if isinstance(value, str):
        found = _ID.match(value)
        if found and found.group(1) == old:
            return f"{new}:{int(found.group(2)) + delta}-{int(found.group(3)) + delta}"
        return new if value == old else value
    if isinstance(value, tuple):
        return tuple(_moved(item, old, new, delta) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: _moved(getattr(value, f.name), old, new, delta)
                                             for f in dataclasses.fields(value)})
    return value


def synthesize(pool: list[Unit], count: int, *, seed: int, name: str = "synthetic") -> SyntheticCorpus:
    """`count` documents of recombined pool sentences; the same pool and seed make the same corpus."""
    rng = random.Random(seed)
    documents: list[Document] = []
    mentions: list[Mention] = []
    event_mentions: list[EventMention] = []
    for number in range(count):
        units = rng.sample(pool, rng.randint(6, 14))
        parts = [f"{name.capitalize()} report {number}."]
        starts = []
        offset = len(parts[0])
        for index, unit in enumerate(units):
            gap = "\n\n" if index % 3 == 0 else " "
            offset += len(gap)
            starts.append(offset)
            parts += [gap, unit.text]
            offset += len(unit.text)
        doc = Document.create(path=f"{name}/{number:07d}.txt", text="".join(parts), format="txt")
        documents.append(doc)
        for unit, start in zip(units, starts, strict=True):
            delta = start - unit.start
            mentions += [_moved(m, unit.doc_id, doc.id, delta) for m in unit.mentions]
            event_mentions += [_moved(m, unit.doc_id, doc.id, delta) for m in unit.event_mentions]
    return SyntheticCorpus(documents, mentions, event_mentions)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="benchmarks.synthetic", description=__doc__.split("\n")[0])
    parser.add_argument("--pool", required=True, type=Path)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args(argv)
    pool = load_pool(args.pool)
    corpus = synthesize(pool, args.docs, seed=args.seed)
    texts = {doc.id: doc.text for doc in corpus.documents}
    wrong = [m for m in corpus.mentions if texts[m.doc_id][m.span.start:m.span.end] != m.text]
    if wrong:
        raise SystemExit(f"{len(wrong)} mentions do not match their moved spans, e.g. {wrong[0]}")
    print(f"{len(pool)} pool sentences -> {len(corpus.documents)} documents, {len(corpus.mentions)} mentions, "
          f"{len(corpus.event_mentions)} event mentions")


if __name__ == "__main__":
    main()
