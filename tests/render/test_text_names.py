"""Every source has a human name (issue 16). Fictional documents."""

from __future__ import annotations

import pytest

from rashomon.model import Document, Meta
from rashomon.render.text import document_title, file_label, source_label

TEXT = "March 3, 2031\nThe lighthouse at Kestrel Point went dark for the first time in forty years on Friday night."


@pytest.mark.parametrize("path, expected", [
    ("corpus/000_fc1af7cc429212ac.txt", "000"), ("wire_report.txt", "wire report"),
    ("a/commentary.jsonl#2", "commentary #2"), ("9f8e7d6c5b4a3f2e.html", ""),
])
def test_text_file_label_drops_folder_suffix_and_hash(path: str, expected: str) -> None:
    assert file_label(path) == expected


@pytest.mark.parametrize("outlet, url, author, path, expected", [
    ("The Kestrel Herald", None, None, "x.txt", "The Kestrel Herald"),
    (None, "https://www.kestrelherald.example/news/1", "Ode Lunn", "x.txt", "kestrelherald.example"),
    (None, None, "Ode Lunn", "x.txt", "Ode Lunn"),
    (None, None, None, "lighthouse_notes_0a1b2c3d4e5f6a7b.txt", "lighthouse notes"),
    (None, None, None, "004_ef42e2260f7b660a.txt", "The lighthouse at Kestrel Point went dark for…"),
])
def test_text_source_label_is_a_human_name(outlet: str | None, url: str | None, author: str | None, path: str,
                                           expected: str) -> None:
    doc = Document.create(path=path, text=TEXT, format="txt", url=url, outlet=Meta(outlet, "text") if outlet else None,
                          author=Meta(author, "text") if author else None)
    assert source_label(doc) == expected


def test_text_document_title_skips_a_date_line() -> None:
    doc = Document.create(path="000_fc1af7cc429212ac.txt", text=TEXT, format="txt")
    assert document_title(doc) == "The lighthouse at Kestrel Point went dark for the first time in…"
