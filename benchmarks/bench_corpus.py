"""Corpus benchmark: ingest wall time and throughput for 1 and 2 workers, search latency.

    .venv/bin/python benchmarks/bench_corpus.py                      # SQLite, PolNeAR train+dev
    .venv/bin/python benchmarks/bench_corpus.py --pg postgresql://u:p@127.0.0.1/db

Each ingest goes into a fresh database. Search latency is the median over repeated runs of
a set of queries (full text alone, and with a speaker filter), on the database the last
ingest filled. Numbers are wall-clock on a noisy machine: read the medians and the ratio
between worker counts rather than the last digit.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from onrecord.corpus.ingest import ingest
from onrecord.corpus.store import open_store

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "corpora" / "polnear"
QUERIES = ["Trump", "Clinton", "emails", "tax returns", "immigration", "debate", "Russia", "jobs"]
SPEAKER_QUERIES = [("Trump", "Clinton"), ("Clinton", "Trump"), ("tax", "Trump")]


def _reset_postgres(url: str) -> None:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def _time_ingest(paths: list[str], url: str, workers: int) -> tuple[float, int]:
    store = open_store(url)
    started = time.perf_counter()
    summary = ingest(paths, store, workers=workers)
    seconds = time.perf_counter() - started
    store.close()
    return seconds, summary.progress.stored


def _latency(url: str, repeats: int) -> dict[str, float]:
    store = open_store(url)
    timings: dict[str, list[float]] = {"text": [], "text+speaker": []}
    for _ in range(repeats):
        for query in QUERIES:
            started = time.perf_counter()
            store.search(query, limit=20)
            timings["text"].append(time.perf_counter() - started)
        for query, speaker in SPEAKER_QUERIES:
            started = time.perf_counter()
            store.search(query, speaker=speaker, limit=20)
            timings["text+speaker"].append(time.perf_counter() - started)
    store.close()
    return {kind: statistics.median(values) * 1000 for kind, values in timings.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "paths",
        nargs="*",
        default=[str(POLNEAR / "train" / "text"), str(POLNEAR / "dev" / "text")],
    )
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--pg", help="Also benchmark this PostgreSQL URL (its schema is reset).")
    parser.add_argument("--repeats", type=int, default=5, help="Search repeats.")
    args = parser.parse_args()
    if any("test" in Path(p).parts for p in args.paths):
        raise SystemExit("refusing to benchmark on a test split")
    with tempfile.TemporaryDirectory() as folder:
        rows = []
        for workers in args.workers:
            url = f"sqlite:///{Path(folder) / f'w{workers}.db'}"
            seconds, stored = _time_ingest(args.paths, url, workers)
            rows.append((f"sqlite, {workers} worker(s)", seconds, stored, url))
        if args.pg:
            for workers in args.workers:
                _reset_postgres(args.pg)
                seconds, stored = _time_ingest(args.paths, args.pg, workers)
                rows.append((f"postgresql, {workers} worker(s)", seconds, stored, args.pg))
        print(f"ingest of {args.paths}")
        print(f"{'backend':28} {'seconds':>8} {'articles':>8} {'articles/s':>10}")
        base = rows[0][2] / rows[0][1]
        for label, seconds, stored, _ in rows:
            rate = stored / seconds
            print(f"{label:28} {seconds:8.1f} {stored:8d} {rate:10.2f}  ({rate / base:.2f}x)")
        print("\nsearch latency, median ms over", args.repeats, "repeats")
        seen = set()
        for label, _, _, url in rows:
            backend = label.split(",")[0]
            if backend in seen:
                continue
            seen.add(backend)
            latency = _latency(url, args.repeats)
            print(f"{backend:12} " + "  ".join(f"{k}: {v:.1f} ms" for k, v in latency.items()))


if __name__ == "__main__":
    main()
