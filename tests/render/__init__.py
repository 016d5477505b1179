"""Tests of the report stage. `sample_corpus()` builds a small fictional corpus by hand (no spaCy)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from bundles import bundle as _bundle
from bundles import derive
from rashomon.model import (
    Claim,
    ClaimGroup,
    Corpus,
    Document,
    Entity,
    Event,
    EventMention,
    FrameTerm,
    Framing,
    Mention,
    Meta,
    Place,
    Quote,
    Span,
    Stance,
    StanceEvidence,
    TimeExpression,
    VocabularyTerm,
)

TEXT_A = ("Storm closes Fenwick pier\n\n"
          "Mayor Mara Quill said at least 12 walkers were hurt when the storm hit Fenwick on Sunday.\n\n"
          "The Coastal Guard reported 14 injuries. Quill called the delay <script>alert(1)</script> & a disgrace.")
TEXT_B = ("In Fenwick, M. Quill counted 12 injured walkers after the storm. "
          "Residents of Fenwick blamed the Coastal Guard for the late warning.")
TEXT_C = "Mara Quill left Fenwick quietly before the storm arrived. Notes at http://example.com/notes for later."


def _sentence(doc: Document, start: int) -> Span:
    """The sentence (ended by '.' or a blank line) around offset `start`."""
    bounds = [0] + [m.end() for m in re.finditer(r"(?<=[a-z]{2})\.\s+|\n\n", doc.text)] + [len(doc.text)]
    begin = max(b for b in bounds if b <= start)
    end = min(b for b in bounds if b > start)
    return doc.span(begin, len(doc.text[:end].rstrip()))


def _find(doc: Document, words: str, nth: int) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(words, start + 1)
    return doc.span(start, start + len(words))


def mention(doc: Document, words: str, type_: str, *, nth: int = 0, title: str | None = None) -> Mention:
    span = _find(doc, words, nth)
    return Mention(id=Mention.make_id(doc.id, span), doc_id=doc.id, span=span, text=words, type=type_,  # type: ignore[arg-type]
                   sentence=_sentence(doc, span.start), title=title, label=type_)


def claim(doc: Document, words: str, *, value: float | None, low: float | None, high: float | None,
          qualifier: str = "", attributed_to: str = "") -> Claim:
    span = _find(doc, words, 0)
    return Claim(id=f"{doc.id}:{span.start}-{span.end}", doc_id=doc.id, span=span, text=words,
                 sentence=_sentence(doc, span.start), value=value, low=low, high=high, measure="injured",
                 counted="walker", place="Fenwick", attributed_to=attributed_to, qualifier=qualifier)


def sample_corpus() -> Corpus:
    """Three fictional articles about a storm in Fenwick; one holds markup and an ampersand."""
    a = Document.create(path="ledger/storm.html", text=TEXT_A, format="html",
                        title=Meta("Storm closes Fenwick pier", "text", Span(0, 25)),
                        author=Meta("Ines Dorrow", "html"), outlet=Meta("The Harbour Ledger", "html"),
                        published=Meta("2021-03-04", "html"), url="https://ledger.example/storm")
    b = Document.create(path="post/b.txt", text=TEXT_B, format="txt", outlet=Meta("Fenwick Post", "jsonl"))
    c = Document.create(path="notes/c.txt", text=TEXT_C, format="txt")
    mentions = [
        mention(a, "Fenwick", "PLACE"), mention(a, "Mara Quill", "PERSON", title="Mayor"),
        mention(a, "Fenwick", "PLACE", nth=1), mention(a, "Coastal Guard", "ORG"), mention(a, "Quill", "PERSON", nth=1),
        mention(b, "Fenwick", "PLACE"), mention(b, "M. Quill", "PERSON"), mention(b, "Fenwick", "PLACE", nth=1),
        mention(b, "Coastal Guard", "ORG"),
        mention(c, "Mara Quill", "PERSON"), mention(c, "Fenwick", "PLACE"),
    ]
    by_type: dict[str, list[str]] = {}
    for m in mentions:
        by_type.setdefault(m.type, []).append(m.id)
    entities = [
        Entity("e-quill", "Mara Quill", "PERSON", ("Mara Quill", "Quill", "M. Quill"), tuple(by_type["PERSON"])),
        Entity("e-fenwick", "Fenwick", "PLACE", ("Fenwick",), tuple(by_type["PLACE"])),
        Entity("e-guard", "Coastal Guard", "ORG", ("Coastal Guard",), tuple(by_type["ORG"])),
    ]
    claims = [
        replace(claim(a, "at least 12", value=12.0, low=12.0, high=None, qualifier="at least"), event_id="ev-hit"),
        claim(a, "14", value=14.0, low=14.0, high=14.0, attributed_to="The Coastal Guard"),
        claim(b, "12", value=12.0, low=12.0, high=12.0),
    ]
    groups = [
        ClaimGroup("g-agree", "walkers counted by Quill", "agree", (claims[0].id, claims[2].id)),
        ClaimGroup("g-differ", "walkers injured in Fenwick", "differ", (claims[0].id, claims[1].id)),
    ]
    quill_a, guard_a, guard_b = mentions[1], mentions[3], mentions[8]
    called, blamed = event_mention(a, "called", "ACCUSE", date="2021-02-28"), event_mention(b, "blamed", "ACCUSE")
    hit = event_mention(a, "hit", "ASSAULT", date="2021-02-28", places=(Place("Fenwick", "GB", 50.1, -5.5, 2649),))
    left = event_mention(c, "left", "RETREAT", negated=True, aux_modes=("hypothetical",))
    counted = event_mention(b, "counted", "OTHER")
    called, blamed = replace(called, actor_ids=(quill_a.id,), date="2021-02-28"), replace(
        blamed, actor_text="Residents", target_ids=(guard_b.id,), date="2021-03-01", date_precision="day")
    events = (
        Event("ev-accuse", "ACCUSE", "", "2021-02-28", "day", True, ("2021-02-28", "2021-03-01"), ("e-quill",),
              ("e-guard",), (), (called.id, blamed.id), (a.id, b.id), 2),
        Event("ev-hit", "ASSAULT", "storm", "2021-02-28", "day", False, ("2021-02-28",), (), ("e-fenwick",),
              hit.places, (hit.id,), (a.id,), 1),
        Event("ev-left", "RETREAT", "", None, "unknown", False, (), ("e-quill",), (), (Place("Fenwick"),), (left.id,),
              (c.id,), 1),
    )
    sunday = _find(a, "Sunday", 0)
    times = (TimeExpression(a.id, sunday, "Sunday", "2021-02-28", "day", "date", anchored=True),)
    said = _find(a, "at least 12 walkers were hurt when the storm hit Fenwick on Sunday", 0)
    quotes = (Quote(f"{a.id}:{said.start}-{said.end}", a.id, said, a.slice(said), _sentence(a, said.start),
                    "Mara Quill", quill_a.id, "reported", "said"),)
    disgrace, blame, late = _find(a, "disgrace", 0), _find(b, "blamed", 0), _find(b, "late", 0)
    own_b = StanceEvidence(b.id, guard_b.id, "Coastal Guard", guard_b.span, _sentence(b, blame.start), -0.6,
                           ("blamed", "late"), (blame, late))
    delay = _find(a, "the delay", 0)
    reported_a = StanceEvidence(a.id, guard_a.id, "the delay", delay, _sentence(a, delay.start), -0.8, ("disgrace",),
                                (disgrace,), reported_by="Quill")
    own_a = StanceEvidence(a.id, guard_a.id, "Coastal Guard", guard_a.span, _sentence(a, guard_a.span.start), 0.2,
                           ("reported",), (_find(a, "reported", 0),))
    stances = (
        Stance(a.id, "e-guard", "neutral", 0.1, 1, (own_a,), (reported_a,)),
        Stance(a.id, "e-quill", "neutral", 0.0, 2, ()),
        Stance(b.id, "e-guard", "unfavourable", -0.4, 1, (own_b,)),
        Stance(c.id, "e-quill", "favourable", 0.3, 1, ()),
    )
    vocabulary = (VocabularyTerm(a.id, "disgrace", 2.4, 1, 1.1), VocabularyTerm(a.id, "storm", 1.2, 2, 0.3),
                  VocabularyTerm(b.id, "late warning", 2.1, 1, 0.9), VocabularyTerm(c.id, "quietly", 1.9, 1, 0.8))
    framings = (
        Framing(a.id, "ev-accuse", (frame_term(a, "disgrace", "criticism", "condemning", -2.3),)),
        Framing(b.id, "ev-accuse", (frame_term(b, "blamed", "blame", "descriptive", -1.2, quoted=True),)),
        Framing(a.id, "ev-hit", (frame_term(a, "hit", "strike", "descriptive", -0.4),)),
    )
    return derive(Corpus(documents=(a, b, c), mentions=tuple(mentions), entities=tuple(entities), claims=tuple(claims),
                  claim_groups=tuple(groups), times=times, event_mentions=(called, hit, blamed, counted, left),
                  events=events, quotes=quotes, stances=stances, vocabulary=vocabulary, framings=framings))


def event_mention(doc: Document, words: str, type_: str, *, date: str | None = None, negated: bool = False,
                  aux_modes: tuple[str, ...] = (), places: tuple[Place, ...] = ()) -> EventMention:
    span = _find(doc, words, 0)
    return EventMention(id=f"{doc.id}:{span.start}-{span.end}", doc_id=doc.id, trigger=span, text=words, lemma=words,
                        sentence=_sentence(doc, span.start), type=type_,  # type: ignore[arg-type]
                        negated=negated, aux_modes=aux_modes, places=places, date=date,
                        date_precision="day" if date else "unknown")


def frame_term(doc: Document, words: str, category: str, frame: str, valence: float, *,
               quoted: bool = False) -> FrameTerm:
    span = _find(doc, words, 0)
    return FrameTerm(doc.id, span, words, words, _sentence(doc, span.start), category, frame, valence, quoted)


# -- figures (tolls) per event ------------------------------------------------------------------------------

TOLL_A = ("Floods swept Marrow on Monday. The floods killed 30 villagers in Marrow, officials said. "
          "Earlier floods in Marrow killed 300 villagers in a week. "
          "A quake struck Dunlin on Tuesday and killed at least 40 people in Dunlin during a two-day search.")
TOLL_B = ("The flood killed about 30 villagers in Marrow, the Red Cross said. "
          'The quake killed 12 people in Dunlin <script>alert("toll")</script> & more. The quake injured dozens.')


def toll(doc: Document, words: str, event_id: str, *, value: float | None, low: float | None, high: float | None,
         measure: str = "killed", counted: str = "", place: str = "", qualifier: str = "", unit: str = "",
         attributed_to: str = "", nth: int = 0) -> Claim:
    """A claim tied to an event, as the claims stage makes it."""
    span = _find(doc, words, nth)
    return Claim(id=f"{doc.id}:{span.start}-{span.end}", doc_id=doc.id, span=span, text=words,
                 sentence=_sentence(doc, span.start), value=value, low=low, high=high, unit=unit, measure=measure,
                 counted=counted, place=place, attributed_to=attributed_to, qualifier=qualifier, event_id=event_id)


def tolls_corpus() -> Corpus:
    """Two fictional articles on floods in Marrow and a quake in Dunlin.

    The flood toll agrees (30 and "about 30"), though its claim group also holds an earlier flood's 300 (another
    event); the quake toll differs ("at least 40" and 12), and its sentence in B holds markup. B's "dozens
    injured" is in no group; A's "two-day" search measures nothing.
    """
    a = Document.create(path="courier/floods.txt", text=TOLL_A, format="txt", outlet=Meta("Valley Courier", "jsonl"))
    b = Document.create(path="post/quake.txt", text=TOLL_B, format="txt", outlet=Meta("The <i>Ridge</i> Post", "jsonl"))
    flood_a, earlier_a, quake_a = (_trigger(a, "killed", "ASSAULT", nth=n) for n in range(3))
    flood_b, quake_b = (_trigger(b, "killed", "ASSAULT", nth=n) for n in range(2))
    injured_b = _trigger(b, "injured", "ASSAULT")
    claims = (
        toll(a, "30", "ev-flood", value=30.0, low=30.0, high=30.0, counted="villager", place="Marrow"),
        toll(a, "300", "ev-earlier", value=300.0, low=300.0, high=300.0, counted="villager", place="Marrow"),
        toll(a, "at least 40", "ev-quake", value=40.0, low=40.0, high=None, counted="people", place="Dunlin",
             qualifier="at least"),
        toll(a, "two-day", "ev-quake", value=2.0, low=2.0, high=2.0, measure="", unit="day"),
        toll(b, "about 30", "ev-flood", value=30.0, low=27.0, high=33.0, counted="villager", place="Marrow",
             qualifier="about", attributed_to="the Red Cross"),
        toll(b, "12", "ev-quake", value=12.0, low=12.0, high=12.0, counted="people", place="Dunlin"),
        toll(b, "dozens", "ev-quake", value=None, low=24.0, high=99.0, measure="injured"),
    )
    groups = (
        ClaimGroup("g-marrow", "villagers killed in Marrow", "differ", (claims[0].id, claims[1].id, claims[4].id)),
        ClaimGroup("g-dunlin", "people killed in Dunlin", "differ", (claims[2].id, claims[5].id)),
    )
    events = (
        Event("ev-earlier", "ASSAULT", "", "2019", "year", False, ("2019",), (), (), (), (earlier_a.id,), (a.id,), 1),
        Event("ev-flood", "ASSAULT", "", "2022-05-02", "day", False, ("2022-05-02",), (), (), (),
              (flood_a.id, flood_b.id), (a.id, b.id), 2),
        Event("ev-quake", "ASSAULT", "", "2022-05-03", "day", False, ("2022-05-03",), (), (), (),
              (quake_a.id, quake_b.id, injured_b.id), (a.id, b.id), 2),
    )
    return derive(Corpus(documents=(a, b), mentions=(), entities=(), claims=claims, claim_groups=groups,
                  event_mentions=(flood_a, earlier_a, quake_a, flood_b, quake_b, injured_b), events=events))


def _trigger(doc: Document, words: str, type_: str, *, nth: int = 0) -> EventMention:
    span = _find(doc, words, nth)
    return EventMention(id=f"{doc.id}:{span.start}-{span.end}", doc_id=doc.id, trigger=span, text=words, lemma=words,
                        sentence=_sentence(doc, span.start), type=type_)  # type: ignore[arg-type]


def store_corpus(corpus: Corpus, db: Path) -> Path:
    """Write a hand-built corpus's documents, claims, event mentions, claim groups, events and event figures to a
    store at `db`."""
    from rashomon.store import Store

    with Store(db) as store:
        for doc in corpus.documents:
            mentions = [m for m in corpus.mentions if m.doc_id == doc.id]
            claims = [c for c in corpus.claims if c.doc_id == doc.id]
            event_mentions = [m for m in corpus.event_mentions if m.doc_id == doc.id]
            store.add_document(_bundle(doc, mentions, claims, event_mentions=event_mentions), stages={"test": "v1"})
        store.replace_corpus_records({"entities": corpus.entities, "claim_groups": corpus.claim_groups,
                                      "events": corpus.events, "event_figures": corpus.event_figures})
    return db
