"""The HTML report: escaped text, links that land, no external resources, the sections a reader needs."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import Markup

from bundles import derive
from rashomon.model import Corpus, Document, Entity, Meta
from rashomon.render import render_html, write_html
from rashomon.render.markup import Mark, highlight
from rashomon.render.text import describe_amount

from . import claim, mention, sample_corpus


class _Page(HTMLParser):
    """Collects ids, links, src/href attributes and the text of every element with a class."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.sources: list[str] = []
        self.tags: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        for name, value in attrs:
            if name == "id" and value is not None:
                self.ids.append(value)
            if name == "href" and value is not None:
                self.hrefs.append(value)
            if name in ("href", "src") and value is not None:
                self.sources.append(value)


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture()
def page() -> str:
    return render_html(sample_corpus())


def test_html_escapes_document_text(page: str) -> None:
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; a disgrace" in page
    assert "<script" not in page.lower()
    assert _parse(page).tags["script"] == 0


@pytest.mark.parametrize("max_entities", [300, 1, 0])
def test_html_every_link_lands(max_entities: int) -> None:
    parsed = _parse(render_html(sample_corpus(), max_entities=max_entities))
    ids = set(parsed.ids)
    internal = [href[1:] for href in parsed.hrefs if href.startswith("#")]
    assert internal, "the report links nothing"
    assert [target for target in internal if target not in ids] == []
    assert len(parsed.hrefs) == len(internal)  # every link is internal


def test_html_ids_are_unique(page: str) -> None:
    counts = Counter(_parse(page).ids)
    assert [i for i, n in counts.items() if n > 1] == []


def test_html_has_no_external_resources(page: str) -> None:
    sources = _parse(page).sources
    assert not [s for s in sources if s.startswith(("http://", "https://", "//"))]
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page)
    assert "//cdn" not in page
    assert "https://ledger.example/storm" in page  # shown as text, not linked
    assert "http://example.com/notes" in page


def test_html_mentions_are_highlighted_and_linked(page: str) -> None:
    corpus = sample_corpus()
    for m in corpus.mentions:
        assert f'id="m-{m.id}"' in page
    assert re.search(r'<a class="m m-PERSON" id="m-[^"]+" href="#entity-e-quill" title="Mayor Mara Quill \(person\)">'
                     r"Mara Quill</a>", page)
    assert 'id="entity-e-quill"' in page
    assert page.split('<section id="documents">')[1].count('class="m m-PLACE"') == 5


def test_html_entity_table(page: str) -> None:
    entities = page.split('<section id="entities">')[1].split("</section>")[0]
    assert entities.index("Fenwick") < entities.index("Mara Quill") < entities.index("Coastal Guard")  # by mentions
    assert "M. Quill <small>×1</small>" in entities  # a variant and how often it is used
    assert "The Harbour Ledger <small>×2</small>" in entities
    assert "c <small>×1</small>" in entities  # no outlet, URL or author: the file name stands in, without its suffix
    assert "Mayor <a class=\"hit\"" in entities  # the sentence, with the mention linked


def test_html_sources_table(page: str) -> None:
    sources = page.split('<section id="sources">')[1].split("</section>")[0]
    assert "Storm closes Fenwick pier" in sources and "Ines Dorrow" in sources and "2021-03-04" in sources
    assert sources.count("no date") == 2
    assert "b.txt" in sources  # no title: the file name


def test_html_claims_differ_first_and_link_to_spans(page: str) -> None:
    claims = page.split('<section id="claims">')[1].split("</section>")[0]
    assert claims.index("walkers injured in Fenwick") < claims.index("walkers counted by Quill")
    assert '<span class="verdict v-differ">differ</span>' in claims
    for c in sample_corpus().claims:
        assert f'href="#c-{c.id}"' in claims
        assert f'id="c-{c.id}"' in page
    assert "≥ 12" in claims and "The Coastal Guard" in claims and "the author" in claims


def test_html_without_claims_has_no_numbers_section() -> None:
    corpus = replace(sample_corpus(), claims=(), claim_groups=())
    page = render_html(corpus)
    assert 'id="claims"' not in page
    assert "<mark class=\"c\"" not in page.split("<main>")[1]


def test_html_max_entities_leaves_out_the_rest() -> None:
    page = render_html(sample_corpus(), max_entities=1)
    assert 'id="entity-e-fenwick"' in page and 'id="entity-e-quill"' not in page
    assert "2 less-mentioned entities are left out" in page
    assert '<span class="m m-PERSON"' in page  # still highlighted, not linked


def test_html_paragraphs_are_kept(page: str) -> None:
    assert "white-space: pre-wrap" in page
    assert "Storm closes <a" in page and "pier\n\nMayor" in page


def test_html_title_is_escaped() -> None:
    page = render_html(sample_corpus(), title="<b>Storms</b> & floods")
    assert "<title>&lt;b&gt;Storms&lt;/b&gt; &amp; floods</title>" in page


def test_html_unicode_offsets() -> None:
    text = "🌊 Mara Quill met Émile Zorn in Fenwick 👋 today, said Zorn."
    doc = Document.create(path="u.txt", text=text, format="txt", title=Meta("Wave", "html"))
    mentions = (mention(doc, "Mara Quill", "PERSON"), mention(doc, "Émile Zorn", "PERSON"),
                mention(doc, "Fenwick", "PLACE"))
    corpus = derive(Corpus(documents=(doc,), mentions=mentions,
                    entities=(Entity("e1", "Émile Zorn", "PERSON", ("Émile Zorn",), (mentions[1].id,)),)))
    page = render_html(corpus)
    assert ">Émile Zorn</a> in <span" in page
    assert "🌊 <span" in page


def _mark(start: int, end: int, name: str, *, link: bool = True) -> Mark:
    opening = Markup(f'<a id="{name}" href="#x">') if link else Markup(f'<i id="{name}">')
    plain = Markup(f'<i id="{name}">')
    return Mark(start, end, opening, plain, Markup("</a>") if link else Markup("</i>"), Markup("</i>"),
                Markup(f'<span id="{name}"></span>'))


@pytest.mark.parametrize(("marks", "expected"), [
    ([], "a&lt;b &amp; c d"),
    ([(0, 1, "p")], '<a id="p" href="#x">a</a>&lt;b &amp; c d'),
    ([(0, 3, "p"), (2, 3, "q")], '<a id="p" href="#x">a&lt;<i id="q">b</i></a> &amp; c d'),  # no link in a link
    ([(0, 3, "p"), (2, 6, "q")], '<a id="p" href="#x">a&lt;<span id="q"></span>b</a> &amp; c d'),  # crossing
    ([(4, 4, "p")], 'a&lt;b <a id="p" href="#x"></a>&amp; c d'),  # empty
    ([(6, 9, "p"), (0, 1, "q")], '<a id="q" href="#x">a</a>&lt;b &amp; <a id="p" href="#x">c d</a>'),  # any order
])
def test_html_highlight_nests_and_escapes(marks: list[tuple[int, int, str]], expected: str) -> None:
    assert str(highlight("a<b & c d", [_mark(s, e, n) for s, e, n in marks])) == expected


@pytest.mark.parametrize(("low", "high", "value", "unit", "expected"), [
    (500.0, 500.0, 500.0, "", "500"),
    (600.0, None, 600.0, "", "≥ 600"),
    (None, 40.0, 40.0, "percent", "≤ 40 percent"),
    (100.0, 200.0, None, "", "100–200"),
    (None, None, 1234567.0, "USD", "1,234,567 USD"),
    (None, None, None, "", ""),
])
def test_html_describe_amount(low: float | None, high: float | None, value: float | None, unit: str,
                              expected: str) -> None:
    doc = sample_corpus().documents[0]
    base = claim(doc, "14", value=value, low=low, high=high)
    assert describe_amount(replace(base, unit=unit)) == expected


def test_html_write_html(tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    write_html(sample_corpus(), path, title="Fenwick storm")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "<h1>Fenwick storm</h1>" in text


def test_html_empty_corpus() -> None:
    page = render_html(Corpus(documents=(), mentions=(), entities=()))
    assert "<b>0</b> sources" in page and "No entities were found." in page


def test_html_attribute_values_are_escaped() -> None:
    corpus = sample_corpus()
    odd = replace(corpus.entities[0], name='Mara "the <Storm>" Quill')
    page = render_html(replace(corpus, entities=(odd, *corpus.entities[1:])))
    assert 'title="Mayor Mara &#34;the &lt;Storm&gt;&#34; Quill (person)"' in page
    assert "<Storm>" not in page


def test_html_records_of_missing_documents_are_left_out() -> None:
    corpus = sample_corpus()
    partial = replace(corpus, documents=corpus.documents[1:])  # the first article's records stay behind
    parsed = _parse(render_html(partial))
    ids = set(parsed.ids)
    assert [h for h in parsed.hrefs if h[1:] not in ids] == []
    assert not any(i.startswith(f"m-{corpus.documents[0].id}") for i in ids)


def _section(page: str, ident: str) -> str:
    return page.split(f'<section id="{ident}">')[1].split("</section>")[0]


def test_html_sections_in_order(page: str) -> None:
    sections = ("sources", "timeline", "entities", "claims", "sides", "documents")
    order = [page.index(f'<section id="{s}">') for s in sections]
    assert order == sorted(order)


def test_html_timeline(page: str) -> None:
    timeline = _section(page, "timeline")
    assert timeline.index("ev-accuse") < timeline.index("ev-hit") < timeline.index("ev-left")  # undated last
    assert "dates differ" in timeline and '<span class="cdate">2021-03-01</span>' in timeline
    assert '<a class="ent" href="#entity-e-quill">Mara Quill</a> → <a class="ent" href="#entity-e-guard">' in timeline
    assert "reported by 2 articles (2 independent)" in timeline
    assert '<span class="flag flag-negated">negated</span>' in timeline.split('id="event-ev-left"')[1]
    assert "in Fenwick" in timeline
    for m in sample_corpus().events[0].mention_ids:
        assert f'href="#ev-{m}"' in timeline
        assert f'id="ev-{m}"' in _section(page, "documents")


def test_html_side_by_side(page: str) -> None:
    sides = _section(page, "sides")
    assert ('<td class="stance s-unfavourable"><span class="slabel">unfavourable</span> '
            '<span class="score">-0.40</span>') in sides
    assert sides.index('href="#entity-e-quill"') < sides.index('href="#entity-e-guard"')  # both in 2 sources: mentions
    assert '<mark class="cue">blamed</mark>' in sides and '<mark class="cue">late</mark>' in sides
    assert "reported from Quill" in sides
    assert "&lt;script&gt;" in sides and "<script" not in sides
    assert "“blamed”" in sides and "condemning" in sides  # framing words, quoted one in marks
    assert '<span class="term">late warning</span> <span class="z">z 2.1</span>' in sides
    assert '<span class="speaker"><a class="ent" href="#entity-e-quill">Mara Quill</a></span>' in sides


def test_html_without_events_or_perspectives() -> None:
    corpus = replace(sample_corpus(), events=(), event_mentions=(), stances=(), vocabulary=(), framings=(), quotes=())
    page = render_html(corpus)
    assert 'id="timeline"' not in page and 'id="sides"' not in page
    assert 'href="#timeline"' not in page and 'href="#sides"' not in page


def test_html_perspectives_of_missing_documents_are_left_out() -> None:
    corpus = sample_corpus()
    page = render_html(replace(corpus, documents=corpus.documents[1:]))
    parsed = _parse(page)
    assert [h for h in parsed.hrefs if h[1:] not in set(parsed.ids)] == []
    assert "The Harbour Ledger" not in page
    assert "ev-hit" not in page  # its only report is in the missing document


@pytest.mark.issue(12)
def test_html_contents_count_the_events_the_timeline_shows() -> None:
    """The timeline's chip in the contents counts the events shown by default, not those hidden below the
    confidence threshold (the page says how many more there are)."""
    import re

    corpus = sample_corpus()
    assert corpus.events
    for threshold, shown in ((0.0, len(corpus.events)), (1.01, 0)):
        chip = re.search(r'<a href="#timeline" title="(\d+) events in all">Timeline <small>(\d+)</small>',
                         render_html(corpus, min_confidence=threshold))
        assert chip is not None and (int(chip[1]), int(chip[2])) == (len(corpus.events), shown)
