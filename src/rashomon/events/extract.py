"""Event mentions: event words in each sentence, with who did what to whom, where and when.

Reads a document's spaCy parse, its named mentions and its time expressions; adds `EventMention`s.
An event word is a verb or a noun of the PLOVER lexicon (data/plover_lexicon.toml) that is not part
of a name ("Popular Mobilization Forces" is no mobilisation). For each one:

- agent and target from the parse: subject and object of a verb (a passive subject is the target),
  "by" phrases, possessors and "of" phrases of nouns, the subject of a light verb ("carried out an
  attack"), and the subject a coordinated or controlled verb inherits ("voted to expel"); a
  he/him/his/she/her participant is its antecedent person's mention (`entities.pronouns`, the same
  resolver the perspective stage uses), "it" and "they" stay unresolved;
- places: PLACE mentions in locative phrases on the event word and its participants;
- time: the time expression the event word governs; an event without one has no date (never the
  publication date, which says when it was reported, not when it happened);
- status: negation, future, hypothetical (see `modality`), historical when its date lies more than a
  year before the publication date, and who reports it in reported speech;
- PLOVER category and mode (see `plover`);
- confidence: a calibrated probability from that evidence (`confidence`).

Event words come from two sources: the PLOVER lexicon, and the event-word model trained on annotated
news (`detect`), which finds events the lexicon does not know (an earthquake, a product launch, an
award); a word only the model finds is coded OTHER under its lemma. Reporting words ("said") are never
event words: they name who reports the event (`reported_by`).

Event words of one sentence that describe one act ("U.S. airstrikes ... killed Soleimani", "a drone
attack which killed") share their participants, time and places, so each carries the whole picture.
With `triggers=`, the event words are given (gold mentions for evaluation) rather than found.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Literal

from ..entities.pronouns import MentionIndex, index_mentions
from ..model import Document, EventMention, Mention, Span, TimeExpression
from ..time import anchor_of, parse_value
from .confidence import Calibration, default_calibration, mention_confidence, mention_evidence
from .detect import EventDetector, candidate, load_detector, word_lemma
from .drafts import (
    Draft,
    agent_limit,
    characterizes,
    context_words,
    find_entry,
    governed_event,
    light_verb,
    linked_pairs,
    names_something,
    noun_arguments,
    participant_filter,
    participant_ids,
    participant_text,
    reattach_relative,
    share_details,
    verb_arguments,
)
from .modality import assess
from .places import resolve_places
from .plover import Coding, Lexicon, LexiconEntry, code_event, load_lexicon
from .syntax import (
    attached_time,
    earlier_marked,
    expand,
    governing_time,
    modifier_place,
    phrase_keys,
    place_mentions,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc as ParsedDoc
    from spacy.tokens import Span as ParsedSpan
    from spacy.tokens import Token

logger = logging.getLogger(__name__)

# Named-entity labels whose words are names, never event words.
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT"})
_HISTORICAL_DAYS = 366


def _time_roots(parsed: ParsedDoc, times: Sequence[TimeExpression]) -> dict[int, int]:
    """Root token index -> number of each time expression; those with a value first, so that an event
    word with two ("arrested at dawn on 13 January") is dated by the one that says the date."""
    roots: dict[int, int] = {}
    ordered = sorted(enumerate(times), key=lambda item: item[1].value is None)
    for number, expression in ordered:
        span = parsed.char_span(expression.span.start, expression.span.end, alignment_mode="expand")
        if span is None:
            continue
        roots[span.root.i] = number
    return roots


def _time_tokens(parsed: ParsedDoc, times: Sequence[TimeExpression]) -> frozenset[int]:
    found: set[int] = set()
    for expression in times:
        span = parsed.char_span(expression.span.start, expression.span.end, alignment_mode="expand")
        if span is not None:
            found.update(token.i for token in span)
    return frozenset(found)


def _build(doc: Document, draft: Draft, sentence: tuple[int, int], times: Sequence[TimeExpression],
           anchor: date | None, skip: frozenset[int], index: MentionIndex, calibration: Calibration,
           evidence_of: dict[str, tuple[float, ...]] | None, *, lexicon: Lexicon,
           detector: EventDetector) -> EventMention:
    token = draft.token
    trigger = doc.span(token.idx, token.idx + len(token.text))
    aux = list(draft.status.aux_modes)
    value: str | None = None
    precision = "unknown"
    time_span = None
    if draft.time is not None:
        expression = times[draft.time]
        found = parse_value(expression.value) if expression.kind in ("date", "time") else None
        time_span = expression.span
        if found is not None and found.grain != "century":  # a century is too coarse to date an event
            value, precision = found.format(), found.precision
            if anchor is not None and (anchor - found.end).days > _HISTORICAL_DAYS:
                aux.insert(0, "historical")
            elif anchor is not None and found.start > anchor and "future" not in aux:
                aux.insert(0, "future")
    if "historical" not in aux and earlier_marked(token):
        aux.insert(0, "historical")
    agents = draft.actor_ids
    targets = [i for i in draft.target_ids if i not in agents]
    modifiers = [i for i in draft.modifier_ids if i in agents or i in targets]
    actor_text = participant_text(draft.agents, index, skip=skip, until=agent_limit(draft), accept=draft.accept_agent)
    target_text = participant_text(draft.targets, index, skip=skip, accept=draft.accept_target)
    theme_text = participant_text(draft.targets, index, skip=skip, accept=draft.accept_theme)
    named_agent = any(i not in modifiers for i in agents)
    named_target = any(i not in modifiers for i in targets)
    evidence = mention_evidence(
        trigger_logit=draft.strength, coded=draft.coding.category != "OTHER", named_agent=named_agent,
        named_target=named_target, unnamed_participant=bool(actor_text or target_text) and not (named_agent or
                                                                                                 named_target),
        time_source=draft.time_source if value is not None else "", negated=draft.status.negated,
        aux_modes=aux, reported=bool(draft.status.reported_by))
    mention_id = f"{doc.id}:{trigger.start}-{trigger.end}"
    if evidence_of is not None:
        evidence_of[mention_id] = evidence
    return EventMention(
        id=mention_id, doc_id=doc.id, trigger=trigger, text=doc.slice(trigger),
        lemma=(draft.entry.lemma if draft.entry.pos == "phrase"
               else word_lemma(token, lexicon=lexicon, detector=detector)),
        sentence=doc.span(*sentence), type=draft.coding.category,
        mode=draft.coding.mode, aux_modes=tuple(dict.fromkeys(aux)), negated=draft.status.negated,
        actor_ids=tuple(agents), target_ids=tuple(targets),
        modifier_ids=tuple(modifiers), place_ids=tuple(draft.place_ids), actor_text=actor_text,
        target_text=target_text, time_span=time_span, date=value,
        date_precision=precision,  # type: ignore[arg-type]
        reported_by=draft.status.reported_by, confidence=mention_confidence(evidence, calibration),
        theme_text=theme_text,
    )


def _given(token: Token, lexicon: Lexicon, detector: EventDetector | None) -> tuple[LexiconEntry, str]:
    """The entry of a given trigger word; a word the lexicon lacks is coded OTHER under its lemma."""
    entry, pos = find_entry(token, lexicon)
    if entry is None:
        lemma = word_lemma(token, lexicon=lexicon, detector=detector)
        pos = "verb" if token.pos_ in ("VERB", "AUX") else "noun"
        for table in (lexicon.verbs, lexicon.nouns):
            if lemma in table:
                return table[lemma], pos
        entry = LexiconEntry(lemma=lemma, pos="verb" if pos == "verb" else "noun", category="OTHER", family=lemma)
    return entry, pos


def _learned(token: Token, lexicon: Lexicon, detector: EventDetector) -> tuple[LexiconEntry | None, str, float]:
    """(an OTHER entry for a word only the model finds, "verb" or "noun", the model's log-odds); no entry
    when the model does not find it, or the word is a modifier, a reporting word, a light verb ("made
    arrests", "carried out an attack": the noun is the event), or only characterizes."""
    strength = detector.logit(token, lexicon=lexicon)
    if strength < detector.logit_threshold or token.dep_ in ("amod", "compound"):
        return None, "noun", strength
    lemma = word_lemma(token, lexicon=lexicon, detector=detector)
    if lemma in lexicon.speech or names_something(token, lexicon) or characterizes(token, lexicon):
        return None, "noun", strength
    if token.pos_ == "VERB" and {lemma, *phrase_keys(token)} & lexicon.light:
        return None, "noun", strength
    pos: Literal["verb", "noun"] = "verb" if token.pos_ == "VERB" else "noun"
    return LexiconEntry(lemma=lemma, pos=pos, category="OTHER", family=lemma), pos, strength


def _drafts(sent: ParsedSpan, *, lexicon: Lexicon, by_token: dict[int, Mention],
            given: frozenset[int] | None, detector: EventDetector | None) -> dict[int, Draft]:
    """The event words of one sentence with their raw arguments: found (by the lexicon or, when a `detector`
    is given, the event-word model), or the `given` tokens."""
    drafts: dict[int, Draft] = {}
    for token in sent:
        strength = 0.0
        if given is not None:
            if token.i not in given:
                continue
            entry, pos = _given(token, lexicon, detector)
            if detector is not None:
                strength = detector.logit(token, lexicon=lexicon)
        else:
            if token.i in by_token or token.ent_type_ in _NAME_LABELS:
                continue
            found, pos = find_entry(token, lexicon)
            if found is not None and detector is not None:
                strength = detector.logit(token, lexicon=lexicon)
            elif found is None and detector is not None and candidate(token):
                found, pos, strength = _learned(token, lexicon, detector)
            if found is None:
                continue
            entry = found
        draft = Draft(token, entry, Coding(entry.category, entry.mode, entry.family), strength=strength)
        if pos == "verb":
            verb_arguments(draft)
        else:
            noun_arguments(draft, by_token, lexicon)
        drafts[token.i] = draft
    return drafts


def _complete(drafts: dict[int, Draft], *, lexicon: Lexicon, index: MentionIndex,
              time_roots: dict[int, int], time_tokens: frozenset[int]) -> None:
    """Code the drafts of one sentence, then read their participants (a personal pronoun as its
    person, see `participant_ids`), places, time and status."""
    by_token = index.by_token
    for draft in drafts.values():
        draft.agents = [h for h in draft.agents if h.i not in time_tokens and h.pos_ != "NUM"]
        draft.targets = [h for h in draft.targets if h.i not in time_tokens]
        words, objects = context_words(draft)
        draft.coding = code_event(draft.entry, words, lexicon=lexicon, objects=objects)
    for draft in drafts.values():
        reattach_relative(draft, drafts)
        governed = governed_event(draft, drafts)
        if governed is not None and (draft.entry.complement or draft.coding.category in lexicon.complement_modes):
            words, objects = context_words(draft)
            draft.coding = code_event(draft.entry, words, lexicon=lexicon, complement=governed.coding,
                                      objects=objects)
    triggers = frozenset(drafts)
    for draft in drafts.values():
        draft.accept_agent = participant_filter(draft, by_token=by_token, drafts=drafts, lexicon=lexicon,
                                                role="agent")
        draft.accept_target = participant_filter(draft, by_token=by_token, drafts=drafts, lexicon=lexicon,
                                                 role="target")
        draft.accept_theme = participant_filter(draft, by_token=by_token, drafts=drafts, lexicon=lexicon,
                                                role="theme")
        draft.actor_ids, actor_modifiers = participant_ids(draft.agents, index, until=agent_limit(draft))
        target_ids, target_modifiers = participant_ids(draft.targets, index)
        draft.target_ids = [i for i in target_ids if i not in draft.actor_ids]
        draft.modifier_ids = [*actor_modifiers, *(i for i in target_modifiers if i in draft.target_ids)]
        skip = frozenset(draft.actor_ids) | frozenset(draft.target_ids)
        roots = [draft.token, *(h for t in draft.targets for h in expand(t))]
        draft.place_ids = [m.id for m in place_mentions(roots, by_token, skip=skip)]
        if draft.token.pos_ == "NOUN":
            draft.place_ids += [found.id for child in draft.token.children
                                if (found := modifier_place(child, by_token)) is not None
                                and found.id not in draft.place_ids and found.id not in skip]
        draft.time = attached_time(draft.token, time_roots, triggers=triggers)
        if draft.time is None and draft.token.pos_ == "NOUN":
            light = light_verb(draft.token, lexicon)
            if light is not None:
                draft.time = attached_time(light, time_roots, triggers=triggers)
        draft.time_source = "own" if draft.time is not None else ""
        draft.status = assess(draft.token, lexicon=lexicon, by_token=by_token)
    for first, second, full in linked_pairs(drafts):
        share_details(first, second, targets=full)
    for draft in drafts.values():
        if draft.time is None and not earlier_marked(draft.token, depth=3):
            draft.time = governing_time(draft.token, time_roots, triggers=triggers)
            draft.time_source = "clause" if draft.time is not None else ""


def extract_event_mentions(doc: Document, parsed: ParsedDoc, mentions: Sequence[Mention],
                           times: Sequence[TimeExpression] = (), *, lexicon: Lexicon | None = None,
                           resolve: bool = True, triggers: Sequence[Span] | None = None,
                           detector: EventDetector | None = None, calibration: Calibration | None = None,
                           evidence_of: dict[str, tuple[float, ...]] | None = None) -> list[EventMention]:
    """The event mentions of one document, in text order.

    Args:
        doc: the document; `parsed` is spaCy's parse of `doc.text`.
        mentions: the document's named mentions (entities); they become actors, targets and places.
        times: the document's normalised time expressions (`find_time_expressions`).
        lexicon: the PLOVER lexicon; the one shipped with rashomon by default.
        resolve: resolve places against the gazetteer (`resolve_places`).
        triggers: when given, exactly these spans are the event words (their syntactic heads are
            read), words the lexicon lacks coded OTHER; used to evaluate with gold mentions.
        detector: the event-word model (`detect`); the one shipped with rashomon by default.
        calibration: the confidence coefficients (`confidence`); those shipped with the model by default.
        evidence_of: when given, filled with each mention's evidence (`confidence.mention_evidence`), by id,
            for calibrating the confidence.
    """
    lexicon = lexicon or load_lexicon()
    detector = detector or load_detector()
    calibration = calibration or default_calibration(detector)
    own = [m for m in mentions if m.doc_id == doc.id]
    index = index_mentions(parsed, own)  # once per document: mentions on tokens, pronoun antecedents cached
    by_token = index.by_token
    time_roots = _time_roots(parsed, times)
    time_tokens = _time_tokens(parsed, times)
    anchor = anchor_of(doc)
    given: frozenset[int] | None = None
    if triggers is not None:
        heads = set()
        for span in triggers:
            found = parsed.char_span(span.start, span.end, alignment_mode="expand")
            if found is not None:
                heads.add(found.root.i)
        given = frozenset(heads)
    result: list[EventMention] = []
    for sent in parsed.sents:
        drafts = _drafts(sent, lexicon=lexicon, by_token=by_token, given=given, detector=detector)
        _complete(drafts, lexicon=lexicon, index=index, time_roots=time_roots, time_tokens=time_tokens)
        for token_index in sorted(drafts):
            result.append(_build(doc, drafts[token_index], (sent.start_char, sent.end_char), times, anchor,
                                 time_tokens, index, calibration, evidence_of, lexicon=lexicon, detector=detector))
    logger.debug("document %s: %s event mentions", doc.id, len(result))
    return resolve_places(result, own) if resolve else result
