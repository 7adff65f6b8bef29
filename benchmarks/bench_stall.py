"""Read latency while the server analyses (issue 15, item 1).

In one process, over the sample corpus: one analysis of the server's maximum size
(``--chars``, default the server's 500,000) runs, the analysis queue is filled, one more
analysis is refused (503, timed), and ``--reads`` reads of ``GET /api/v1/counts`` (read
cache off) are timed one after another while the big analysis is still running.

    .venv/bin/python benchmarks/bench_stall.py --db /tmp/stall.db
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "rt_2022-02-15_security-guarantees.txt"
QUOTE = '"We will not accept this," the minister said on Monday.'


async def run(db: str, chars: int, reads: int) -> None:
    from onrecord.corpus.ingest import ingest
    from onrecord.corpus.store import open_store
    from onrecord.web import Settings, create_app

    store = open_store(db)
    ingest([str(SAMPLE)], store, published="2022-02-16")
    settings = Settings(max_chars=chars, cache_seconds=0)
    app = create_app(settings, store=store)
    analyser = app.state.onrecord.analyser
    base = SAMPLE.read_text(encoding="utf-8")
    biggest = (base * (chars // len(base) + 1))[:chars]
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://127.0.0.1", timeout=3600
    ) as api:
        big = asyncio.create_task(api.post("/api/v1/analyze", json={"text": biggest}))
        queued = [
            asyncio.create_task(api.post("/api/v1/analyze", json={"text": QUOTE}))
            for _ in range(settings.analysis_queue)
        ]
        while analyser.admitted < 1 + settings.analysis_queue:
            await asyncio.sleep(0.01)
        started = time.perf_counter()
        refused = await api.post("/api/v1/analyze", json={"text": QUOTE})
        refused_ms = (time.perf_counter() - started) * 1000
        latencies = []
        for _ in range(reads):
            started = time.perf_counter()
            response = await api.get("/api/v1/counts")
            latencies.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
            await asyncio.sleep(0.05)
        running = not big.done()
        big_started = time.perf_counter()
        await asyncio.gather(big, *queued)
        print(
            f"analysis of {chars:,} characters running, {settings.analysis_queue} queued: "
            f"one more refused with {refused.status_code} in {refused_ms:.1f} ms; "
            f"{reads} reads of /api/v1/counts: median {statistics.median(latencies):.1f} ms, "
            f"max {max(latencies):.1f} ms (analysis still running after them: {running}; it "
            f"finished {time.perf_counter() - big_started:.0f} s later)"
        )
    analyser.close()
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--chars", type=int, default=500_000)
    parser.add_argument("--reads", type=int, default=50)
    args = parser.parse_args()
    if Path(args.db).exists():
        sys.exit(f"{args.db} exists; give a new file")
    asyncio.run(run(args.db, args.chars, args.reads))


if __name__ == "__main__":
    main()
