"""Tests of rashomon.ingest metadata: dates, authors, titles and outlets read from cleaned text.

How a date line and a date value are read is tested in tests/time/test_written.py."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rashomon.ingest import clean_blocks, clean_text, find_metadata
from rashomon.ingest.names import is_name_line, read_name, read_organisation
from rashomon.time import find_date_line

BODY = ("The council of Velmora voted on Tuesday to close the old harbour bridge for repairs after engineers "
        "found deep cracks in two of its piers, and the work will take eight months.")


@pytest.mark.parametrize(
    ("text", "iso", "written"),
    [
        (f"Harbour bridge to close\n\n14 March 2021\n\n{BODY}", "2021-03-14", "14 March 2021"),
        (f"{BODY}\n\n{BODY}\n\n2021-03-14", "2021-03-14", "2021-03-14"),  # a date line closing the text
        (f"{BODY} It reopens on 3 May 2021.", None, None),  # a date inside a sentence
        (f"{BODY}\n\n[1] Harbour Gazette, 31 December 2019.", None, None),  # a footnote's date
        (BODY, None, None),
    ],
)
def test_find_metadata_reads_publication_date_line(text: str, iso: str | None, written: str | None) -> None:
    published = find_metadata(text).published
    if iso is None:
        assert published is None
        return
    assert published is not None and published.span is not None
    assert published.value == iso
    assert published.source == "text"
    assert text[published.span.start:published.span.end] == written


def test_find_metadata_ignores_date_line_in_the_middle() -> None:
    middle = "\n\n".join([BODY] * 13 + ["14 March 2021"] + [BODY] * 13)
    assert find_metadata(middle).published is None


@pytest.mark.parametrize(
    ("text", "author"),
    [
        (f"By Jane Doe\n\n{BODY}", "Jane Doe"),
        (f"Headline here\n\nValmora, by Omar K. Haddad: @okhaddad\n\n{BODY}", "Omar K. Haddad"),
        (f"BY Ana de la Cruz | 6 January 2020\n\n{BODY}", "Ana de la Cruz"),
        (f"Written by Jane Doe and John Roe\n\n{BODY}", "Jane Doe and John Roe"),
        (f"{BODY}\n\nReporting by Jane Doe; Editing by John Roe", "Jane Doe"),
        (f"A headline\n\nA standfirst that runs on\n\nLena Ortiz\nNew Harbour\nMonday 3 May 2021\n\n{BODY}",
         "Lena Ortiz"),
        (f"A headline\n\nLena Ortiz\n3 May 2021\n\n{BODY}", "Lena Ortiz"),
        (f"{BODY}\n\nJane Doe is a reporter for a coastal weekly. She lives in Valmora.", "Jane Doe"),
        (f"{BODY}\n\nOmar al-Haddad is the director of a research centre.\n\n[1] A footnote.", "Omar al-Haddad"),
        (f"{BODY}\n\n3 May 2021\n\nSource Federation of Coastal Dock Workers.", "Federation of Coastal Dock Workers"),
        (f"By November, the strike had spread to every port on the coast. {BODY}", None),
        (f"A headline\n\nNew Harbour\n3 May 2021\n\n{BODY}", None),  # a dateline place, not a name
        (BODY, None),
    ],
)
def test_find_metadata_reads_author(text: str, author: str | None) -> None:
    found = find_metadata(text).author
    if author is None:
        assert found is None
        return
    assert found is not None and found.span is not None
    assert found.value == author
    assert text[found.span.start:found.span.end] == author


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (f"Harbour bridge to close for eight months\n\n{BODY}", "Harbour bridge to close for eight months"),
        (f"Is the harbour bridge safe?\n\n{BODY}", "Is the harbour bridge safe?"),
        (f"{BODY}\n\n{BODY}", None),  # a first line that is a sentence
        (f"14 March 2021\n\n{BODY}", None),  # a date
        (f"By Jane Doe\n\n{BODY}", None),  # a byline
        (f"Jane Doe\n\n{BODY}", None),  # a name
        ("Harbour bridge to close for eight months", None),  # nothing but the headline
    ],
)
def test_find_metadata_reads_title(text: str, title: str | None) -> None:
    found = find_metadata(text).title
    assert (found.value if found else None) == title
    if found is not None:
        assert found.span is not None and text[found.span.start:found.span.end] == title


@pytest.mark.parametrize(
    ("raw", "outlet", "in_text"),
    [
        (f"The Daily Lamp's journalism is supported by our readers. When you purchase through links on our site, "
         f"we may earn commission.\n\n{BODY}", "The Daily Lamp", False),
        (f"{BODY}\n\nIf you like this article, please consider donating towards the work of Harbour Voices. "
         "One-off donations are very welcome.", "Harbour Voices", False),
        (f"{BODY}\n\nPublished by Coastal Press", "Coastal Press", True),
        (f"{BODY}\n\n\u00a9 2021 North Shore Media", "North Shore Media", True),
        (f"MERIDEN (Wire Agency) - {BODY}", "Wire Agency", True),
        (f"Headline\n\nFirst published on Tue 7 Jan 2020 06.00 GMT\n\n{BODY}", None, False),
        (BODY, None, False),
    ],
)
def test_find_metadata_reads_outlet_from_text_and_removed_lines(raw: str, outlet: str | None, in_text: bool) -> None:
    cleaned = clean_blocks(raw)
    found = find_metadata(cleaned.text, removed=cleaned.removed).outlet
    assert (found.value if found else None) == outlet
    if found is not None:
        assert (found.span is not None) == in_text
        if found.span is not None:
            assert cleaned.text[found.span.start:found.span.end] == outlet


@pytest.mark.parametrize(
    ("line", "expected"),
    [("Jane Doe", True), ("Omar K. Haddad", True), ("Ana de la Cruz", True), ("Jane", False),
     ("The Harbour Board", False), ("January 2020", False), ("Jane Doe said", False), ("jane doe", False)],
)
def test_is_name_line_by_shape(line: str, expected: bool) -> None:
    assert is_name_line(line) is expected


def test_read_name_stops_at_punctuation() -> None:
    found = read_name("Omar K. Haddad: @okhaddad")
    assert found is not None and found.text == "Omar K. Haddad"


def test_read_organisation_stops_at_sentence_end() -> None:
    found = read_organisation("Harbour Voices. Simply follow this link")
    assert found is not None and found.text == "Harbour Voices"


_PIECES = st.sampled_from([
    "By Jane Doe", "Jane Doe", "New Harbour", "Monday 06 January 2020 21:03 GMT", "3 Janaury 2020",
    "2020-01-06", "06/01/2020", "Source Federation of Dock Workers.", " is a reporter.", "Published by X",
    "\u00a9 2020 Y Z", "Headline words here", "\n", "\n\n", " ", ".", "|", " | ", "word ", "the ", "Photo: ",
    "work of Harbour Voices", "please consider donating", "'s journalism is supported by our readers",
])
_TEXTS = st.one_of(st.text(max_size=200), st.lists(_PIECES, max_size=40).map("".join))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_find_metadata_spans_point_at_their_values(raw: str) -> None:
    cleaned = clean_blocks(raw)
    text = cleaned.text
    assert clean_text(text) == text
    found = find_metadata(text, removed=cleaned.removed)
    for meta in (found.title, found.author, found.outlet, found.published):
        if meta is None or meta.span is None:
            continue
        assert 0 <= meta.span.start <= meta.span.end <= len(text)
        written = text[meta.span.start:meta.span.end]
        if meta is found.published:
            line = find_date_line(written)
            assert line is not None and line.iso == meta.value
        else:
            assert meta.value in written
