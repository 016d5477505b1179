"""Every record rashomon makes, in one place.

`Document.text` is the cleaned text, made once at ingest and never changed. Every later fact carries
the document's id plus a `Span` of character offsets into that text (Python string indices, end
exclusive), so `doc.text[span.start:span.end]` is always the words the fact rests on.

Records are frozen: a stage that refines a record makes a new one (`dataclasses.replace`).
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from .errors import SpanError

EntityType = Literal["PERSON", "ORG", "PLACE", "GROUP"]
"""PERSON: people. ORG: organisations, companies, armed groups with names. PLACE: countries, cities,
regions, sites. GROUP: nationalities, religious and political groups ("Iraqis", "Shia")."""

TypeVote = Literal["PERSON", "ORG", "PLACE", "GROUP", "NONE"]
"""What one piece of evidence says a name is: one of the entity types, or NONE (no name of these kinds: a
common word, a term, a language, an event)."""

MetaSource = Literal["text", "html", "jsonl", "pdf", "sidecar"]
"""Where a piece of metadata was read: the cleaned text itself (then it has a span, or none when it was
read from boilerplate that cleaning removed, such as an outlet named in a subscription notice), the
HTML's markup, the jsonl record's fields, the PDF's document information, or the metadata file a user
wrote beside the articles (`sources.csv`, which overrides the rest)."""

Verdict = Literal["agree", "differ", "single"]


def content_id(text: str, *, prefix: str = "", length: int = 16) -> str:
    """A stable id made from content: sha256 of NFC-normalised text, cut to `length` hex digits.

    Never Python's `hash()`, which is salted per process.
    """
    digest = hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()
    return f"{prefix}{digest[:length]}"


@dataclass(frozen=True, slots=True)
class Span:
    """A character range in a document's cleaned text."""

    start: int  # inclusive
    end: int  # exclusive, so text[start:end] is the span's text

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise SpanError(f"Span({self.start}, {self.end}): need 0 <= start <= end.")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Meta:
    """One piece of document metadata (title, author, outlet, date) and where it came from."""

    value: str
    source: MetaSource
    span: Span | None = None  # where in Document.text it was read; None when not read from the kept text


@dataclass(frozen=True, slots=True)
class Document:
    """One article: its cleaned text and metadata. The id is a hash of the text."""

    id: str
    path: str  # the file it came from; for jsonl, "file.jsonl#LINE" (1-based line number)
    text: str
    format: Literal["txt", "md", "html", "pdf", "jsonl"]
    title: Meta | None = None
    author: Meta | None = None
    outlet: Meta | None = None
    published: Meta | None = None  # value is an ISO date, YYYY-MM-DD; None when the text gives none
    url: str | None = None

    @classmethod
    def create(cls, *, path: str, text: str, format: Literal["txt", "md", "html", "pdf", "jsonl"],
               title: Meta | None = None, author: Meta | None = None, outlet: Meta | None = None,
               published: Meta | None = None, url: str | None = None) -> Document:
        """Make a document whose id is derived from its cleaned text."""
        return cls(id=content_id(text, prefix="d"), path=path, text=text, format=format, title=title,
                   author=author, outlet=outlet, published=published, url=url)

    @property
    def words(self) -> int:
        return len(self.text.split())

    def span(self, start: int, end: int) -> Span:
        """A span of this document's text, checked: 0 <= start <= end <= len(text)."""
        if not 0 <= start <= end <= len(self.text):
            raise SpanError(
                f"document {self.id} ({self.path}): span ({start}, {end}) is outside the text "
                f"(length {len(self.text)}); need 0 <= start <= end <= length."
            )
        return Span(start, end)

    def slice(self, span: Span) -> str:
        return self.text[span.start:span.end]


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not be read, and why, in a sentence that says what to do."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True, slots=True)
class TypeCue:
    """One piece of evidence about what kind of thing a name names, as the entities stage read it.

    `form` cues are about the name as written (the NER label, the gazetteer, a head noun such as
    "Glacier"); the others are about one occurrence's context (a title before it, "the city of X", an
    apposition "X, the party's leader"). A negative weight is evidence against `vote`.
    """

    vote: TypeVote
    weight: float
    reason: str  # "NER label GPE", "title Ayatollah", "GeoNames city of 900,000 people", ...
    form: bool = False


@dataclass(frozen=True, slots=True)
class Mention:
    """A name in a document that refers to a person, organisation, place or group.

    `span` covers the name as written, without a title or possessive: in "Maj. Gen. Qasim
    Soleimani's", span covers "Qasim Soleimani", `title` is "Maj. Gen.".
    `chain` ties mentions of the same thing within one document: a short form ("Soleimani") or an
    acronym ("PMU") carries the chain id of the full name it was tied to.
    """

    id: str  # f"{doc_id}:{start}-{end}"
    doc_id: str
    span: Span
    text: str  # == document.text[span.start:span.end]
    type: EntityType
    sentence: Span  # the sentence the mention stands in
    title: str | None = None  # "Maj. Gen.", "President", "Grand Ayatollah"
    chain: str = ""  # within-document chain id; "" when the mention stands alone
    expansion: str | None = None  # for an acronym, the long form the document gives for it
    label: str = ""  # the NER label it came from (PERSON, ORG, GPE, LOC, NORP, FAC, ...)
    evidence: tuple[TypeCue, ...] = ()  # what the type vote read for this mention (entities.vote)

    @staticmethod
    def make_id(doc_id: str, span: Span) -> str:
        return f"{doc_id}:{span.start}-{span.end}"


@dataclass(frozen=True, slots=True)
class DroppedName:
    """A capitalised form the entities stage found but judged no name of a person, organisation, place or
    group (a common word capitalised, a term, a language, part of a title), and why."""

    id: str  # f"{doc_id}:{start}-{end}"
    doc_id: str
    span: Span
    text: str  # == document.text[span.start:span.end]
    sentence: Span
    label: str  # the NER label it came from; "" when a rule found it
    reason: str  # one sentence: 'a common word: the document also writes "flags" in lowercase'
    evidence: tuple[TypeCue, ...] = ()  # every cue the vote read, when a vote dropped it


@dataclass(frozen=True, slots=True)
class Entity:
    """One person, organisation, place or group, resolved across all documents."""

    id: str
    name: str  # canonical: the most complete common form
    type: EntityType
    aliases: tuple[str, ...]  # every surface form, canonical name first
    mention_ids: tuple[str, ...]  # ids of its mentions, in document and offset order


@dataclass(frozen=True, slots=True)
class Claim:
    """A number a document states about the world, with what it counts and who says so."""

    id: str  # f"{doc_id}:{start}-{end}"
    doc_id: str
    span: Span  # the number and its qualifier, e.g. "at least 500"
    text: str
    sentence: Span
    value: float | None  # the number as stated; None for vague amounts ("hundreds") with bounds only
    low: float | None  # lower bound after the qualifier ("more than 600" -> low 600, high None)
    high: float | None
    unit: str = ""  # "" for counts; "percent", "USD", "EUR", "GBP", "year", "month", ...
    measure: str = ""  # what happened to what is counted: "killed", "wounded", "deployed", ...
    counted: str = ""  # the thing counted, lemmatised: "protester", "troop", "child"
    place: str = ""  # entity name or text of the place, "" when none
    period: str = ""  # as stated: "since October", "in four days"
    attributed_to: str = ""  # stated source ("Reuters"); "" means the author
    qualifier: str = ""  # "at least", "more than", "about", "between", ...
    entity_ids: tuple[str, ...] = ()  # entities involved (place, counted group), when resolved
    event_id: str | None = None


@dataclass(frozen=True, slots=True)
class ClaimGroup:
    """Claims from different documents that measure the same thing, and whether they agree."""

    id: str
    label: str  # "protesters killed in Iraq since October"
    verdict: Verdict
    claim_ids: tuple[str, ...]


PloverType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "OTHER",
]
"""PLOVER's 16 event categories (the ontology of POLECAT), plus OTHER for what fits none."""

DatePrecision = Literal["day", "week", "month", "season", "quarter", "year", "decade", "range", "unknown"]


@dataclass(frozen=True, slots=True)
class Place:
    """A place name resolved against the offline gazetteer; unresolved places keep only their name."""

    name: str
    country: str | None = None  # ISO 3166-1 alpha-2
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None


@dataclass(frozen=True, slots=True)
class EventMention:
    """One sentence's report of an event: its trigger word, participants, place and time."""

    id: str  # f"{doc_id}:{trigger.start}-{trigger.end}"
    doc_id: str
    trigger: Span  # the event word ("killed", "airstrike")
    text: str  # == Document.text[trigger.start:trigger.end]
    lemma: str
    sentence: Span
    type: PloverType
    mode: str = ""  # PLOVER mode, e.g. "aerial", "drone", "targeted", "demo"; "" when none fits
    aux_modes: tuple[str, ...] = ()  # PLOVER auxiliary modes: "historical", "future", "hypothetical", "negation"
    negated: bool = False  # "did not attack", "cancelled an assault", "denied attacking"
    actor_ids: tuple[str, ...] = ()  # mention ids of the agent(s)
    target_ids: tuple[str, ...] = ()  # mention ids of the target(s)/recipient(s)
    modifier_ids: tuple[str, ...] = ()  # those of actor_ids/target_ids that only modify the participant's
    # head noun: "Iraqi" in "Iraqi children", "US" in "the US and Iranian consulates"
    place_ids: tuple[str, ...] = ()  # mention ids of the place(s)
    actor_text: str = ""  # the agent as written ("protesters", "the Iraqi parliament")
    target_text: str = ""
    places: tuple[Place, ...] = ()  # gazetteer resolution of the place mentions, same order
    time_span: Span | None = None  # the time expression the event is anchored to
    date: str | None = None  # ISO (possibly partial: "2020-01", "2019") after normalisation
    date_precision: DatePrecision = "unknown"
    reported_by: str = ""  # who says it happened when it is reported speech; "" = the author
    confidence: float = 1.0  # 0..1: calibrated probability that this is a real event reported as having happened
    # (`events.confidence`: trigger strength, named participants in their roles, an attached time, status)
    theme_text: str = ""  # what the act is about that is no participant: a bare number ("killed 25"), an
    # abstract noun ("signed the agreement", "proposed a scheme"); fusion compares it with the target's words


_FLAGGED_MODES = ("hypothetical", "future", "historical")  # auxiliary modes worth a visible marker


def is_factual(mention: EventMention) -> bool:
    """Whether a mention reports something as having happened (not negated, hypothetical or future)."""
    return not mention.negated and not {"hypothetical", "future", "negation"} & set(mention.aux_modes)


def report_flags(mention: EventMention) -> tuple[str, ...]:
    """A report's markers: negated, hypothetical, future, historical (in that order)."""
    flags = ["negated"] if mention.negated or "negation" in mention.aux_modes else []
    return (*flags, *(mode for mode in _FLAGGED_MODES if mode in mention.aux_modes))


@dataclass(frozen=True, slots=True)
class Event:
    """Event mentions from one or more documents fused into one event."""

    id: str
    type: PloverType
    mode: str
    date: str | None  # the best-supported date
    date_precision: DatePrecision
    date_conflict: bool  # sources give incompatible dates
    dates: tuple[str, ...]  # every date the sources give, most supported first
    actor_ids: tuple[str, ...]  # entity ids
    target_ids: tuple[str, ...]
    places: tuple[Place, ...]
    mention_ids: tuple[str, ...]  # EventMention ids, in document and offset order
    doc_ids: tuple[str, ...]  # the articles reporting it
    independent_sources: int  # articles after collapsing copies of one story (near-duplicate text)
    aux_modes: tuple[str, ...] = ()  # PLOVER auxiliary modes every mention shares ("historical")
    place_conflict: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (doc id, the places it names) for every source
    # naming a place, when two sources name only places that cannot be the same (Kirkuk and Baghdad); () else
    reports: tuple[tuple[str, ...], ...] = ()  # mention_ids grouped by the sentence that reports them (one group
    # per sentence, markers, reporter and date), in order of first appearance: a sentence is shown once
    confidence: float = 1.0  # 0..1: calibrated probability that this is one real event (`events.confidence`: its
    # best mention, independent sources, reports, date, named participants); views hide those below a threshold


@dataclass(frozen=True, slots=True)
class EventFigure:
    """One quantity an event's sources give a figure for (its toll), and whether they agree on it."""

    event_id: str
    label: str  # what is measured: "militia fighters killed in Iraq"
    verdict: Verdict  # across the sources of this event: "agree", "differ" or "single"
    group_id: str | None  # the claim group the figures come from; None for a claim in no group
    claim_ids: tuple[str, ...]  # the figures, in the group's order (document, then offset)


QuoteKind = Literal["direct", "reported"]
StanceLabel = Literal["favourable", "unfavourable", "neutral", "insufficient"]
""""insufficient": the source says too little about the entity to tell; views say "not enough evidence" and
show no score."""


@dataclass(frozen=True, slots=True)
class Quote:
    """Words a document attributes to someone: in quotation marks (direct) or a "said that" clause (reported)."""

    id: str  # f"{doc_id}:{start}-{end}" of span
    doc_id: str
    span: Span  # the quoted words: inside the marks (direct) or the reported clause
    text: str  # == Document.text[span.start:span.end]
    sentence: Span  # the sentence(s) holding the quote and its attribution
    speaker: str  # who says it, as written ("Ali Khamenei", "a senior official"); "" when no one is named
    speaker_mention_id: str | None  # the Mention of the speaker (a pronoun's antecedent), when there is one
    kind: QuoteKind
    cue: str  # the attributing word(s): "said", "according to", "claimed"; "" when none was found
    speaker_entity_id: str | None = None  # the resolved entity who speaks (corpus level: perspective.speakers),
    # so every view can count one speaker once however each source spells the name; None when unresolved


@dataclass(frozen=True, slots=True)
class StanceEvidence:
    """One sentence's judgement of one target: the evaluative words tied to it by the parse."""

    doc_id: str
    mention_id: str  # the mention judged; for a pronoun, the mention it stands for
    target: str  # the target as written in this sentence ("Soleimani", "he")
    target_span: Span
    sentence: Span
    score: float  # -1 (unfavourable) .. +1 (favourable)
    cue_words: tuple[str, ...]  # the evaluative words, as written
    cue_spans: tuple[Span, ...]  # where they are, same order
    reported_by: str | None = None  # who holds the judgement when it is not the author's own
    cue_roles: tuple[str, ...] = ()  # how each word is tied to the target, same order (perspective.stance.ROLES:
    # "description", "predicate", "act", "object", "owned", "deep", "judgement", "violence", "reversal", "manner")


@dataclass(frozen=True, slots=True)
class Stance:
    """How one source (document) writes about one entity, with the sentences that decide it."""

    source: str  # document id
    entity_id: str
    label: StanceLabel  # "insufficient" when the source gives too little to tell (then score is 0)
    score: float  # -1 .. +1: the lean of the author's own evidence, shrunk towards 0 when it is thin
    mentions: int  # mentions of the entity in the source
    evidence: tuple[StanceEvidence, ...]  # the deciding sentences: the author's own judgements, weightiest first
    reported: tuple[StanceEvidence, ...] = ()  # judgements the source reports from others
    confidence: float = 0.0  # 0 .. 1: how sure the label is (the probability the stance model gives it); 0 for
    # "insufficient"


@dataclass(frozen=True, slots=True)
class VocabularyTerm:
    """A word or two-word phrase one source uses far more than the others (Fightin' Words z-score)."""

    source: str
    term: str  # lemma unigram or bigram ("drone", "axis resistance")
    z: float  # z-score of the log-odds ratio against all other sources, informative Dirichlet prior
    count: int  # times the source uses it
    delta: float  # the log-odds ratio itself


@dataclass(frozen=True, slots=True)
class FrameTerm:
    """A word a source uses to name an event, and what that word connotes."""

    doc_id: str
    span: Span
    text: str  # as written ("drone attack")
    lemma: str  # "drone attack"
    sentence: Span
    category: str  # the act it names: "killing", "assassination", "execution", "strike", ... "other"
    frame: str  # the connotation: "descriptive", "condemning", "judicial", "military", "euphemistic", ...
    valence: float  # -4 .. +4 (VADER scale)
    quoted: bool = False  # in quotation marks: the source keeps its distance from the word


@dataclass(frozen=True, slots=True)
class Framing:
    """The words one source uses for one event."""

    source: str  # document id
    event_id: str
    terms: tuple[FrameTerm, ...]  # every occurrence, in text order


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression in a document and its normalised value."""

    doc_id: str
    span: Span
    text: str
    # TIMEX3-style: "2020-01-03", "2020-01", "2019", "2019-W52", "2019-WI" (season), "PRESENT_REF"; None if unresolved
    value: str | None
    granularity: Literal["day", "week", "month", "season", "quarter", "year", "decade", "century", "range", "time",
                         "duration", "unknown"]
    kind: Literal["date", "time", "duration", "set"]
    range_start: str | None = None  # for "since May 2019" (start) / ranges
    range_end: str | None = None
    anchored: bool = False  # True when the value was computed relative to the document date


@dataclass(frozen=True, slots=True)
class DocumentRecords:
    """Everything the per-document stages make from one document: the bundle the pipeline hands from stage
    to stage and the store writes in one transaction. A field per record type; `pipeline.STAGES` says which
    stage assigns it."""

    doc: Document
    mentions: tuple[Mention, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    event_mentions: tuple[EventMention, ...] = ()
    claims: tuple[Claim, ...] = ()
    quotes: tuple[Quote, ...] = ()
    stance_evidence: tuple[StanceEvidence, ...] = ()
    term_counts: Mapping[str, int] = field(default_factory=dict)  # lemma or bigram -> uses, for vocabulary
    dropped_names: tuple[DroppedName, ...] = ()  # forms the entities stage judged no names, with the reason


@dataclass(frozen=True, slots=True)
class Corpus:
    """Everything a store holds: the bundle the corpus-level stages read and assign, and what the renderers
    show. `Store.load` fills the fields it is asked for (by default all but the per-document inputs of the
    corpus stages, `stance_evidence` and `term_counts`)."""

    documents: tuple[Document, ...]
    mentions: tuple[Mention, ...]
    entities: tuple[Entity, ...]
    claims: tuple[Claim, ...] = ()
    claim_groups: tuple[ClaimGroup, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    event_mentions: tuple[EventMention, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    stances: tuple[Stance, ...] = ()
    vocabulary: tuple[VocabularyTerm, ...] = ()
    framings: tuple[Framing, ...] = ()
    event_figures: tuple[EventFigure, ...] = ()  # by event, in the order `claims.event_figures` ranks them
    stance_evidence: tuple[StanceEvidence, ...] = ()
    term_counts: Mapping[str, Mapping[str, int]] = field(default_factory=dict)  # document id -> term counts
    dropped_names: tuple[DroppedName, ...] = ()  # forms judged no names, by document (path) and offset
    _by_id: dict[str, Document] = field(default_factory=dict, compare=False, repr=False)

    def document(self, doc_id: str) -> Document:
        if not self._by_id:
            self._by_id.update({doc.id: doc for doc in self.documents})
        return self._by_id[doc_id]
