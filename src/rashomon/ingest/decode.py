"""Turn a file's bytes into text: UTF-8 (a BOM is fine), UTF-16 with a BOM, an HTML page's declared
charset, or the configured fallback encoding; say clearly when none of these works."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_SAMPLE = 65_536  # bytes looked at to tell text from binary
_CONTROL_SHARE = 0.05  # more control bytes than this share of the sample: binary
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1B} | {0x7F}
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_HTML_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Problem:
    """Why an input (or part of it) cannot be read, as a sentence that says what to do."""

    reason: str
    line: int | None = None  # for a .jsonl line, its 1-based number


def without_surrogates(text: str) -> str:
    """`text` with lone surrogates (from a JSON escape such as "\\ud800", or a PDF's own text map) replaced by
    U+FFFD: they cannot be encoded, so they could be neither hashed into an id nor stored."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def looks_binary(data: bytes) -> bool:
    """Whether bytes look like a binary file rather than text: NUL bytes or many control bytes."""
    if data.startswith(_UTF16_BOMS):
        return False
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    return controls > _CONTROL_SHARE * len(sample)


def decode_text(data: bytes, *, fallback: str = "", html: bool = False, base: int = 0) -> str | Problem:
    """Decode a text file's bytes, or say why it cannot be decoded and how to convert it.

    UTF-8 first (with or without a BOM; UTF-16 when it starts with a UTF-16 BOM), then for HTML the
    charset the page declares, then `fallback` when it is set (ingest.fallback_encoding).
    `base` is where `data` starts in its file, so byte offsets in messages are the file's.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            return Problem(f"starts like UTF-16 but is not valid UTF-16 (at byte offset {base + err.start}). "
                           "Convert it to UTF-8, e.g. `iconv -f UTF-16 -t UTF-8`.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        declared = _declared_charset(data) if html else None
        if declared is not None:
            try:
                return data.decode(declared)
            except (LookupError, UnicodeDecodeError):  # unknown or wrong declaration: use the fallback
                pass
        return _decode_fallback(data, err, fallback, base)


def _declared_charset(data: bytes) -> str | None:
    match = _HTML_CHARSET.search(data[:4096])
    if match is None:
        return None
    charset = match.group(1).decode("ascii").lower()
    return None if charset in {"utf-8", "utf8"} else charset


def _decode_fallback(data: bytes, err: UnicodeDecodeError, fallback: str, base: int) -> str | Problem:
    position = f"byte 0x{data[err.start]:02x} at byte offset {base + err.start}"
    if not fallback:
        return Problem(
            f"not valid UTF-8 ({position}). Convert it to UTF-8, e.g. "
            "`iconv -f WINDOWS-1252 -t UTF-8 in.txt > out.txt`, or set ingest.fallback_encoding "
            '(e.g. "cp1252") in a config file to read such files with that encoding.'
        )
    try:
        return data.decode(fallback)
    except LookupError:
        return Problem(f"not valid UTF-8 ({position}), and ingest.fallback_encoding = {fallback!r} is not an "
                       'encoding Python knows. Set it to one such as "cp1252" or "latin-1".')
    except UnicodeDecodeError as second:
        return Problem(f"neither valid UTF-8 ({position}) nor valid {fallback} (at byte offset {base + second.start}). "
                       "Find the file's real encoding (e.g. `file -i`) and convert it with `iconv -t UTF-8`.")
