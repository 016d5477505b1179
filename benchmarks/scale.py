"""Scale-out benchmark (issue 15): the executors on BBC articles, and the corpus stage on synthetic corpora.

Run from the repository root (not part of the test suite):

    python -m benchmarks.scale executors --docs 300     # serial, 2 processes, a 2-worker LocalCluster
    python -m benchmarks.scale corpus --sizes 1000 10000 --pool STORE   # entity resolution + event fusion

`executors`: the first N BBC articles (../shared/data/bbc-news, round robin over its five topics) are
analysed by `rashomon analyze` in a fresh subprocess per executor, into a fresh store. Measured: the whole
run's wall time, the CPU seconds of the run and every process it started (getrusage of the children), and
the peak RSS of each process of the run (sampled every 0.2 s with psutil: the main process, and the largest
worker). The load average is recorded before and after each run: on a machine shared with other jobs the
wall times (and the speed-up) are not those of an idle machine; CPU seconds are.

`corpus`: synthetic corpora (`benchmarks.synthetic`, BBC sentences recombined with their records, seeded)
of each size, and the two corpus-level stages the issue names, entity resolution and event fusion, timed
alone in a fresh subprocess each (CPU seconds, wall, peak RSS). A size that runs past --timeout is reported
as such.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BBC = REPO.parent / "shared" / "data" / "bbc-news" / "bbc"
EXECUTORS = {
    "serial": ["--workers", "0"],
    "processes-2": ["--workers", "2"],
    "dask-local-2": ["--scheduler", "local"],
}


def bbc_sample(count: int, folder: Path) -> int:
    """Copy the first `count` BBC articles (round robin over the topics, sorted names) into `folder`; words."""
    topics = [sorted(topic.glob("*.txt")) for topic in sorted(BBC.iterdir()) if topic.is_dir()]
    chosen: list[Path] = []
    for row in range(max(len(t) for t in topics)):
        chosen += [topic[row] for topic in topics if row < len(topic)]
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for path in chosen[:count]:
        target = folder / f"{path.parent.name}-{path.name}"
        shutil.copyfile(path, target)
        words += len(path.read_bytes().split())
    return words


def _tree_rss(root: int, peaks: dict[int, tuple[str, int]]) -> None:
    import psutil  # type: ignore[import-untyped]  # installed with distributed; types-psutil is not pinned

    try:
        parent = psutil.Process(root)
        processes = [parent, *parent.children(recursive=True)]
    except psutil.NoSuchProcess:
        return
    for process in processes:
        try:
            rss = process.memory_info().rss
            name = " ".join(process.cmdline()[1:4])[:60]
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        if rss > peaks.get(process.pid, ("", 0))[1]:
            peaks[process.pid] = (name, rss)


def run_executor(name: str, folder: Path, work: Path, timeout: float) -> dict[str, Any]:
    """One `rashomon analyze` of `folder` with executor `name`, measured."""
    db = work / f"{name}.duckdb"
    command = [sys.executable, "-m", "rashomon.cli", "analyze", str(folder), "--db", str(db), "--quiet",
               *EXECUTORS[name]]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load_before = os.getloadavg()
    start = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peaks: dict[int, tuple[str, int]] = {}
    while process.poll() is None:
        _tree_rss(process.pid, peaks)
        if time.monotonic() - start > timeout:
            process.kill()
        time.sleep(0.2)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    main = peaks.get(process.pid, ("", 0))[1]
    workers = [rss for pid, (_, rss) in peaks.items() if pid != process.pid]
    return {"executor": name, "exit": process.returncode, "wall_s": round(wall, 1),
            "cpu_s": round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 1),
            "main_peak_mb": round(main / 2**20), "worker_peak_mb": round(max(workers, default=0) / 2**20),
            "processes": len(peaks), "load_before": [round(x, 2) for x in load_before],
            "load_after": [round(x, 2) for x in os.getloadavg()], "stderr_tail": stderr[-400:], "db": str(db)}


def cmd_executors(args: argparse.Namespace) -> None:
    work = Path(tempfile.mkdtemp(prefix="rashomon-scale-"))
    words = bbc_sample(args.docs, work / "in")
    results = []
    for name in args.executors:
        result = run_executor(name, work / "in", work, args.timeout)
        results.append(result)
        print(json.dumps(result), flush=True)
    serial = next((r for r in results if r["executor"] == "serial"), None)
    summary = {"docs": args.docs, "words": words, "cpus": os.cpu_count(), "work": str(work)}
    if serial:
        summary["speedup"] = {r["executor"]: round(serial["wall_s"] / r["wall_s"], 2) for r in results}
        summary["cpu_s_per_doc_serial"] = round(serial["cpu_s"] / args.docs, 3)
    print(json.dumps(summary), flush=True)


def _measure_corpus(args: argparse.Namespace) -> None:
    """In a subprocess: build the synthetic corpus, then time entity resolution and event fusion alone (CPU
    seconds); with --add K, also K more documents fused into the events of the first `size` (`extend_events`)
    against those K fused alone."""
    from benchmarks.synthetic import load_pool, synthesize
    from rashomon.entities import resolve_entities
    from rashomon.events.blocked import extend_events, fuse_events_blocked
    from rashomon.events.fuse import fuse_events
    from rashomon.gazetteer import load_gazetteer
    from rashomon.settings import load_settings

    settings = load_settings()
    pool = load_pool(Path(args.pool))
    corpus = synthesize(pool, args.size, seed=args.seed)
    added = synthesize(pool, args.add, seed=args.seed + 1, name="added")
    documents, mentions = [*corpus.documents, *added.documents], [*corpus.mentions, *added.mentions]
    fusion = settings.fusion

    def fuse(event_mentions: list[Any], docs: list[Any], entity_of: dict[str, str]) -> list[Any]:
        if args.block:
            return fuse_events_blocked(event_mentions, entity_of=entity_of, documents=docs, settings=fusion,
                                       block_documents=args.block)
        return fuse_events(event_mentions, entity_of=entity_of, documents=docs, settings=fusion)

    load_gazetteer()  # once per process, whatever the corpus: not counted in the stage
    start, cpu = time.monotonic(), time.process_time()
    entities = resolve_entities(corpus.mentions, settings=settings.entities)
    cpu_entities = time.process_time() - cpu
    entity_of = {m: e.id for e in entities for m in e.mention_ids}
    cpu = time.process_time()
    events = fuse(corpus.event_mentions, corpus.documents, entity_of)
    cpu_fusion = time.process_time() - cpu
    result: dict[str, Any] = {
        "size": args.size, "block": args.block, "mentions": len(corpus.mentions),
        "event_mentions": len(corpus.event_mentions), "entities": len(entities), "events": len(events),
        "cpu_entities_s": round(cpu_entities, 2), "cpu_fusion_s": round(cpu_fusion, 2),
        "wall_s": round(time.monotonic() - start, 2)}
    if args.add:
        every = {m: e.id for e in resolve_entities(mentions, settings=settings.entities) for m in e.mention_ids}
        cpu = time.process_time()
        alone = fuse(added.event_mentions, added.documents, every)
        result["cpu_fuse_added_alone_s"] = round(time.process_time() - cpu, 2)
        cpu = time.process_time()
        extended = extend_events(events, [*corpus.event_mentions, *added.event_mentions],
                                 [doc.id for doc in added.documents], entity_of=every, documents=documents,
                                 settings=fusion, block_documents=args.block or args.add)
        result["cpu_extend_s"] = round(time.process_time() - cpu, 2)
        result |= {"added": args.add, "events_after": len(extended), "events_added_alone": len(alone)}
    result["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(result))


def cmd_corpus(args: argparse.Namespace) -> None:
    for size in args.sizes:
        command = [sys.executable, "-m", "benchmarks.scale", "_corpus", "--size", str(size), "--pool", args.pool,
                   "--seed", str(args.seed), "--block", str(args.block), "--add", str(args.add)]
        load = os.getloadavg()
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=args.timeout, check=False)
            line = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else json.dumps(
                {"size": size, "error": done.stderr[-400:]})
        except subprocess.TimeoutExpired:
            line = json.dumps({"size": size, "error": f"over the timeout of {args.timeout:g} s"})
        result = json.loads(line)
        result["load_before"] = [round(x, 2) for x in load]
        print(json.dumps(result), flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="benchmarks.scale", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    executors = sub.add_parser("executors", help="serial vs processes vs LocalCluster on BBC articles")
    executors.add_argument("--docs", type=int, default=300)
    executors.add_argument("--executors", nargs="+", default=list(EXECUTORS), choices=list(EXECUTORS))
    executors.add_argument("--timeout", type=float, default=3600)
    corpus = sub.add_parser("corpus", help="the corpus stage alone on synthetic corpora")
    corpus.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    corpus.add_argument("--pool", required=True, help="a store of analysed BBC articles (e.g. from executors)")
    corpus.add_argument("--seed", type=int, default=15)
    corpus.add_argument("--timeout", type=float, default=1800)
    corpus.add_argument("--block", type=int, default=0, help="fuse in blocks of this many documents (0: whole)")
    corpus.add_argument("--add", type=int, default=0, help="then add this many documents (extend_events)")
    measure = sub.add_parser("_corpus")
    measure.add_argument("--size", type=int, required=True)
    measure.add_argument("--block", type=int, default=0)
    measure.add_argument("--add", type=int, default=0)
    measure.add_argument("--pool", required=True)
    measure.add_argument("--seed", type=int, default=15)
    args = parser.parse_args(argv)
    {"executors": cmd_executors, "corpus": cmd_corpus, "_corpus": _measure_corpus}[args.command](args)


if __name__ == "__main__":
    main()
