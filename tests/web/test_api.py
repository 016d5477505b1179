"""The JSON API and the server's guards, through FastAPI's test client."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rashomon.errors import ConfigError
from rashomon.render import corpus_to_dict
from rashomon.store import Store
from rashomon.web import create_app

from .conftest import EXAMPLES

pytestmark = pytest.mark.slow  # the session store is analysed with the spaCy model


@pytest.fixture(scope="module")
def export(examples_db: Path) -> dict:
    with Store(examples_db, read_only=True) as store:
        return corpus_to_dict(store.load())


@pytest.fixture(scope="module")
def client(examples_db: Path) -> TestClient:
    return TestClient(create_app(examples_db))


def test_status_counts_match_store(client: TestClient, export: dict) -> None:
    body = client.get("/api/status").json()
    assert body["documents"] == len(export["documents"]) == 6
    assert body["entities"] == len(export["entities"])
    assert body["events"] == len(export["events"])
    assert body["add_by_path"] is None and body["stale"] == ""


@pytest.mark.parametrize("name", ["documents", "events", "claims", "quotes", "stances", "vocabulary", "framings"])
def test_collection_pages_are_export_slices(client: TestClient, export: dict, name: str) -> None:
    first = client.get(f"/api/{name}", params={"limit": 2}).json()
    second = client.get(f"/api/{name}", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == len(export[name])
    assert first["items"] + second["items"] == export[name][:4]


@pytest.mark.parametrize("name", ["documents", "entities", "events", "claims", "claim_groups"])
def test_record_by_id_matches_export(client: TestClient, export: dict, name: str) -> None:
    item = export[name][0]
    assert client.get(f"/api/{name}/{item['id']}").json() == item
    missing = client.get(f"/api/{name}/nope")
    assert missing.status_code == 404 and "nope" in missing.json()["detail"]


def test_entities_search_filters_by_any_alias(client: TestClient, export: dict) -> None:
    entity = max(export["entities"], key=lambda e: len(e["mentions"]))
    needle = entity["aliases"][-1][1:5].upper()
    body = client.get("/api/entities", params={"q": needle, "limit": 500}).json()
    assert entity["id"] in [e["id"] for e in body["items"]]
    assert all(any(needle.casefold() in a.casefold() for a in e["aliases"]) for e in body["items"])


def test_entities_are_most_mentioned_first(client: TestClient) -> None:
    items = client.get("/api/entities", params={"limit": 500}).json()["items"]
    counts = [len(e["mentions"]) for e in items]
    assert counts == sorted(counts, reverse=True)


def test_claim_groups_list_conflicts_first(client: TestClient) -> None:
    verdicts = [g["verdict"] for g in client.get("/api/claim_groups").json()["items"]]
    order = {"differ": 0, "agree": 1, "single": 2}
    assert "differ" in verdicts and verdicts == sorted(verdicts, key=order.__getitem__)


def test_comparisons_group_perspective_by_source(client: TestClient, export: dict) -> None:
    sources = client.get("/api/comparisons").json()["sources"]
    assert {s["doc"] for s in sources} == {d["id"] for d in export["documents"]}
    assert sum(len(s["vocabulary"]) for s in sources) == len(export["vocabulary"])


def test_network_edges_join_listed_nodes(client: TestClient) -> None:
    body = client.get("/api/network", params={"unnamed": "true"}).json()
    ids = {n["id"] for n in body["nodes"]}
    assert body["edges"] and all(e["source"] in ids and e["target"] in ids for e in body["edges"])


@pytest.mark.issue(16)
def test_network_leaves_common_noun_actors_out_unless_asked(client: TestClient) -> None:
    named = client.get("/api/network").json()
    every = client.get("/api/network", params={"unnamed": "true"}).json()
    assert not any(n["id"].startswith("text:") for n in named["nodes"])
    assert any(n["id"].startswith("text:") for n in every["nodes"])


@pytest.mark.issue(16)
def test_network_keeps_only_the_categories_asked_for(client: TestClient) -> None:
    body = client.get("/api/network", params={"unnamed": "true", "category": "assault"}).json()
    assert body["edges"] and {e["type"] for e in body["edges"]} == {"ASSAULT"}


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 10_000}, {"offset": -1}])
def test_pagination_rejects_bad_bounds(client: TestClient, params: dict) -> None:
    assert client.get("/api/documents", params=params).status_code == 422


def test_openapi_schema_lists_the_collections(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/documents", "/api/entities", "/api/events/{item_id}", "/api/claims", "/api/comparisons"):
        assert path in paths


def test_upload_refuses_files_over_the_limit(examples_copy: Path) -> None:
    client = TestClient(create_app(examples_copy, max_upload=100))
    response = client.post("/api/documents", files={"file": ("big.txt", b"word " * 50, "text/plain")})
    assert response.status_code == 413 and "limit" in response.json()["detail"]


@pytest.mark.parametrize("name", ["evil.exe", "noext", ""])
def test_upload_refuses_unreadable_kinds(examples_copy: Path, name: str) -> None:
    client = TestClient(create_app(examples_copy))
    response = client.post("/api/documents", files={"file": (name, b"Some text.", "application/octet-stream")})
    assert response.status_code in (415, 422)


def test_upload_is_analysed_like_the_cli(examples_copy: Path) -> None:
    client = TestClient(create_app(examples_copy))
    before = client.get("/api/status").json()["documents"]
    text = (b"Lira Tammet, the mayor of Ostrava Nova, said on Monday that 40 families had left the town "
            b"after the river flooded the lower streets and the old market for the third time this year.\n")
    response = client.post("/api/documents", files={"file": ("../../etc/mayor news.txt", text, "text/plain")})
    assert response.status_code == 201, response.text
    assert len(response.json()["added"]) == 1
    assert client.get("/api/status").json()["documents"] == before + 1
    stored = client.get("/api/documents", params={"limit": 500}).json()["items"]
    paths = [d["path"] for d in stored if d["id"] == response.json()["added"][0]]
    assert paths and Path(paths[0]).parent == examples_copy.parent / "copy-uploads"
    assert Path(paths[0]).name == "mayor_news.txt"


def test_upload_too_short_to_read_is_422_with_the_reason(examples_copy: Path) -> None:
    client = TestClient(create_app(examples_copy))
    response = client.post("/api/documents", files={"file": ("short.txt", b"Only five words are here.", "text/plain")})
    assert response.status_code == 422 and "min_words" in response.json()["detail"]


def test_add_by_path_is_off_without_allow_dir(examples_copy: Path) -> None:
    response = TestClient(create_app(examples_copy)).post("/api/documents/by-path", json={"path": str(EXAMPLES)})
    assert response.status_code == 403 and "--allow-dir" in response.json()["detail"]


@pytest.mark.parametrize("raw", ["../../../etc/passwd", "/etc/passwd", "wire_report.txt/../../../../etc"])
def test_add_by_path_refuses_paths_outside_allow_dir(examples_copy: Path, raw: str) -> None:
    client = TestClient(create_app(examples_copy, allow_dir=EXAMPLES))
    response = client.post("/api/documents/by-path", json={"path": raw})
    assert response.status_code in (403, 404)
    assert "outside" in response.json()["detail"] or "no such" in response.json()["detail"]


def test_add_by_path_inside_allow_dir_runs_ingest(examples_copy: Path) -> None:
    client = TestClient(create_app(examples_copy, allow_dir=EXAMPLES))
    response = client.post("/api/documents/by-path", json={"path": "wire_report.txt"})
    assert response.status_code == 201
    assert response.json()["added"] == [] and response.json()["unchanged"] == [str(EXAMPLES / "wire_report.txt")]


def test_write_lock_held_by_another_process_gives_409_and_pages_keep_working(examples_copy: Path) -> None:
    client = TestClient(create_app(examples_copy))
    assert client.get("/api/status").json()["documents"] == 6  # read once: the cache
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "c.execute('CREATE TABLE IF NOT EXISTS lockme (x INT)'); print('held', flush=True); "
                               "time.sleep(60)", str(examples_copy)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        response = client.post("/api/documents", files={"file": ("a.txt", b"Some new text here.", "text/plain")})
        assert response.status_code == 409
        assert "another process" in response.json()["detail"]
        status = client.get("/api/status").json()
        assert status["documents"] == 6 and "last read" in status["stale"]
        assert client.get("/").status_code == 200
    finally:
        holder.kill()
        holder.wait()


def test_allow_dir_must_be_a_folder(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not a folder"):
        create_app(tmp_path / "db.duckdb", allow_dir=tmp_path / "missing")


def test_missing_store_serves_an_empty_app(tmp_path: Path) -> None:
    client = TestClient(create_app(tmp_path / "none.duckdb"))
    assert client.get("/api/status").json()["documents"] == 0
    assert "No articles yet" in client.get("/").text


_CACHED_URLS = ("/api/documents", "/api/documents?limit=500", "/api/entities?offset=1&limit=3", "/api/entities?q=a",
                "/api/events?limit=500", "/api/claims", "/api/claim_groups", "/api/quotes", "/api/stances",
                "/api/vocabulary", "/api/framings", "/api/times", "/api/event_mentions_unfused", "/api/comparisons",
                "/api/network", "/api/network?unnamed=true")


def _answers(client: TestClient) -> dict[str, tuple[int, str, bytes]]:
    found = {}
    for url in _CACHED_URLS:
        response = client.get(url)
        found[url] = (response.status_code, response.headers["content-type"], response.content)
    return found


def test_cached_answers_match_fresh_ones_after_the_store_changes(examples_copy: Path, tmp_path: Path,
                                                                 settings) -> None:
    from rashomon.pipeline import analyze

    client = TestClient(create_app(examples_copy))
    first = _answers(client)
    assert _answers(client) == first  # the second time each comes from the cache (by URL, past the router)
    article = tmp_path / "flood.txt"  # fictional
    article.write_text("Fictional report. Lira Tammet, the mayor of Ostrava Nova, said on Monday that 40 families "
                       "had left the town after the river flooded the lower streets and the old market.\n")
    with Store(examples_copy) as store:  # written as another process would: only the file tells the app
        assert analyze([article], store=store, settings=settings).added
    cached, again = _answers(client), _answers(client)
    fresh = _answers(TestClient(create_app(examples_copy)))
    assert cached == again == fresh
    assert cached["/api/documents"] != first["/api/documents"]
    assert b"flood.txt" in cached["/api/documents?limit=500"][2]


def test_cached_answers_keep_the_bytes_a_response_model_would_write(client: TestClient, export: dict) -> None:
    import json

    from fastapi.responses import JSONResponse

    from rashomon.web.api import Page

    body = client.get("/api/events", params={"limit": 3, "offset": 1}).content
    page = Page(total=len(export["events"]), offset=1, limit=3, items=export["events"][1:4])
    assert body == JSONResponse(page.model_dump(mode="json")).body
    assert json.loads(body)["items"] == export["events"][1:4]


def test_bad_parameters_are_refused_even_when_an_answer_is_cached(client: TestClient) -> None:
    assert client.get("/api/events").status_code == 200
    assert client.get("/api/events", params={"limit": 0}).status_code == 422
    assert client.post("/api/events").status_code == 405
