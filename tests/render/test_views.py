"""The views: plain data built once from a corpus, which every output formats the same way.

Each test renders one view in several outputs (terminal, Markdown, HTML report) and checks they show the same
records in the same order: what one output shows, the others show too."""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from markupsafe import Markup
from rich.console import Console
from typer.testing import CliRunner

from bundles import derive
from rashomon.cli import app
from rashomon.model import Corpus, Document, Event, EventMention, Span
from rashomon.render import format_html, format_markdown
from rashomon.render.terminal import print_claims, print_compare, print_timeline
from rashomon.render.text import Passage, cut
from rashomon.render.views import ReportLine, ReportView, report_view, timeline_view

from . import sample_corpus, store_corpus, tolls_corpus

V = TypeVar("V")

SAID = "Troops opened fire on the <crowd> & killed 40 people, the ministry said. Calm returned on Monday."


def _reporters_corpus() -> Corpus:
    """One event reported in one sentence by two words: "opened" (the author's) and "killed" (the ministry's)."""
    doc = Document.create(path="wire.txt", text=SAID, format="txt")
    sentence = Span(0, SAID.index(".") + 1)

    def word(words: str, reported_by: str) -> EventMention:
        start = SAID.index(words)
        return EventMention(id=f"{doc.id}:{start}-{start + len(words)}", doc_id=doc.id,
                            trigger=Span(start, start + len(words)), text=words, lemma=words, sentence=sentence,
                            type="ASSAULT", reported_by=reported_by)

    opened, killed = word("opened", ""), word("killed", "the ministry")
    event = Event("ev-fire", "ASSAULT", "", "2024-01-12", "day", False, ("2024-01-12",), (), (), (),
                  (opened.id, killed.id), (doc.id,), 1)
    return derive(Corpus(documents=(doc,), mentions=(), entities=(), event_mentions=(opened, killed), events=(event,)))


def _terminal(print_view: Callable[[Console, V], None], view: V) -> str:
    console = Console(file=io.StringIO(), width=200, highlight=False, soft_wrap=True)
    print_view(console, view)
    return console.file.getvalue()  # type: ignore[attr-defined]


def _section(page: str, ident: str) -> str:
    return page.split(f'<section id="{ident}">')[1].split("</section>")[0]


def _markdown_section(text: str, heading: str) -> str:
    return text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


def _walk(value: object) -> list[object]:
    """Every value inside a view, dataclass fields, tuples and mappings opened."""
    found = [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            found += _walk(getattr(value, field.name))
    elif isinstance(value, tuple | list):
        for item in value:
            found += _walk(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            found += _walk(key) + _walk(item)
    return found


@pytest.mark.parametrize("make", [sample_corpus, tolls_corpus, _reporters_corpus])
def test_views_hold_plain_data_only(make: Callable[[], Corpus]) -> None:
    values = _walk(report_view(make()))
    assert not [v for v in values if isinstance(v, Markup)]
    assert not [v for v in values if isinstance(v, str) and ('href="' in v or v.startswith(("#ev-", "/documents/")))]


def _marks(report: ReportLine) -> str:
    according = f" (according to {report.reported_by})" if report.reported_by else ""
    return "".join(f" ({flag})" for flag in report.flags) + according


@pytest.mark.parametrize("make", [sample_corpus, tolls_corpus, _reporters_corpus])
def test_views_timeline_is_the_same_in_terminal_markdown_and_html(make: Callable[[], Corpus]) -> None:
    view = report_view(make())
    items = view.timeline.items
    assert items
    html = _section(format_html(view), "timeline")
    assert re.findall(r'<li id="event-([^"]+)" class="event">', html) == [item.id for item in items]
    events = html.split('class="event">')[1:]
    assert [event.count('<a class="src-link"') - sum(1 for f in item.figures for _ in f.claims)
            for event, item in zip(events, items, strict=True)] == [len(item.reports) for item in items]
    bullets = [line for line in _markdown_section(format_markdown(view), "Timeline").splitlines()
               if line.startswith("- ")]
    assert [line.split("**")[1].split(" (")[0] for line in bullets] == [item.date or "undated" for item in items]
    terminal = _terminal(print_timeline, view.timeline)
    reports = [line for line in terminal.splitlines() if line.startswith("  - ")]
    assert reports == [f"  - {r.source} [{', '.join(h.text for h in r.hits)}]{_marks(r)}: {r.passage.sentence_text}"
                       for item in items for r in item.reports]  # markers and reporter, as the HTML shows them
    figures = [line for line in terminal.splitlines() if line.startswith("  figures: ")]
    assert [line.split(" — ")[0] for line in figures] == [f"  figures: {f.label}" for i in items for f in i.figures]


def test_views_a_sentence_with_two_reporters_is_two_reports_everywhere(tmp_path: Path) -> None:
    """The events stage keeps the author's "opened" and the ministry's "killed" apart (`Event.reports`): the CLI
    shows them as the HTML report does, not as one line of its own grouping (issue 11)."""
    corpus = _reporters_corpus()
    [item] = timeline_view(corpus).items
    assert [[hit.text for hit in report.hits] for report in item.reports] == [["opened"], ["killed"]]
    page = _section(format_html(report_view(corpus)), "timeline")
    assert page.count('<a class="src-link"') == 2 and "(according to the ministry)" in page
    assert "&lt;crowd&gt; &amp;" in page and "<crowd>" not in page
    result = CliRunner().invoke(app, ["timeline", "--db", str(store_corpus(corpus, tmp_path / "s.duckdb"))])
    assert result.exit_code == 0, result.output
    assert [line for line in result.output.splitlines() if line.startswith("  - ")] == [
        f"  - wire [opened]: {SAID.split(' Calm')[0]}",  # the file's name without its suffix (issue 16)
        f"  - wire [killed] (according to the ministry): {SAID.split(' Calm')[0]}"]  # as the HTML says it


def test_views_claims_are_the_same_in_terminal_markdown_and_html() -> None:
    view = report_view(sample_corpus())
    groups = view.claims.groups
    html = _section(format_html(view), "claims")
    assert re.findall(r"<h3>(.*?) <span", html) == [g.label for g in groups]
    numbers = _markdown_section(format_markdown(view), "Numbers")
    assert re.findall(r"^### (.*) \((\w+)\)$", numbers, re.M) == [(g.label, g.verdict) for g in groups]
    terminal = _terminal(lambda console, v: print_claims(console, v.groups), view.claims)
    verdicts = {"differ": "sources DIFFER", "agree": "sources agree", "single": "one source only"}
    assert re.findall(r"^\S.*: (?:sources DIFFER|sources agree|one source only)$", terminal, re.M) == [
        f"{g.label}: {verdicts[g.verdict]}" for g in groups]
    for group in groups:
        for line in group.claims:
            assert f'href="#c-{line.id}"' in html and f"**{line.text}**" in numbers and line.text in terminal


def test_views_stances_are_the_same_in_terminal_markdown_and_html() -> None:
    view: ReportView = report_view(sample_corpus())
    sides = view.sides
    html = _section(format_html(view), "sides")
    header = html.split("<thead>")[1].split("</thead>")[0]
    assert re.findall(r"<th>([^<]+)</th>", header)[1:] == [doc.source for doc in sides.stance_sources]
    stances = _markdown_section(format_markdown(view), "Stances")
    assert [line.split(" | ")[0][2:] for line in stances.splitlines()[2:] if line.startswith("| ")] == [
        row.entity.name for row in sides.rows]
    terminal = _terminal(print_compare, sides)
    for stance in sides.stances:
        cell = f"{stance.label} {stance.score:+.2f}"
        assert cell in terminal and cell in stances
        assert f'<span class="slabel">{stance.label}</span> <span class="score">{stance.score:+.2f}</span>' in html


@pytest.mark.parametrize("start", [0, 100])  # 100: a passage that starts inside its document
def test_views_cut_uses_document_offsets(start: int) -> None:
    passage = Passage("d1", start, "Troops\nopened  fire.", Span(start, start + 20))
    assert cut(passage, Span(start + 7, start + 13)) == ("Troops ", "opened", " fire.")


def test_views_cut_a_long_sentence_at_words_around_the_target() -> None:
    text = " ".join(f"w{i}" for i in range(200))
    target = Span(text.index("w100"), text.index("w100") + 4)
    passage = Passage("d1", 50, text, Span(50, 50 + len(text)))
    before, words, after = cut(passage, Span(target.start + 50, target.end + 50))
    assert words == "w100" and before.startswith("…") and after.endswith("…")
    assert len(before) + len(words) + len(after) <= 320 + 2
    assert {before[1:].split(" ")[0], after[:-1].split(" ")[-1]} <= set(text.split(" "))  # cut between words


def _undecided_corpus() -> Corpus:
    """The sample corpus with Quill's stance in the first article undecided, and a second quote of hers under
    another written name (the perspective stage tied both quotes to her entity)."""
    corpus = sample_corpus()
    stances = tuple(dataclasses.replace(s, label="insufficient", score=0.0, confidence=0.0)
                    if s.entity_id == "e-quill" and s.source == corpus.documents[0].id
                    else dataclasses.replace(s, confidence=0.8) for s in corpus.stances)
    (quote,) = corpus.quotes
    again = dataclasses.replace(quote, id=quote.id + "b", speaker="the councillor", speaker_entity_id="e-quill")
    return dataclasses.replace(corpus, stances=stances,
                               quotes=(dataclasses.replace(quote, speaker_entity_id="e-quill"), again))


def test_views_an_undecided_stance_says_not_enough_evidence_everywhere() -> None:
    view = report_view(_undecided_corpus())
    undecided = [s for s in view.sides.stances if s.label == "insufficient"]
    assert len(undecided) == 1 and undecided[0].summary == "not enough evidence" and undecided[0].evidence == ()
    decided = next(s for s in view.sides.stances if s.label == "unfavourable")
    assert decided.summary == "unfavourable -0.40 (confidence 0.80)"
    html = _section(format_html(view), "sides")
    assert "not enough evidence" in html and "confidence 0.80" in html
    assert "not enough evidence" in format_markdown(view)
    terminal = _terminal(print_compare, view.sides)
    assert "not enough evidence" in terminal and "insufficient +0.00" not in terminal


def test_views_one_speaker_is_one_row_whatever_the_name_written() -> None:
    view = report_view(_undecided_corpus())
    first = next(block for block in view.sides.quotes if block.quotes)
    assert first.speakers == (("Mara Quill", 2),)
