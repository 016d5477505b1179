"""CPU seconds of `analyze` on 200 BBC articles (the first 40 of each topic folder), serial (`nlp.workers = 0`),
in this process: run it as a child of nothing else, once per version to compare. The spaCy model loads inside
the clock. `--profile` prints the 45 costliest calls (the profiler itself slows Python code several times).

    PYTHONPATH=src python benchmarks/analyze_cpu.py [../shared/data/bbc-news/bbc] [--profile]
"""

from __future__ import annotations

import cProfile
import dataclasses
import os
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

from rashomon.pipeline import analyze
from rashomon.settings import default_settings
from rashomon.store import Store


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    source = Path(args[0] if args else "../shared/data/bbc-news/bbc")
    folder = Path(tempfile.mkdtemp())
    for topic in sorted(p for p in source.iterdir() if p.is_dir()):
        for path in sorted(topic.glob("*.txt"))[:40]:
            shutil.copy(path, folder / f"{topic.name}-{path.name}")
    settings = default_settings()
    settings = dataclasses.replace(settings, nlp=dataclasses.replace(settings.nlp, workers=0))
    profile = cProfile.Profile() if "--profile" in sys.argv else None
    cpu, wall = time.process_time(), time.monotonic()
    with Store(folder / "bench.duckdb") as store:
        if profile is not None:
            profile.enable()
        result = analyze([folder], store=store, settings=settings)
        if profile is not None:
            profile.disable()
    cpu, wall = time.process_time() - cpu, time.monotonic() - wall
    print(f"documents {len(result.added)}, CPU {cpu:.1f} s, wall {wall:.1f} s, load average {os.getloadavg()}")
    if profile is not None:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(45)
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
