"""Time-expression extraction and normalisation scored on TimeBank / AQUAINT (TempEval-3 TBAQ-cleaned).

Each TimeML file has a document creation time (the TIMEX3 in <DCT>, functionInDocument
"CREATION_TIME") and gold TIMEX3 elements inside <TEXT>. The text of <TEXT> with its markup removed
is the document; the DCT is the anchor. Scores follow TempEval-3 (UzZaman et al. 2013):

- strict: a found expression counts when its span equals a gold span exactly;
- relaxed: when it overlaps a gold span (each gold and each found expression used once);
- value accuracy: the share of relaxed matches whose value equals the gold value exactly, and the
  TempEval-3 value F1, where a found expression is right when it matches and its value is right;
- type accuracy likewise, our kind (date, time, duration, set) against TIMEX3 type.

`find_time_expressions` runs with `ranges=False` here, TimeML's span conventions.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from ..model import Document, TimeExpression
from ..time import find_time_expressions

if TYPE_CHECKING:
    from spacy.language import Language

logger = logging.getLogger(__name__)

_TYPES = {"date": "DATE", "time": "TIME", "duration": "DURATION", "set": "SET"}


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """A gold TIMEX3 in a TimeML document's text."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str


@dataclass(frozen=True, slots=True)
class TimeMLDocument:
    """One TimeML file: its plain text, creation date and gold time expressions."""

    name: str
    path: Path
    text: str
    dct: date
    timexes: tuple[GoldTimex, ...]


@dataclass(frozen=True, slots=True)
class Mismatch:
    """A gold expression missed or mis-valued, or a found expression with no gold, for error analysis."""

    doc: str
    gold: GoldTimex | None
    found: TimeExpression | None
    part: str = ""  # the sub-corpus (folder) the document is in


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class TimexCounts:
    """Counts over a set of documents, and the TempEval-3 scores made from them."""

    name: str
    documents: int = 0
    gold: int = 0
    system: int = 0
    strict: int = 0  # found expressions whose span equals a gold span
    relaxed: int = 0  # one-to-one overlapping pairs
    value_correct: int = 0  # relaxed pairs with the exact gold value
    type_correct: int = 0  # relaxed pairs with the gold type

    def __add__(self, other: TimexCounts) -> TimexCounts:
        return TimexCounts(self.name, *(getattr(self, f) + getattr(other, f) for f in
                                        ("documents", "gold", "system", "strict", "relaxed",
                                         "value_correct", "type_correct")))

    @property
    def strict_precision(self) -> float:
        return _ratio(self.strict, self.system)

    @property
    def strict_recall(self) -> float:
        return _ratio(self.strict, self.gold)

    @property
    def strict_f1(self) -> float:
        return _f1(self.strict_precision, self.strict_recall)

    @property
    def relaxed_precision(self) -> float:
        return _ratio(self.relaxed, self.system)

    @property
    def relaxed_recall(self) -> float:
        return _ratio(self.relaxed, self.gold)

    @property
    def relaxed_f1(self) -> float:
        return _f1(self.relaxed_precision, self.relaxed_recall)

    @property
    def value_accuracy(self) -> float:
        """Of the expressions found (relaxed), the share whose value equals the gold value."""
        return _ratio(self.value_correct, self.relaxed)

    @property
    def value_f1(self) -> float:
        """TempEval-3's value F1: relaxed F1 times value accuracy."""
        return _f1(_ratio(self.value_correct, self.system), _ratio(self.value_correct, self.gold))

    @property
    def type_accuracy(self) -> float:
        return _ratio(self.type_correct, self.relaxed)


@dataclass(frozen=True, slots=True)
class TimexScores:
    """Scores over the whole folder and per sub-corpus (TimeBank, AQUAINT), with the mismatches."""

    total: TimexCounts
    parts: tuple[TimexCounts, ...]
    mismatches: tuple[Mismatch, ...] = field(default=(), repr=False)


def read_timeml(path: str | Path) -> TimeMLDocument:
    """The plain text of <TEXT>, the DCT and the gold TIMEX3s (offsets into that text) of one file."""
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as err:
        raise InputError(path, f"not well-formed TimeML ({err})", advice="Restore the file from TBAQ-cleaned") from err
    dct_element = root.find("DCT/TIMEX3")
    body = root.find("TEXT")
    if dct_element is None or body is None:
        raise InputError(path, "no <DCT> TIMEX3 or no <TEXT>", advice="Use TempEval-3 TimeML files")
    dct = date.fromisoformat(dct_element.get("value", "")[:10])
    text, found = element_spans(body, "TIMEX3")
    timexes = [GoldTimex(start, end, text[start:end], element.get("type", ""), element.get("value", ""))
               for element, start, end in found]
    return TimeMLDocument(path.stem, path, text, dct, tuple(sorted(timexes, key=lambda t: t.start)))


def element_spans(body: ET.Element, tag: str) -> tuple[str, list[tuple[ET.Element, int, int]]]:
    """The plain text of `body` (every text and tail, in document order) and each `tag` element in it with
    its (start, end) offsets into that text, innermost first where they nest."""
    pieces: list[str] = []
    found: list[tuple[ET.Element, int, int]] = []
    length = 0

    def walk(element: ET.Element) -> None:
        nonlocal length
        start = length
        if element.text:
            pieces.append(element.text)
            length += len(element.text)
        for child in element:
            walk(child)
            if child.tail:
                pieces.append(child.tail)
                length += len(child.tail)
        if element.tag == tag:
            found.append((element, start, length))

    walk(body)
    return "".join(pieces), found


def score_document(document: TimeMLDocument, found: Iterable[TimeExpression], *,
                   name: str = "") -> tuple[TimexCounts, list[Mismatch]]:
    """Counts for one document, and its mismatches (misses, spurious, wrong values)."""
    found = list(found)
    gold_spans = {(g.start, g.end) for g in document.timexes}
    strict = sum(1 for e in found if (e.span.start, e.span.end) in gold_spans)
    used: set[int] = set()
    relaxed = value_correct = type_correct = 0
    mismatches: list[Mismatch] = []
    for gold in document.timexes:
        best, best_overlap = None, 0
        for number, expression in enumerate(found):
            overlap = min(gold.end, expression.span.end) - max(gold.start, expression.span.start)
            if number not in used and overlap > best_overlap:
                best, best_overlap = number, overlap
        if best is None:
            mismatches.append(Mismatch(document.name, gold, None, name))
            continue
        used.add(best)
        expression = found[best]
        relaxed += 1
        value_correct += expression.value == gold.value
        type_correct += _TYPES[expression.kind] == gold.type
        if expression.value != gold.value or (expression.span.start, expression.span.end) != (gold.start, gold.end):
            mismatches.append(Mismatch(document.name, gold, expression, name))
    mismatches.extend(Mismatch(document.name, None, e, name) for n, e in enumerate(found) if n not in used)
    counts = TimexCounts(name or document.name, 1, len(document.timexes), len(found), strict, relaxed,
                         value_correct, type_correct)
    return counts, mismatches


def _parse_all(documents: list[TimeMLDocument], nlp: Language) -> dict[str, object]:
    return {d.name: parsed for d, parsed in zip(documents, nlp.pipe(d.text for d in documents), strict=True)}


def evaluate_timebank(path: str | Path, *, nlp: Language | None = None, limit: int | None = None,
                      finder: Callable[..., list[TimeExpression]] = find_time_expressions) -> TimexScores:
    """Score `finder` (default `find_time_expressions`) on every .tml file under `path`.

    Args:
        path: a folder with TimeML files, e.g. /work/shared/data/timebank (the TBAQ-cleaned/TimeBank
            and TBAQ-cleaned/AQUAINT folders are reported as separate parts).
        nlp: a spaCy pipeline; when given, each text is parsed and its DATE/TIME entities are offered
            to the finder as extra candidates.
        limit: score only the first `limit` files of each part (for quick checks).
    """
    root = Path(path)
    files = sorted(root.rglob("*.tml"))
    if not files:
        raise InputError(root, "no .tml files here", advice="Point it at the TBAQ-cleaned folder")
    by_part: dict[str, list[Path]] = {}
    for file in files:
        by_part.setdefault(file.parent.name, []).append(file)
    parts: list[TimexCounts] = []
    mismatches: list[Mismatch] = []
    for part, paths in sorted(by_part.items()):
        documents = [read_timeml(p) for p in paths[:limit]]
        parsed = _parse_all(documents, nlp) if nlp is not None else {}
        counts = TimexCounts(part)
        for document in documents:
            doc = Document.create(path=str(document.path), text=document.text, format="txt")
            found = finder(doc, parsed.get(document.name), anchor=document.dct, ranges=False)
            document_counts, document_mismatches = score_document(document, found, name=part)
            counts += document_counts
            mismatches.extend(document_mismatches)
        parts.append(counts)
        logger.info("%s: %s documents, strict F1 %.3f", part, counts.documents, counts.strict_f1)
    total = sum(parts, TimexCounts("all"))
    return TimexScores(total, tuple(parts), tuple(mismatches))


def format_timex_scores(scores: TimexScores) -> str:
    """A plain-text table of the scores, in percent."""
    header = (f"{'part':<10} {'docs':>5} {'gold':>5} {'found':>5}  {'strict P/R/F1':>17}  "
              f"{'relaxed P/R/F1':>17}  {'value acc':>9} {'value F1':>8} {'type acc':>8}")
    lines = [header]
    for c in (*scores.parts, scores.total):
        lines.append(
            f"{c.name:<10} {c.documents:>5} {c.gold:>5} {c.system:>5}  "
            f"{100 * c.strict_precision:5.1f}/{100 * c.strict_recall:5.1f}/{100 * c.strict_f1:5.1f}  "
            f"{100 * c.relaxed_precision:5.1f}/{100 * c.relaxed_recall:5.1f}/{100 * c.relaxed_f1:5.1f}  "
            f"{100 * c.value_accuracy:9.1f} {100 * c.value_f1:8.1f} {100 * c.type_accuracy:8.1f}")
    return "\n".join(lines)
