"""Tests of rashomon.ingest cleaning: characters, broken lines, hyphenation, boilerplate, repeats."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rashomon.ingest import clean_blocks, clean_text
from rashomon.ingest.boilerplate import judge_line
from rashomon.ingest.lines import wrap_width

BODY = ("The council of Velmora voted on Tuesday to close the old harbour bridge for repairs after engineers "
        "found deep cracks in two of its piers, and the work will take eight months.")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\u201cQuoted,\u201d she said. It\u2019s \u2018fine\u2019.", "\"Quoted,\" she said. It's 'fine'."),
        ("  too   many\tspaces  \n", "too many spaces"),
        ("\ufeffBOM at the start", "BOM at the start"),
        ("Cafe\u0301 au lait", "Caf\u00e9 au lait"),
        ("First paragraph.\r\n\r\n\r\n\r\nSecond paragraph.", "First paragraph.\n\nSecond paragraph."),
        ("soft\u00adhyphen and zero\u200bwidth", "softhyphen and zerowidth"),
        ("A dash \u2014 stays, and so does \u2013 this one.", "A dash \u2014 stays, and so does \u2013 this one."),
        ("", ""),
        (" \n\t\n ", ""),
    ],
)
def test_clean_text_normalises_characters_and_whitespace(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # a line broken mid-sentence, the next starting lowercase
        ("The ministry said the road would\nreopen on Monday.", "The ministry said the road would reopen on Monday."),
        # a line ending on a word a sentence cannot end on, the next starting with a capital
        ("Talks were held with the\nRegional Council on Friday.",
         "Talks were held with the Regional Council on Friday."),
        # a page break (blank lines) inside a sentence
        ("The strike spread to the\n\n\n\nsouthern ports within a week.",
         "The strike spread to the southern ports within a week."),
        ("It was, the mayor said, a matter of\n \n \nprinciple for the town.",
         "It was, the mayor said, a matter of principle for the town."),
        # real paragraph breaks stay
        ("The first paragraph ends here.\n\nThe second one starts here.",
         "The first paragraph ends here.\n\nThe second one starts here."),
        # a sentence-final line followed by a capital, in text that is not hard-wrapped: a paragraph break
        ("The first paragraph ends here.\nThe second one starts here.",
         "The first paragraph ends here.\n\nThe second one starts here."),
        # short heading lines and list items keep their own lines
        ("Jane Roe\nNew Harbour\nMonday 3 May 2021", "Jane Roe\nNew Harbour\nMonday 3 May 2021"),
        ("Our demands are:\n- a fair wage;\n- safe docks.", "Our demands are:\n- a fair wage;\n- safe docks."),
        ("The plan has two parts\na) a new bridge;\nb) a ferry.",
         "The plan has two parts\na) a new bridge;\nb) a ferry."),
    ],
)
def test_clean_text_rejoins_broken_lines(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


def test_clean_text_rejoins_hard_wrapped_paragraph() -> None:
    raw = ("The harbour board met on Tuesday to discuss the state of the northern pier.\n"
           "Engineers said the cracks were deeper than expected. Repairs would take\n"
           "at least eight months and cost more than the board had set aside for it.\n"
           "The mayor asked for a second opinion before any money is spent on the work.\n"
           "Short last line.\n"
           "A new paragraph begins here with a capital letter and runs to the margin.")
    cleaned = clean_text(raw)
    assert "northern pier. Engineers said" in cleaned
    assert "Repairs would take at least" in cleaned
    assert "Short last line.\n\nA new paragraph" in cleaned


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("The repres-\nsion was swift.", "The repression was swift."),
        ("They met the govern-\nment on Friday.", "They met the government on Friday."),
        ("A pro-\nEuropean party won.", "A pro-European party won."),
        ("The al-\nNur district was quiet.", "The al-Nur district was quiet."),
        ("A day of co-\noperation and protest.", "A day of co-operation and protest."),
        ("The ex-\nminister spoke.", "The ex-minister spoke."),
        ("He was re-elected. Then he was re-\nelected again.", "He was re-elected. Then he was re-elected again."),
        ("The breakwater held. A new break-\nwater is planned.", "The breakwater held. A new breakwater is planned."),
        ("A well-to-\ndo family.", "A well-to-do family."),
        ("Rates rose by a third \u2014\nor more.", "Rates rose by a third \u2014 or more."),
    ],
)
def test_clean_text_dehyphenates_across_line_breaks(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    "boilerplate",
    [
        "We use cookies to improve your experience. Accept cookies to continue browsing.",
        "Join our commenting forum",
        "Thank you for registering",
        "Please refresh the page or navigate to another page on the site to be automatically logged in",
        "The Daily Lamp's journalism is supported by our readers. When you purchase through links on our site, "
        "we may earn commission.",
        "If you like this article, please consider donating towards the work of Harbour Voices.",
        "Donate",
        "One-off donations are very welcome. See our bank account details to set up a standing order.",
        "Mourners gather in the square. (Photo by Ana Lopez/Agency/ Getty",
        "Photo: Lena Ortiz/Coastal Press",
        "Image credit: Harbour Archive",
        "7 mins",
        "5 min read",
        "Comments are closed.",
        "Published here:",
        "Share this article",
        "Sign up to our newsletter for the latest news, straight to your inbox.",
        "Subscribe",
        "Like this:",
        "Reuse this content",
        "Facebook Twitter Email",
    ],
)
def test_clean_text_drops_boilerplate(boilerplate: str) -> None:
    for raw in (f"{BODY}\n\n{boilerplate}\n\n{BODY.replace('Tuesday', 'Monday')}",  # inside the text
                f"{boilerplate}\n\n{BODY}"):  # at its start
        cleaned = clean_blocks(raw)
        assert boilerplate not in cleaned.text
        assert BODY in cleaned.text
        assert boilerplate in cleaned.removed


@pytest.mark.parametrize(
    "sentence",
    [
        "Residents put money aside from savings or donations and worked all year to feed the pilgrims.",
        "The charity will donate the proceeds to the hospital.",
        "Voters must register by Friday.",
        "Voters must register by Friday, the electoral commission said in a statement on its website.",
        "\"If you subscribe to this theory, you are wrong,\" the minister said.",
        "The photo agency said three of its staff had been detained at the border.",
    ],
)
def test_clean_text_keeps_reporting_with_cue_words(sentence: str) -> None:
    assert sentence in clean_text(f"{BODY}\n\n{sentence}\n\n{BODY.replace('Tuesday', 'Monday')}")
    assert sentence in clean_text(f"{BODY}\n\n{sentence}")  # at the very end too


def test_clean_text_drops_trailing_run_of_boilerplate() -> None:
    raw = (f"{BODY}\n\nJoin our discussion\n\nJoin thought-provoking conversations, follow other readers "
           "and see their replies\n\nThank you for registering\n\nPS:")
    assert clean_text(raw) == BODY


def test_clean_text_drops_dangling_label_before_removed_block() -> None:
    raw = f"{BODY}\n\nPS:\n\nPlease consider donating: one-off donations are very welcome.\n\n[1] A footnote."
    assert clean_text(raw) == f"{BODY}\n\n[1] A footnote."


def test_clean_text_keeps_later_copy_of_repeated_paragraph() -> None:
    quote = ("Workers across the coast have shown that solidarity is stronger than the threats of the "
             "shipping companies and their friends in government.")
    raw = f"{quote}\n\n{BODY}\n\nWe said it before. {quote} And we say it again."
    cleaned = clean_text(raw)
    assert cleaned.count(quote) == 1
    assert cleaned.startswith(BODY)


def test_clean_text_keeps_short_repeated_paragraph() -> None:
    raw = f"Read on.\n\n{BODY}\n\nRead on."
    assert clean_text(raw).count("Read on.") == 2


def test_clean_text_strips_reading_time_from_date_line() -> None:
    cleaned = clean_blocks(f"January 8, 2020   7 mins\n\n{BODY}")
    assert cleaned.text == f"January 8, 2020\n\n{BODY}"
    assert "7 mins" in cleaned.removed


@pytest.mark.parametrize(
    ("line", "verdict"),
    [
        ("Join our commenting forum", "drop"),
        ("Join thought-provoking conversations, follow other readers and see their replies", "weak"),
        ("PS:", "weak"),
        ("The charity will donate the proceeds to the hospital.", "keep"),
    ],
)
def test_judge_line_verdicts(line: str, verdict: str) -> None:
    assert judge_line(line) == verdict


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["x" * 70, "y" * 72, "z" * 75, "short"], 75),
        (["x" * 500, "y" * 300, "z" * 20], None),
        (["one", "two"], None),
    ],
)
def test_wrap_width_detects_hard_wrapping(lines: list[str], expected: int | None) -> None:
    assert wrap_width(lines) == expected


_PIECES = st.sampled_from([
    "a", "b", "The", "of", "the", " ", "  ", "\n", "\n\n", "\n \n", ".", ",", ":", "-", "-\n", "al-\n",
    "\u201c", "\u201d", "\u2019", "e\u0301", "\u00a0", "\t", "\r", "\x0c", "\u2028", "\ufeff", "1. ", "- ",
    "By Jane Doe", "January 8, 2020", "7 mins", "Photo: ", "Subscribe", "donate", "Source ", "PS:",
    "Jane Doe is a writer.", "We use cookies.", "x-\ny",
    "word " * 22,
])
_TEXTS = st.one_of(st.text(max_size=300), st.lists(_PIECES, max_size=60).map("".join))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_clean_text_is_idempotent(raw: str) -> None:
    once = clean_text(raw)
    assert clean_text(once) == once
    assert once == once.strip()
    assert "\n\n\n" not in once
