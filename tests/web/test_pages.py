"""The HTML pages: each renders, links records to each other, and never lets document text through unescaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rashomon.model import Document, Entity
from rashomon.web import create_app


@pytest.fixture(scope="module")
def client(examples_db: Path) -> TestClient:
    return TestClient(create_app(examples_db))


@pytest.mark.slow
@pytest.mark.parametrize("path, expected", [
    ("/", "Sources"), ("/entities", "Entities"), ("/events", "Timeline"), ("/claims", "sources differ"),
    ("/sides", "Distinctive vocabulary"), ("/network?unnamed=true", "<svg"),
    ("/network", "common noun"), ("/entities?q=zzzz-nothing", "0 entities"),
])
def test_page_renders(client: TestClient, path: str, expected: str) -> None:
    response = client.get(path)
    assert response.status_code == 200 and expected in response.text


@pytest.mark.slow
@pytest.mark.parametrize("listing, kind", [("/", "documents"), ("/entities", "entities"), ("/events", "events")])
def test_every_listed_record_opens(client: TestClient, listing: str, kind: str) -> None:
    links = set(re.findall(rf'href="(/{kind}/[^"#]+)"', client.get(listing).text))
    assert links
    for link in links:
        assert client.get(link).status_code == 200, link


@pytest.mark.slow
def test_document_highlights_link_to_entities_events_and_claims(client: TestClient) -> None:
    doc_links = re.findall(r'href="(/documents/[^"#]+)"', client.get("/").text)
    html = "".join(client.get(link).text for link in doc_links)
    assert re.search(r'<a class="m m-PERSON" id="m-[^"]+" href="/entities/', html)
    assert re.search(r'<a class="ev[^"]*" id="ev-[^"]+" href="/events/', html)
    assert re.search(r'<a class="c" id="c-[^"]+" href="/claims#group-', html)


@pytest.mark.slow
def test_unknown_record_is_an_html_404(client: TestClient) -> None:
    response = client.get("/entities/no-such-entity")
    assert response.status_code == 404 and "no entity" in response.text and "<html" in response.text


def test_document_text_is_escaped_everywhere(hostile_db: tuple[Path, Document, Entity]) -> None:
    db, doc, entity = hostile_db
    client = TestClient(create_app(db))
    pages = [client.get("/").text, client.get(f"/documents/{doc.id}").text, client.get(f"/entities/{entity.id}").text]
    for html in pages:
        assert "<script>alert" not in html and "<b>Bold</b>" not in html and "<i>Outlet</i>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in pages[1]
    assert "&lt;b&gt;Bold&lt;/b&gt; title" in pages[0]
    assert f'href="/entities/{entity.id}"' in pages[1]


def test_upload_form_reports_refusal_on_the_page(hostile_db: tuple[Path, Document, Entity], tmp_path: Path) -> None:
    client = TestClient(create_app(tmp_path / "new.duckdb", max_upload=10))
    response = client.post("/upload", files={"file": ("a.txt", b"far more than ten bytes", "text/plain")})
    assert response.status_code == 413 and "upload limit" in response.text


def test_add_path_form_explains_it_is_off(tmp_path: Path) -> None:
    client = TestClient(create_app(tmp_path / "new.duckdb"))
    assert "Adding by path is off" in client.get("/").text
    response = client.post("/add-path", data={"path": "/etc/passwd"})
    assert response.status_code == 403 and "--allow-dir" in response.text


@pytest.mark.parametrize(("event_id", "verdicts"), [
    ("ev-flood", ["sources agree"]), ("ev-quake", ["sources differ", "one source only"]),
    ("ev-earlier", ["one source only"]),
])
def test_event_page_shows_figures_with_verdicts(tolls_db: Path, event_id: str, verdicts: list[str]) -> None:
    html = TestClient(create_app(tolls_db)).get(f"/events/{event_id}").text
    figures = html[html.index('id="figures"'):].split("Other numbers in its sentences")[0]
    assert re.findall(r'<span class="verdict v-[a-z]+">([^<]+)</span>', figures) == verdicts
    assert ">two-day</a>" not in figures  # a duration is no toll: it is listed apart
    assert (">two-day</a>" in html) == (event_id == "ev-quake")


def test_event_page_figures_escape_text_and_link_to_their_sentence(tolls_db: Path) -> None:
    client = TestClient(create_app(tolls_db))
    html = client.get("/events/ev-quake").text
    assert "<script>" not in html and "<i>Ridge</i>" not in html
    assert "&lt;script&gt;alert(&#34;toll&#34;)&lt;/script&gt; &amp; more" in html
    assert 'href="/claims#group-g-dunlin"' in html
    link = re.search(r'<a href="(/documents/[^"#]+)#(c-[^"]+)">12</a>', html)
    assert link is not None and f'id="{link.group(2)}"' in client.get(link.group(1)).text


def test_timeline_marks_events_whose_figures_differ(tolls_db: Path) -> None:
    html = TestClient(create_app(tolls_db)).get("/events").text
    found = re.findall(r'(<li class="ev-row.*?href="/events/([^"]+)".*?</li>)', html, re.S)
    rows = {event_id: row for row, event_id in found}
    assert sorted(rows) == ["ev-earlier", "ev-flood", "ev-quake"]
    assert ["≠ figures" in rows[e] for e in ("ev-earlier", "ev-flood", "ev-quake")] == [False, False, True]


def test_event_page_shows_places_that_differ_per_source(tmp_path: Path) -> None:
    from render import store_corpus
    from render.test_timeline import DUNLIN, MARROW, _placed  # tests/render

    db = store_corpus(_placed(MARROW, DUNLIN), tmp_path / "placed.duckdb")
    html = TestClient(create_app(db)).get("/events/ev-flood").text
    assert "sources disagree: Marrow (<a" in html and "Dunlin (<a" in html
    assert "sources disagree" not in TestClient(create_app(db)).get("/events/ev-quake").text


def test_timeline_and_event_pages_show_the_render_views(tolls_db: Path) -> None:
    """The web timeline lists the events of render's timeline view, in its order, as the HTML report does; an
    event's page shows the same reports (a sentence once) and figures as the report's item."""
    from rashomon.render import render_html
    from rashomon.render.views import timeline_view
    from rashomon.store import Store

    with Store(tolls_db, read_only=True) as store:
        corpus = store.load()
    items = timeline_view(corpus).items
    client = TestClient(create_app(tolls_db))
    listed = re.findall(r'<a class="event-link" href="/events/([^"]+)"', client.get("/events").text)
    report = render_html(corpus)
    assert listed == [item.id for item in items] == re.findall(r'<li id="event-([^"]+)" class="event">', report)
    for item in items:
        html = client.get(f"/events/{item.id}").text
        assert html.count('<p class="said">') == len(item.reports)
        assert re.findall(r'<span class="verdict v-[a-z]+">([^<]+)</span>', html.split('id="figures"')[-1]) == [
            f.verdict_text for f in item.figures]
