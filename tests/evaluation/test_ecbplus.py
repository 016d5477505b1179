"""ECB+ reading, the same-lemma baseline and its scores, on a small fictional corpus and on the real one."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.errors import InputError
from rashomon.evaluation.ecbplus import (
    evaluate_ecbplus,
    gold_clusters,
    load_ecbplus,
    same_lemma_baseline,
)

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
    """Topic 2 (dev) with two documents; topic 1 (train) with one. Token ids count from 1 per file."""
    folder = tmp_path / "ECB+"
    (folder / "2").mkdir(parents=True)
    (folder / "1").mkdir(parents=True)
    # 2_1ecb: s0 "Storm hits coast ." (t1-4)  s1 "The storm killed two ." (t5-9)  s2 "Officials said ." (t10-12)
    (folder / "2" / "2_1ecb.xml").write_text(_document("2_1ecb.xml", [
        ["Storm", "hits", "coast", "."], ["The", "storm", "killed", "two", "."], ["Officials", "said", "."],
    ], markables="""
<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="2"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="2"><token_anchor t_id="7"/></ACTION_OCCURRENCE>
<ACTION_REPORTING m_id="3"><token_anchor t_id="11"/></ACTION_REPORTING>
<HUMAN_PART_PER m_id="4"><token_anchor t_id="10"/></HUMAN_PART_PER>
<ACTION_OCCURRENCE m_id="20" RELATED_TO="" TAG_DESCRIPTOR="t2_storm_hits" instance_id="ACT_HIT"/>
<ACTION_OCCURRENCE m_id="21" RELATED_TO="" TAG_DESCRIPTOR="t2_kill"/>""", relations="""
<CROSS_DOC_COREF r_id="1" note="ACT_HIT"><source m_id="1"/><target m_id="20"/></CROSS_DOC_COREF>
<INTRA_DOC_COREF r_id="2"><source m_id="2"/><target m_id="21"/></INTRA_DOC_COREF>"""), encoding="utf-8")
    # 2_1ecbplus: s0 URL, s1 "Hurricane hit the coast ." (t2-6), with "hit" in the same cluster as 2_1ecb's "hits"
    (folder / "2" / "2_1ecbplus.xml").write_text(_document("2_1ecbplus.xml", [
        ["http://example.org"], ["Hurricane", "hit", "the", "coast", "."],
    ], markables="""
<ACTION_OCCURRENCE m_id="5"><token_anchor t_id="3"/></ACTION_OCCURRENCE>
<NEG_ACTION_OCCURRENCE m_id="6"><token_anchor t_id="2"/></NEG_ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="30" RELATED_TO="" TAG_DESCRIPTOR="t2_storm_hits" instance_id="ACT_HIT"/>""", relations="""
<CROSS_DOC_COREF r_id="3" note="ACT_HIT"><source m_id="5"/><target m_id="30"/></CROSS_DOC_COREF>"""),
        encoding="utf-8")
    (folder / "1" / "1_1ecb.xml").write_text(_document("1_1ecb.xml", [["Actor", "enters", "rehab", "."]],
        markables='<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="2"/></ACTION_OCCURRENCE>', relations=""),
        encoding="utf-8")
    (tmp_path / "ECBplus_coreference_sentences.csv").write_text(
        "Topic,File,Sentence Number\n2,1ecb,0\n2,1ecb,1\n2,1ecbplus,1\n1,1ecb,0\n", encoding="utf-8")
    return tmp_path


def test_load_ecbplus_reads_event_mentions_in_listed_sentences(corpus: Path) -> None:
    mentions = load_ecbplus(corpus, split="dev")
    # "said" (sentence 2 of 2_1ecb) is not listed; "Officials" is an entity; topic 1 is train
    assert [(m.id, m.text, m.sentence, m.tag) for m in mentions] == [
        ("2_1ecb:1", "hits", 0, "ACTION_OCCURRENCE"),
        ("2_1ecb:2", "killed", 1, "ACTION_OCCURRENCE"),
        ("2_1ecbplus:5", "hit", 1, "ACTION_OCCURRENCE"),
        ("2_1ecbplus:6", "Hurricane", 1, "NEG_ACTION_OCCURRENCE"),
    ]
    assert [m.cluster for m in mentions] == ["ACT_HIT", "INTRA:2_1ecb:21", "ACT_HIT", "SINGLETON:2_1ecbplus:6"]
    assert {m.topic for m in mentions} == {2}


def test_gold_clusters_groups_by_cluster_id(corpus: Path) -> None:
    clusters = gold_clusters(load_ecbplus(corpus, split="dev"))
    assert sorted(map(sorted, clusters)) == [["2_1ecb:1", "2_1ecbplus:5"], ["2_1ecb:2"], ["2_1ecbplus:6"]]


def test_same_lemma_baseline_groups_equal_heads_within_a_topic(corpus: Path) -> None:
    mentions = load_ecbplus(corpus, split="dev")
    # without spaCy the lemma is the lowercased head: "hits" and "hit" differ
    assert sorted(map(sorted, same_lemma_baseline(mentions))) == [
        ["2_1ecb:1"], ["2_1ecb:2"], ["2_1ecbplus:5"], ["2_1ecbplus:6"]]


def test_evaluate_ecbplus_perfect_clusters_score_one(corpus: Path) -> None:
    scores = evaluate_ecbplus(corpus, split="dev", cluster_fn=gold_clusters)
    assert scores.conll_f1 == pytest.approx(1.0)


def test_evaluate_ecbplus_baseline_scores(corpus: Path) -> None:
    # key {1,5} {2} {6}; response all singletons. MUC R 0/1, so MUC F1 0.
    # B3 R = (1/2 + 1/2 + 1 + 1)/4 = 0.75, P = 1.  CEAF-e: 1 (for {2}) + 1 (for {6}) + 2*1/3 (for {1,5}
    # with {1}) = 2.667; R = 2.667/3, P = 2.667/4.
    scores = evaluate_ecbplus(corpus, split="dev")
    assert scores.muc.f1 == 0
    assert (scores.b_cubed.recall, scores.b_cubed.precision) == (pytest.approx(0.75), pytest.approx(1.0))
    assert scores.ceaf_e.recall == pytest.approx((2 + 2 / 3) / 3)
    assert scores.ceaf_e.precision == pytest.approx((2 + 2 / 3) / 4)


def test_evaluate_ecbplus_without_singletons(corpus: Path) -> None:
    scores = evaluate_ecbplus(corpus, split="dev", cluster_fn=gold_clusters, singletons=False)
    assert (scores.key_clusters, scores.key_mentions) == (1, 2)


def test_load_ecbplus_names_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no ECB\\+ folder"):
        load_ecbplus(tmp_path, split="dev")


@pytest.fixture()
def ecbplus() -> Path:
    if not (ECBPLUS / "ECB+").is_dir():
        pytest.skip(f"{ECBPLUS} is not present: put the shared folder beside the repository")
    return ECBPLUS


def test_load_ecbplus_real_dev_topic(ecbplus: Path) -> None:
    mentions = load_ecbplus(ecbplus, split="dev", topics=[2])
    assert len(mentions) > 50
    assert {m.topic for m in mentions} == {2}
    assert all(m.tag.startswith(("ACTION_", "NEG_ACTION_")) for m in mentions)
    assert len(gold_clusters(mentions)) < len(mentions)


def test_evaluate_ecbplus_real_baseline_is_in_the_published_range(ecbplus: Path) -> None:
    scores = evaluate_ecbplus(ecbplus, split="dev", topics=[2, 5])
    assert 0.5 < scores.conll_f1 < 0.9


@pytest.mark.slow
def test_same_lemma_baseline_with_spacy_lemmas_joins_inflections(corpus: Path,
                                                                 nlp) -> None:
    mentions = load_ecbplus(corpus, split="dev", nlp=nlp)
    assert [m.lemma for m in mentions][:3] == ["hit", "kill", "hit"]
    assert sorted(map(sorted, same_lemma_baseline(mentions)))[0] == ["2_1ecb:1", "2_1ecbplus:5"]
