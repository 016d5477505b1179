"""Each event's figures (tolls), as every view shows them: sources named, amounts parsed, numbers linked.

The figures and their verdicts are the claims stage's: tests/claims/test_figures.py."""

from __future__ import annotations

import re

from rashomon.render import corpus_to_dict, render_html, render_markdown
from rashomon.render.figures import figures_by_event

from . import TOLL_B, tolls_corpus


def test_figures_by_event_provenance_and_attribution() -> None:
    corpus = tolls_corpus()
    (figure,) = figures_by_event(corpus)["ev-flood"]
    courier, post = figure.figures
    assert (courier.source, courier.per, post.source, post.per) == ("Valley Courier", "", "The <i>Ridge</i> Post",
                                                                   "per the Red Cross")
    doc = corpus.document(post.claim.doc_id)
    assert doc.slice(post.claim.span) == "about 30" and "about 30 villagers" in doc.slice(post.claim.sentence)
    assert (post.amount, figure.sources) == ("27–33", 2)


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
