"""The Markdown report: sources, entities with variants and counts, claim groups; Markdown characters escaped."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from rashomon.model import Corpus
from rashomon.render import render_markdown
from rashomon.render.markdown import write_markdown

from . import sample_corpus


@pytest.fixture()
def text() -> str:
    return render_markdown(sample_corpus())


def _section(text: str, heading: str) -> str:
    return text.split(f"## {heading}\n")[1].split("\n## ")[0]


def test_markdown_summary_line(text: str) -> None:
    assert text.startswith("# rashomon report\n\n"
                           "3 sources, 3 entities in 11 mentions, 3 numbers in 2 groups, 3 events.")


def test_markdown_sources(text: str) -> None:
    sources = _section(text, "Sources")
    assert "| Storm closes Fenwick pier | The Harbour Ledger | Ines Dorrow | 2021-03-04 | 35 |" in sources
    # no title: the start of the text names it (issue 16: a human name, not the file's)
    title = "In Fenwick, M. Quill counted 12 injured walkers after the storm. Residents…"
    assert f"| {title} | Fenwick Post |  | no date | 22 |" in sources


@pytest.mark.parametrize("row", [
    "| Fenwick | PLACE |  | 5 | Fenwick Post ×2, The Harbour Ledger ×2, c ×1 |",
    "| Mara Quill | PERSON | Quill ×1, M. Quill ×1 | 4 | The Harbour Ledger ×2, c ×1, Fenwick Post ×1 |",
    "| Coastal Guard | ORG |  | 2 | Fenwick Post ×1, The Harbour Ledger ×1 |",
])
def test_markdown_entities(text: str, row: str) -> None:
    assert row in _section(text, "Entities")


def test_markdown_entity_order(text: str) -> None:
    entities = _section(text, "Entities")
    assert entities.index("| Fenwick |") < entities.index("| Mara Quill |") < entities.index("| Coastal Guard |")


def test_markdown_claim_groups(text: str) -> None:
    numbers = _section(text, "Numbers")
    differ, agree = "### walkers injured in Fenwick (differ)", "### walkers counted by Quill (agree)"
    assert numbers.index(differ) < numbers.index(agree)
    assert ("| The Harbour Ledger | **at least 12** (≥ 12) | the author | Mayor Mara Quill said **at least 12** "
            "walkers were hurt when the storm hit Fenwick on Sunday. |") in numbers
    assert ("| The Harbour Ledger | **14** | The Coastal Guard | The Coastal Guard reported **14** injuries. |"
            in numbers)


def test_markdown_without_claims() -> None:
    text = render_markdown(replace(sample_corpus(), claims=(), claim_groups=()))
    assert "## Numbers" not in text


def test_markdown_escapes_markdown_characters() -> None:
    corpus = sample_corpus()
    odd = replace(corpus.entities[0], name="Quill | *Mara* <b>")
    text = render_markdown(replace(corpus, entities=(odd, *corpus.entities[1:])))
    assert r"| Quill \| \*Mara\* \<b\> | PERSON |" in text


def test_markdown_max_entities() -> None:
    text = render_markdown(sample_corpus(), max_entities=1)
    entities = _section(text, "Entities")
    assert "| Fenwick |" in entities and "| Mara Quill |" not in entities
    assert "2 less-mentioned entities left out" in text


def test_markdown_empty_corpus() -> None:
    text = render_markdown(Corpus(documents=(), mentions=(), entities=()))
    assert "No entities." in text


def test_markdown_write(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    write_markdown(sample_corpus(), path)
    assert path.read_text(encoding="utf-8") == render_markdown(sample_corpus())


def test_markdown_records_of_missing_documents_are_left_out() -> None:
    corpus = sample_corpus()
    text = render_markdown(replace(corpus, documents=corpus.documents[1:]))
    assert "The Harbour Ledger" not in text
    assert "| Fenwick Post | **12** | the author |" in text


def test_markdown_timeline(text: str) -> None:
    timeline = _section(text, "Timeline").strip().splitlines()
    assert timeline == [
        "- **2021-02-28 (sources differ: 2021-02-28, 2021-03-01)** accuse by Mara Quill on Coastal Guard; "
        "2 articles (2 independent)",
        "- **2021-02-28** assault (storm) on Fenwick in Fenwick; 1 article (1 independent)",
        "  - walkers counted by Quill, one source only: The Harbour Ledger: **at least 12** (≥ 12)",
        "- **undated** retreat by Mara Quill in Fenwick *negated* *hypothetical*; 1 article (1 independent)",
    ]


def test_markdown_stance_table(text: str) -> None:
    stances = _section(text, "Stances")
    assert "| Entity | The Harbour Ledger | Fenwick Post | c |" in stances
    assert "| Coastal Guard | neutral +0.10 (confidence 0.00) | unfavourable -0.40 (confidence 0.00) | – |" in stances
    assert stances.index("| Mara Quill |") < stances.index("| Coastal Guard |")  # both in 2 sources: mentions


def test_markdown_without_events_or_stances() -> None:
    text = render_markdown(replace(sample_corpus(), events=(), stances=()))
    assert "## Timeline" not in text and "## Stances" not in text
