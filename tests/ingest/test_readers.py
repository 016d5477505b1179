"""Tests of rashomon.ingest readers: finding files, reading each format, and skipping bad input clearly."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from pathlib import Path

import pytest

from rashomon.ingest import collect_paths, read_path, readers
from rashomon.model import Document, Skipped
from rashomon.settings import IngestSettings, Settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"
ARTICLE = ("The council of Velmora voted on Tuesday to close the old harbour bridge for repairs after engineers "
           "found deep cracks in two of its piers. The work will take eight months, the council said.")


@pytest.fixture()
def ingest(settings: Settings) -> IngestSettings:
    return settings.ingest


def _pdf_bytes(lines: list[str]) -> bytes:
    """A minimal one-page PDF whose text layer holds `lines` (Helvetica, one line each)."""

    def escape(line: str) -> str:
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = "BT /F1 11 Tf 72 740 Td 14 TL " + " ".join(f"({escape(line)}) '" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _blank_pdf_bytes() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _read_one(path: Path, ingest: IngestSettings) -> Document | Skipped:
    results = read_path(path, settings=ingest)
    assert len(results) == 1
    return results[0]


def _skip_reason(path: Path, ingest: IngestSettings) -> str:
    result = _read_one(path, ingest)
    assert isinstance(result, Skipped), f"expected a Skipped, got a Document from {path}"
    assert result.path == str(path)
    return result.reason


# collect_paths ------------------------------------------------------------------------------------------


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    for name in ["b.txt", "a.md", "notes.docx", "sub/c.html", "sub/deeper/d.jsonl", ".hidden.txt",
                 ".git/e.txt", "sub/.cache/f.txt", "UPPER.TXT"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def test_collect_paths_walks_folder_sorted_skipping_hidden_and_unknown(tree: Path, ingest: IngestSettings) -> None:
    paths, skipped = collect_paths([tree], settings=ingest)
    assert [path.relative_to(tree).as_posix() for path in paths] == [
        "UPPER.TXT", "a.md", "b.txt", "sub/c.html", "sub/deeper/d.jsonl"]
    assert skipped == []


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("*.txt", ["b.txt"]),  # glob patterns are case-sensitive
        ("**/*.html", ["sub/c.html"]),
        ("sub/**", ["sub/c.html", "sub/deeper/d.jsonl"]),
        ("*", ["UPPER.TXT", "a.md", "b.txt", "sub/c.html", "sub/deeper/d.jsonl"]),
    ],
)
def test_collect_paths_expands_globs(tree: Path, ingest: IngestSettings, pattern: str, expected: list[str]) -> None:
    paths, skipped = collect_paths([f"{tree}/{pattern}"], settings=ingest)
    assert sorted(path.relative_to(tree).as_posix() for path in paths) == sorted(expected)
    assert skipped == []


@pytest.mark.parametrize("missing", ["no/such/file.txt", "no/such/folder", "nothing/*.html"])
def test_collect_paths_skips_missing_paths_and_empty_globs(tmp_path: Path, ingest: IngestSettings,
                                                           missing: str) -> None:
    target = f"{tmp_path}/{missing}"
    paths, skipped = collect_paths([target], settings=ingest)
    assert paths == []
    assert skipped == [Skipped(target, "no such file or folder. Check the path.")]


def test_collect_paths_skips_named_file_with_unknown_suffix(tree: Path, ingest: IngestSettings) -> None:
    paths, skipped = collect_paths([tree / "notes.docx"], settings=ingest)
    assert paths == []
    assert len(skipped) == 1
    assert "'.docx'" in skipped[0].reason
    assert all(suffix in skipped[0].reason for suffix in ingest.extensions)


def test_collect_paths_deduplicates(tree: Path, ingest: IngestSettings) -> None:
    paths, _ = collect_paths([tree / "b.txt", tree, f"{tree}/*.txt", str(tree / "sub" / ".." / "b.txt")],
                             settings=ingest)
    assert [path.name for path in paths].count("b.txt") == 1
    assert paths[0] == tree / "b.txt"


def test_collect_paths_reads_hidden_file_when_named(tree: Path, ingest: IngestSettings) -> None:
    paths, skipped = collect_paths([tree / ".hidden.txt"], settings=ingest)
    assert paths == [tree / ".hidden.txt"] and skipped == []


# reading each format -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt", "title", "author", "outlet", "published"),
    [
        ("news_byline.txt", "txt", "Harbour strike ends after nine days as dockers accept pay offer",
         "Mira Castell", None, "2021-03-14"),
        ("statement_wrapped.txt", "txt", None, "Federation of Coastal Dock Workers", "Harbour Voices",
         "2022-02-12"),
        ("opinion_header.txt", "txt", "Why the river towns need their own water board", "Tomas Reyes",
         "The Lantern", "2021-02-02"),
        ("essay_bio.txt", "txt", None, "Ines Moreau", None, "2021-05-04"),
        ("lighthouse.md", "md", "Lighthouse keepers vote to keep the night watch", "Aoife Brennan", None,
         "2021-06-03"),
        ("harbour.html", "html", "Harbour strike ends after nine days", "Mira Castell", "The Coastal Ledger",
         "2021-03-14"),
    ],
)
def test_read_path_reads_fixture_metadata(ingest: IngestSettings, name: str, fmt: str, title: str | None,
                                          author: str | None, outlet: str | None, published: str | None) -> None:
    doc = _read_one(FIXTURES / name, ingest)
    assert isinstance(doc, Document)
    assert doc.format == fmt
    assert doc.path == str(FIXTURES / name)
    for field, expected in [("title", title), ("author", author), ("outlet", outlet), ("published", published)]:
        meta = getattr(doc, field)
        assert (meta.value if meta else None) == expected, field
        if meta is not None and meta.span is not None:
            assert meta.source == "text"
            written = doc.slice(meta.span)
            assert meta.value in written or field == "published"


def test_read_path_cleans_plain_text(ingest: IngestSettings) -> None:
    doc = _read_one(FIXTURES / "news_byline.txt", ingest)
    assert isinstance(doc, Document)
    for gone in ["cookies", "Photo:", "Share this article", "newsletter", "Subscribe", "\u201c", "\u2019"]:
        assert gone not in doc.text
    assert "collected donations for the strikers' families" in doc.text
    assert doc.published is not None and doc.published.span is not None
    assert doc.slice(doc.published.span) == "14 March 2021"


def test_read_path_rejoins_wrapped_statement(ingest: IngestSettings) -> None:
    doc = _read_one(FIXTURES / "statement_wrapped.txt", ingest)
    assert isinstance(doc, Document)
    for kept in ["The repression that followed", "the pro-Government press", "a day of co-operation and protest",
                 "in al-Nur district", "but the strength of the movement", "Our demands are simple:\n- the release"]:
        assert kept in doc.text
    assert doc.text.count("solidarity is stronger than the threats") == 1  # the pull quote went
    assert "donating" not in doc.text and "PS:" not in doc.text
    assert doc.outlet is not None and doc.outlet.span is None


def test_read_path_strips_markdown(ingest: IngestSettings) -> None:
    doc = _read_one(FIXTURES / "lighthouse.md", ingest)
    assert isinstance(doc, Document)
    assert not re.search(r"[#*_`]|\]\(|https?://|layout:", doc.text)
    assert "the council's report on the cost of automation" in doc.text
    assert "- The lamp will be serviced every month.\n- A second radio" in doc.text


def test_read_path_reads_html_markup_metadata(ingest: IngestSettings) -> None:
    doc = _read_one(FIXTURES / "harbour.html", ingest)
    assert isinstance(doc, Document)
    assert doc.url == "https://ledger.example/harbour-strike"
    assert {meta.source for meta in (doc.title, doc.author, doc.outlet, doc.published) if meta} == {"html"}
    assert "Home | World" not in doc.text and "newsletter" not in doc.text
    assert "1,200 members had voted" in doc.text


def test_read_path_reads_jsonl_lines_and_names_bad_ones(ingest: IngestSettings) -> None:
    path = FIXTURES / "articles.jsonl"
    results = read_path(path, settings=ingest)
    docs = [result for result in results if isinstance(result, Document)]
    skipped = [result for result in results if isinstance(result, Skipped)]
    assert [doc.path for doc in docs] == [f"{path}#1", f"{path}#5"]
    assert [skip.path for skip in skipped] == [f"{path}#2", f"{path}#3", f"{path}#6"]
    for skip, number in zip(skipped, [2, 3, 6], strict=True):
        assert f"line {number}" in skip.reason
    first = docs[0]
    assert first.format == "jsonl" and first.url == "https://islandpost.example/ferry"
    assert [(meta.value, meta.source) for meta in (first.title, first.author, first.outlet, first.published)
            if meta] == [("Island ferry to run twice a day", "jsonl"), ("Nadia Okafor", "jsonl"),
                         ("Island Post", "jsonl"), ("2021-04-05", "jsonl")]
    assert docs[1].published is not None and docs[1].published.value == "2021-03-03"


def test_read_path_reads_pdf_text_layer(tmp_path: Path, ingest: IngestSettings) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(_pdf_bytes([
        "The council of Velmora voted on Tuesday to close the old harbour",
        "bridge for repairs after engineers found deep cracks in two of its",
        "piers. The work will take eight months and cost more than the repres-",
        "sion of the last strike, the al-",
        "Nur committee said in a statement.",
    ]))
    doc = _read_one(path, ingest)
    assert isinstance(doc, Document)
    assert doc.format == "pdf"
    assert "old harbour bridge for repairs" in doc.text
    assert "repression" in doc.text and "al-Nur committee" in doc.text
    assert "\n" not in doc.text


# bad input ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "phrases"),
    [
        ("empty.txt", b"", ["empty"]),
        ("blank.txt", b"  \n\n \t \n", ["empty"]),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, ["binary"]),
        ("controls.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 40 + ARTICLE.encode(), ["binary"]),
        ("latin.txt", ARTICLE.encode() + " caf\u00e9 cr\u00e8me".encode("cp1252"),
         ["not valid UTF-8", f"byte offset {len(ARTICLE) + 4}", "iconv -f WINDOWS-1252 -t UTF-8",
          "ingest.fallback_encoding"]),
        ("short.txt", b"Too short to be an article.", ["only 6 words", "ingest.min_words"]),
        ("boilerplate.txt", b"Subscribe\n\nComments are closed.\n\nShare this article",
         ["nothing left after cleaning"]),
        ("scan.pdf", _blank_pdf_bytes(), ["no extractable text (scanned image?)", "OCR"]),
        ("corrupt.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", ["damaged", "repair"]),
        ("nothing.html", b"<html><head><title>Log in</title></head><body></body></html>", ["no article text"]),
        ("menu.html", b"<html><body><nav>Home</nav></body></html>", ["only 1 word after cleaning"]),
        ("broken.jsonl", b"{not json}\n", []),
    ],
)
def test_read_path_skips_bad_input_with_advice(tmp_path: Path, ingest: IngestSettings, name: str, data: bytes,
                                               phrases: list[str]) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    results = read_path(path, settings=ingest)
    assert len(results) == 1 and isinstance(results[0], Skipped)
    reason = results[0].reason
    for phrase in phrases:
        assert phrase in reason
    assert re.search(r"\. [A-Z].*\.$", reason) or reason.endswith(")."), "reason must say what to do"


def test_read_path_uses_fallback_encoding(tmp_path: Path, ingest: IngestSettings) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(f"{ARTICLE} The caf\u00e9 stayed open.".encode("cp1252"))
    doc = _read_one(path, dataclasses.replace(ingest, fallback_encoding="cp1252"))
    assert isinstance(doc, Document) and "caf\u00e9" in doc.text
    reason = _skip_reason(path, dataclasses.replace(ingest, fallback_encoding="no-such-codec"))
    assert "'no-such-codec'" in reason


@pytest.mark.parametrize(("prefix", "encoding"), [(b"\xef\xbb\xbf", "utf-8"), (b"", "utf-16")])
def test_read_path_accepts_byte_order_marks(tmp_path: Path, ingest: IngestSettings, prefix: bytes,
                                            encoding: str) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(prefix + ARTICLE.encode(encoding))
    doc = _read_one(path, ingest)
    assert isinstance(doc, Document) and doc.text == ARTICLE


def test_read_path_skips_oversized_file(tmp_path: Path, ingest: IngestSettings) -> None:
    path = tmp_path / "big.txt"
    path.write_text(ARTICLE * 3, encoding="utf-8")
    reason = _skip_reason(path, dataclasses.replace(ingest, max_bytes=100))
    assert f"{path.stat().st_size:,} bytes" in reason and "100 bytes" in reason and "ingest.max_bytes" in reason


def test_read_path_skips_unreadable_file(tmp_path: Path, ingest: IngestSettings,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(ARTICLE, encoding="utf-8")

    def _denied(path: Path) -> int:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(readers, "_open", _denied)
    assert "permission denied" in _skip_reason(path, ingest)


def test_read_path_skips_missing_file(tmp_path: Path, ingest: IngestSettings) -> None:
    assert _skip_reason(tmp_path / "gone.txt", ingest) == "no such file or folder. Check the path."


def test_read_path_skips_encrypted_pdf(tmp_path: Path, ingest: IngestSettings) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    writer.encrypt("secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "locked.pdf"
    path.write_bytes(buffer.getvalue())
    assert "password" in _skip_reason(path, ingest)


def test_read_path_names_byte_offset_of_bad_jsonl_line(tmp_path: Path, ingest: IngestSettings) -> None:
    good = json.dumps({"text": ARTICLE})
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(good.encode() + b"\n" + b'{"text": "caf\xe9"}\n' + good.replace("Tuesday", "Monday").encode())
    results = read_path(path, settings=ingest)
    assert [type(result).__name__ for result in results] == ["Document", "Skipped", "Document"]
    assert results[1].path == f"{path}#2"
    assert f"byte offset {len(good) + 1 + 13}" in results[1].reason  # type: ignore[union-attr]


# the shared corpus, end to end -------------------------------------------------------------------------

_EXPECTED: dict[str, dict[str, str | None]] = {
    "000": {"author": "Maurice Glasman", "published": "2020-01-08"},
    "001": {"author": "Elijah J. Magnier", "published": None},
    "002": {"author": "Ahmed Twaij", "published": "2020-01-06",
            "title": "Thanks to Trump's assassination of Soleimani, Iran now has the hearts and minds of everyday "
                     "Iraqis"},
    "003": {"author": "Alliance of Middle Eastern and North African Socialists", "published": "2020-01-03"},
    "004": {"author": None, "published": None},
}
_GONE = ["Join our commenting forum", "please consider donating", "Thank you for registering", "Photo by"]


def test_read_path_reads_shared_corpus(shared_corpus: Path, ingest: IngestSettings) -> None:
    paths, skipped = collect_paths([shared_corpus], settings=ingest)
    assert skipped == [] and len(paths) == len(_EXPECTED)
    docs = {}
    for path in paths:
        result = _read_one(path, ingest)
        assert isinstance(result, Document), result
        docs[path.name[:3]] = result
    for key, expected in _EXPECTED.items():
        doc = docs[key]
        for field, value in expected.items():
            meta = getattr(doc, field)
            assert (meta.value if meta else None) == value, f"{key} {field}"
            if meta is not None and meta.span is not None:
                assert 0 <= meta.span.start <= meta.span.end <= len(doc.text)
        for phrase in _GONE:
            assert phrase.lower() not in doc.text.lower(), f"{key}: {phrase!r} left in"
    assert "al-Quds" in docs["004"].text
    statement = docs["003"].text
    for paragraph in statement.split("\n\n"):
        for line in paragraph.split("\n")[:-1]:
            assert re.search(r"[.!?:;\"')\]]$", line) or len(line.split()) <= 12, f"broken line in 003: {line!r}"
    assert not re.search(r"[a-z,]\n[a-z]", statement)
