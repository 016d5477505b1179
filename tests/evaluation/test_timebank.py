"""TimeML reading and TempEval-3 style scoring, on a small fictional file and on TBAQ-cleaned."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rashomon.errors import InputError
from rashomon.evaluation.timebank import (
    TimexCounts,
    evaluate_timebank,
    format_timex_scores,
    read_timeml,
    score_document,
)
from rashomon.model import Document, Span, TimeExpression

TIMEBANK = Path(__file__).resolve().parents[3] / "shared" / "data" / "timebank"

TML = (
    '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>fiction_1</DOCID>\n'
    '<DCT><TIMEX3 tid="t0" type="DATE" value="2020-01-06" temporalFunction="false" '
    'functionInDocument="CREATION_TIME">01/06/20</TIMEX3></DCT>\n<TEXT>\n'
    'The council <EVENT eid="e1" class="OCCURRENCE">met</EVENT> '
    '<TIMEX3 tid="t1" type="DATE" value="2020-01-03">Friday</TIMEX3> and will meet again '
    '<TIMEX3 tid="t2" type="DATE" value="2020-02">next month</TIMEX3>. Talks lasted '
    '<TIMEX3 tid="t3" type="DURATION" value="P3D">three days</TIMEX3> in '
    '<TIMEX3 tid="t4" type="DATE" value="2019">2019</TIMEX3>.\n</TEXT>\n</TimeML>\n'
)


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    for part in ("TimeBank", "AQUAINT"):
        (tmp_path / part).mkdir()
        (tmp_path / part / "fiction_1.tml").write_text(TML, encoding="utf-8")
    return tmp_path


def test_read_timeml_strips_markup_and_keeps_offsets(folder: Path) -> None:
    document = read_timeml(folder / "TimeBank" / "fiction_1.tml")
    assert document.dct == date(2020, 1, 6)
    assert [(t.text, t.type, t.value) for t in document.timexes] == [
        ("Friday", "DATE", "2020-01-03"), ("next month", "DATE", "2020-02"), ("three days", "DURATION", "P3D"),
        ("2019", "DATE", "2019")]
    assert all(document.text[t.start:t.end] == t.text for t in document.timexes)
    assert "<" not in document.text and "met Friday" in document.text


def _expression(document_text: str, text: str, value: str, kind: str = "date", shift: int = 0) -> TimeExpression:
    start = document_text.index(text) + shift
    return TimeExpression(doc_id="d", span=Span(start, start + len(text)), text=text, value=value,
                          granularity="unknown", kind=kind)  # type: ignore[arg-type]


def test_score_document_counts_strict_relaxed_and_values(folder: Path) -> None:
    document = read_timeml(folder / "TimeBank" / "fiction_1.tml")
    text = document.text
    found = [
        _expression(text, "Friday", "2020-01-03"),  # strict, right value
        _expression(text, "next month", "2020-03"),  # strict, wrong value
        _expression(text, "lasted three days", "P3D", "duration"),  # overlap only, right value
        _expression(text, "council", "PRESENT_REF"),  # spurious
    ]  # "2019" is missed
    counts, mismatches = score_document(document, found)
    assert (counts.gold, counts.system, counts.strict, counts.relaxed) == (4, 4, 2, 3)
    assert (counts.value_correct, counts.type_correct) == (2, 3)
    assert counts.strict_f1 == pytest.approx(0.5)
    assert counts.relaxed_f1 == pytest.approx(0.75)
    assert counts.value_accuracy == pytest.approx(2 / 3)
    assert counts.value_f1 == pytest.approx(0.5)  # P = R = 2/4
    kinds = sorted((m.gold.text if m.gold else "-", m.found.text if m.found else "-") for m in mismatches)
    assert kinds == [("-", "council"), ("2019", "-"), ("next month", "next month"),
                     ("three days", "lasted three days")]


def test_timex_counts_add_up() -> None:
    total = TimexCounts("a", 1, 2, 3, 1, 2, 1, 2) + TimexCounts("b", 1, 1, 1, 1, 1, 1, 1)
    assert total == TimexCounts("a", 2, 3, 4, 2, 3, 2, 3)


def test_evaluate_timebank_reports_each_part(folder: Path) -> None:
    scores = evaluate_timebank(folder)
    assert [p.name for p in scores.parts] == ["AQUAINT", "TimeBank"]
    assert scores.total.documents == 2 and scores.total.gold == 8
    # the rules find all four expressions with the gold spans and values
    assert scores.total.strict == scores.total.value_correct == 8
    assert "TimeBank" in format_timex_scores(scores)


def test_evaluate_timebank_names_an_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no \.tml files"):
        evaluate_timebank(tmp_path)


def test_evaluate_timebank_uses_the_given_finder(folder: Path) -> None:
    def nothing(doc: Document, parsed: object, *, anchor: date, ranges: bool) -> list[TimeExpression]:
        assert anchor == date(2020, 1, 6) and ranges is False
        return []

    scores = evaluate_timebank(folder, finder=nothing)
    assert scores.total.system == 0 and scores.total.strict_recall == 0


@pytest.fixture()
def timebank() -> Path:
    if not (TIMEBANK / "TBAQ-cleaned").is_dir():
        pytest.skip(f"{TIMEBANK} is not present: put the shared folder beside the repository")
    return TIMEBANK


def test_evaluate_timebank_real_files_keep_their_level(timebank: Path) -> None:
    # a floor a little under the measured whole-corpus figures (docs/evaluation.md), on 15 files a part
    scores = evaluate_timebank(timebank, limit=15)
    assert scores.total.documents == 30
    assert scores.total.relaxed_f1 > 0.8
    assert scores.total.strict_f1 > 0.7
    assert scores.total.value_accuracy > 0.7
