"""Helpers for the claims tests: minimal mentions and entities from spaCy's entities, so the claims
stage can be tested without the entities stage (which has its own tests)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from rashomon.claims import extract_claims, group_claims
from rashomon.claims.resolve import name_key
from rashomon.entities import ner_mentions
from rashomon.model import Claim, ClaimGroup, Document, Entity, Mention, content_id
from rashomon.settings import ClaimSettings


def normalise(raw: str) -> str:
    """Minimal cleaning of a plain-text article: paragraphs at blank lines, hard line breaks joined."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", raw.replace("\r\n", "\n").replace("\xa0", " ")):
        block = re.sub(r"(?<=\w)-\n(?=\w)", "-", block)
        block = re.sub(r"[ \t]*\n[ \t]*", " ", block)
        block = re.sub(r"[ \t]{2,}", " ", block).strip()
        if block:
            paragraphs.append(block)
    return "\n\n".join(paragraphs)


def entities_of(mentions: Sequence[Mention]) -> list[Entity]:
    """Entities made by exact (loose) name: enough for tests of the claims stage."""
    by_name: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_name[(mention.type, name_key(mention.text))].append(mention)
    return [Entity(id=content_id(f"{kind}:{key}", prefix="e"), name=found[0].text, type=kind,  # type: ignore[arg-type]
                   aliases=tuple(dict.fromkeys(m.text for m in found)), mention_ids=tuple(m.id for m in found))
            for (kind, key), found in by_name.items()]


def claims_of(nlp: Any, text: str, settings: ClaimSettings, *, path: str = "test.txt") -> list[Claim]:
    """The claims of one text."""
    doc = Document.create(path=path, text=text, format="txt")
    parsed = nlp(doc.text)
    return extract_claims(doc, parsed, ner_mentions(doc, parsed), settings=settings)


def analyse(nlp: Any, texts: Sequence[str],
            settings: ClaimSettings) -> tuple[list[Claim], list[ClaimGroup], list[Document]]:
    """Extract and group the claims of several texts (one document each, in the order given)."""
    documents, mentions, claims = [], [], []
    for number, text in enumerate(texts):
        doc = Document.create(path=f"doc{number}.txt", text=text, format="txt")
        parsed = nlp(doc.text)
        found = ner_mentions(doc, parsed)
        documents.append(doc)
        mentions += found
        claims += extract_claims(doc, parsed, found, settings=settings)
    refined, groups = group_claims(claims, entities=entities_of(mentions), mentions=mentions,
                                   documents=documents, settings=settings)
    return refined, groups, documents


def claim_at(claims: Sequence[Claim], text: str) -> Claim:
    """The one claim whose text is `text` (fails the test when there is none or several)."""
    found = [claim for claim in claims if claim.text == text]
    if len(found) != 1:
        raise LookupError(f"expected one claim {text!r}, found {[c.text for c in claims]}")
    return found[0]
