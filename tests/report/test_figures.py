"""Each event's figures (tolls) with a verdict across its sources, in the library and in every report."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from rashomon.report import corpus_to_dict, render_html, render_markdown
from rashomon.report.figures import figures_by_event

from . import TOLL_B, tolls_corpus


def _summary(event_id: str) -> list[tuple[str, str, list[str]]]:
    figures = figures_by_event(tolls_corpus())[event_id]
    return [(f.label, f.verdict, [item.claim.text for item in f.figures]) for f in figures]


@pytest.mark.parametrize(("event_id", "expected"), [
    ("ev-flood", [("villagers killed in Marrow", "agree", ["30", "about 30"])]),
    ("ev-quake", [("people killed in Dunlin", "differ", ["at least 40", "12"]),
                  ("number injured", "single", ["dozens"])]),
    ("ev-earlier", [("villagers killed in Marrow", "single", ["300"])]),
])
def test_figures_by_event_verdicts(event_id: str, expected: list[tuple[str, str, list[str]]]) -> None:
    assert _summary(event_id) == expected


@pytest.mark.parametrize("stored", ["agree", "differ"])
def test_figures_by_event_whole_group_keeps_its_verdict(stored: str) -> None:
    corpus = tolls_corpus()
    groups = tuple(replace(g, verdict=stored) if g.id == "g-dunlin" else g for g in corpus.claim_groups)
    figures = figures_by_event(replace(corpus, claim_groups=groups))["ev-quake"]
    assert (figures[0].group_id, figures[0].verdict) == ("g-dunlin", stored)


@pytest.mark.parametrize("other", ["at least 60", "12"])
def test_figures_by_event_part_of_a_group_is_compared_again(other: str) -> None:
    """The flood's claims are two of its group's three: compared alone they agree, or differ when one is 60+."""
    corpus = tolls_corpus()
    low = 60.0 if other == "at least 60" else 30.0
    claims = tuple(replace(c, text=other, low=low, high=None if low == 60.0 else 30.0, qualifier="at least")
                   if c.text == "30" else c for c in corpus.claims)
    (figure,) = figures_by_event(replace(corpus, claims=claims))["ev-flood"]
    assert figure.verdict == ("differ" if low == 60.0 else "agree")


def test_figures_by_event_provenance_and_attribution() -> None:
    corpus = tolls_corpus()
    (figure,) = figures_by_event(corpus)["ev-flood"]
    courier, post = figure.figures
    assert (courier.source, courier.per, post.source, post.per) == ("Valley Courier", "", "The <i>Ridge</i> Post",
                                                                   "per the Red Cross")
    doc = corpus.document(post.claim.doc_id)
    assert doc.slice(post.claim.span) == "about 30" and "about 30 villagers" in doc.slice(post.claim.sentence)
    assert (post.amount, figure.sources) == ("27–33", 2)


def test_figures_by_event_leaves_out_what_measures_nothing_and_missing_documents() -> None:
    corpus = tolls_corpus()
    shown = {item.claim.text for figures in figures_by_event(corpus).values() for f in figures for item in f.figures}
    assert "two-day" not in shown and "dozens" in shown
    only_a = replace(corpus, documents=corpus.documents[:1])
    assert _texts(figures_by_event(only_a)) == {"ev-flood": ["30"], "ev-earlier": ["300"], "ev-quake": ["at least 40"]}
    assert [f.verdict for f in figures_by_event(only_a)["ev-flood"]] == ["single"]


def _texts(found: dict) -> dict[str, list[str]]:  # type: ignore[type-arg]
    return {event: [item.claim.text for f in figures for item in f.figures] for event, figures in found.items()}


def test_html_figures_in_the_timeline() -> None:
    page = render_html(tolls_corpus())
    quake = page[page.index('id="event-ev-quake"'):page.index("</ol>")]
    assert 'class="figure f-differ"' in quake and "⚠ sources differ" in quake
    flood = page[page.index('id="event-ev-flood"'):page.index('id="event-ev-quake"')]
    assert 'class="figure f-agree"' in flood and "sources agree" in flood and "per the Red Cross" in flood
    ids = set(re.findall(r'id="([^"]+)"', page))
    links = re.findall(r'<a class="fignum" href="#([^"]+)"', page)
    assert len(links) == 6 and all(link in ids for link in links)  # each figure lands on its number in the text


def test_html_figures_escape_document_text() -> None:
    page = render_html(tolls_corpus())
    assert "<script" not in page.lower() and "<i>Ridge</i>" not in page
    figure = re.search(r'<a class="fignum" href="#c-[^"]+" title="([^"]*)">12</a>', page)
    assert figure is not None
    assert "&lt;script&gt;alert(&#34;toll&#34;)&lt;/script&gt; &amp; more" in figure.group(1)
    assert "The &lt;i&gt;Ridge&lt;/i&gt; Post" in page


def test_markdown_figures_under_each_event() -> None:
    text = render_markdown(tolls_corpus())
    assert ("  - people killed in Dunlin, **⚠ sources differ**: Valley Courier: **at least 40** (≥ 40); "
            "The \\<i\\>Ridge\\</i\\> Post: **12**") in text
    assert ("  - villagers killed in Marrow, sources agree: Valley Courier: **30**; "
            "The \\<i\\>Ridge\\</i\\> Post: **about 30** (27–33, per the Red Cross)") in text
    assert "two-day**" not in _section(text, "Timeline")


def _section(text: str, heading: str) -> str:
    return text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_json_export_event_figures() -> None:
    corpus = tolls_corpus()
    events = {e["id"]: e for e in corpus_to_dict(corpus)["events"]}
    (flood,) = events["ev-flood"]["figures"]
    assert (flood["label"], flood["group"], flood["verdict"]) == ("villagers killed in Marrow", "g-marrow", "agree")
    assert [(s["text"], s["value"], s["low"], s["high"], s["attributed_to"]) for s in flood["by_source"]] == [
        ("30", 30, 30, 30, ""), ("about 30", 30, 27, 33, "the Red Cross")]
    quake = events["ev-quake"]["figures"]
    assert [(f["verdict"], f["group"]) for f in quake] == [("differ", "g-dunlin"), ("single", None)]
    twelve = quake[0]["by_source"][1]
    start, end = twelve["sentence"]
    assert TOLL_B[twelve["start"]:twelve["end"]] == "12" and "<script>" in TOLL_B[start:end]
    assert twelve["claim"] == f"{twelve['doc']}:{twelve['start']}-{twelve['end']}"
