"""The report's "Sources side by side": stance table with evidence, framing words, distinctive vocabulary, quotes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from ..model import Corpus, Document, Entity, Span, Stance, StanceEvidence
from .common import Mark, _squash, anchor_id, highlight, source_label
from .timeline import entity_link, event_label, sorted_events

_STANCE_ROWS = 15  # entities in the stance table
_EVIDENCE_LINES = 4  # own judgements shown per source (reported ones: 3)
_VOCABULARY = 12  # distinctive terms per source
_QUOTES = 10  # quotes per source
_QUOTE_CHARS = 280


@dataclass(frozen=True, slots=True)
class StanceRow:
    entity: Markup
    cells: tuple[Stance | None, ...]  # one per source column
    sources: int


@dataclass(frozen=True, slots=True)
class EvidenceLine:
    entity: str
    score: float
    sentence: Markup
    reported_by: str | None


@dataclass(frozen=True, slots=True)
class SourceEvidence:
    source: str
    doc_anchor: str
    own: tuple[EvidenceLine, ...]
    reported: tuple[EvidenceLine, ...]


@dataclass(frozen=True, slots=True)
class FrameWord:
    text: str
    frame: str
    valence: float
    quoted: bool
    count: int

    @property
    def tone(self) -> str:
        return "neg" if self.valence <= -0.5 else "pos" if self.valence >= 0.5 else "neu"


@dataclass(frozen=True, slots=True)
class FramingBlock:
    label: str
    event_anchor: str | None
    sources: tuple[tuple[str, tuple[FrameWord, ...]], ...]


@dataclass(frozen=True, slots=True)
class QuoteLine:
    speaker: Markup
    text: str
    kind: str
    cue: str
    href: str


@dataclass(frozen=True, slots=True)
class SidesView:
    columns: tuple[str, ...]  # source labels
    stance_rows: tuple[StanceRow, ...]
    evidence: tuple[SourceEvidence, ...]
    framings: tuple[FramingBlock, ...]
    vocabulary: tuple[tuple[str, tuple[tuple[str, float, int], ...]], ...]
    quotes: tuple[tuple[str, tuple[QuoteLine, ...], int], ...]

    def __bool__(self) -> bool:
        return bool(self.stance_rows or self.framings or self.vocabulary or self.quotes)


def marked_sentence(doc: Document, sentence: Span, cues: Sequence[Span], target: Span | None,
                    target_href: str | None) -> Markup:
    """The sentence, escaped (HTML folds its line breaks), with cue words marked and the target bold (linked when `target_href`)."""
    def shifted(span: Span, opening: Markup, closing: Markup) -> Mark | None:
        start, end = max(span.start, sentence.start) - sentence.start, min(span.end, sentence.end) - sentence.start
        if start >= end:
            return None
        return Mark(start, end, opening, opening, closing, closing, Markup(""))
    marks = [shifted(span, Markup('<mark class="cue">'), Markup("</mark>")) for span in cues]
    if target is not None:
        opening = (Markup('<a class="target" href="{}">').format(target_href) if target_href
                   else Markup('<b class="target">'))
        marks.append(shifted(target, opening, Markup("</a>") if target_href else Markup("</b>")))
    return highlight(doc.text[sentence.start:sentence.end], [m for m in marks if m is not None])


def _stance_rows(stances: Sequence[Stance], sources: list[str], entities: Mapping[str, Entity],
                 shown: Collection[str]) -> tuple[StanceRow, ...]:
    by_entity: dict[str, dict[str, Stance]] = {}
    for stance in stances:
        if stance.source in sources:
            by_entity.setdefault(stance.entity_id, {})[stance.source] = stance
    ranked = sorted(by_entity.items(), key=lambda kv: (len(kv[1]) < 2, -len(kv[1]),
                                                      -sum(s.mentions for s in kv[1].values()), kv[0]))
    return tuple(StanceRow(entity_link(entity_id, entities, shown), tuple(cells.get(s) for s in sources), len(cells))
                 for entity_id, cells in ranked[:_STANCE_ROWS])


def _evidence_line(item: StanceEvidence, entity: str, doc: Document, mention_ids: Collection[str]) -> EvidenceLine:
    href = "#" + anchor_id("m", item.mention_id) if item.mention_id in mention_ids else None
    return EvidenceLine(entity, item.score, marked_sentence(doc, item.sentence, item.cue_spans, item.target_span, href),
                        item.reported_by)


def _evidence(stances: Sequence[Stance], docs: list[Document], entities: Mapping[str, Entity],
              mention_ids: Collection[str]) -> tuple[SourceEvidence, ...]:
    blocks = []
    for doc in docs:
        mine = [s for s in stances if s.source == doc.id]
        name = {s.entity_id: entities[s.entity_id].name if s.entity_id in entities else s.entity_id for s in mine}
        own = sorted(((e, name[s.entity_id]) for s in mine for e in s.evidence if e.doc_id == doc.id),
                     key=lambda pair: -abs(pair[0].score))[:_EVIDENCE_LINES]
        reported = sorted(((e, name[s.entity_id]) for s in mine for e in s.reported if e.doc_id == doc.id),
                          key=lambda pair: -abs(pair[0].score))[:3]
        if own or reported:
            blocks.append(SourceEvidence(source_label(doc), anchor_id("doc", doc.id),
                                         tuple(_evidence_line(e, n, doc, mention_ids) for e, n in own),
                                         tuple(_evidence_line(e, n, doc, mention_ids) for e, n in reported)))
    return tuple(blocks)


def _framings(corpus: Corpus, docs: list[Document], entities: Mapping[str, Entity],
              event_anchors: Collection[str]) -> tuple[FramingBlock, ...]:
    events = {e.id: e for e in corpus.events}
    order = {e.id: i for i, e in enumerate(sorted_events(corpus.events))}
    by_event: dict[str, dict[str, list[FrameWord]]] = {}
    for framing in corpus.framings:
        counts = Counter((t.text.casefold(), t.frame, t.valence, t.quoted) for t in framing.terms if t.doc_id == framing.source)
        words = [FrameWord(text, frame, valence, quoted, n) for (text, frame, valence, quoted), n in counts.items()]
        if words:
            by_event.setdefault(framing.event_id, {})[framing.source] = sorted(words, key=lambda w: (-w.count, w.text))
    blocks = []
    for event_id in sorted(by_event, key=lambda e: (order.get(e, len(order)), e)):
        event = events.get(event_id)
        anchor = anchor_id("event", event_id)
        sources = tuple((source_label(doc), tuple(by_event[event_id][doc.id])) for doc in docs
                        if doc.id in by_event[event_id])
        if sources:
            blocks.append(FramingBlock(event_label(event, entities) if event else event_id,
                                       anchor if anchor in event_anchors else None, sources))
    return tuple(blocks)


def _quotes(corpus: Corpus, docs: list[Document], entities: Mapping[str, Entity],
            shown: Collection[str]) -> tuple[tuple[str, tuple[QuoteLine, ...], int], ...]:
    entity_of = {m: e.id for e in entities.values() for m in e.mention_ids}
    out = []
    for doc in docs:
        mine = [q for q in corpus.quotes if q.doc_id == doc.id]
        lines = []
        for quote in mine[:_QUOTES]:
            entity_id = entity_of.get(quote.speaker_mention_id or "")
            if entity_id is not None and entity_id in shown:
                speaker = entity_link(entity_id, entities, shown)
            else:
                speaker = Markup('<span class="ent">{}</span>').format(quote.speaker or "someone unnamed")
            text = _squash(quote.text).strip()
            text = text if len(text) <= _QUOTE_CHARS else text[:_QUOTE_CHARS].rsplit(" ", 1)[0] + " …"
            lines.append(QuoteLine(speaker, text, quote.kind, quote.cue, "#" + anchor_id("doc", doc.id)))
        if lines:
            out.append((source_label(doc), tuple(lines), len(mine) - len(lines)))
    return tuple(out)


def sides_view(corpus: Corpus, docs: list[Document], shown: Collection[str], event_anchors: Collection[str]) -> SidesView:
    """Everything "Sources side by side" shows, for the documents in `docs` (records of others are left out)."""
    entities = {e.id: e for e in corpus.entities}
    doc_ids = {doc.id for doc in docs}
    with_stance = [doc for doc in docs if any(s.source == doc.id for s in corpus.stances)]
    stances = [s for s in corpus.stances if s.source in doc_ids]
    mention_ids = {m.id for m in corpus.mentions if m.doc_id in doc_ids}
    vocabulary = []
    for doc in docs:
        terms = sorted((v for v in corpus.vocabulary if v.source == doc.id), key=lambda v: -v.z)[:_VOCABULARY]
        if terms:
            vocabulary.append((source_label(doc), tuple((v.term, v.z, v.count) for v in terms)))
    return SidesView(
        columns=tuple(source_label(doc) for doc in with_stance),
        stance_rows=_stance_rows(stances, [doc.id for doc in with_stance], entities, shown),
        evidence=_evidence(stances, docs, entities, mention_ids),
        framings=_framings(corpus, docs, entities, event_anchors),
        vocabulary=tuple(vocabulary), quotes=_quotes(corpus, docs, entities, shown))
