"""Markdown to plain text (rashomon.ingest.markdown): markup goes, words stay apart."""

from __future__ import annotations

import pytest

from rashomon.ingest.clean import clean_text
from rashomon.ingest.markdown import strip_markdown


@pytest.mark.parametrize(("markdown", "words"), [
    # a line break tag between two names glued them: "KelvarOstani"
    ("Behind them is something worse. Kelvar<br>Ostani, the Guard, waited.", ["Kelvar", "Ostani,"]),
    ("Behind them stood Kelvar<br/>Ostani and the Guard.", ["Kelvar", "Ostani"]),
    ("The keepers logged in</div><div>Kelmora harbour news came in the morning.", ["in", "Kelmora"]),
    ("<p>The ferry sailed.</p><p>Nobody waved from the pier.</p>", ["sailed.", "Nobody"]),
    ("Kelmora<li>Dorvan</li>", ["Kelmora", "Dorvan"]),
])
def test_strip_markdown_block_tags_keep_words_apart(markdown: str, words: list[str]) -> None:
    text = clean_text(strip_markdown(markdown))
    tokens = text.split()
    for word in words:
        assert word in tokens, f"{word!r} not a word of {text!r}"


@pytest.mark.parametrize(("markdown", "plain"), [
    ("<b>Kel</b>vora harbour", "Kelvora harbour"),  # an inline tag inside a word stays inside it
    ("The <em>ferry</em> sailed.", "The ferry sailed."),
])
def test_strip_markdown_inline_tags_join_what_they_join(markdown: str, plain: str) -> None:
    assert strip_markdown(markdown) == plain
