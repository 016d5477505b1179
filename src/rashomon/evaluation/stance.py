"""Measure target-level stance on a labelled set of sentences: precision and recall per class.

Each line of the set is a JSON object: `text` (one to three sentences), `target` (the name judged, as
written), `target_type` (PERSON, ORG, ...), `label` (the author's own stance: favourable, unfavourable,
neutral), and for a judgement the text reports from someone else, `reported` (its polarity) and
`holder` (who holds it, as written; "(unnamed)" when no one is named). `kind` groups the sentences;
`split` is "dev" (written first and used while building the method) or "test" (written after the method
was fixed, run once).

    rashomon eval stance tests/fixtures/perspective/stance_eval.jsonl [--split dev|test]
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Document, EntityType, Mention
from ..perspective.aggregate import aggregate_stances, stance_label
from ..perspective.quotes import extract_quotes
from ..perspective.stance import extract_stance_evidence
from ..settings import default_settings
from .class_metrics import ClassScores, class_scores

LABELS = ("favourable", "unfavourable", "neutral")
_TYPES: dict[str, EntityType] = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE",
                                 "FAC": "PLACE", "NORP": "GROUP"}


@dataclass(frozen=True, slots=True)
class StanceEvaluation:
    items: int
    accuracy: float
    macro_f1: float
    per_class: tuple[ClassScores, ...]
    by_kind: tuple[tuple[str, int, int], ...]  # (kind, items, correct)
    reported_items: int  # items with a reported judgement in the gold set
    reported_found: int  # ... for which the method found a reported judgement of the right polarity
    holder_correct: int  # ... and named the right holder
    errors: tuple[tuple[str, str, str, str], ...]  # (id, kind, gold, predicted)


def read_eval(path: str | Path) -> list[dict[str, Any]]:
    """The labelled items of a JSON-lines file."""
    path = Path(path)
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise InputError(path, f"cannot read the evaluation set ({err.strerror})", advice="Check the path.") from err
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(f"{path}#{number}", f"not valid JSON ({err.msg})", advice="Fix the line.") from err
        if row.get("label") not in LABELS or not row.get("text") or not row.get("target"):
            raise InputError(f"{path}#{number}", "needs text, target and a label in " + ", ".join(LABELS))
        rows.append(row)
    return rows


def _mentions(doc: Document, parsed: Any, target: str, target_type: str) -> tuple[list[Mention], list[str]]:
    """Named-entity mentions plus the target's first occurrence; ids of the target's mentions (same surname)."""
    where = doc.text.find(target)
    if where < 0:
        raise InputError(doc.path, f"target {target!r} does not occur in the text", advice="Fix the item.")
    forced = doc.span(where, where + len(target))
    mentions = []
    for ent in parsed.ents:
        span = doc.span(ent.start_char, ent.end_char)
        if ent.label_ in _TYPES and not span.overlaps(forced):
            mentions.append(Mention(id=Mention.make_id(doc.id, span), doc_id=doc.id, span=span, text=ent.text,
                                    type=_TYPES[ent.label_], sentence=span, label=ent.label_))
    kind: EntityType = _TYPES.get(target_type, "PERSON")
    mentions.append(Mention(id=Mention.make_id(doc.id, forced), doc_id=doc.id, span=forced, text=target,
                            type=kind, sentence=forced, label=target_type))
    surname = target.split()[-1].lower()
    ids = [m.id for m in mentions if m.text.split()[-1].lower().removesuffix("'s") == surname]
    return mentions, ids


_ONE_SENTENCE = dataclasses.replace(default_settings().stance, min_evidence=0.0)
"""An item is one to three sentences: what is measured is how each is read, so a single weak word is a label
here, not "insufficient" (the least evidence a source's stance needs is measured on BASIL, `basil_scores`)."""


def _sign(score: float) -> str:
    return stance_label(score, threshold=1e-9)


def evaluate_stance(rows: Iterable[Mapping[str, Any]], nlp: Any, *, threshold: float = 0.2) -> StanceEvaluation:
    """Run quotes + stance on each item and compare the author's stance toward the target with the gold label."""
    gold: list[str] = []
    predicted: list[str] = []
    kinds: list[str] = []
    errors: list[tuple[str, str, str, str]] = []
    reported_items = reported_found = holder_correct = 0
    for row in rows:
        doc = Document.create(path=f"eval:{row.get('id', '?')}", text=row["text"], format="txt")
        parsed = nlp(doc.text)
        mentions, target_ids = _mentions(doc, parsed, row["target"], row.get("target_type", "PERSON"))
        quotes = extract_quotes(doc, parsed, mentions)
        evidence = extract_stance_evidence(doc, parsed, mentions, quotes)
        stances = aggregate_stances(evidence, entity_of={i: "T" for i in target_ids}, top=1, threshold=threshold,
                                    settings=_ONE_SENTENCE)
        label = stances[0].label if stances else "neutral"
        label = "neutral" if label == "insufficient" else label  # no judgement of the target: the gold's neutral
        gold.append(row["label"])
        predicted.append(label)
        kinds.append(row.get("kind", ""))
        if label != row["label"]:
            errors.append((row.get("id", "?"), row.get("kind", ""), row["label"], label))
        if row.get("reported"):
            reported_items += 1
            reported = [e for e in evidence if e.mention_id in target_ids and e.reported_by is not None]
            if reported and _sign(sum(e.score for e in reported)) == row["reported"]:
                reported_found += 1
                holders = {(e.reported_by or "").lower() for e in reported}
                want = (row.get("holder") or "").lower()
                if any(want and (want in h or h in want) for h in holders):
                    holder_correct += 1
    return _score(gold, predicted, kinds, errors, reported_items, reported_found, holder_correct)


def _score(gold: Sequence[str], predicted: Sequence[str], kinds: Sequence[str],
           errors: list[tuple[str, str, str, str]], reported_items: int, reported_found: int,
           holder_correct: int) -> StanceEvaluation:
    per_class = class_scores(LABELS, gold, predicted)
    total = Counter(kinds)
    right = Counter(k for k, g, p in zip(kinds, gold, predicted, strict=True) if g == p)
    correct = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p)
    return StanceEvaluation(
        items=len(gold), accuracy=round(correct / len(gold), 3) if gold else 0.0,
        macro_f1=round(sum(c.f1 for c in per_class) / len(per_class), 3), per_class=tuple(per_class),
        by_kind=tuple((k, total[k], right[k]) for k in sorted(total)), reported_items=reported_items,
        reported_found=reported_found, holder_correct=holder_correct, errors=tuple(errors),
    )


def format_evaluation(result: StanceEvaluation) -> str:
    """A Markdown summary: per-class table, accuracy by kind, attribution of reported judgements."""
    lines = [f"{result.items} items, accuracy {result.accuracy:.3f}, macro F1 {result.macro_f1:.3f}", "",
             "| class | precision | recall | F1 | gold | predicted |", "|---|---|---|---|---|---|"]
    lines += [f"| {c.label} | {c.precision:.3f} | {c.recall:.3f} | {c.f1:.3f} | {c.support} | {c.predicted} |"
              for c in result.per_class]
    lines += ["", "| kind | items | correct |", "|---|---|---|"]
    lines += [f"| {kind} | {n} | {ok} |" for kind, n, ok in result.by_kind]
    lines += ["", f"Reported judgements: {result.reported_items} in the set; found with the right polarity "
              f"{result.reported_found}; holder named right {result.holder_correct}.", "",
              "Errors (id, kind, gold, predicted): " + "; ".join(" ".join(e) for e in result.errors)]
    return "\n".join(lines) + "\n"
