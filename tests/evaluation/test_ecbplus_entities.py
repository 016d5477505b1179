"""rashomon's entities scored on ECB+: reading entity mentions, matching rashomon's to them, the same-string
baseline, on a small fictional corpus; the floors of docs/evaluation.md on the real dev split."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.evaluation.ecbplus_entities import (
    GOLD_TYPES,
    evaluate_entities,
    load_entity_mentions,
    same_string_clusters,
)
from rashomon.model import Mention, Span
from rashomon.settings import load_settings

ECBPLUS = Path(__file__).resolve().parents[3] / "shared" / "data" / "ecbplus"


def _document(name: str, sentences: list[list[str]], markables: str, relations: str) -> str:
    tokens, t_id = [], 0
    for number, words in enumerate(sentences):
        for position, word in enumerate(words):
            t_id += 1
            tokens.append(f'<token t_id="{t_id}" sentence="{number}" number="{position}">{word}</token>')
    return (f'<Document doc_name="{name}" doc_id="D{name}">\n' + "\n".join(tokens)
            + f"\n<Markables>\n{markables}\n</Markables>\n<Relations>\n{relations}\n</Relations>\n</Document>\n")


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """Topic 2 (dev), two fictional documents about one singer, Mara Quill, who flew to Fenwick."""
    folder = tmp_path / "ECB+" / "2"
    folder.mkdir(parents=True)
    # 2_1ecb: s0 "Singer Mara Quill flew to Fenwick ." (t1-7)  s1 "Quill said she was tired ." (t8-13)
    (folder / "2_1ecb.xml").write_text(_document("2_1ecb.xml", [
        ["Singer", "Mara", "Quill", "flew", "to", "Fenwick", "."], ["Quill", "said", "she", "was", "tired", "."],
    ], markables="""
<HUMAN_PART_PER m_id="1"><token_anchor t_id="2"/><token_anchor t_id="3"/></HUMAN_PART_PER>
<LOC_GEO m_id="2"><token_anchor t_id="5"/><token_anchor t_id="6"/></LOC_GEO>
<HUMAN_PART_PER m_id="3"><token_anchor t_id="8"/></HUMAN_PART_PER>
<HUMAN_PART_PER m_id="4"><token_anchor t_id="10"/></HUMAN_PART_PER>
<ACTION_OCCURRENCE m_id="5"><token_anchor t_id="4"/></ACTION_OCCURRENCE>
<HUMAN_PART_PER m_id="20" RELATED_TO="" TAG_DESCRIPTOR="t2_quill" instance_id="HUM_QUILL"/>""", relations="""
<CROSS_DOC_COREF r_id="1" note="HUM_QUILL"><source m_id="1"/><source m_id="3"/><source m_id="4"/>
<target m_id="20"/></CROSS_DOC_COREF>"""), encoding="utf-8")
    # 2_2ecb: s0 "Mara Quill returned ." (t1-4)
    (folder / "2_2ecb.xml").write_text(_document("2_2ecb.xml", [["Mara", "Quill", "returned", "."]], markables="""
<HUMAN_PART_PER m_id="1"><token_anchor t_id="1"/><token_anchor t_id="2"/></HUMAN_PART_PER>
<HUMAN_PART_PER m_id="20" RELATED_TO="" TAG_DESCRIPTOR="t2_quill" instance_id="HUM_QUILL"/>""", relations="""
<CROSS_DOC_COREF r_id="1" note="HUM_QUILL"><source m_id="1"/><target m_id="20"/></CROSS_DOC_COREF>"""),
        encoding="utf-8")
    (tmp_path / "ECBplus_coreference_sentences.csv").write_text(
        "Topic,File,Sentence Number\n2,1ecb,0\n2,1ecb,1\n2,2ecb,0\n", encoding="utf-8")
    return tmp_path


def test_load_entity_mentions_reads_entity_markables_and_clusters(corpus: Path) -> None:
    mentions = load_entity_mentions(corpus, split="dev")
    assert [(m.text, m.tag) for m in mentions] == [("Mara Quill", "HUMAN_PART_PER"), ("to Fenwick", "LOC_GEO"),
                                                  ("Quill", "HUMAN_PART_PER"), ("she", "HUMAN_PART_PER"),
                                                  ("Mara Quill", "HUMAN_PART_PER")]
    assert {m.cluster for m in mentions if m.tag == "HUMAN_PART_PER"} == {"HUM_QUILL"}
    assert next(m for m in mentions if m.tag == "LOC_GEO").cluster.startswith("SINGLETON:")


def test_gold_types_map_ecbplus_tags_to_rashomon_types() -> None:
    assert GOLD_TYPES["HUMAN_PART_PER"] == "PERSON" and GOLD_TYPES["HUMAN_PART_ORG"] == "ORG"
    assert {GOLD_TYPES[tag] for tag in ("LOC_GEO", "LOC_FAC", "LOC_OTHER", "HUMAN_PART_GPE")} == {"PLACE"}
    assert "NON_HUMAN_PART" not in GOLD_TYPES and "TIME_DATE" not in GOLD_TYPES


def _mention(doc: str, text: str, start: int) -> Mention:
    span = Span(start, start + len(text))
    return Mention(id=Mention.make_id(doc, span), doc_id=doc, span=span, text=text, type="PERSON", sentence=span)


def test_same_string_baseline_clusters_by_text_within_a_topic() -> None:
    mentions = [(2, _mention("d1", "Mara Quill", 0)), (2, _mention("d2", "mara quill's", 5)),
                (2, _mention("d2", "Quill", 20)), (3, _mention("d3", "Mara Quill", 0))]
    clusters = sorted(sorted(c) for c in same_string_clusters(mentions))
    assert clusters == [["d1:0-10", "d2:5-17"], ["d2:20-25"], ["d3:0-10"]]


@pytest.mark.slow
def test_evaluate_entities_on_a_fictional_corpus(corpus: Path, nlp) -> None:
    result = evaluate_entities(corpus, split="dev", nlp=nlp, settings=load_settings().entities)
    assert result.matched >= 3  # both "Mara Quill", "Quill" (and "Fenwick" for "to Fenwick" when tagged)
    assert result.typing.confusion[("PERSON", "PERSON")] == 3 and result.typing.accuracy == 1.0
    named = result.scores["named entity mentions"]
    # "Quill" is tied to "Mara Quill": rashomon links what the same-string baseline keeps apart
    assert named.resolved.muc.recall > named.baseline.muc.recall


@pytest.mark.slow
def test_entities_meet_the_floors_on_ecbplus_dev(nlp) -> None:
    """The figures of docs/evaluation.md ("Entities on ECB+"), as floors a little below them."""
    if not ECBPLUS.is_dir():
        pytest.skip(f"{ECBPLUS} is not present: put the shared folder beside the repository")
    result = evaluate_entities(ECBPLUS, split="dev", nlp=nlp, settings=load_settings().entities, singletons=False)
    assert result.typing.accuracy >= 0.95
    named = result.scores["named entity mentions"]
    assert named.resolved.conll_f1 >= named.baseline.conll_f1 + 0.04
