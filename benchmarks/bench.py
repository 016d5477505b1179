"""Throughput, memory and scaling benchmark: bare spaCy versus rashomon's full analyze, on the same texts.

Run from the repository root (it is not part of the test suite):

    python -m benchmarks.bench --quick            # 20 and 200 documents
    python -m benchmarks.bench                    # 200 and 2000 documents
    python -m benchmarks.bench --small 100 --large 1000 --write   # also writes docs/benchmarks.md

Texts: the BBC News corpus in ../shared/data/bbc-news beside the repository when it is there (its texts
are read in place or copied to a temporary folder, never into the repository or the report), else the
plain texts of examples/zahrestan/ repeated, each copy made unique so that content-hash deduplication keeps them.

Each measurement runs in a fresh subprocess (`--measure spacy|analyze --folder DIR`), so each peak RSS
is its own. Times exclude loading the spaCy model, which is reported apart. Words per second use one
word count for both sides: whitespace-separated words of the raw files.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "bbc-news"
EXAMPLES = REPO / "examples" / "zahrestan"
DOCS_PAGE = REPO / "docs" / "benchmarks.md"
TARGET_RATIO = 0.70  # analyze words/s divided by bare spaCy words/s, at least
TARGET_SCALING = 12.0  # analyze time on 10*N docs divided by its time on N docs, at most


@dataclass(frozen=True, slots=True)
class Sample:
    """A folder of .txt files prepared for one size, and what it holds."""

    folder: Path
    docs: int
    words: int
    source: str


@dataclass(frozen=True, slots=True)
class Measurement:
    """What one subprocess measured. `error` is set (and the numbers are 0) when it failed."""

    kind: str  # "spacy" or "analyze"
    docs: int
    words: int
    seconds: float
    load_seconds: float
    peak_rss_mb: float
    details: dict[str, Any]
    error: str = ""

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds > 0 else 0.0


# ---------------------------------------------------------------------------------------------------
# Reading and preparing texts


def read_text(path: Path) -> str:
    """Decode a file as UTF-8, falling back to Latin-1 (one BBC file is Latin-1)."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def count_words(texts: Sequence[str]) -> int:
    return sum(len(text.split()) for text in texts)


def _bbc_root(data: Path) -> Path | None:
    for candidate in (data / "bbc", data):
        if candidate.is_dir() and any(candidate.glob("*/*.txt")):
            return candidate
    return None


def _select_bbc(root: Path, n: int) -> list[Path]:
    """Take `n` distinct articles, round-robin across the topic folders, in a fixed order."""
    folders = [sorted(folder.glob("*.txt")) for folder in sorted(root.iterdir()) if folder.is_dir()]
    chosen: list[Path] = []
    seen: set[str] = set()
    for i in range(max((len(files) for files in folders), default=0)):
        for files in folders:
            if i >= len(files) or len(chosen) >= n:
                continue
            key = hashlib.sha256(" ".join(read_text(files[i]).split()).encode("utf-8")).hexdigest()
            if key not in seen:  # the BBC set holds ~100 duplicate articles; analyze would drop them
                seen.add(key)
                chosen.append(files[i])
    if len(chosen) < n:
        raise SystemExit(f"{root}: only {len(chosen)} distinct articles, fewer than the {n} asked for. "
                         f"Use a smaller --large.")
    return chosen


def _example_texts() -> list[str]:
    """The plain texts of examples/zahrestan/: its .txt files and the text of each .jsonl record."""
    texts = [read_text(path) for path in sorted(EXAMPLES.glob("*.txt"))]
    for path in sorted(EXAMPLES.glob("*.jsonl")):
        for line in read_text(path).splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    if not texts:
        raise SystemExit(f"{EXAMPLES}: no .txt or .jsonl texts to benchmark on, and no BBC corpus found.")
    return texts


def prepare_sample(n: int, *, pool: int, data: Path, corpus: str, dest: Path) -> Sample:
    """Fill `dest` with `n` .txt files: BBC articles (copied byte for byte) or unique example copies.

    BBC articles come from one fixed pool of `pool` articles. A smaller sample takes every (pool/n)-th
    article of the pool ordered by length, so it has the pool's spread of lengths and its word count
    scales like its document count (the scaling ratio then compares like with like).
    """
    dest.mkdir(parents=True)
    root = _bbc_root(data) if corpus in ("auto", "bbc") else None
    if corpus == "bbc" and root is None:
        raise SystemExit(f"{data}: no BBC corpus (expected bbc/<topic>/NNN.txt). Pass --data or --corpus examples.")
    if root is not None:
        chosen = _select_bbc(root, max(n, pool))
        if n < len(chosen):
            by_length = sorted(chosen, key=lambda path: (len(read_text(path).split()), path.name))
            step = len(by_length) / n
            chosen = [by_length[int(i * step + step / 2)] for i in range(n)]
        for path in chosen:
            shutil.copyfile(path, dest / f"{path.parent.name}_{path.name}")
        source = (f"BBC News 2004-2005 ({root}): distinct articles taken round-robin across its topic "
                  f"folders; the small sample is spread evenly by length over the large one")
    else:
        base = _example_texts()
        for i in range(n):
            text = f"Copy {i + 1} of the examples corpus.\n\n{base[i % len(base)]}"
            (dest / f"example_{i + 1:05d}.txt").write_text(text, encoding="utf-8")
        source = f"examples/zahrestan/ plain texts ({len(base)} articles) repeated, each copy made unique"
    files = sorted(dest.glob("*.txt"))
    return Sample(folder=dest, docs=len(files), words=count_words([read_text(p) for p in files]), source=source)


# ---------------------------------------------------------------------------------------------------
# Measuring (inside a fresh subprocess)


def _peak_rss_mb() -> float:
    """Peak resident memory of this process and, if larger, of its largest finished child, in MB."""
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes on macOS, kilobytes on Linux
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / scale


def _describe(result: object) -> dict[str, Any]:
    """Small numbers from an analyze result: int fields as they are, sized fields by their length."""
    if not dataclasses.is_dataclass(result):
        return {"result": type(result).__name__}
    described: dict[str, Any] = {}
    for field in dataclasses.fields(result):
        value = getattr(result, field.name)
        if isinstance(value, bool | int | float):
            described[field.name] = value
        elif isinstance(value, list | tuple | set | frozenset | dict):
            described[field.name] = len(value)
    return described


def measure(kind: str, folder: Path, *, config: str | None, model: str | None) -> dict[str, Any]:
    """Time bare spaCy or rashomon analyze over the .txt files in `folder`; return a JSON-able dict."""
    from rashomon.nlp import load_nlp
    from rashomon.settings import load_settings

    settings = load_settings(config, overrides={"nlp": {"model": model}} if model else None)
    files = sorted(folder.glob("*.txt"))
    texts = [read_text(path) for path in files]
    words = count_words(texts)
    started = time.perf_counter()
    if kind == "spacy":  # bare spaCy: the package exactly as installed, no rashomon component
        import spacy

        nlp = spacy.load(settings.nlp.model)
    else:
        nlp = load_nlp(settings.nlp.model)  # cached per process, so analyze reuses this pipeline
    load_seconds = time.perf_counter() - started
    rss_after_load = _peak_rss_mb()
    details: dict[str, Any] = {"model": settings.nlp.model, "batch_size": settings.nlp.batch_size,
                               "rss_after_load_mb": round(rss_after_load, 1)}
    if kind == "analyze":
        details["workers"] = settings.nlp.workers
    if kind == "spacy":
        started = time.perf_counter()
        parsed = list(nlp.pipe(texts, batch_size=settings.nlp.batch_size))
        seconds = time.perf_counter() - started
        details["tokens"] = sum(len(doc) for doc in parsed)
    else:
        from rashomon.pipeline import analyze
        from rashomon.store import Store

        del texts  # analyze reads the files itself
        with tempfile.TemporaryDirectory(prefix="rashomon-bench-db-") as tmp:
            started = time.perf_counter()
            with Store(Path(tmp) / "bench.duckdb") as store:
                result = analyze([folder], store=store, settings=settings)
            seconds = time.perf_counter() - started
            details["db_mb"] = round(sum(p.stat().st_size for p in Path(tmp).iterdir()) / 1e6, 1)
        details.update(_describe(result))
    return {"kind": kind, "docs": len(files), "words": words, "seconds": seconds,
            "load_seconds": load_seconds, "peak_rss_mb": _peak_rss_mb(), "details": details}


def run_measurement(kind: str, sample: Sample, *, config: str | None, model: str | None,
                    timeout: float) -> Measurement:
    """Run `measure` in a fresh Python process and read back the one JSON line it prints."""
    command = [sys.executable, str(Path(__file__).resolve()), "--measure", kind, "--folder", str(sample.folder)]
    if config:
        command += ["--config", config]
    if model:
        command += ["--model", model]
    failed = Measurement(kind, sample.docs, sample.words, 0.0, 0.0, 0.0, {})
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=REPO, check=False)
    except subprocess.TimeoutExpired:
        return dataclasses.replace(failed, error=f"failed: timed out after {timeout:.0f} s")
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        tail = [line for line in done.stderr.strip().splitlines() if line.strip()][-1:] or ["no output"]
        return dataclasses.replace(failed, error=f"failed (exit {done.returncode}): {tail[0][:160]}")
    values = json.loads(lines[-1])
    return Measurement(kind=values["kind"], docs=sample.docs, words=sample.words, seconds=values["seconds"],
                       load_seconds=values["load_seconds"], peak_rss_mb=values["peak_rss_mb"],
                       details=values["details"])


# ---------------------------------------------------------------------------------------------------
# Report


def _machine() -> str:
    import spacy

    load = f", load average {os.getloadavg()[0]:.1f} at the end" if hasattr(os, "getloadavg") else ""
    return (f"{os.cpu_count()} CPUs ({platform.processor() or platform.machine()}), "
            f"Python {platform.python_version()}, spaCy {spacy.__version__}, {platform.system()} "
            f"{platform.release()}{load}")


def _plural(count: int, word: str) -> str:
    return word if count == 1 else word + ("es" if word.endswith("s") else "s")


def _kept_prose() -> str:
    """The hand-written part of the docs page (from its first "## " heading on), kept when it is rewritten."""
    if not DOCS_PAGE.exists():
        return ""
    text = DOCS_PAGE.read_text(encoding="utf-8")
    start = text.find("\n## ")
    return "" if start < 0 else "\n" + text[start + 1:]


def _mark(ok: bool) -> str:
    return "yes" if ok else "**no**"


def render(samples: Sequence[Sample], results: Sequence[tuple[Measurement, Measurement]]) -> tuple[str, bool]:
    """The Markdown report, and whether every target that could be measured was met."""
    met = True
    model = next((m.details.get("model") for pair in results for m in pair if m.details.get("model")), "?")
    workers = next((m.details["workers"] for pair in results for m in pair if "workers" in m.details), None)
    processes = ("in one process" if not workers else
                 f"with nlp.workers = {workers}: {workers} worker {_plural(workers, 'process')} parse and "
                 "analyse batches of documents while the main process stores their records, so it uses every "
                 "CPU it is given")
    lines = [
        "# Benchmarks",
        "",
        f"Made by `python -m benchmarks.bench` on {time.strftime('%Y-%m-%d')}. Machine: {_machine()}. "
        f"Model: `{model}`.",
        "",
        f"Texts: {samples[0].source}. Words are whitespace words of the raw files, the same count for both "
        "sides (analyze parses the cleaned text, which may differ slightly). Seconds exclude loading the "
        "spaCy model (its time is in the last column). Each row ran in a fresh process, so peak RSS "
        "(`ru_maxrss`, the larger of the process's own and its largest worker's) is that run's own.",
        "",
        "How the two sides run: bare spaCy is `nlp.pipe(texts, batch_size=...)` in one process "
        f"(`n_process=1`, one CPU), the baseline as a user would call it; rashomon analyze runs {processes}. "
        "The ratio compares the two as they are, so on this machine part of analyze's gain is its second "
        "CPU; set `nlp.workers = 0` to compare one process with one process.",
        "",
        "| run | docs | words | seconds | words/s | analyze/spaCy | peak RSS MB | model load s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for spacy_run, analyze_run in results:
        for run in (spacy_run, analyze_run):
            name = "bare spaCy `nlp.pipe`" if run.kind == "spacy" else "rashomon `analyze` (fresh DuckDB store)"
            if run.error:
                lines.append(f"| {name} | {run.docs} | {run.words:,} | {run.error} | | | | |")
                continue
            ratio = ""
            if run.kind == "analyze" and not spacy_run.error:
                value = run.words_per_second / spacy_run.words_per_second
                met &= value >= TARGET_RATIO
                ratio = f"{value:.2f} (target >= {TARGET_RATIO:.2f}: {_mark(value >= TARGET_RATIO)})"
            lines.append(f"| {name} | {run.docs} | {run.words:,} | {run.seconds:.1f} | "
                         f"{run.words_per_second:,.0f} | {ratio} | {run.peak_rss_mb:,.0f} | {run.load_seconds:.1f} |")
    lines.append("")
    if len(results) == 2:
        for index, label in ((0, "bare spaCy"), (1, "rashomon analyze")):
            small, large = results[0][index], results[1][index]
            if small.error or large.error or small.seconds <= 0:
                lines.append(f"Scaling, {label}: not measured ({small.error or large.error}).")
                continue
            scale = large.seconds / small.seconds
            factor = large.docs / small.docs
            word_factor = large.words / small.words
            notes = [f"{factor:g}x the documents", f"{word_factor:.2f}x the words"]
            if index == 1:
                met &= scale <= TARGET_SCALING
                notes.append(f"target <= {TARGET_SCALING:g} for 10x the documents: {_mark(scale <= TARGET_SCALING)}")
            lines.append(f"Scaling, {label}: {large.docs} docs took {scale:.2f}x the time of {small.docs} docs "
                         f"({'; '.join(notes)}).")
            lines.append("")
    for _, run in results:
        if not run.error and run.details.get("skipped"):
            lines.append(f"Note: analyze skipped {run.details['skipped']} of the {run.docs} inputs in the "
                         f"{run.docs}-document run; its words/s still counts every input word.")
            lines.append("")
    analyze_details = [pair[1].details for pair in results if not pair[1].error]
    if analyze_details:
        shown = ", ".join(f"{k}={v}" for k, v in analyze_details[-1].items() if k not in ("model", "batch_size",
                                                                                         "workers"))
        lines.append(f"Last analyze run reported: {shown}.")
        lines.append("")
    if any(run.error for pair in results for run in pair):
        met = False
    return "\n".join(lines), met


# ---------------------------------------------------------------------------------------------------
# Command line


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__.split("\n\n")[0])
    sizes = parser.add_argument_group("Sizes")
    sizes.add_argument("--small", type=int, default=200, help="documents in the small run (default 200)")
    sizes.add_argument("--large", type=int, default=2000, help="documents in the large run (default 2000)")
    sizes.add_argument("--quick", action="store_true", help="shorthand for --small 20 --large 200")
    texts = parser.add_argument_group("Texts and settings")
    texts.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"BBC News folder (default {DEFAULT_DATA})")
    texts.add_argument("--corpus", choices=("auto", "bbc", "examples"), default="auto",
                       help="auto: BBC when present, else examples/ repeated (default auto)")
    texts.add_argument("--config", help="a rashomon settings TOML file, passed to load_settings")
    texts.add_argument("--model", help="spaCy model to use instead of the setting nlp.model")
    output = parser.add_argument_group("Output")
    output.add_argument("--write", action="store_true", help=f"also write the table to {DOCS_PAGE.relative_to(REPO)}")
    output.add_argument("--check", action="store_true", help="exit 1 when a target is missed or a run failed")
    output.add_argument("--skip-analyze", action="store_true", help="measure bare spaCy only")
    output.add_argument("--timeout", type=float, default=3600.0, help="seconds allowed per run (default 3600)")
    internal = parser.add_argument_group("Internal (one measurement in this process; prints one JSON line)")
    internal.add_argument("--measure", choices=("spacy", "analyze"), help=argparse.SUPPRESS)
    internal.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.measure:
        if args.folder is None:
            parser.error("--measure needs --folder")
        print(json.dumps(measure(args.measure, args.folder, config=args.config, model=args.model)))
        return 0
    small, large = (20, 200) if args.quick else (args.small, args.large)
    if args.quick and (args.small, args.large) != (200, 2000):
        parser.error("use either --quick or --small/--large, not both")
    if not 0 < small < large:
        parser.error(f"need 0 < --small < --large, got {small} and {large}")
    if hasattr(os, "getloadavg") and os.getloadavg()[0] > 0.5 * (os.cpu_count() or 1):
        print(f"warning: load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; other processes "
              f"will slow these runs and make their timings noisy", file=sys.stderr)
    samples: list[Sample] = []
    results: list[tuple[Measurement, Measurement]] = []
    with tempfile.TemporaryDirectory(prefix="rashomon-bench-") as tmp:
        for n in (small, large):
            sample = prepare_sample(n, pool=large, data=args.data, corpus=args.corpus, dest=Path(tmp) / f"n{n}")
            samples.append(sample)
            pair = []
            for kind in ("spacy", "analyze"):
                if kind == "analyze" and args.skip_analyze:
                    pair.append(Measurement("analyze", sample.docs, sample.words, 0, 0, 0, {}, error="skipped"))
                    continue
                print(f"measuring {kind} on {sample.docs} docs ({sample.words:,} words) ...", file=sys.stderr)
                run = run_measurement(kind, sample, config=args.config, model=args.model, timeout=args.timeout)
                print(f"  {run.error or f'{run.seconds:.1f} s, {run.peak_rss_mb:,.0f} MB'}", file=sys.stderr)
                pair.append(run)
            results.append((pair[0], pair[1]))
    report, met = render(samples, results)
    print(report)
    if args.write:
        DOCS_PAGE.parent.mkdir(parents=True, exist_ok=True)
        DOCS_PAGE.write_text(report + "\n" + _kept_prose(), encoding="utf-8")
        print(f"wrote {DOCS_PAGE}", file=sys.stderr)
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
