"""A rehearsal of issue 17's hidden check: over a thousand hostile files mixed with good ones, run as a user would.

Run from the repository root (it is not part of the test suite; it takes some minutes):

    python -m benchmarks.hostile_rehearsal                     # seed 17, 900 mutated files, 300 good articles
    python -m benchmarks.hostile_rehearsal --mutations 200 --good 50 --kills 2    # a quicker pass
    python -m benchmarks.hostile_rehearsal --keep out/rehearsal                  # keep the folder and the store

In a scratch folder it writes tests/hostile.py's corpus (seeded: links, devices, pipes, encodings, pathological
shapes, hostile Markdown, HTML, PDF and JSON Lines, script payloads, and `--mutations` randomly damaged files)
beside `--good` fictional articles, some under file names that are script payloads and with a sources.csv whose
titles, outlets and authors are payloads. Then, each command a subprocess with a time limit:

1. `rashomon analyze FOLDER --db DB --report REPORT`: no traceback, no hang, the peak RSS of the run's
   processes, every good file stored;
2. `rashomon check`, `rashomon export --json --report --markdown --plover`, and the report, the Markdown
   rendered to HTML and some web pages (`rashomon serve` on 127.0.0.1) searched for an element or attribute
   a payload would have made (a script, an event handler, a javascript: link, an iframe), in HTML and SVG;
3. kill -9 loops: `analyze` of a fresh folder killed at random points, the store checked after each kill and
   the documents stored before it still there;
4. corrupted stores: garbage written inside a copy of the store, or beside it as a .wal, then `check`,
   `export` and `documents` must fail with a message, not a traceback, and not exit 0.

It prints what it found as Markdown (docs/ingest.md keeps a run of it) and exits 1 when anything failed.
Every article is fictional (tests/hostile.py).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from hostile import (  # noqa: E402
    XSS,
    article,
    good_articles,
    make_corpus,
    unsafe_markup,
)

ANALYZE_SECONDS = 3600.0
COMMAND_SECONDS = 600.0
PAGE_SECONDS = 60.0
NAME_PAYLOADS = ('<img src=x onerror=alert(11)>', '"><svg onload=alert(12)>', "<iframe src=javascript:alert(13)>",
                 "javascript:alert(14)", "'; alert(15); '")


@dataclass(slots=True)
class Findings:
    """What each step found: `lines` to print, `failures` that make the run fail."""

    lines: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def note(self, text: str) -> None:
        self.lines.append(text)
        print(text, flush=True)

    def fail(self, text: str) -> None:
        self.failures.append(text)
        self.note(f"- FAILED: {text}")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), env.get("PYTHONPATH", "")]))
    return env


def _rashomon(*args: str | Path, timeout: float = COMMAND_SECONDS) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run the CLI; the completed process (a timeout is returned as exit code -9 with a note) and wall seconds."""
    started = time.monotonic()
    command = [sys.executable, "-m", "rashomon.cli", *map(str, args)]
    process = subprocess.Popen(command, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               errors="replace", start_new_session=True)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        err += f"\n[rehearsal] no answer within {timeout:g} s: killed"
        return subprocess.CompletedProcess(command, -9, out, err), time.monotonic() - started
    return subprocess.CompletedProcess(command, process.returncode, out, err), time.monotonic() - started


def _traceback(run: subprocess.CompletedProcess[str]) -> str:
    text = run.stdout + run.stderr
    at = text.find("Traceback (most recent call last)")
    return "" if at < 0 else text[at:at + 3000]


# -- the corpus ----------------------------------------------------------------------------------------------


def write_corpus(root: Path, *, seed: int, mutations: int, good: int) -> tuple[int, list[Path]]:
    """The hostile cases, the good articles (some under payload names, with a sources.csv of payloads); the
    number of hostile files and the good articles' paths."""
    cases = make_corpus(root / "hostile", seed=seed, mutations=mutations)
    rng = random.Random(seed + 1000)  # not the generator's seed: its articles would be duplicates of these
    goods = good_articles(root / "good", good, seed=seed + 1)
    named = root / "named"
    named.mkdir()
    for number, payload in enumerate(NAME_PAYLOADS):
        path = named / f"{payload} {number}.txt"
        path.write_text(article(rng), encoding="utf-8")
        goods.append(path)
    with (root / "good" / "sources.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("path", "title", "outlet", "author", "date"))
        for number, path in enumerate(goods[:2 * len(XSS)]):
            if path.parent == root / "good":
                writer.writerow((path.name, XSS[number % len(XSS)], XSS[(number + 1) % len(XSS)],
                                 XSS[(number + 2) % len(XSS)], "2021-03-04"))
        writer.writerow(("no-such-file.txt", XSS[0], "", "", ""))
        writer.writerow((goods[0].name, "", "", "", "not a date"))
    return len(cases), goods


# -- the steps -----------------------------------------------------------------------------------------------


def _stored_paths(db: Path) -> set[str]:
    sys.path.insert(0, str(REPO / "src"))
    from rashomon.store import Store

    with Store(db, read_only=True) as store:
        return {row[0] for row in store._rows("SELECT path FROM document_paths")}


def step_analyze(found: Findings, root: Path, db: Path, report: Path, goods: list[Path]) -> None:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    run, seconds = _rashomon("analyze", root, "--db", db, "--report", report, timeout=ANALYZE_SECONDS)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    (root.parent / "analyze.stdout").write_text(run.stdout, encoding="utf-8")
    (root.parent / "analyze.stderr").write_text(run.stderr, encoding="utf-8")
    skipped = sum(1 for line in run.stderr.splitlines() if line.startswith(("skipped", "warning")) or ": " in line)
    found.note(f"- `rashomon analyze`: exit {run.returncode} in {seconds:,.0f} s; largest process peak RSS "
               f"{max(peak, before) / 1024:,.0f} MB; {len(run.stderr.splitlines()):,} lines on stderr "
               f"(~{skipped:,} naming a file)")
    if trace := _traceback(run):
        found.fail(f"analyze printed a traceback:\n\n```\n{trace}\n```")
    if run.returncode not in (0, 1):
        found.fail(f"analyze exited {run.returncode}: {run.stderr[-1500:]}")
    if not db.exists():
        found.fail("analyze left no store")
        return
    stored = {os.path.realpath(path.split("#")[0]) for path in _stored_paths(db)}
    duplicates = {os.path.realpath(line.strip().split(": the same text as ")[0]) for line in run.stdout.splitlines()
                  if ": the same text as " in line}
    lost = [str(path) for path in goods if os.path.realpath(path) not in stored | duplicates]
    found.note(f"- stored {len(stored):,} files' documents; good files not stored: {len(lost)} of {len(goods)}")
    if lost:
        found.fail(f"good files not stored: {lost[:10]}")


def step_outputs(found: Findings, scratch: Path, db: Path, report: Path | None) -> None:
    run, seconds = _rashomon("check", "--db", db)
    said = (run.stdout + run.stderr).strip()[:200]
    found.note(f"- `rashomon check`: exit {run.returncode} in {seconds:.0f} s: {said}")
    if run.returncode != 0 or _traceback(run):
        found.fail(f"check of the analysed store: {run.stdout[-1000:]}{run.stderr[-1000:]}")
    out = scratch / "export"
    out.mkdir(exist_ok=True)
    run, seconds = _rashomon("export", "--db", db, "--json", out / "all.json", "--report", out / "report.html",
                             "--markdown", out / "summary.md", "--plover", out / "events.jsonl")
    found.note(f"- `rashomon export --json --report --markdown --plover`: exit {run.returncode} in {seconds:.0f} s")
    if run.returncode != 0 or _traceback(run):
        found.fail(f"export: {_traceback(run) or run.stderr[-1500:]}")
    pages = {"export --report": out / "report.html"}
    if report is not None:
        pages["analyze --report"] = report
    if (out / "summary.md").exists():
        pages["export --markdown, as HTML"] = _markdown_html(out / "summary.md", scratch)
    for name, path in pages.items():
        if not path.exists():
            found.fail(f"{name}: not written")
            continue
        page = path.read_text(encoding="utf-8", errors="replace")
        unsafe = unsafe_markup(page)
        svgs = page.count("<svg")
        found.note(f"- {name}: {len(page):,} characters, {svgs} SVG charts, unescaped payloads: {len(unsafe)}")
        if unsafe:
            found.fail(f"{name}: {unsafe[:5]}")
    if (out / "all.json").exists():
        json.loads((out / "all.json").read_text(encoding="utf-8"))  # must parse


def _markdown_html(markdown: Path, scratch: Path) -> Path:
    """The Markdown export rendered to HTML as a CommonMark viewer would (markdown-it-py, raw HTML allowed)."""
    from markdown_it import MarkdownIt

    target = scratch / "summary.html"
    target.write_text(MarkdownIt("commonmark").render(markdown.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=PAGE_SECONDS) as response:  # 127.0.0.1 only
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace")


def step_web(found: Findings, db: Path) -> None:
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "rashomon.cli", "serve", "--db", str(db), "--host", "127.0.0.1",
                               "--port", str(port), "--no-browser"], env=_env(), stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if _get(base + "/api/status")[0] == 200:
                    break
            except OSError:
                time.sleep(0.5)
        documents = json.loads(_get(base + "/api/documents?limit=500")[1])["items"]
        entities = json.loads(_get(base + "/api/entities?limit=50")[1])["items"]
        events = json.loads(_get(base + "/api/events?limit=20")[1])["items"]
        hostile_docs = [d["id"] for d in documents if any(mark in json.dumps(d) for mark in ("alert", "<svg", "<ifr"))]
        urls = ["/", "/entities", "/events", "/claims", "/sides", "/network", "/csv/documents", "/no-such-page",
                "/entities/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/documents/%22%3E%3Csvg%20onload%3Dalert(1)%3E",
                "/events?min_confidence=%3Cscript%3E", "/api/entities?q=%3Cscript%3E"]
        urls += [f"/documents/{doc}" for doc in hostile_docs[:40]]
        urls += [f"/entities/{e['id']}" for e in entities[:10]] + [f"/events/{e['id']}" for e in events[:10]]
        statuses: dict[int, int] = {}
        for url in urls:
            status, page = _get(base + url)
            statuses[status] = statuses.get(status, 0) + 1
            if status >= 500:
                found.fail(f"GET {url}: HTTP {status}")
            if unsafe := unsafe_markup(page) if not url.startswith(("/api/", "/csv/")) else []:
                found.fail(f"GET {url}: {unsafe[:3]}")
        found.note(f"- web pages: {len(urls)} GETs ({len(hostile_docs)} documents carry payloads), statuses "
                   f"{dict(sorted(statuses.items()))}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            _, err = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            _, err = server.communicate()
    if "Traceback" in err:
        found.fail(f"the server logged a traceback:\n\n```\n{err[err.find('Traceback'):][:3000]}\n```")


def step_kills(found: Findings, scratch: Path, *, kills: int, seed: int) -> None:
    folder, db = scratch / "kill-articles", scratch / "killed.duckdb"
    articles = good_articles(folder, 60, seed=seed + 2)
    make_corpus(folder / "hostile", seed=seed + 3, mutations=30)
    rng = random.Random(seed)
    kept: set[str] = set()
    for attempt in range(kills):
        process = subprocess.Popen([sys.executable, "-m", "rashomon.cli", "analyze", str(folder), "--db", str(db),
                                    "--quiet"], env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        time.sleep(rng.uniform(2.0, 25.0))
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(30)
        if not db.exists():
            continue
        run, _ = _rashomon("check", "--db", db)
        if run.returncode != 0:
            found.fail(f"kill {attempt + 1}: the store does not check clean: {run.stdout[-800:]}{run.stderr[-800:]}")
        now = _stored_paths(db)
        if not kept <= now:
            found.fail(f"kill {attempt + 1} lost {sorted(kept - now)[:5]}")
        kept = now
    run, seconds = _rashomon("analyze", folder, "--db", db, timeout=ANALYZE_SECONDS)
    stored = _stored_paths(db)
    missing = [str(path) for path in articles if str(path) not in stored]
    found.note(f"- kill -9 loop: {kills} kills at random points, {len(kept)} documents stored before the last "
               f"run, which finished in {seconds:.0f} s (exit {run.returncode}); good articles missing after it: "
               f"{len(missing)}")
    if _traceback(run) or missing:
        found.fail(f"after the kills: {_traceback(run)[:1500]} missing {missing[:5]}")


def step_corrupt(found: Findings, scratch: Path, db: Path, *, seed: int) -> None:
    """Damaged copies of `db`: `check` must say so (exit 2) unless the damage fell on space the store does not
    use, in which case the export must be the undamaged store's; no command may print a traceback."""
    rng = random.Random(seed)
    size = db.stat().st_size
    baseline = scratch / "undamaged.json"
    _rashomon("export", "--db", db, "--json", baseline)
    damages = {"garbage at 1/2": (size // 2, 4096), "garbage at 1/10": (size // 10, 65536),
               "header": (0, 512), "tail cut": (-1, 0), "garbage .wal": (-2, 0), "empty file": (-3, 0)}
    for name, (offset, length) in damages.items():
        copy = scratch / f"corrupt-{name.replace(' ', '-').replace('/', '')}.duckdb"
        shutil.copy(db, copy)
        if offset >= 0:
            with copy.open("r+b") as handle:
                handle.seek(offset)
                handle.write(rng.randbytes(length))
        elif offset == -1:
            with copy.open("r+b") as handle:
                handle.truncate(size * 2 // 3)
        elif offset == -2:
            copy.with_name(copy.name + ".wal").write_bytes(rng.randbytes(20_000))
        else:
            copy.write_bytes(b"")
        results, exported = [], scratch / "corrupt.json"
        exported.unlink(missing_ok=True)
        checked = 0
        for args in (("check", "--db", copy), ("export", "--db", copy, "--json", exported),
                     ("documents", "--db", copy)):
            run, _ = _rashomon(*args)
            results.append(f"{args[0]} {run.returncode}")
            if trace := _traceback(run):
                found.fail(f"{name}: `rashomon {args[0]}` printed a traceback:\n\n```\n{trace[:2000]}\n```")
            if args[0] == "check":
                checked = run.returncode
        same = exported.exists() and baseline.exists() and exported.read_bytes() == baseline.read_bytes()
        if checked == 0 and not same:
            found.fail(f"{name}: `rashomon check` exited 0 but the export differs from the undamaged store's")
        unused = "; the export is the undamaged one (the damage hit unused space)" if checked == 0 and same else ""
        found.note(f"- corrupted store, {name}: exits {', '.join(results)}{unused}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--mutations", type=int, default=900, help="randomly damaged files (default 900)")
    parser.add_argument("--good", type=int, default=300, help="good fictional articles (default 300)")
    parser.add_argument("--kills", type=int, default=4, help="kill -9 of analyze at random points (default 4)")
    parser.add_argument("--keep", type=Path, help="a folder to keep the corpus, the stores and the outputs in")
    parser.add_argument("--store", type=Path, help="an analysed store to run the other steps on (no analyze step)")
    parser.add_argument("--skip", action="append", default=[], choices=("analyze", "web", "kills", "corrupt"),
                        help="leave a step out (repeatable)")
    args = parser.parse_args(argv)
    found = Findings()
    with tempfile.TemporaryDirectory(prefix="rashomon-rehearsal-") as temporary:
        scratch = args.keep.resolve() if args.keep else Path(temporary)
        scratch.mkdir(parents=True, exist_ok=True)
        db, report = scratch / "rehearsal.duckdb", scratch / "report.html"
        if args.store is not None:
            args.skip.append("analyze")
            shutil.copy(args.store, db)
            found.note(f"Seed {args.seed}, on the store {args.store}; load average {os.getloadavg()[0]:.1f}.\n")
        else:
            root = scratch / "corpus"
            if root.exists():
                shutil.rmtree(root)
            hostile, goods = write_corpus(root, seed=args.seed, mutations=args.mutations, good=args.good)
            files = sum(1 for _ in root.rglob("*"))
            found.note(f"Seed {args.seed}: {hostile:,} hostile cases and {len(goods):,} good articles ({files:,} "
                       f"entries under the folder); load average {os.getloadavg()[0]:.1f} at the start.\n")
            for stale in (db, db.with_name(db.name + ".wal")):
                stale.unlink(missing_ok=True)
        if "analyze" not in args.skip:
            step_analyze(found, root, db, report, goods)
        if db.exists():
            step_outputs(found, scratch, db, report if report.exists() else None)
        if "web" not in args.skip and db.exists():
            step_web(found, db)
        if "kills" not in args.skip and args.kills:
            step_kills(found, scratch, kills=args.kills, seed=args.seed)
        if "corrupt" not in args.skip and db.exists():
            step_corrupt(found, scratch, db, seed=args.seed)
    found.note(f"\n{len(found.failures)} failure(s); load average {os.getloadavg()[0]:.1f} at the end.")
    return 1 if found.failures else 0


if __name__ == "__main__":
    sys.exit(main())
