"""Tests of the report stage. `sample_corpus()` builds a small fictional corpus by hand (no spaCy)."""

from __future__ import annotations

import re

from rashomon.model import Claim, ClaimGroup, Corpus, Document, Entity, Mention, Meta, Span

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
        claim(a, "at least 12", value=12.0, low=12.0, high=None, qualifier="at least"),
        claim(a, "14", value=14.0, low=14.0, high=14.0, attributed_to="The Coastal Guard"),
        claim(b, "12", value=12.0, low=12.0, high=12.0),
    ]
    groups = [
        ClaimGroup("g-agree", "walkers counted by Quill", "agree", (claims[0].id, claims[2].id)),
        ClaimGroup("g-differ", "walkers injured in Fenwick", "differ", (claims[0].id, claims[1].id)),
    ]
    return Corpus(documents=(a, b, c), mentions=tuple(mentions), entities=tuple(entities), claims=tuple(claims),
                  claim_groups=tuple(groups))
