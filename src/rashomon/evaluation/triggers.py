"""Event words (triggers) in annotated news: gold readers, and precision, recall and F1 of a finder.

Two annotated corpora mark which words name an event:

- TimeML (TimeBank 1.2 and AQUAINT, as TempEval-3's TBAQ-cleaned): an <EVENT> element around each
  event word, its `class` (OCCURRENCE, STATE, I_ACTION, ASPECTUAL, REPORTING, I_STATE, PERCEPTION), and
  in its MAKEINSTANCE its polarity and modality;
- ECB+: the ACTION_* and NEG_ACTION_* markables of the validated sentences (`evaluation.ecbplus`).

Both are read into `LabelledDocument`s: a rashomon `Document`, spaCy's parse of it, the gold events
with their head tokens, and the character ranges that are scored (the whole text for TimeML, the
validated sentences for ECB+).

rashomon codes occurrences, states and intentional acts, not the frames around them: a reporting word
("said", "according to"), a perception ("saw") or an attitude ("believes", "wants") is how a sentence
presents an event, and rashomon reads it as the event's reporter or status (`events.modality`). Those
classes (TimeML REPORTING, PERCEPTION, I_STATE; ECB+ ACTION_REPORTING, ACTION_PERCEPTION) are `framing`
gold events: the model is not trained to find them, and `score_triggers` reports recall both over all
gold events and over the events rashomon codes.

    rashomon eval triggers ../shared/data --part AQUAINT
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np

from ..errors import InputError
from ..model import Document, EventMention, Meta, Span
from ..nlp import parse
from .timebank import element_spans

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc as ParsedDoc
    from spacy.tokens import Token

    from ..events.detect import EventDetector
    from ..events.plover import Lexicon

logger = logging.getLogger(__name__)

__all__ = ["FRAMING_CLASSES", "GoldEvent", "LabelledDocument", "TriggerScores", "read_ecbplus_events",
           "read_timeml_events", "score_triggers"]

Corpus = Literal["TimeBank", "AQUAINT", "ECB+"]
FRAMING_CLASSES = frozenset({"REPORTING", "PERCEPTION", "I_STATE", "ACTION_REPORTING", "ACTION_PERCEPTION",
                             "NEG_ACTION_REPORTING", "NEG_ACTION_PERCEPTION"})
"""Gold classes of the frames around an event (see the module docstring), not coded as events."""


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One annotated event: its words, their head token, its class and whether it is asserted."""

    id: str
    spans: tuple[Span, ...]  # the characters of its words (ECB+ mentions may be discontinuous)
    head: int  # index of its head token in the parse (-1 when the words fall on no token)
    label: str  # TimeML class or ECB+ tag
    negated: bool = False  # TimeML polarity NEG; ECB+ NEG_ACTION_*
    modal: bool = False  # TimeML modality (would, could, may, ...); ECB+ ACTION_GENERIC
    cluster: str = ""  # ECB+: the gold coreference cluster (`GoldMention.cluster`); "" for TimeML

    @property
    def framing(self) -> bool:
        return self.label in FRAMING_CLASSES

    @property
    def factual(self) -> bool:
        """An event asserted as having happened (or holding): neither negated nor modal."""
        return not self.negated and not self.modal

    def covers(self, start: int, end: int) -> bool:
        """Whether the characters start..end lie inside one of the event's words."""
        return any(span.start <= start and end <= span.end for span in self.spans)


@dataclass(frozen=True, slots=True)
class LabelledDocument:
    """A document of an annotated corpus, parsed, with its gold events and the ranges that are scored."""

    name: str
    corpus: Corpus
    doc: Document
    parsed: ParsedDoc
    events: tuple[GoldEvent, ...]
    scored: tuple[Span, ...]  # character ranges whose words count (gold outside them is ignored)
    anchor: date | None = None  # the document creation time, when the corpus gives one
    topic: int = 0  # ECB+ topic (0 for TimeML)

    def in_scored(self, start: int, end: int) -> bool:
        return any(span.start <= start and end <= span.end for span in self.scored)


def _head(parsed: ParsedDoc, spans: Sequence[Span]) -> int:
    """The token whose head lies outside the event's words (the first such), or -1."""
    tokens: list[Token] = []
    for span in spans:
        found = parsed.char_span(span.start, span.end, alignment_mode="expand")
        if found is not None:
            tokens.extend(found)
    inside = {token.i for token in tokens}
    for token in tokens:
        if token.head.i not in inside or token.head.i == token.i:
            return token.i
    return tokens[0].i if tokens else -1


def _timeml_text(path: Path) -> tuple[str, date | None, list[tuple[str, int, int, str]], dict[str, tuple[str, str]]]:
    """(plain text of <TEXT>, DCT, (eid, start, end, class) of every EVENT, eid -> (polarity, modality))."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as err:
        raise InputError(path, f"not well-formed TimeML ({err})", advice="Restore the file from TBAQ-cleaned") from err
    body = root.find("TEXT")
    if body is None:
        raise InputError(path, "no <TEXT>", advice="Use TempEval-3 TimeML files")
    dct_element = root.find("DCT/TIMEX3")
    dct = date.fromisoformat(dct_element.get("value", "")[:10]) if dct_element is not None else None
    text, found = element_spans(body, "EVENT")
    events = [(element.get("eid", ""), start, end, element.get("class", "")) for element, start, end in found]
    instances: dict[str, tuple[str, str]] = {}
    for instance in root.iter("MAKEINSTANCE"):
        instances.setdefault(instance.get("eventID", ""), (instance.get("polarity", "POS"),
                                                           instance.get("modality", "").lower()))
    return text, dct, events, instances


def read_timeml_events(root: str | Path, *, nlp: Language, parts: Iterable[str] = ("TimeBank", "AQUAINT"),
                       limit: int | None = None) -> list[LabelledDocument]:
    """The documents of the TimeML folders `parts` under `root` (e.g. ../shared/data/timebank), parsed,
    with their EVENTs; `limit` reads only the first files of each part (quick checks)."""
    base = Path(root)
    folders = {folder.name: folder for folder in base.rglob("*") if folder.is_dir() and folder.name in set(parts)}
    missing = [part for part in parts if part not in folders]
    if missing:
        raise InputError(base, f"no folder {', '.join(missing)} under it",
                         advice="Point it at ../shared/data/timebank (TBAQ-cleaned holds TimeBank/ and AQUAINT/)")
    raw: list[tuple[str, Corpus, str, date | None, list[tuple[str, int, int, str]], dict[str, tuple[str, str]]]] = []
    for part in parts:
        for path in sorted(folders[part].glob("*.tml"))[:limit]:
            text, dct, events, instances = _timeml_text(path)
            raw.append((path.stem, part, text, dct, events, instances))  # type: ignore[arg-type]
    docs = [Document.create(path=f"{part}/{name}.tml", text=text, format="txt",
                            published=Meta(dct.isoformat(), "text") if dct is not None else None)
            for name, part, text, dct, *_ in raw]
    result = []
    for (name, part, text, dct, events, instances), (doc, parsed) in zip(raw, parse(nlp, docs, batch_size=16),
                                                                           strict=True):
        gold = []
        for eid, start, end, label in events:
            spans = (Span(start, end),)
            polarity, modality = instances.get(eid, ("POS", ""))
            gold.append(GoldEvent(f"{name}:{eid}", spans, _head(parsed, spans), label, negated=polarity == "NEG",
                                  modal=modality not in ("", "none")))
        result.append(LabelledDocument(name, part, doc, parsed, tuple(gold), (Span(0, len(text)),), dct))
    logger.info("TimeML %s: %s documents, %s events", "+".join(parts), len(result), sum(len(d.events) for d in result))
    return result


def read_ecbplus_events(root: str | Path, *, nlp: Language, split: Literal["train", "dev"],
                        topics: Iterable[int] | None = None) -> list[LabelledDocument]:
    """The ECB+ documents of `split` with validated sentences, parsed from their gold tokens, with their gold
    event mentions (`evaluation.ecbplus`); only the validated sentences are scored."""
    from .ecbplus import load_ecbplus
    from .ecbplus_fusion import read_documents

    documents = read_documents(root, split=split, nlp=nlp, topics=topics)
    gold = load_ecbplus(root, split=split, topics=topics)
    by_doc: dict[str, list[GoldEvent]] = {}
    located = {item.name: item for item in documents}
    for mention in gold:
        item = located.get(mention.doc)
        if item is None:
            continue
        spans = tuple(Span(*item.offsets[t]) for t in mention.token_ids if t in item.offsets)
        if not spans:
            continue
        by_doc.setdefault(mention.doc, []).append(GoldEvent(
            mention.id, spans, _head(item.parsed, spans), mention.tag, negated=mention.tag.startswith("NEG_"),
            modal=mention.tag.endswith("GENERIC"), cluster=mention.cluster))
    return [LabelledDocument(item.name, "ECB+", item.doc, item.parsed, tuple(by_doc.get(item.name, ())),
                             tuple(Span(start, end) for start, end in item.scored), topic=item.topic)
            for item in documents]


@dataclass(frozen=True, slots=True)
class TriggerScores:
    """Precision, recall and F1 of found event words against gold events."""

    name: str
    documents: int
    gold: int  # gold events in the scored ranges
    coded: int  # of them, those rashomon codes (not framing classes)
    found: int  # event words found in the scored ranges
    right: int  # found words inside a gold event (each gold event counted once)
    right_coded: int  # of `right`, those of a coded gold event

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else 0.0

    @property
    def recall_coded(self) -> float:
        return self.right_coded / self.coded if self.coded else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    @property
    def f1_coded(self) -> float:
        """F1 against the gold events rashomon codes: a found framing word counts as right, not in recall."""
        total = self.precision + self.recall_coded
        return 2 * self.precision * self.recall_coded / total if total else 0.0


Finder = Callable[[LabelledDocument], Iterable[Span]]


def score_triggers(documents: Sequence[LabelledDocument], finder: Finder, *, name: str = "") -> TriggerScores:
    """Score the event words `finder` gives for each document (character spans of trigger words).

    A found word is right when it lies inside a gold event's words; each gold event is matched once, and
    a second word inside the same gold event counts as wrong.
    """
    gold_total = coded = found_total = right = right_coded = 0
    for document in documents:
        gold = [e for e in document.events if all(document.in_scored(s.start, s.end) for s in e.spans)]
        gold_total += len(gold)
        coded += sum(1 for e in gold if not e.framing)
        matched: set[str] = set()
        for span in finder(document):
            if not document.in_scored(span.start, span.end):
                continue
            found_total += 1
            hit = next((e for e in gold if e.id not in matched and e.covers(span.start, span.end)), None)
            if hit is not None:
                matched.add(hit.id)
                right += 1
                right_coded += not hit.framing
    return TriggerScores(name, len(documents), gold_total, coded, found_total, right, right_coded)


def format_trigger_scores(rows: Iterable[TriggerScores]) -> str:
    """A Markdown table of trigger scores, in percent."""
    lines = ["| finder | docs | gold (coded) | found | right | P | R | F1 | R coded | F1 coded |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for s in rows:
        lines.append(f"| {s.name} | {s.documents} | {s.gold} ({s.coded}) | {s.found} | {s.right} | "
                     f"{100 * s.precision:.1f} | {100 * s.recall:.1f} | {100 * s.f1:.1f} | "
                     f"{100 * s.recall_coded:.1f} | {100 * s.f1_coded:.1f} |")
    return "\n".join(lines)


def gold_event_at(document: LabelledDocument, start: int, end: int) -> GoldEvent | None:
    """The gold event whose words hold the characters start..end, if any."""
    return next((e for e in document.events if e.covers(start, end)), None)


def is_true_mention(document: LabelledDocument, mention: EventMention) -> bool:
    """Whether a found mention is a gold event rashomon codes (not a framing word), asserted as having happened:
    what a mention's confidence estimates."""
    gold = gold_event_at(document, mention.trigger.start, mention.trigger.end)
    return gold is not None and not gold.framing and gold.factual


def corroborated_clusters(documents: Iterable[LabelledDocument]) -> frozenset[str]:
    """The ECB+ gold event clusters (of coded events) that more than one document reports."""
    reporting: dict[str, set[str]] = {}
    for document in documents:
        for event in document.events:
            if event.cluster and not event.framing:
                reporting.setdefault(event.cluster, set()).add(document.name)
    return frozenset(cluster for cluster, names in reporting.items() if len(names) > 1)


def is_true_event(cluster: Sequence[EventMention], documents: Mapping[str, LabelledDocument],
                  corroborated: frozenset[str]) -> bool:
    """Whether a fused event is what its confidence estimates: one real event more than one source reports,
    read right: more than half of its mentions are one gold event cluster, and that cluster is reported by
    more than one document. `documents`: by document id."""
    clusters = Counter(gold.cluster for m in cluster
                       if (gold := gold_event_at(documents[m.doc_id], m.trigger.start, m.trigger.end)) is not None
                       and not gold.framing)
    if not clusters:
        return False
    top, count = clusters.most_common(1)[0]
    return count > len(cluster) / 2 and top in corroborated


def find_mentions(document: LabelledDocument, **options: object) -> list[EventMention]:
    """rashomon's event mentions of a labelled document, as `rashomon analyze` makes them (its entity mentions
    and time expressions first), in the scored ranges; `options` go to `extract_event_mentions`."""
    from ..entities import extract_mentions
    from ..events.extract import extract_event_mentions
    from ..settings import default_settings
    from ..time import find_time_expressions

    mentions = extract_mentions(document.doc, document.parsed, settings=default_settings().entities)
    times = find_time_expressions(document.doc, document.parsed)
    found = extract_event_mentions(document.doc, document.parsed, mentions, times, resolve=False,
                                   **options)  # type: ignore[arg-type]
    return [m for m in found if document.in_scored(m.trigger.start, m.trigger.end)]


@dataclass(frozen=True, slots=True)
class Reliability:
    """How well predicted probabilities match outcomes: expected calibration error and a table by bin."""

    name: str
    count: int
    ece: float  # expected calibration error: the bins' |mean probability - share true|, weighted by size
    bins: tuple[tuple[float, float, int, float, float], ...]  # (low, high, count, mean probability, share true)


def reliability(name: str, probabilities: Sequence[float], outcomes: Sequence[bool], *, bins: int = 10) -> Reliability:
    """The reliability of `probabilities` against `outcomes` in `bins` equal-width bins."""
    rows = []
    error = 0.0
    for number in range(bins):
        low, high = number / bins, (number + 1) / bins
        chosen = [(p, o) for p, o in zip(probabilities, outcomes, strict=True)
                  if low <= p < high or (number == bins - 1 and p == 1.0)]
        if not chosen:
            continue
        mean = sum(p for p, _ in chosen) / len(chosen)
        share = sum(1 for _, o in chosen if o) / len(chosen)
        error += len(chosen) * abs(mean - share)
        rows.append((low, high, len(chosen), mean, share))
    total = len(probabilities)
    return Reliability(name, total, error / total if total else 0.0, tuple(rows))


def format_reliability(found: Reliability) -> str:
    """A Markdown table of one reliability measurement."""
    lines = [f"**{found.name}**: {found.count} items, expected calibration error {found.ece:.3f}", "",
             "| confidence | items | mean confidence | share true |", "|---|---:|---:|---:|"]
    lines += [f"| {low:.1f}-{high:.1f} | {count} | {mean:.3f} | {share:.3f} |"
              for low, high, count, mean, share in found.bins]
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class TriggerReport:
    """Trigger scores of each finder on each held-out set, and the reliability of the confidences."""

    scores: tuple[TriggerScores, ...]
    reliabilities: tuple[Reliability, ...]


def _given_spans(spans: Mapping[str, list[Span]]) -> Finder:
    def finder(document: LabelledDocument) -> list[Span]:
        return spans[document.name]

    return finder


def _model_only(document: LabelledDocument, detector: EventDetector, lexicon: Lexicon) -> list[Span]:
    probabilities = detector.probabilities(document.parsed, lexicon=lexicon)
    return [Span(t.idx, t.idx + len(t.text)) for t in document.parsed
            if probabilities.get(t.i, 0.0) >= detector.threshold]


def evaluate_triggers(data: str | Path, *, nlp: Language) -> TriggerReport:
    """Score event-word finding on the held-out sets under `data` (../shared/data): AQUAINT and the ECB+ dev
    topics. Three finders: the PLOVER lexicon alone, the event-word model alone, and rashomon (both, as
    `rashomon analyze` runs them); and the reliability of rashomon's mention confidence on both sets and of
    its event confidence on ECB+ dev (events fused from its own mentions, topic by topic)."""
    from ..events.detect import EventDetector, load_detector
    from ..events.plover import load_lexicon

    base = Path(data)
    lexicon = load_lexicon()
    detector = load_detector()
    no_model = EventDetector(index={}, weights=np.zeros(0, dtype=np.float32), threshold=1 - 1e-9, meta=detector.meta)
    sets = {"AQUAINT": read_timeml_events(base / "timebank", nlp=nlp, parts=("AQUAINT",)),
            "ECB+ dev": read_ecbplus_events(base / "ecbplus", nlp=nlp, split="dev")}
    scores: list[TriggerScores] = []
    reliabilities: list[Reliability] = []
    for name, documents in sets.items():
        lexicon_only = {d.name: [m.trigger for m in find_mentions(d, detector=no_model)] for d in documents}
        found = {d.name: find_mentions(d) for d in documents}
        triggers = {key: [m.trigger for m in chosen] for key, chosen in found.items()}
        model_only = {d.name: _model_only(d, detector, lexicon) for d in documents}
        for label, spans in (("PLOVER lexicon", lexicon_only), ("event-word model", model_only),
                             ("rashomon", triggers)):
            scores.append(score_triggers(documents, _given_spans(spans), name=f"{name}: {label}"))
        pairs = [(m.confidence, is_true_mention(d, m)) for d in documents for m in found[d.name]]
        reliabilities.append(reliability(f"{name}: mention confidence", [p for p, _ in pairs], [o for _, o in pairs]))
        if name == "ECB+ dev":
            reliabilities.append(_event_reliability(documents, found))
    return TriggerReport(tuple(scores), tuple(reliabilities))


def _event_reliability(documents: Sequence[LabelledDocument], found: dict[str, list[EventMention]]) -> Reliability:
    """Event confidence against "most of the event's mentions are one gold event", fused topic by topic."""
    from ..entities import extract_mentions
    from ..events.confidence import default_calibration, event_confidence, event_evidence, named_participant
    from ..events.fuse import cluster_mentions, is_factual
    from ..settings import default_settings
    from .ecbplus_fusion import entity_key

    calibration = default_calibration()
    probabilities: list[float] = []
    outcomes: list[bool] = []
    by_topic: dict[int, list[LabelledDocument]] = {}
    for document in documents:
        by_topic.setdefault(document.topic, []).append(document)
    corroborated = corroborated_clusters(documents)
    for topic, members in sorted(by_topic.items()):
        by_doc = {d.doc.id: d for d in members}
        entity_of = {m.id: f"{topic}:{entity_key(m)}" for d in members
                     for m in extract_mentions(d.doc, d.parsed, settings=default_settings().entities)}
        factual = [m for d in members for m in found[d.name] if is_factual(m)]
        for cluster in cluster_mentions(factual, entity_of=entity_of, documents=[d.doc for d in members]):
            evidence = event_evidence([m.confidence for m in cluster], sources=len({m.doc_id for m in cluster}),
                                      reports=len({(m.doc_id, m.sentence) for m in cluster}),
                                      dated=any(m.date for m in cluster),
                                      named=any(named_participant(m) for m in cluster))
            probabilities.append(event_confidence(evidence, calibration))
            outcomes.append(is_true_event(cluster, by_doc, corroborated))
    return reliability("ECB+ dev: event confidence", probabilities, outcomes)


def format_trigger_report(report: TriggerReport) -> str:
    """The report in Markdown: the scores table, then a reliability table per confidence."""
    return "\n\n".join([format_trigger_scores(report.scores), *(format_reliability(r) for r in report.reliabilities)])
