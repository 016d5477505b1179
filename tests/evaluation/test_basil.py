"""BASIL reading and scoring on a hand-made triplet in BASIL's layout (fictional text, written for this test)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rashomon.cli import app
from rashomon.evaluation.basil import match_entity, read_basil, sentence_spans, span_in_doc
from rashomon.evaluation.basil_scores import score_labels
from rashomon.model import Document, Entity

_BODY = [["Mayor Lena Marsh cut the budget on Friday.", "Critics called the cut “a disgrace.”"],
         ["Marsh said the city had no choice."]]


def _write(root: Path) -> None:
    for k, source in enumerate(("fox", "nyt", "hpo"), start=1):
        article = {"title": "Marsh cuts budget", "date": "2011-05-02", "source": source, "url": f"http://x/{k}",
                   "main-entities": ["Lena Marsh"], "main-event": "budget cut", "triplet-uuid": "t1",
                   "body-paragraphs": _BODY}
        annotation = {"article-level-annotations": {"author_feeling_Lena_Marsh": "neg" if k == 1 else "neu",
                                                    "author_feeling_main_event": "neu"},
                      "phrase-level-annotations": [{"id": "p0", "txt": "a disgrace", "start": 26, "end": 36,
                                                    "target": "Lena_Marsh", "polarity": "neg", "bias": "lex",
                                                    "quote": "yes", "speaker": "other_anti", "aim": "dir"}]}
        for folder, name, data in (("articles", f"t1_{k}.json", article), ("annotations", f"t1_{k}_ann.json",
                                                                          annotation)):
            (root / folder / "2011").mkdir(parents=True, exist_ok=True)
            (root / folder / "2011" / name).write_text(json.dumps(data), encoding="utf-8")


def test_read_basil_reads_triplets_feelings_and_spans(tmp_path: Path) -> None:
    _write(tmp_path)
    [triplet] = read_basil(tmp_path)
    assert [a.source for a in triplet.articles] == ["fox", "nyt", "hpo"]
    first = triplet.articles[0]
    assert first.feelings == (("Lena Marsh", "neg"),)  # the main event's feeling is not an entity's
    [span] = first.spans
    assert (span.target, span.quote, span.sentence, span.polarity) == ("Lena Marsh", True, 1, "neg")
    doc = Document.create(path="x.jsonl#1", text=first.text.replace("“", '"').replace("”", '"'), format="jsonl")
    sentences = sentence_spans(first, doc)
    assert all(s is not None for s in sentences)
    where = span_in_doc(span, first, sentences, doc)
    assert where is not None and doc.slice(where) == "a disgrace"


@pytest.mark.parametrize(("name", "expected"), [("Lena Marsh", "e1"), ("Marsh", "e1"), ("Senate Republicans", "e2"),
                                                ("Obama campaign", None)])
def test_match_entity_resolves_names_by_their_words(name: str, expected: str | None) -> None:
    entities = [Entity("e1", "Lena Marsh", "PERSON", ("Lena Marsh", "Marsh"), ("d:0-1",)),
                Entity("e2", "Republicans", "GROUP", ("Republicans",), ("d:2-3",)),
                Entity("e3", "Zandia", "PLACE", ("Zandia",), ("d:4-5",))]
    found = match_entity(name, entities, mentions_of=lambda e: len(e.mention_ids))
    assert (found.id if found else None) == expected


def test_score_labels_gives_per_class_scores_and_macro_f1() -> None:
    scores = score_labels("m", ["neg", "neu", "neu", "pos"], ["neg", "neu", "neg", "neu"])
    assert (scores.accuracy, scores.of("neg").precision, scores.of("neg").recall) == (0.5, 0.5, 1.0)
    assert scores.macro_f1 == round((0.667 + 0.5 + 0) / 3, 3)  # neg, neu, pos


def test_eval_basil_command_names_a_folder_without_articles(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "basil", str(tmp_path)])
    assert result.exit_code == 2
    assert "no BASIL articles here" in result.stderr
