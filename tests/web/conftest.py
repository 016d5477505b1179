"""Fixtures of the web tests: the examples store (analysed once per session), a hand-made store with a
hostile document, and a live server for the browser tests."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bundles import bundle as _bundle
from rashomon.model import Document, Entity, Mention, Meta, Span
from rashomon.settings import Settings
from rashomon.store import Store

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "zahrestan"
ARTIFACTS = REPO / "test-artifacts" / "web"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
HOSTILE_TEXT = 'Notice: <script>alert("x")</script> was posted by Mara Velko in Dunmore.\n\nMara Velko denied it.'


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> Path:
    """A store of examples/zahrestan/, analysed with the CLI's pipeline once per session."""
    from rashomon.pipeline import analyze

    db = tmp_path_factory.mktemp("web") / "examples.duckdb"
    with Store(db) as store:
        result = analyze([EXAMPLES], store=store, settings=settings)
    assert result.added and not result.skipped, result.skipped
    return db


@pytest.fixture()
def examples_copy(examples_db: Path, tmp_path: Path) -> Path:
    """A private copy of the examples store, for tests that write to it."""
    target = tmp_path / "copy.duckdb"
    shutil.copy(examples_db, target)
    return target


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Document, Entity]:
    """A store (made without the model) holding one document whose text contains a <script> element."""
    db = tmp_path_factory.mktemp("hostile") / "hostile.duckdb"
    doc = Document.create(path="hostile.txt", text=HOSTILE_TEXT, format="txt", title=Meta("<b>Bold</b> title", "text"),
                          outlet=Meta("The <i>Outlet</i>", "jsonl"))
    start = HOSTILE_TEXT.index("Mara Velko")
    sentence = Span(0, HOSTILE_TEXT.index("\n"))
    mention = Mention(id=Mention.make_id(doc.id, Span(start, start + 10)), doc_id=doc.id, span=Span(start, start + 10),
                      text="Mara Velko", type="PERSON", sentence=sentence)
    entity = Entity(id="e-mara", name="Mara Velko", type="PERSON", aliases=("Mara Velko",), mention_ids=(mention.id,))
    with Store(db) as store:
        store.add_document(_bundle(doc, [mention]), stages={"test": "v1"})
        store.replace_corpus_records({"entities": [entity]})
    return db, doc, entity


@pytest.fixture(scope="session")
def tolls_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store (made without the model) of tests/render's tolls corpus: a flood toll the sources agree on, a
    quake toll they differ on, whose sentence holds a <script> element."""
    from render import store_corpus, tolls_corpus  # tests/render/__init__.py

    return store_corpus(tolls_corpus(), tmp_path_factory.mktemp("tolls") / "tolls.duckdb")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(examples_db: Path) -> Iterator[str]:
    """The app over the examples store, served by uvicorn in a thread; yields its base URL."""
    import uvicorn

    from rashomon.web import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(examples_db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start within 10 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Chromium from /usr/bin/chromium (never downloaded). Fails, not skips, when it is missing."""
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: the browser tests need it. Install it with 'apt-get install chromium'.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: object, live_server: str) -> Iterator[object]:
    """A fresh browser page that refuses every request not to the test server (the app must work offline)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    outside: list[str] = []

    def guard(route: object) -> None:
        request_url = route.request.url  # type: ignore[attr-defined]
        if request_url.startswith(live_server) or request_url.startswith("data:"):
            route.continue_()  # type: ignore[attr-defined]
        else:
            outside.append(request_url)
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", guard)
    tab = context.new_page()
    tab.outside_requests = outside
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    yield tab
    context.close()
