"""A hostile-input corpus, generated from a seed into a folder at test time (issue 17): never committed.

`make_corpus(folder, seed=17)` writes some hundreds of cases of the kinds that broke `rashomon analyze`, and
more: file-system traps (symbolic link loops, links out of the folder or to devices, pipes, sockets, odd
names, deep folders), bytes that are not text or not the encoding they claim, texts of pathological shape
(one enormous line, too many lines, runs of punctuation spaCy's tokenizer is quadratic on, one endless
"sentence"), hostile Markdown, HTML and PDF, bad JSON Lines (huge integers, deep nesting, lone surrogates),
and script payloads in otherwise good articles. Each `Case` says what `analyze` must do with it: store it,
skip it with a message naming it, or either. `good_articles` writes plain fictional articles, each unique;
`unsafe_markup` finds what an unescaped payload made in a page (HTML or SVG).

Every article here is fictional: invented names, places and numbers; no rule may be made from them.
"""

from __future__ import annotations

import functools
import html.parser
import io
import json
import os
import random
import socket
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Expect = Literal["store", "skip", "any"]

_FIRST = ("Mara", "Tomas", "Lira", "Oskar", "Ines", "Pavel", "Nadia", "Emil", "Sabine", "Karel", "Yusra", "Dario")
_LAST = ("Quill", "Orrin", "Tammet", "Velko", "Brandt", "Sorel", "Hale", "Marsh", "Dunlin", "Kestrel", "Voss")
_TOWNS = ("Fenwick", "Ostrava Nova", "Dunmore", "Harrowfield", "Marrow", "Vellmar", "Kessling", "Brackwater")
_GROUPS = ("the Fenwick Ledger", "the Coastal Guard", "the river council", "the farmers' union", "the port authority")
_VERBS = ("arrested", "detained", "met", "criticised", "praised", "warned", "evacuated", "questioned")
_WHAT = ("protesters", "residents", "workers", "students", "fishermen", "traders", "officials", "drivers")
XSS = ('<script>alert("xss")</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>',
       "javascript:alert(1)", "{{7*7}}", "</textarea><script>alert(2)</script>", "<iframe src=//evil.example>")


@dataclass(frozen=True, slots=True)
class Case:
    """One hostile input: its path (relative to the corpus folder), its family, and what analyze must do."""

    path: str
    family: str
    expect: Expect
    heavy: bool = False  # costs seconds to analyse: left out of the quick runs


def article(rng: random.Random, *, sentences: int = 4) -> str:
    """A plain fictional news article of a few sentences, unique by its random names and numbers."""
    person = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
    town = rng.choice(_TOWNS)
    lines = [f"{rng.choice(_TOWNS)} {rng.choice(('flood', 'strike', 'march', 'fire'))} report {rng.randrange(10**9)}",
             ""]
    body = [f"Fictional report. Police in {town} {rng.choice(_VERBS)} {rng.randrange(2, 400)} {rng.choice(_WHAT)} on "
            f"{rng.choice(('Sunday', 'Monday', 'Friday'))}, the mayor, {person}, said."]
    for _ in range(sentences - 1):
        body.append(f"{rng.choice(_GROUPS).capitalize()} said {rng.randrange(2, 900)} {rng.choice(_WHAT)} had "
                    f"{rng.choice(_VERBS)} officials near {rng.choice(_TOWNS)} after the meeting on "
                    f"{rng.randrange(1, 28)} March {rng.randrange(2001, 2030)}.")
    return "\n".join(lines) + " ".join(body) + "\n"


def good_articles(folder: Path, count: int, *, seed: int = 7) -> list[Path]:
    """`count` plain fictional articles as .txt files in `folder` (made if missing)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"article-{number:03d}.txt"
        path.write_text(article(rng), encoding="utf-8")
        paths.append(path)
    return paths


class _Writer:
    """Writes the cases of one corpus and remembers them."""

    def __init__(self, root: Path, rng: random.Random) -> None:
        self.root = root
        self.rng = rng
        self.cases: list[Case] = []

    def bytes(self, name: str, data: bytes, family: str, expect: Expect, *, heavy: bool = False) -> None:
        path = self.root / family / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.cases.append(Case(f"{family}/{name}", family, expect, heavy))

    def text(self, name: str, text: str, family: str, expect: Expect, *, heavy: bool = False) -> None:
        self.bytes(name, text.encode("utf-8", "surrogatepass"), family, expect, heavy=heavy)

    def special(self, name: str, family: str, expect: Expect, make: Callable[[Path], object]) -> None:
        path = self.root / family / name
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            make(path)
        except OSError:  # not possible here (no sockets, no FIFOs): the case is left out
            return
        self.cases.append(Case(f"{family}/{name}", family, expect))


def make_corpus(root: Path, *, seed: int = 17, mutations: int = 120) -> list[Case]:
    """Write the hostile corpus under `root` (one folder per family, `mutations` randomly damaged articles)
    and return its cases."""
    rng = random.Random(seed)
    writer = _Writer(root, rng)
    for family in (_links, _encodings, _shapes, _markdown, _html, _pdf, _jsonl, _payloads):
        family(writer)
    _mutations(writer, mutations)
    return writer.cases


# -- the families ----------------------------------------------------------------------------------------


def _links(w: _Writer) -> None:
    family = "links"
    folder = w.root / family
    folder.mkdir(parents=True, exist_ok=True)
    outside = w.root.parent.parent / f"{w.root.parent.name}-{w.root.name}-outside.txt"  # out of any folder walked
    outside.write_text(article(w.rng), encoding="utf-8")
    targets = {"self.txt": "self.txt", "loop-a.txt": "loop-b.txt", "loop-b.txt": "loop-a.txt", "dot.txt": ".",
               "parent.txt": "..", "root-loop": ".", "dangling.txt": "no-such-file.txt", "zero.txt": "/dev/zero",
               "null.txt": "/dev/null", "urandom.md": "/dev/urandom", "passwd.txt": "/etc/passwd",
               "outside.txt": str(outside), "tty.txt": "/dev/tty"}
    for name, target in targets.items():
        w.special(name, family, "skip", functools.partial(_link, target))
    w.text("inside.txt", article(w.rng), family, "store")
    w.special("inside-link.txt", family, "any", lambda path: os.symlink("inside.txt", path))
    w.special("fifo.txt", family, "skip", lambda path: os.mkfifo(path))
    w.special("socket.txt", family, "skip", _socket)
    (folder / "folder.txt").mkdir(exist_ok=True)
    (folder / "empty-folder").mkdir(exist_ok=True)
    deep = folder.joinpath(*[f"d{level}" for level in range(60)])
    deep.mkdir(parents=True, exist_ok=True)
    (deep / "deep.txt").write_text(article(w.rng), encoding="utf-8")
    w.cases.append(Case(str((deep / "deep.txt").relative_to(w.root)), family, "store"))
    (deep / "up").symlink_to("../../..")
    for name in ("with space.txt", "new\nline.txt", "tab\tname.txt", "[glob]*?.txt", "ünïcödé-nfc.txt",
                 "unicode-nfd-e\u0301.txt", "-dash-first.txt", "UPPER.TXT", "double.txt.md", "x" * 240 + ".txt",
                 "semi;colon $(echo x).txt", "quote'\"name.txt", "émoji-\U0001F600.txt"):
        w.text(name, article(w.rng), family, "store")
    w.bytes(".hidden.txt", article(w.rng).encode(), family, "any")
    raw = os.fsencode(folder) + b"/bad-\xff\xfe-name.txt"
    try:
        with open(raw, "wb") as handle:
            handle.write(article(w.rng).encode())
        w.cases.append(Case(os.fsdecode(raw[len(os.fsencode(w.root)) + 1:]), family, "store"))
    except OSError:
        pass


def _link(target: str, path: Path) -> None:
    os.symlink(target, path)


def _socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()


def _encodings(w: _Writer) -> None:
    family = "encodings"
    text = article(w.rng)
    for suffix in (".txt", ".md", ".html", ".jsonl", ".pdf"):
        w.bytes(f"empty{suffix}", b"", family, "skip")
        w.bytes(f"blank{suffix}", b" \n\t\r\n  " * 50, family, "skip")
        w.bytes(f"nul{suffix}", b"\x00" * 4096, family, "skip")
        for number in range(3):
            w.bytes(f"random-{number}{suffix}", w.rng.randbytes(w.rng.choice((64, 4096, 200_000))), family, "skip")
    w.bytes("utf16le-bom.txt", article(w.rng).encode("utf-16"), family, "store")
    w.bytes("utf16be-bom.txt", b"\xfe\xff" + article(w.rng).encode("utf-16-be"), family, "store")
    w.bytes("utf16-no-bom.txt", article(w.rng).encode("utf-16-le"), family, "any")
    w.bytes("utf32-bom.txt", article(w.rng).encode("utf-32"), family, "any")
    w.bytes("utf16-odd-length.txt", article(w.rng).encode("utf-16") + b"\x00", family, "skip")
    w.bytes("utf16-lone-surrogate.txt", b"\xff\xfe" + "Fictional ".encode("utf-16-le") + b"\x00\xd8" * 40, family,
            "skip")
    w.bytes("bom-only.txt", b"\xef\xbb\xbf", family, "skip")
    w.bytes("utf8-bom.txt", b"\xef\xbb\xbf" + article(w.rng).encode(), family, "store")
    w.bytes("latin1.txt", article(w.rng).replace("report", "r\xe9port").encode("latin-1"), family, "skip")
    w.bytes("truncated-utf8.txt", article(w.rng).encode() + "é".encode()[:1], family, "skip")
    w.bytes("overlong-utf8.txt", article(w.rng).encode() + b"\xc0\xaf\xe0\x80\xaf", family, "skip")
    w.bytes("cesu-surrogate.txt", article(w.rng).encode() + b"\xed\xa0\x80", family, "skip")
    w.bytes("cr-only.txt", article(w.rng).replace("\n", "\r").encode(), family, "store")
    w.bytes("crlf.txt", article(w.rng).replace("\n", "\r\n").encode(), family, "store")
    w.text("controls.txt", "".join(ch + ("\x07" if i % 7 == 0 else "") for i, ch in enumerate(article(w.rng))),
           family, "any")
    w.text("ansi.txt", "\x1b[31m" + article(w.rng) + "\x1b[0m\x1b]0;title\x07", family, "any")
    w.text("bidi.txt", "\u202e" + article(w.rng) + "\u202c\u2066\u2069", family, "store")
    w.text("zero-width.txt", "\u200b".join(article(w.rng)), family, "any")
    w.text("zalgo.txt", "".join(ch + "\u0301\u0317\u0334" * 15 for ch in article(w.rng)), family, "any")
    w.text("emoji-words.txt", " ".join(["\U0001F600\U0001F525"] * 3000) + "\n" + text, family, "any")
    w.text("cjk.txt", "福岡県の市長は月曜日に記者会見を開いた。" * 200, family, "any")
    w.text("rtl.txt", "قال رئيس البلدية يوم الاثنين إن الشرطة اعتقلت عشرين متظاهرا. " * 100, family, "any")
    w.text("math-alnum.txt", "".join(chr(0x1D400 + (ord(c) - 65) % 52) if c.isalpha() else c for c in text),
           family, "any")
    w.text("fullwidth.txt", text.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)}), family, "any")
    w.text("private-use.txt", "\ue000\uf8ff" * 2000 + text, family, "any")
    w.text("noncharacters.txt", "\ufffe\uffff\U0010FFFF" * 100 + text, family, "any")
    w.bytes("binary-head.txt", w.rng.randbytes(3000) + article(w.rng).encode(), family, "skip")


def _shapes(w: _Writer) -> None:
    family = "shapes"
    rng = w.rng
    sentence = "Police in Fenwick said the march ended peacefully on Sunday. "
    w.text("one-line-5mb.txt", sentence * (5_000_000 // len(sentence)), family, "skip")
    w.text("one-line-150k.txt", sentence * (150_000 // len(sentence)), family, "skip")
    w.text("lines-25k.txt", "\n".join(f"line {n} of the log" for n in range(25_000)), family, "skip")
    w.text("lines-100k.txt", "\n".join("x y" for _ in range(100_000)), family, "skip")
    w.text("chars-400k.txt", "\n\n".join(article(rng) for _ in range(700)), family, "skip")
    w.text("chars-120k.txt", "\n\n".join(article(rng) for _ in range(220)), family, "skip")
    runs = {"parens": "(", "closing": ")", "quotes": '"', "emoji": "\U0001F600", "dashes": "-", "dots": ".",
            "slashes": "/", "brackets": "[", "hashes": "#", "apostrophes": "'", "commas": ","}
    for name, char in runs.items():
        w.text(f"run-{name}.txt", article(rng) + char * 6_000 + "\n" + article(rng), family, "store")
    w.text("run-alternating.txt", article(rng) + "a." * 10_000 + "\n", family, "store")
    w.text("run-word.txt", article(rng) + "x" * 60_000 + "\n", family, "store")
    w.text("run-url.txt", article(rng) + "https://example.org/" + "a/b?c=d&" * 2000 + "\n", family, "store")
    w.text("run-digits.txt", article(rng) + "7" * 30_000 + "\n", family, "store")
    w.text("run-hyphenated.txt", article(rng) + "-".join(["ab"] * 8000) + "\n", family, "store")
    w.text("endless-sentence.txt", " ".join(rng.choice(("police", "march", "town", "said", "and", "the"))
                                            for _ in range(12_000)), family, "any", heavy=True)
    w.text("tiny-sentences.txt", "A. " * 20_000, family, "any", heavy=True)
    w.text("numbers-only.txt", " ".join(str(rng.randrange(10**6)) for _ in range(5_000)), family, "any", heavy=True)
    w.text("punctuation-only.txt", "!?;:,.- " * 5_000, family, "skip")
    w.text("repeated-line.txt", (sentence + "\n") * 1_500, family, "any", heavy=True)
    w.text("one-word.txt", "Orrin " * 15_000, family, "any", heavy=True)
    w.text("table.txt", "\n".join("| Fenwick | 12 | 3 March | arrested |" for _ in range(2_000)), family, "any",
           heavy=True)
    w.text("spaces-only-lines.txt", "\n".join(" " * 5000 for _ in range(200)), family, "skip")


def _markdown(w: _Writer) -> None:
    family = "markdown"
    text = article(w.rng)
    w.text("nested-list.md", "".join("  " * depth + "- item\n" for depth in range(2000)) + text, family, "any")
    w.text("headings.md", "#" * 50_000 + " title\n\n" + text, family, "any")
    w.text("unclosed-fence.md", "```\n" + text * 3, family, "any")
    w.text("quotes.md", ">" * 20_000 + " " + text, family, "any")
    w.text("emphasis.md", "*" * 50_000 + text + "_" * 50_000, family, "any")
    w.text("links.md", "".join(f"[a{n}][b{n}] " for n in range(3000)) + "\n\n" +
           "".join(f"[b{n}]: http://x/{n}\n" for n in range(3000)) + text, family, "any")
    w.text("nested-links.md", "[" * 10_000 + "x" + "](y)" * 10_000 + "\n\n" + text, family, "any")
    w.text("front-matter-open.md", "---\ntitle: x\n" + "key: value\n" * 5000 + text, family, "any")
    w.text("html-in.md", "<script>alert(1)</script>\n\n" + text + "\n<img src=x onerror=alert(1)>", family, "store")
    w.text("images.md", "![alt](data:image/png;base64," + "QUJD" * 20_000 + ")\n\n" + text, family, "any")


def _html(w: _Writer) -> None:
    family = "html"
    text = article(w.rng)
    paragraphs = "".join(f"<p>{line}</p>" for line in text.split(". "))
    page = f"<html><head><title>Fictional</title></head><body><article>{paragraphs}</article></body></html>"
    w.text("good.html", page, family, "store")
    w.text("nested-divs.html", "<div>" * 20_000 + paragraphs + "</div>" * 20_000, family, "any")
    w.text("unclosed.html", "<div><span><b><i>" * 5_000 + paragraphs, family, "any")
    w.text("script-only.html", "<html><script>" + "var x=1;" * 5000 + "</script></html>", family, "skip")
    w.text("huge-attribute.html", f'<html><body><p title="{"a" * 1_000_000}">{text}</p></body></html>', family,
           "any")
    w.text("entities.html", "<html><body><p>" + "&amp;" * 200_000 + "</p></body></html>", family, "any")
    w.text("bad-entities.html", f"<p>&#xD800; &#0; &#99999999; &#x110000; {text}</p>", family, "any")
    w.text("billion-laughs.html", '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
           "".join(f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10 if n else "&lol;" * 10}">'
                   for n in range(10)) + f']><html><body><p>&lol9; {text}</p></body></html>', family, "any")
    w.text("comments-only.html", "<!--" + "x" * 100_000 + "-->", family, "skip")
    w.text("cdata.html", f"<html><body><![CDATA[{text}]]></body></html>", family, "any")
    w.text("meta-utf7.html", f'<meta charset="utf-7"><p>{text}</p>', family, "any")
    w.bytes("meta-bogus.html", b'<meta charset="x-no-such-codec"><p>' + text.encode("latin-1", "replace") +
            b"\xe9</p>", family, "any")
    w.text("frameset.html", "<frameset><frame src=a><frame src=b></frameset>", family, "skip")
    w.text("login.html", "<form><input name=user><input type=password></form>", family, "skip")
    w.bytes("nul.html", b"<html><body><p>" + text.encode() + b"\x00" * 100 + b"</p></body></html>", family, "any")
    w.text("many-paragraphs.html", "<html><body>" + "<p>word</p>" * 30_000 + "</body></html>", family, "any")
    w.text("xss.html", f"<html><head><title>{XSS[0]}</title><meta name=author content='{XSS[1]}'>"
           f"<meta property='og:site_name' content='{XSS[2]}'></head><body><article>{paragraphs}"
           f"<p>{XSS[0]} {XSS[3]}</p></article></body></html>", family, "store")


def _pdf_bytes(text: str) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import ContentStream, DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=612, height=792)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject(
        {NameObject("/F1"): writer._add_object(font)})})
    lines = [text[i:i + 80].replace("(", "[").replace(")", "]") for i in range(0, len(text), 80)]
    body = "BT /F1 10 Tf 40 750 Td 12 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
    stream = DecodedStreamObject()
    stream.set_data(body.encode("latin-1", "replace"))
    page[NameObject("/Contents")] = writer._add_object(ContentStream(stream, writer))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _pdf(w: _Writer) -> None:
    family = "pdf"
    good = _pdf_bytes(article(w.rng))
    w.bytes("good.pdf", good, family, "store")
    for cut in (0.1, 0.3, 0.5, 0.7, 0.9, 0.97):
        w.bytes(f"truncated-{int(cut * 100)}.pdf", good[:int(len(good) * cut)], family, "any")
    w.bytes("header-only.pdf", b"%PDF-1.7\n", family, "skip")
    w.bytes("garbage.pdf", b"%PDF-1.4\n" + w.rng.randbytes(20_000), family, "skip")
    w.bytes("bad-xref.pdf", good.replace(b"startxref", b"startxref\n999999999\n%"), family, "any")
    w.bytes("no-eof.pdf", good.replace(b"%%EOF", b""), family, "any")
    w.bytes("self-pages.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [2 0 R] /Count 1 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF", family,
            "skip")
    w.bytes("deep-arrays.pdf", b"%PDF-1.4\n1 0 obj " + b"[" * 50_000 + b"]" * 50_000 + b" endobj\n"
            b"trailer << /Root 1 0 R >>\n%%EOF", family, "skip")
    w.bytes("deep-dicts.pdf", b"%PDF-1.4\n1 0 obj " + b"<< /A " * 20_000 + b"1" + b" >>" * 20_000 + b" endobj\n"
            b"trailer << /Root 1 0 R >>\n%%EOF", family, "skip")
    bomb = zlib.compress(b"\x00" * 30_000_000, 9)
    w.bytes("flate-bomb.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
            b"3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R >> endobj\n"
            b"4 0 obj << /Length " + str(len(bomb)).encode() + b" /Filter /FlateDecode >> stream\n" + bomb +
            b"\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF", family, "skip")
    w.bytes("count-lies.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [] /Count 999999999 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF", family,
            "skip")
    w.bytes("html-named.pdf", b"<html><body><p>" + article(w.rng).encode() + b"</p></body></html>", family, "skip")
    w.bytes("bom.pdf", b"\xef\xbb\xbf" + good, family, "any")
    w.bytes("twice.pdf", good + good, family, "any")
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(good)))
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    w.bytes("encrypted.pdf", buffer.getvalue(), family, "skip")
    blank = PdfWriter()
    for _ in range(500):
        blank.add_blank_page(width=100, height=100)
    buffer = io.BytesIO()
    blank.write(buffer)
    w.bytes("blank-pages.pdf", buffer.getvalue(), family, "skip")


def _jsonl(w: _Writer) -> None:
    family = "jsonl"
    rng = w.rng

    def line(**fields: object) -> str:
        return json.dumps(fields)

    w.text("good.jsonl", "\n".join(line(text=article(rng), title=f"Report {n}") for n in range(3)) + "\n", family,
           "store")
    w.text("not-json.jsonl", "this is not json\n{broken\n", family, "skip")
    w.text("scalars.jsonl", '1\n"text"\nnull\ntrue\n[1, 2]\n', family, "skip")
    w.text("text-types.jsonl", "\n".join(line(text=value) for value in (5, None, [1], {"a": 1}, "", "  ")) + "\n",
           family, "skip")
    w.text("big-int.jsonl", '{"text": "' + article(rng).strip().replace("\n", " ") + '", "n": ' + "9" * 5000 + "}\n",
           family, "skip")
    w.text("big-float.jsonl", line(text=article(rng)).replace("}", ', "n": 1e999999}') + "\n", family, "any")
    w.text("nan.jsonl", line(text=article(rng)).replace("}", ', "n": NaN, "m": -Infinity}') + "\n", family, "any")
    w.text("deep-arrays.jsonl", '{"text": "x", "n": ' + "[" * 100_000 + "]" * 100_000 + "}\n", family, "skip")
    w.text("deep-objects.jsonl", '{"text": "x", "n": ' + '{"a":' * 50_000 + "1" + "}" * 50_000 + "}\n", family,
           "skip")
    w.text("wide-object.jsonl", json.dumps({"text": article(rng), **{f"k{n}": n for n in range(50_000)}}) + "\n",
           family, "store")
    w.text("duplicate-keys.jsonl", '{"text": "a", "text": ' + json.dumps(article(rng)) + "}\n", family, "store")
    w.text("many-bad-lines.jsonl", "{bad\n" * 20_000 + line(text=article(rng)) + "\n", family, "store")
    w.bytes("bom.jsonl", b"\xef\xbb\xbf" + line(text=article(rng)).encode() + b"\n", family, "any")
    w.bytes("bom-per-line.jsonl", b"".join(b"\xef\xbb\xbf" + line(text=article(rng)).encode() + b"\n"
                                           for _ in range(2)), family, "any")
    w.text("nul-in-text.jsonl", line(text=article(rng).replace(" ", "\u0000 ", 3)) + "\n", family, "store")
    w.text("lone-surrogates.jsonl", '{"text": "\\ud800 ' + article(rng).strip().replace("\n", " ") +
           ' \\udfff", "title": "\\ud83d", "url": "\\udc00"}\n', family, "store")
    w.text("crlf.jsonl", "\r\n".join(line(text=article(rng)) for _ in range(2)) + "\r\n", family, "store")
    w.text("huge-line.jsonl", line(text="Police in Fenwick said the march was calm. " * 70_000) + "\n", family, "skip")
    w.text("odd-fields.jsonl", line(text=article(rng), title=["a", "b"], author={"x": 1}, outlet=7, url=None,
                                    published=[2020, 1, 1], date={"y": 1}) + "\n", family, "store")
    w.text("dates.jsonl", "\n".join(line(text=article(rng), published=value) for value in
                                     ("0000-00-00", "9999-99-99", "x" * 10_000, "-5", "2020-02-30", 1e308))
           + "\n", family, "store")
    w.text("xss-fields.jsonl", line(text=article(rng) + " " + XSS[0], title=XSS[1], author=XSS[2], outlet=XSS[6],
                                    url=XSS[3]) + "\n", family, "store")
    w.text("empty-lines.jsonl", "\n" * 10_000, family, "skip")


def _payloads(w: _Writer) -> None:
    family = "payloads"
    for number, payload in enumerate(XSS):
        text = article(w.rng).replace("the mayor", f"the mayor {payload}", 1) + f"\n{payload} said the council.\n"
        w.text(f"xss-{number}.txt", text, family, "store")
        w.text(f"xss-{number}.md", f"# {payload}\n\nBy {payload}\n\n" + article(w.rng), family, "store")


_SUFFIXES = (".txt", ".md", ".html", ".jsonl", ".pdf")
_JUNK = ("\x00", "\x1b[0m", "\ufeff", "\u202e", "\ud7ff", "\U0010ffff", "\u0301" * 9, "<", "&", '"', "\\", "{", "[",
         "\r", "\x0c", "\u2028", "%PDF", "<script>", "\n\n", "(" * 300, "-" * 200)


def _mutations(w: _Writer, count: int = 120) -> None:
    """Good articles of every format, damaged at random: bytes flipped, cut, junk inserted, lines repeated."""
    family = "mutations"
    rng = w.rng
    for number in range(count):
        suffix = _SUFFIXES[number % len(_SUFFIXES)]
        text = article(rng)
        if suffix == ".html":
            data = f"<html><body><p>{text}</p></body></html>".encode()
        elif suffix == ".jsonl":
            data = (json.dumps({"text": text, "title": "Report"}) + "\n").encode()
        elif suffix == ".pdf":
            data = _pdf_bytes(text)
        else:
            data = text.encode()
        damaged = bytearray(data)
        for _ in range(rng.randrange(1, 6)):
            how = rng.randrange(5)
            where = rng.randrange(max(1, len(damaged)))
            if how == 0:
                damaged[where] = rng.randrange(256)
            elif how == 1:
                del damaged[where:where + rng.randrange(1, 200)]
            elif how == 2:
                damaged[where:where] = rng.choice(_JUNK).encode("utf-8", "surrogatepass") * rng.randrange(1, 50)
            elif how == 3:
                damaged[where:where] = damaged[where:where + 100] * rng.randrange(2, 200)
            else:
                damaged[where:where] = rng.randbytes(rng.randrange(1, 500))
        w.bytes(f"mutated-{number:03d}{suffix}", bytes(damaged), family, "any")


# -- payload detection ----------------------------------------------------------------------------------


class _Unsafe(html.parser.HTMLParser):
    """Elements and attributes in a page that only an unescaped payload would have made."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag == "script"
        if tag in ("iframe", "frame", "object", "embed"):
            self.found.append(f"<{tag}> element")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") and "alert" in value:
                self.found.append(f"<{tag} {name}={value[:40]!r}>")
            if name in ("href", "src", "action", "xlink:href", "formaction") and value.startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value[:40]!r}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._in_script = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and "alert(" in data:
            self.found.append(f"<script> running {data.strip()[:60]!r}")


def unsafe_markup(page: str) -> list[str]:
    """What in `page` (HTML or SVG) a payload made: empty when every payload was escaped."""
    parser = _Unsafe()
    parser.feed(page)
    parser.close()
    return parser.found
