"""Sources side by side (`rashomon compare`): each source's stance towards the main actors with the sentences
that weigh most, the words each uses for the same event, its distinctive vocabulary, and whom it quotes. The
perspective stage measures all of these; this gathers them per source."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ...model import Corpus, FrameTerm, Span, Stance, StanceEvidence
from ..text import Passage, passage, source_label, squash
from .lookup import CorpusLookup, lookup_of
from .sources import DocumentRow, document_row
from .timeline import Participant, event_label

NOT_ENOUGH = "not enough evidence"
"""What the views say for a stance the evidence does not decide."""


@dataclass(frozen=True, slots=True)
class EvidenceLine:
    """One sentence's judgement of an entity: its evaluative words (cues) and the words naming the entity."""

    doc_id: str
    source: str
    entity: str  # the entity's name; its id when no entity has it
    score: float  # -1 (unfavourable) .. +1 (favourable)
    cue_words: tuple[str, ...]
    cues: tuple[Span, ...]
    target: Span
    mention_id: str | None  # the mention judged, when the corpus's documents hold it
    reported_by: str | None  # who holds the judgement when it is not the author's own
    passage: Passage


@dataclass(frozen=True, slots=True)
class StanceItem:
    """How one source writes about one entity."""

    entity_id: str
    entity_name: str | None  # None when no entity has the id
    doc_id: str
    source: str
    label: str  # "favourable", "neutral", "unfavourable", or "insufficient" (not enough evidence)
    score: float
    mentions: int
    evidence: tuple[EvidenceLine, ...]  # the author's own deciding judgements, weightiest first; none when insufficient
    reported: tuple[EvidenceLine, ...]  # judgements the source reports from others
    confidence: float = 0.0  # 0 .. 1, the perspective stage's (`stance_confidence`)
    enough: bool = True  # False: not enough evidence to say (shown as such, never as a number)

    @property
    def known(self) -> bool:
        """Whether the evidence decides a stance: else the views say "not enough evidence", never a number."""
        return self.enough

    @property
    def shown_label(self) -> str:
        """The label as every view writes it."""
        return self.label if self.known else NOT_ENOUGH

    @property
    def summary(self) -> str:
        """"unfavourable -0.45 (confidence 0.80)", or "not enough evidence" with no number."""
        if not self.known:
            return NOT_ENOUGH
        return f"{self.label} {self.score:+.2f} (confidence {self.confidence:.2f})"


def stance_confidence(stance: Stance) -> tuple[float, bool]:
    """(confidence 0..1, whether the evidence is enough to say) of one stance, as the perspective stage gives
    them: its "insufficient" label is "not enough evidence" (confidence 0)."""
    enough = stance.label != "insufficient"
    return (round(stance.confidence, 3) if enough else 0.0), enough


@dataclass(frozen=True, slots=True)
class StanceRow:
    """An entity with each source's stance towards it."""

    entity: Participant
    cells: Mapping[str, StanceItem]  # by document id

    @property
    def sources(self) -> int:
        """How many sources take a stance towards it."""
        return len(self.cells)


@dataclass(frozen=True, slots=True)
class SourceEvidence:
    """A source's weightiest judgements (own and reported), strongest first."""

    doc: DocumentRow
    own: tuple[EvidenceLine, ...]
    reported: tuple[EvidenceLine, ...]


@dataclass(frozen=True, slots=True)
class FrameWord:
    """A word a source uses for an event, counted."""

    text: str  # case-folded
    frame: str  # its connotation: "descriptive", "condemning", ...
    valence: float
    quoted: bool
    count: int

    @property
    def tone(self) -> str:
        """"neg", "neu" or "pos"."""
        return "neg" if self.valence <= -0.5 else "pos" if self.valence >= 0.5 else "neu"


@dataclass(frozen=True, slots=True)
class FramingBlock:
    """The words each source uses for one event."""

    event_id: str
    label: str  # the event's label; its id when the corpus has no such event
    known: bool  # whether the corpus has the event
    by_source: tuple[tuple[DocumentRow, tuple[FrameWord, ...]], ...]  # sources with words, by date

    def words_of(self, doc_id: str) -> tuple[FrameWord, ...]:
        """The words of one source (none when it uses none)."""
        return next((words for doc, words in self.by_source if doc.id == doc_id), ())


@dataclass(frozen=True, slots=True)
class FramingItem:
    """The words one source uses for one event, as the perspective stage lists them."""

    event_id: str
    event_date: str | None
    event_type: str | None  # None when the corpus has no such event
    doc_id: str
    source: str
    terms: tuple[tuple[str, str], ...]  # (word as written, frame), in text order


@dataclass(frozen=True, slots=True)
class QuoteLine:
    """Words a source attributes to someone."""

    speaker: str  # as written; "" when no one is named
    entity: Participant | None  # the speaker's entity, when resolved
    text: str  # on one line
    kind: str  # "direct" or "reported"
    cue: str  # "said", "according to"; "" when none


@dataclass(frozen=True, slots=True)
class SourceQuotes:
    """Whom one source quotes: every quote, and each named speaker counted (most quoted first)."""

    doc: DocumentRow
    quotes: tuple[QuoteLine, ...]
    speakers: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class SidesView:
    """The sources side by side; every per-source list is by date (`sources`)."""

    sources: tuple[DocumentRow, ...]
    stance_sources: tuple[DocumentRow, ...]  # the sources with a stance
    stances: tuple[StanceItem, ...]  # in the stage's order
    rows: tuple[StanceRow, ...]  # entities most sources judge first, then most mentioned
    evidence: tuple[SourceEvidence, ...]  # sources with a judgement
    framings: tuple[FramingBlock, ...]  # in timeline order
    framing_items: tuple[FramingItem, ...]  # in the stage's order
    vocabulary: tuple[tuple[DocumentRow, tuple[tuple[str, float, int], ...]], ...]  # (term, z, count), highest z first
    quotes: tuple[SourceQuotes, ...]


def _evidence(lookup: CorpusLookup, items: Iterable[StanceEvidence], entity: str) -> tuple[EvidenceLine, ...]:
    lines = []
    for item in items:
        doc = lookup.documents.get(item.doc_id)
        if doc is None:
            continue
        mention = lookup.mentions.get(item.mention_id)
        lines.append(EvidenceLine(
            doc.id, source_label(doc), entity, item.score, tuple(item.cue_words), tuple(item.cue_spans),
            item.target_span,
            item.mention_id if mention is not None and mention.doc_id in lookup.documents else None, item.reported_by,
            passage(doc, item.sentence, *item.cue_spans, item.target_span)))
    return tuple(lines)


def stance_item(lookup: CorpusLookup, stance: Stance) -> StanceItem:
    """One source's stance towards one entity, with its evidence."""
    entity = lookup.entities.get(stance.entity_id)
    name = entity.name if entity is not None else stance.entity_id
    confidence, enough = stance_confidence(stance)
    return StanceItem(stance.entity_id, entity.name if entity is not None else None, stance.source,
                      source_label(lookup.documents[stance.source]), stance.label, stance.score, stance.mentions,
                      _evidence(lookup, stance.evidence, name) if enough else (),
                      _evidence(lookup, stance.reported, name), confidence, enough)


def frame_words(terms: Iterable[FrameTerm]) -> tuple[FrameWord, ...]:
    """Terms counted by word (case-folded), frame, valence and quotation: most used first, then by word."""
    counts = Counter((t.text.casefold(), t.frame, t.valence, t.quoted) for t in terms)
    words = [FrameWord(text, frame, valence, quoted, n) for (text, frame, valence, quoted), n in counts.items()]
    return tuple(sorted(words, key=lambda w: (-w.count, w.text)))


def _participant(lookup: CorpusLookup, entity_id: str | None) -> Participant | None:
    entity = lookup.entities.get(entity_id or "")
    return Participant(entity.id, entity.name, entity.type) if entity is not None else None


def _rows(lookup: CorpusLookup, stances: Sequence[StanceItem]) -> tuple[StanceRow, ...]:
    cells: dict[str, dict[str, StanceItem]] = {}
    for stance in stances:
        cells.setdefault(stance.entity_id, {})[stance.doc_id] = stance
    ranked = sorted(cells.items(), key=lambda kv: (-len(kv[1]), -sum(s.mentions for s in kv[1].values()), kv[0]))
    return tuple(StanceRow(Participant(entity_id, lookup.entity_name(entity_id),
                                       lookup.entities[entity_id].type if entity_id in lookup.entities else None), row)
                 for entity_id, row in ranked)


def _source_evidence(docs: Sequence[DocumentRow], stances: Sequence[StanceItem]) -> tuple[SourceEvidence, ...]:
    blocks = []
    for doc in docs:
        mine = [s for s in stances if s.doc_id == doc.id]
        own = sorted((e for s in mine for e in s.evidence if e.doc_id == doc.id), key=lambda e: -abs(e.score))
        reported = sorted((e for s in mine for e in s.reported if e.doc_id == doc.id), key=lambda e: -abs(e.score))
        if own or reported:
            blocks.append(SourceEvidence(doc, tuple(own), tuple(reported)))
    return tuple(blocks)


def _framings(lookup: CorpusLookup, docs: Sequence[DocumentRow]) -> tuple[FramingBlock, ...]:
    order = {e.id: i for i, e in enumerate(lookup.sorted_events)}
    by_event: dict[str, dict[str, tuple[FrameWord, ...]]] = {}
    for framing in lookup.corpus.framings:
        words = frame_words(t for t in framing.terms if t.doc_id == framing.source)
        if words:
            by_event.setdefault(framing.event_id, {})[framing.source] = words
    blocks = []
    for event_id in sorted(by_event, key=lambda e: (order.get(e, len(order)), e)):
        event = lookup.events.get(event_id)
        sources = tuple((doc, by_event[event_id][doc.id]) for doc in docs if doc.id in by_event[event_id])
        if sources:
            blocks.append(FramingBlock(event_id, event_label(event, lookup) if event else event_id, event is not None,
                                       sources))
    return tuple(blocks)


def _quotes(lookup: CorpusLookup, doc: DocumentRow) -> SourceQuotes:
    """A source's quotes; its speakers counted by the entity who speaks (perspective.speakers), so that one
    person named two ways is one speaker, and by the words as written when no entity speaks."""
    mine = [q for q in lookup.corpus.quotes if q.doc_id == doc.id]
    lines = tuple(QuoteLine(q.speaker, _participant(lookup, q.speaker_entity_id), squash(q.text).strip(), q.kind,
                            q.cue) for q in mine)
    speakers = Counter(name for name in (_speaker(lookup, q.speaker_entity_id, q.speaker) for q in mine) if name)
    return SourceQuotes(doc, lines, tuple(speakers.most_common()))


def _speaker(lookup: CorpusLookup, entity_id: str | None, written: str) -> str:
    entity = lookup.entities.get(entity_id) if entity_id is not None else None
    return entity.name if entity is not None else written


def sides_view(corpus: Corpus | CorpusLookup) -> SidesView:
    """The sources side by side; records of documents the corpus does not hold are left out."""
    lookup = lookup_of(corpus)
    records = lookup.corpus
    docs = tuple(document_row(doc) for doc in lookup.sorted_documents)
    stances = tuple(stance_item(lookup, s) for s in records.stances if s.source in lookup.documents)
    with_stance = {s.doc_id for s in stances}
    events = lookup.events
    framing_items = tuple(
        FramingItem(f.event_id, events[f.event_id].date if f.event_id in events else None,
                    events[f.event_id].type if f.event_id in events else None, f.source,
                    source_label(lookup.documents[f.source]), tuple((t.text, t.frame) for t in f.terms))
        for f in records.framings if f.source in lookup.documents)
    vocabulary = tuple((doc, tuple((v.term, v.z, v.count) for v in sorted(
        (v for v in records.vocabulary if v.source == doc.id), key=lambda v: -v.z))) for doc in docs)
    return SidesView(docs, tuple(doc for doc in docs if doc.id in with_stance), stances, _rows(lookup, stances),
                     _source_evidence(docs, stances), _framings(lookup, docs), framing_items, vocabulary,
                     tuple(_quotes(lookup, doc) for doc in docs))
