"""Score rashomon on BASIL: article-level stance, phrase-level judgements and quotes, entities and events.

(a) Article level: each (article, main entity) with an `author_feeling_*` label. rashomon's label is the stance
    the stage stored for that article and the entity the name resolves to (`basil.match_entity`): favourable is
    pos, unfavourable neg; neutral, "not enough evidence" and no stance at all are neu. Beside it, two
    baselines on the same pairs: the majority class, and a plain sentiment lexicon (VADER's compound score,
    averaged over the sentences that mention the entity; pos above 0.05, neg below -0.05, VADER's own cut).
(b) Phrase level: of the annotated spans toward a target, how many sentences rashomon ties to that target with
    the right polarity, and whether it tells the outlet's own words from quoted ones: of the spans BASIL marks
    as quotes, how often an evaluative word rashomon reads inside the span is counted as the outlet's own.
(c) Across the three outlets: whether each main entity is one entity with mentions in every article that
    names it, and whether the triplet's main event, as each article's lead tells it, comes out as one event.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Corpus, Document, Entity, Quote, Span, Stance, StanceEvidence
from .basil import FEELINGS, BasilSpan, BasilTriplet, document_of, match_entity, sentence_spans, span_in_doc
from .class_metrics import ClassScores, class_scores

LEXICON_CUT = 0.05  # VADER's conventional threshold on the compound score
LEAD_SENTENCES = 2  # an article's lead: where it tells its main event


@dataclass(frozen=True, slots=True)
class LabelScores:
    """Accuracy, per-class scores and macro-F1 of one method on the article-level pairs."""

    method: str
    items: int
    accuracy: float
    macro_f1: float
    per_class: tuple[ClassScores, ...]

    def of(self, label: str) -> ClassScores:
        return next(c for c in self.per_class if c.label == label)


@dataclass(frozen=True, slots=True)
class Pair:
    """One (article, main entity) with its gold label and every method's prediction."""

    triplet: str
    source: str
    name: str  # as BASIL names it
    entity: str | None  # the rashomon entity it resolved to
    gold: str
    predicted: dict[str, str]  # method -> label
    stance: Stance | None  # what rashomon stored


@dataclass(slots=True)
class PhraseScores:
    spans: int = 0
    located: int = 0  # spans whose sentence was found in the analysed text and whose target resolved
    tied: int = 0  # ... for which rashomon has a judgement of the target in that sentence
    polarity_right: int = 0  # ... of the right polarity
    by_kind: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # (bias, quote, outcome) -> spans
    quote_spans: int = 0  # spans BASIL marks as quotes (located)
    quote_read: int = 0  # ... in which rashomon reads an evaluative word toward the target
    quote_as_own: int = 0  # ... and counts it as the outlet's own view (the error)
    quote_found: int = 0  # quote spans inside a quote rashomon found
    own_spans: int = 0  # the outlet's own spans (located)
    own_read: int = 0
    own_as_reported: int = 0  # ... that rashomon gives to someone else
    own_in_quote: int = 0  # own spans inside a quote rashomon found (a false quote)
    speakers: int = 0  # quote spans with a named speaker inside a quote rashomon found
    speaker_right: int = 0  # ... whose speaker resolves to that entity


@dataclass(slots=True)
class FusionScores:
    entities: int = 0  # (triplet, main entity) with mentions in at least one article
    unresolved: int = 0  # main entities named in an article that match no rashomon entity
    merged: int = 0  # one entity holds the mentions of every article that names it
    split: int = 0  # the name's mentions spread over several entities
    triplets: int = 0
    event_all_three: int = 0  # some event is reported by all three articles
    lead_event: int = 0  # one event has a mention in the lead of each of the three articles


@dataclass(frozen=True, slots=True)
class BasilEvaluation:
    triplets: int
    articles: int
    scores: tuple[LabelScores, ...]  # rashomon first, then the baselines
    pairs: tuple[Pair, ...]
    matched: Counter[str]  # how the names resolved: "entity", "none"
    phrase: PhraseScores
    fusion: FusionScores


# -- (a) article level -----------------------------------------------------------------------------------

Predict = Callable[[Corpus, Document, Entity | None, str], str]


def label_of(stance: Stance | None) -> str:
    if stance is None:
        return "neu"
    return {"favourable": "pos", "unfavourable": "neg"}.get(stance.label, "neu")


@lru_cache(maxsize=1)
def _vader() -> object:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def entity_sentences(corpus: Corpus, doc: Document, entity: Entity | None, name: str) -> list[Span]:
    """The sentences of `doc` that mention the entity (or, unresolved, that hold the name as written)."""
    if entity is not None:
        ids = set(entity.mention_ids)
        found = {m.sentence for m in corpus.mentions if m.doc_id == doc.id and m.id in ids}
        if found:
            return sorted(found, key=lambda s: s.start)
    spans = []
    start = 0
    for part in doc.text.split("\n"):
        if name.lower() in part.lower():
            spans.append(Span(start, start + len(part)))
        start += len(part) + 1
    return spans


def lexicon_baseline(corpus: Corpus, doc: Document, entity: Entity | None, name: str) -> str:
    """VADER's compound score averaged over the sentences that mention the entity."""
    sentences = entity_sentences(corpus, doc, entity, name)
    if not sentences:
        return "neu"
    analyser = _vader()
    mean = sum(analyser.polarity_scores(doc.slice(s))["compound"] for s in sentences) / len(sentences)  # type: ignore[attr-defined]
    return "pos" if mean > LEXICON_CUT else "neg" if mean < -LEXICON_CUT else "neu"


def score_labels(method: str, gold: Sequence[str], predicted: Sequence[str]) -> LabelScores:
    per_class = class_scores(FEELINGS, gold, predicted)
    correct = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p)
    return LabelScores(method, len(gold), round(correct / len(gold), 3) if gold else 0.0,
                       round(sum(c.f1 for c in per_class) / len(per_class), 3), tuple(per_class))


def _mention_counts(corpus: Corpus) -> Callable[[Entity], int]:
    return lambda entity: len(entity.mention_ids)


def article_pairs(triplet: BasilTriplet, corpus: Corpus, matched: Counter[str]) -> list[Pair]:
    resolved = {name: match_entity(name, corpus.entities, mentions_of=_mention_counts(corpus))
                for name in triplet.main_entities}
    pairs = []
    for article in triplet.articles:
        doc = document_of(article, corpus)
        if doc is None:
            continue
        stances = {s.entity_id: s for s in corpus.stances if s.source == doc.id}
        for name, gold in article.feelings:
            entity = resolved.get(name)
            matched["entity" if entity is not None else "none"] += 1
            stance = stances.get(entity.id) if entity is not None else None
            pairs.append(Pair(triplet=triplet.id, source=article.source, name=name,
                              entity=entity.id if entity is not None else None, gold=gold,
                              predicted={"rashomon": label_of(stance), "majority class": "neu",
                                         "sentiment lexicon": lexicon_baseline(corpus, doc, entity, name)},
                              stance=stance))
    return pairs


# -- (b) phrase level ------------------------------------------------------------------------------------


def _sign(score: float) -> str:
    return "pos" if score > 0 else "neg" if score < 0 else ""


def _inside(span: Span, regions: Sequence[Span]) -> Span | None:
    return next((r for r in regions if r.start <= span.start and span.end <= r.end + 1), None)


def score_phrases(triplet: BasilTriplet, corpus: Corpus, scores: PhraseScores) -> None:
    counts = _mention_counts(corpus)
    entity_of_mention = {m: e.id for e in corpus.entities for m in e.mention_ids}
    for article in triplet.articles:
        doc = document_of(article, corpus)
        if doc is None:
            scores.spans += len(article.spans)
            continue
        sentences = sentence_spans(article, doc)
        evidence = [e for e in corpus.stance_evidence if e.doc_id == doc.id]
        quotes = [q for q in corpus.quotes if q.doc_id == doc.id]
        for span in article.spans:
            scores.spans += 1
            entity = match_entity(span.target, corpus.entities, mentions_of=counts)
            where = span_in_doc(span, article, sentences, doc)
            sentence = sentences[span.sentence]
            if entity is None or where is None or sentence is None:
                continue
            scores.located += 1
            toward = [e for e in evidence if entity_of_mention.get(e.mention_id) == entity.id
                      and e.sentence.overlaps(sentence)]
            outcome = "missed"
            if toward:
                scores.tied += 1
                outcome = "wrong polarity"
                if any(_sign(e.score) == span.polarity for e in toward):
                    scores.polarity_right += 1
                    outcome = "right polarity"
            scores.by_kind[(span.bias, "quote" if span.quote else "own", outcome)] += 1
            _score_attribution(span, where, toward, quotes, corpus, entity_of_mention, scores)


def _cue_inside(item: StanceEvidence, where: Span) -> bool:
    return any(where.start <= cue.start and cue.end <= where.end for cue in item.cue_spans)


def _score_attribution(span: BasilSpan, where: Span, toward: Sequence[StanceEvidence], quotes: Sequence[Quote],
                       corpus: Corpus, entity_of_mention: dict[str, str], scores: PhraseScores) -> None:
    read = [e for e in toward if _cue_inside(e, where)]
    found = _inside(where, [q.span for q in quotes])
    if span.quote:
        scores.quote_spans += 1
        scores.quote_found += found is not None
        if read:
            scores.quote_read += 1
            scores.quote_as_own += any(e.reported_by is None for e in read)
        if found is not None and span.speaker and not span.speaker.startswith("other"):
            quote = next(q for q in quotes if q.span == found)
            scores.speakers += 1
            speaker = match_entity(span.speaker, corpus.entities, mentions_of=_mention_counts(corpus))
            said = quote.speaker_entity_id or entity_of_mention.get(quote.speaker_mention_id or "")
            scores.speaker_right += speaker is not None and said == speaker.id
    else:
        scores.own_spans += 1
        scores.own_in_quote += found is not None
        if read:
            scores.own_read += 1
            scores.own_as_reported += all(e.reported_by is not None for e in read)


# -- (c) entities and events across the three outlets ----------------------------------------------------


def score_fusion(triplet: BasilTriplet, corpus: Corpus, scores: FusionScores) -> None:
    counts = _mention_counts(corpus)
    docs = {article.path: document_of(article, corpus) for article in triplet.articles}
    doc_of_mention = {m.id: m.doc_id for m in corpus.mentions}
    for name in triplet.main_entities:
        naming = {doc.id for doc in docs.values() if doc is not None and _names(doc, name)}
        if not naming:
            continue
        scores.entities += 1
        entity = match_entity(name, corpus.entities, mentions_of=counts)
        if entity is None:
            scores.unresolved += 1
            continue
        covered = {doc_of_mention.get(m) for m in entity.mention_ids}
        others = [e for e in corpus.entities if e.id != entity.id and e.type == entity.type
                  and match_entity(name, [e], mentions_of=counts) is not None]
        if naming <= covered:
            scores.merged += 1
        elif any(naming & {doc_of_mention.get(m) for m in e.mention_ids} - covered for e in others):
            scores.split += 1
    scores.triplets += 1
    ids = {doc.id for doc in docs.values() if doc is not None}
    if len(ids) < 3:
        return
    if any(ids <= set(event.doc_ids) for event in corpus.events):
        scores.event_all_three += 1
    leads = _leads(triplet, corpus, docs)
    mention_doc = {m.id: m.doc_id for m in corpus.event_mentions}
    for event in corpus.events:
        in_lead = {mention_doc.get(m) for m in event.mention_ids if m in leads}
        if ids <= in_lead:
            scores.lead_event += 1
            break


def _names(doc: Document, name: str) -> bool:
    words = [w for w in name.split() if len(w) > 2]
    return bool(words) and (name.lower() in doc.text.lower() or words[-1].lower() in doc.text.lower())


def _leads(triplet: BasilTriplet, corpus: Corpus, docs: dict[str, Document | None]) -> set[str]:
    """Ids of the event mentions in the first sentences of each article."""
    found = set()
    for article in triplet.articles:
        doc = docs[article.path]
        if doc is None:
            continue
        spans = [s for s in sentence_spans(article, doc)[:LEAD_SENTENCES] if s is not None]
        if not spans:
            continue
        end = spans[-1].end
        found |= {m.id for m in corpus.event_mentions if m.doc_id == doc.id and m.trigger.end <= end}
    return found


# -- everything ------------------------------------------------------------------------------------------


def evaluate(triplets: Sequence[BasilTriplet], corpora: Sequence[Corpus]) -> BasilEvaluation:
    """Score the analysed corpora (one per triplet, same order) against BASIL's annotations."""
    matched: Counter[str] = Counter()
    pairs: list[Pair] = []
    phrase = PhraseScores()
    fusion = FusionScores()
    for triplet, corpus in zip(triplets, corpora, strict=True):
        pairs += article_pairs(triplet, corpus, matched)
        score_phrases(triplet, corpus, phrase)
        score_fusion(triplet, corpus, fusion)
    gold = [p.gold for p in pairs]
    methods = ("rashomon", "majority class", "sentiment lexicon")
    scores = tuple(score_labels(m, gold, [p.predicted[m] for p in pairs]) for m in methods)
    return BasilEvaluation(triplets=len(triplets), articles=sum(len(t.articles) for t in triplets), scores=scores,
                           pairs=tuple(pairs), matched=matched, phrase=phrase, fusion=fusion)


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else f"{part}/0"


def format_basil(result: BasilEvaluation, *, errors: bool = False) -> str:
    """The evaluation in Markdown: article-level table, phrase level, entities and events."""
    lines = [f"# BASIL: {result.triplets} triplets, {result.articles} articles", "",
             f"## (a) Article-level stance toward the main entities ({result.scores[0].items} pairs; names resolved "
             f"to a rashomon entity: {result.matched['entity']}, unresolved: {result.matched['none']})", "",
             "| method | accuracy | macro-F1 | neg P / R / F1 | neu P / R / F1 | pos P / R / F1 "
             "| calls neg / neu / pos |",
             "|---|---|---|---|---|---|---|"]
    for s in result.scores:
        cells = [f"{c.precision:.3f} / {c.recall:.3f} / {c.f1:.3f}" for c in (s.of(label) for label in FEELINGS)]
        calls = " / ".join(str(s.of(label).predicted) for label in FEELINGS)
        lines.append(f"| {s.method} | {s.accuracy:.3f} | {s.macro_f1:.3f} | {' | '.join(cells)} | {calls} |")
    gold = Counter(p.gold for p in result.pairs)
    shown = Counter("no stance" if p.stance is None else p.stance.label for p in result.pairs)
    lines += ["", "Gold labels: " + ", ".join(f"{label} {gold[label]}" for label in FEELINGS) + ". rashomon's "
              "stored labels: " + ", ".join(f"{label} {n}" for label, n in sorted(shown.items())) + " (neutral, "
              "insufficient and no stance all count as neu; no stance: the entity is not among the corpus's main "
              "actors, or the name resolved to none)"]
    ph = result.phrase
    lines += ["", f"## (b) Phrase level ({ph.spans} annotated spans toward a target; located in the analysed text "
              f"with the target resolved: {ph.located})", "",
              f"- rashomon ties a judgement of the target to the span's sentence: {_pct(ph.tied, ph.located)}; "
              f"with the right polarity: {_pct(ph.polarity_right, ph.located)}",
              f"- quotes (BASIL `quote: yes`): {ph.quote_spans}; inside a quote rashomon found: "
              f"{_pct(ph.quote_found, ph.quote_spans)}; rashomon reads an evaluative word toward the target inside "
              f"the span: {ph.quote_read}, and counts it as the outlet's own view: "
              f"{_pct(ph.quote_as_own, ph.quote_read)}",
              f"- speakers: of {ph.speakers} quote spans with a named speaker inside a quote rashomon found, the "
              f"speaker resolves to that entity: {_pct(ph.speaker_right, ph.speakers)}",
              f"- the outlet's own spans: {ph.own_spans}; inside a quote rashomon found (a false quote): "
              f"{_pct(ph.own_in_quote, ph.own_spans)}; rashomon reads a word toward the target inside the span: "
              f"{ph.own_read}, and gives it to someone else: {_pct(ph.own_as_reported, ph.own_read)}", "",
              "| bias | words | spans | right polarity | wrong polarity | missed |", "|---|---|---|---|---|---|"]
    for bias in ("lex", "inf"):
        for kind in ("own", "quote"):
            row = [ph.by_kind[(bias, kind, o)] for o in ("right polarity", "wrong polarity", "missed")]
            lines.append(f"| {bias} | {kind} | {sum(row)} | {row[0]} | {row[1]} | {row[2]} |")
    fu = result.fusion
    lines += ["", "## (c) Entities and events across the three outlets", "",
              f"- main entities named in the triplet: {fu.entities}; one rashomon entity holds the mentions of every "
              f"article that names it: {_pct(fu.merged, fu.entities)}; split over several entities: "
              f"{_pct(fu.split, fu.entities)}; no entity matches the name: {_pct(fu.unresolved, fu.entities)}",
              f"- triplets: {fu.triplets}; some event reported by all three articles: "
              f"{_pct(fu.event_all_three, fu.triplets)}; one event in the lead ({LEAD_SENTENCES} sentences) of all "
              f"three: {_pct(fu.lead_event, fu.triplets)}"]
    if errors:
        lines += ["", "## Article-level disagreements (rashomon)", "",
                  "| triplet | outlet | entity | gold | rashomon |", "|---|---|---|---|---|"]
        lines += [f"| {p.triplet[:8]} | {p.source} | {p.name} | {p.gold} | {p.predicted['rashomon']}"
                  f"{'' if p.stance is None else f' ({p.stance.label} {p.stance.score:+.2f})'} |"
                  for p in result.pairs if p.gold != p.predicted["rashomon"]]
    return "\n".join(lines) + "\n"
