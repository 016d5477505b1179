"""End to end in headless Chromium (/usr/bin/chromium, never downloaded): what an analyst sees and clicks.

Screenshots of each main page are written to test-artifacts/web/."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from .conftest import ARTIFACTS

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def _shot(page: object, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def _entity_with_events(base: str) -> dict:
    """The most mentioned entity that some fused event names as actor or target."""
    events = httpx.get(f"{base}/api/events", params={"limit": 500}).json()["items"]
    named = {e for ev in events for e in (*ev["actors"], *ev["targets"])}
    entities = httpx.get(f"{base}/api/entities", params={"limit": 500}).json()["items"]
    return next(e for e in entities if e["id"] in named)


def test_browser_sources_page_lists_every_document(page: object, live_server: str) -> None:
    page.goto(live_server + "/")  # type: ignore[attr-defined]
    rows = page.locator("table.sources tbody tr")  # type: ignore[attr-defined]
    assert rows.count() == 6
    assert "Upload a file" in page.inner_text("section.add")  # type: ignore[attr-defined]
    _shot(page, "sources")
    assert page.outside_requests == []  # type: ignore[attr-defined]


def test_browser_search_entity_open_it_then_open_an_event(page: object, live_server: str) -> None:
    entity = _entity_with_events(live_server)
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)  # type: ignore[attr-defined]
    page.goto(live_server + "/")  # type: ignore[attr-defined]
    search = page.locator("header .search input")  # type: ignore[attr-defined]
    search.fill(entity["name"].split()[-1])
    search.press("Enter")
    page.wait_for_url("**/entities?q=*")  # type: ignore[attr-defined]
    _shot(page, "entity-search")
    page.get_by_role("link", name=entity["name"], exact=True).first.click()  # type: ignore[attr-defined]
    page.wait_for_url(f"**/entities/{entity['id']}")  # type: ignore[attr-defined]
    assert page.inner_text("h1").startswith(entity["name"])  # type: ignore[attr-defined]
    mentions = page.locator("table.mentions tbody tr")  # type: ignore[attr-defined]
    assert mentions.count() == len(entity["mentions"])
    assert page.locator("table.mentions a.hit").first.inner_text().strip() in entity["aliases"]  # type: ignore[attr-defined]
    _shot(page, "entity")

    page.locator("ul.events a").first.click()  # type: ignore[attr-defined]
    page.wait_for_url("**/events/*")  # type: ignore[attr-defined]
    event_id = page.url.rsplit("/", 1)[1]  # type: ignore[attr-defined]
    event = httpx.get(f"{live_server}/api/events/{event_id}").json()
    assert entity["id"] in event["actors"] + event["targets"]
    columns = page.locator(".columns .column")  # type: ignore[attr-defined]
    assert columns.count() == len(set(event["sources"]))
    triggers = {m["text"] for m in event["mentions"]}
    shown = page.locator(".columns a.hit").all_inner_texts()  # type: ignore[attr-defined]
    assert shown and set(shown) <= triggers
    assert entity["name"] in page.inner_text("dl.facts")  # type: ignore[attr-defined]
    _shot(page, "event")
    assert errors == [] and page.outside_requests == []  # type: ignore[attr-defined]


def test_browser_live_filter_hides_rows(page: object, live_server: str) -> None:
    page.goto(live_server + "/entities")  # type: ignore[attr-defined]
    total = page.locator("#entity-table tbody tr:visible").count()  # type: ignore[attr-defined]
    page.locator("#entity-q").fill("zzzz")  # type: ignore[attr-defined]
    assert page.locator("#entity-table tbody tr:visible").count() == 0 < total  # type: ignore[attr-defined]


def test_browser_document_highlight_jumps_to_entity(page: object, live_server: str) -> None:
    page.goto(live_server + "/")  # type: ignore[attr-defined]
    page.locator("table.sources tbody tr a").first.click()  # type: ignore[attr-defined]
    page.wait_for_url("**/documents/*")  # type: ignore[attr-defined]
    _shot(page, "document")
    link = page.locator("article.doctext a.m").first  # type: ignore[attr-defined]
    words = link.inner_text()
    link.click()
    page.wait_for_url("**/entities/*")  # type: ignore[attr-defined]
    assert words in page.inner_text("main")  # type: ignore[attr-defined]


@pytest.mark.parametrize("path, name, selector", [
    ("/events", "timeline", "ol.timeline li"), ("/claims", "claims", "section.claim-group"),
    ("/sides", "sides", "svg.stance-chart .stance-cell"), ("/network?unnamed=true", "network", "svg.network circle"),
])
def test_browser_main_pages_show_content(page: object, live_server: str, path: str, name: str, selector: str) -> None:
    page.goto(live_server + path)  # type: ignore[attr-defined]
    assert page.locator(selector).count() > 0  # type: ignore[attr-defined]
    _shot(page, name)
    assert page.outside_requests == []  # type: ignore[attr-defined]


def test_browser_claims_show_conflicts_first(page: object, live_server: str) -> None:
    page.goto(live_server + "/claims")  # type: ignore[attr-defined]
    first = page.locator("section.claim-group").first  # type: ignore[attr-defined]
    assert "verdict-differ" in (first.get_attribute("class") or "")
    assert Path(ARTIFACTS).is_dir()


def _dated_marks(base: str, *, min_confidence: float) -> int:
    """How many marks the timeline chart should draw: one per dated event shown (at least `min_confidence`) and
    each source reporting it."""
    from rashomon.time.values import parse_value

    events = httpx.get(f"{base}/api/events", params={"limit": 500}).json()["items"]
    return sum(len(set(e["sources"])) for e in events
               if parse_value(e["date"]) is not None and e["confidence"] >= min_confidence)


@pytest.mark.issue(16)
def test_browser_timeline_chart_draws_a_mark_per_dated_event_and_source(page: object, live_server: str) -> None:
    from rashomon.settings import load_settings

    page.goto(live_server + "/events?all=1")  # type: ignore[attr-defined]
    chart = page.locator("svg.timeline-chart")  # type: ignore[attr-defined]
    assert chart.count() == 1
    assert chart.locator(".mark").count() == _dated_marks(live_server, min_confidence=0.0) > 0
    page.goto(live_server + "/events")  # type: ignore[attr-defined]  # by default: the confident events only
    threshold = load_settings().events.min_confidence
    assert chart.locator(".mark").count() == _dated_marks(live_server, min_confidence=threshold) > 0
    documents = httpx.get(f"{live_server}/api/documents").json()["total"]
    assert chart.locator("rect.lane").count() == documents
    assert chart.locator("a .mark").first.locator("title").text_content()  # hover names the event
    chart.screenshot(path=str(ARTIFACTS / "chart-timeline.png"))
    chart.locator("a:has(.mark)").first.click()
    page.wait_for_url("**/events/*")  # type: ignore[attr-defined]  # click opens it
    assert page.outside_requests == []  # type: ignore[attr-defined]


@pytest.mark.issue(16)
def test_browser_number_stance_network_and_map_charts_render(page: object, live_server: str) -> None:
    groups = httpx.get(f"{live_server}/api/claim_groups", params={"limit": 500}).json()["items"]
    page.goto(live_server + "/claims")  # type: ignore[attr-defined]
    drawn = [g for g in groups if len(g["claims"]) > 1]
    assert page.locator("svg.number-chart").count() == len(drawn) > 0  # type: ignore[attr-defined]
    marks = page.locator("svg.number-chart .figure-mark").count()  # type: ignore[attr-defined]
    assert marks == sum(len(g["claims"]) for g in drawn)  # every figure of the examples has a number
    page.locator("svg.number-chart").first.screenshot(path=str(ARTIFACTS / "chart-numbers.png"))  # type: ignore[attr-defined]

    stances = httpx.get(f"{live_server}/api/stances", params={"limit": 500}).json()["items"]
    page.goto(live_server + "/sides")  # type: ignore[attr-defined]
    cells = page.locator("svg.stance-chart .stance-cell")  # type: ignore[attr-defined]
    actors, sources = {s["entity"] for s in stances}, {s["source"] for s in stances}
    assert cells.count() == min(12, len(actors)) * len(sources)
    judged = {(s["source"], s["entity"]) for s in stances if s["evidence"]}
    assert page.locator("svg.stance-chart .stance-cell.unknown").count() > 0 or judged  # type: ignore[attr-defined]
    page.locator("svg.stance-chart").screenshot(path=str(ARTIFACTS / "chart-stance.png"))  # type: ignore[attr-defined]

    network = httpx.get(f"{live_server}/api/network", params={"unnamed": "true"}).json()
    page.goto(live_server + "/network?unnamed=true")  # type: ignore[attr-defined]
    assert page.locator("svg.network circle.node").count() == len(network["nodes"]) > 0  # type: ignore[attr-defined]
    assert page.locator("svg.network path.edge").count() == len(network["edges"])  # type: ignore[attr-defined]
    page.locator("svg.network").screenshot(path=str(ARTIFACTS / "chart-network.png"))  # type: ignore[attr-defined]

    page.goto(live_server + "/events")  # type: ignore[attr-defined]
    events = httpx.get(f"{live_server}/api/events", params={"limit": 500}).json()["items"]
    located = {(p["name"], p["lat"], p["lon"]) for e in events for p in e["places"] if p["lat"] is not None}
    assert page.locator("svg.map-chart circle.place").count() == len(located)  # type: ignore[attr-defined]
    assert page.outside_requests == []  # type: ignore[attr-defined]


@pytest.mark.issue(16)
def test_browser_report_charts_render_offline(page: object, examples_db: Path) -> None:
    from rashomon.render import render_html
    from rashomon.store import Store

    with Store(examples_db, read_only=True) as store:
        html = render_html(store.load())
    page.set_content(html)  # type: ignore[attr-defined]
    assert page.locator("svg.timeline-chart .mark").count() > 0  # type: ignore[attr-defined]
    assert page.locator("svg.number-chart").count() > 0  # type: ignore[attr-defined]
    assert page.locator("svg.stance-chart").count() == 1  # type: ignore[attr-defined]
    assert page.locator("nav.toc a").count() >= 5  # type: ignore[attr-defined]
    hidden = page.locator("#entities tr.entity:not(:visible)").count()  # type: ignore[attr-defined]
    page.locator('label[for="more-entities"]').click()  # type: ignore[attr-defined]
    assert hidden > 0 and page.locator("#entities tr.entity:not(:visible)").count() == 0  # type: ignore[attr-defined]
    page.locator("#glance").screenshot(path=str(ARTIFACTS / "report-glance.png"))  # type: ignore[attr-defined]
    assert page.outside_requests == []  # type: ignore[attr-defined]


@pytest.mark.issue(16)
def test_browser_api_docs_load_offline(page: object, live_server: str) -> None:
    page.goto(live_server + "/api/docs")  # type: ignore[attr-defined]
    page.wait_for_selector(".opblock", timeout=15000)  # type: ignore[attr-defined]
    assert page.locator(".opblock").count() > 5  # type: ignore[attr-defined]
    _shot(page, "api-docs")
    assert page.outside_requests == []  # type: ignore[attr-defined]
