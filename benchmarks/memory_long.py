"""Peak memory of one long single-line article (issue 15, item 5).

Builds a one-line article of ``--chars`` characters from the sample (its lines joined with
spaces, repeated), then, in a fresh process, either parses it only (``--stage parse``:
``onrecord.pipeline.nlp.parse``) or runs the whole analysis (``--stage analyze``), and reports the
process's peak resident memory (``ru_maxrss``) and the wall time.

    .venv/bin/python benchmarks/memory_long.py --chars 3000000 --stage parse
    .venv/bin/python benchmarks/memory_long.py --chars 400000 --stage analyze
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "rt_2022-02-15_security-guarantees.txt"


def one_line(chars: int) -> str:
    base = " ".join(SAMPLE.read_text(encoding="utf-8").split())
    return ((base + " ") * (chars // (len(base) + 1) + 1))[:chars]


def child(chars: int, stage: str) -> None:
    import onrecord
    from onrecord.pipeline import nlp

    text = one_line(chars)
    pipeline = nlp.load()
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    if stage == "parse":
        tokens = sum(len(doc) for doc, _ in nlp.parse(pipeline, [(text, None)]))
        detail = f"{tokens} tokens"
    else:
        record = onrecord.analyze(text, doc_id="long")
        detail = f"{len(record.quotes)} quotes"
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "chars": chars,
                "stage": stage,
                "seconds": round(elapsed, 1),
                "peak_rss_mb": round(peak / 1024),
                "rss_after_model_load_mb": round(base_rss / 1024),
                "detail": detail,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=3_000_000)
    parser.add_argument("--stage", choices=["parse", "analyze"], default="analyze")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.chars, args.stage)
        return
    command = [sys.executable, __file__, "--child", "--chars", str(args.chars)]
    subprocess.run([*command, "--stage", args.stage], check=True)


if __name__ == "__main__":
    main()
