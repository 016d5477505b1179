"""The timeline shows where the sources disagree on an event's place, per source, in every output."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from typer.testing import CliRunner

from bundles import derive
from rashomon.cli import app
from rashomon.model import Corpus, Place
from rashomon.render import corpus_to_dict, render_html, render_markdown
from rashomon.render.html import participants, report_sentence
from rashomon.render.views import timeline_view

from . import store_corpus, tolls_corpus

MARROW = Place(name="Marrow", country="NO", latitude=60.1, longitude=10.2, geonameid=9001)
DUNLIN = Place(name="Dunlin", country="NO", latitude=61.0, longitude=9.0, geonameid=9002)
NORWAY = Place(name="Norway", country="NO", geonameid=3144096)


def _placed(first: Place, second: Place) -> Corpus:
    """The fictional flood, its two reports placed in `first` (Valley Courier) and `second` (the Ridge Post)."""
    corpus = tolls_corpus()
    flood = next(e for e in corpus.events if e.id == "ev-flood")
    placed = {flood.mention_ids[0]: first, flood.mention_ids[1]: second}
    mentions = tuple(replace(m, places=(placed[m.id],)) if m.id in placed else m for m in corpus.event_mentions)
    return derive(replace(corpus, event_mentions=mentions))  # the stage finds the disagreement


def test_timeline_shows_places_that_differ_per_source(tmp_path: Path) -> None:
    corpus = _placed(MARROW, DUNLIN)
    page = render_html(corpus)
    assert "places differ" in page and "Marrow (<a" in page and "Dunlin (<a" in page
    differ = "**⚠ places differ**: Valley Courier: Marrow; The \\<i\\>Ridge\\</i\\> Post: Dunlin"
    assert differ in render_markdown(corpus)
    [flood] = [e for e in corpus_to_dict(corpus)["events"] if e["id"] == "ev-flood"]
    assert [(item["places"], item["doc"]) for item in flood["place_conflict"]] == [
        (["Marrow"], corpus.documents[0].id), (["Dunlin"], corpus.documents[1].id)]
    db = store_corpus(corpus, tmp_path / "s.duckdb")
    result = CliRunner().invoke(app, ["timeline", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "PLACES DIFFER: Valley Courier: Marrow; The <i>Ridge</i> Post: Dunlin" in result.output


def test_timeline_a_country_and_a_city_in_it_agree() -> None:
    corpus = _placed(NORWAY, DUNLIN)
    assert "places differ" not in render_html(corpus)
    assert all(e["place_conflict"] == [] for e in corpus_to_dict(corpus)["events"])
    assert "places differ" not in render_markdown(corpus)


def test_timeline_shows_a_sentence_once_with_each_event_word_linked() -> None:
    from rashomon.model import Document, Event, EventMention, Span

    text = "Gunmen attacked the <depot> & killed a guard. Calm returned later."
    doc = Document.create(path="a.txt", text=text, format="txt")
    sentence = Span(0, text.index(".") + 1)

    def word(words: str) -> EventMention:
        start = text.index(words)
        end = start + len(words)
        return EventMention(id=f"{doc.id}:{start}-{end}", doc_id=doc.id, trigger=Span(start, end),
                            text=words, lemma=words, sentence=sentence, type="ASSAULT")

    attacked, killed = word("attacked"), word("killed")
    event = Event("e1", "ASSAULT", "", None, "unknown", False, (), (), (), (), (attacked.id, killed.id), (doc.id,), 1)
    corpus = derive(Corpus(documents=(doc,), mentions=(), entities=(), event_mentions=(attacked, killed),
                           events=(event,)))
    [item] = timeline_view(corpus).items
    [line] = item.reports
    shown = report_sentence(line)  # as the HTML report shows it
    assert str(shown).count('class="hit"') == 2
    assert "&lt;depot&gt; &amp; " in str(shown) and "<depot>" not in str(shown)


def test_timeline_shows_three_written_participants_and_counts_the_rest() -> None:
    from rashomon.model import Document, Event, EventMention, Span

    text = "Troops shot <protesters>. Troops shot marchers. Troops shot students. Troops shot workers."
    doc = Document.create(path="a.txt", text=text, format="txt")
    mentions = []
    for victims in ("<protesters>", "marchers", "students", "workers"):
        start = text.index("shot", text.index(victims) - 5)
        sentence = Span(text.rfind(".", 0, start) + 1, text.index(".", start) + 1)
        mentions.append(EventMention(id=f"{doc.id}:{start}-{start + 4}", doc_id=doc.id,
                                     trigger=Span(start, start + 4), text="shot", lemma="shoot", sentence=sentence,
                                     type="ASSAULT", target_text=victims))
    event = Event("e1", "ASSAULT", "", None, "unknown", False, (), (), (), (), tuple(m.id for m in mentions),
                  (doc.id,), 1)
    corpus = derive(Corpus(documents=(doc,), mentions=(), entities=(), event_mentions=tuple(mentions), events=(event,)))
    [item] = timeline_view(corpus).items
    assert [str(t) for t in participants(item, "target", ())] == [
        '<span class="ent text">&lt;protesters&gt;</span>', '<span class="ent text">marchers</span>',
        '<span class="ent text">students</span>', '<span class="muted">1 more</span>']
