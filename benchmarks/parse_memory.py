"""Peak memory and time of parsing one long text, in chunks (`limits.chunk_chars`) or whole.

Run from the repository root (it is not part of the test suite):

    python -m benchmarks.parse_memory --chars 300000                 # chunked and whole, each in a fresh process
    python -m benchmarks.parse_memory --chars 5000000 --no-whole      # the 5 MB case of issue 17, chunked only

The text is made up (seeded): sentences of random words from a small fictional vocabulary, five to a
paragraph. Each measurement runs `rashomon.nlp.parse` on it in a fresh subprocess and reports the seconds,
the token count, whether the parse gives back the text exactly, and the process's peak RSS
(`ru_maxrss`) beside its RSS after loading the model. Parsing 5 MB whole would take about 15 GB: leave
`--no-whole` on for large sizes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
_WORDS = ("the police arrested protesters in Fenwick on Sunday after a march mayor Orrin said officers used gas "
          "near station council workers river flooded streets market town").split()


def make_text(chars: int, *, seed: int = 17) -> str:
    """About `chars` characters of made-up sentences, five to a paragraph."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    size = 0
    while size < chars:
        sentences = [" ".join(rng.choice(_WORDS) for _ in range(rng.randint(8, 25))).capitalize() + "."
                     for _ in range(5)]
        paragraphs.append(" ".join(sentences))
        size += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)[:chars]


def _measure(chars: int, chunk_chars: int) -> dict[str, object]:
    import resource
    import time

    from rashomon.model import Document
    from rashomon.nlp import load_nlp, parse, text_of
    from rashomon.settings import load_settings

    settings = load_settings()
    nlp = load_nlp(settings.nlp.model)
    loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    text = make_text(chars)
    doc = Document.create(path="long.txt", text=text, format="txt")
    started = time.perf_counter()
    [(_, parsed)] = list(parse(nlp, [doc], batch_size=settings.nlp.batch_size, chunk_chars=chunk_chars,
                               sentence_tokens=settings.limits.sentence_tokens))
    return {"chars": len(text), "chunk_chars": chunk_chars, "tokens": len(parsed), "exact": text_of(parsed) == text,
            "seconds": round(time.perf_counter() - started, 1), "rss_after_load_mb": loaded,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}


def _run(chars: int, chunk_chars: int, timeout: float) -> dict[str, object]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), str(REPO), env.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, "-m", "benchmarks.parse_memory", "--measure", "--chars", str(chars),
                           "--chunk-chars", str(chunk_chars)], capture_output=True, text=True, timeout=timeout, env=env)
    if done.returncode != 0:
        return {"chars": chars, "chunk_chars": chunk_chars, "error": done.stderr.strip().splitlines()[-1:]}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, default=300_000, help="characters of the text (default 300,000)")
    parser.add_argument("--chunk-chars", type=int, default=20_000, help="limits.chunk_chars (default 20,000)")
    parser.add_argument("--no-whole", action="store_true", help="do not also parse the text whole")
    parser.add_argument("--timeout", type=float, default=7200, help="seconds allowed per run (default 7200)")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(_measure(args.chars, args.chunk_chars)))
        return 0
    runs = [args.chunk_chars] + ([] if args.no_whole else [0])
    for chunk_chars in runs:
        print(json.dumps(_run(args.chars, chunk_chars, args.timeout)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
