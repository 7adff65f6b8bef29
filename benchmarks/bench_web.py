"""Web benchmark: the search page and the speaker page under 20 concurrent clients.

1. Makes sure the corpus holds at least 1,000 articles: the PolNeAR train and dev texts
   (924 files, 923 distinct texts), the sample article, and re-dated variant copies of
   PolNeAR dev articles (each with one added line, so a new text) from a second outlet,
   ingested with ``onrecord.ingest.ingest(..., workers=2)``. An existing database given
   with ``--db`` is reused; only what is missing is analysed.
2. Starts ``onrecord serve`` pinned to core 0 (``taskset -c 0``) on a free loopback port.
3. Runs 20 asyncio + httpx clients (this process, pinned to the other core when there is
   one) for 30 s against a mix of search pages (words, facets, later pages) and speaker
   pages of the most quoted speakers, and reports median / p95 latency and errors.

    python benchmarks/bench_web.py --db /tmp/bench_web.db [--seconds 30] [--clients 20]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from onrecord.ingest import ingest
from onrecord.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ONRECORD_SHARED", ROOT.parent / "shared"))
POLNEAR = SHARED / "corpora" / "polnear"
SAMPLE = ROOT / "examples" / "rt_2022-02-15_security-guarantees.txt"
TARGET = 1000
WORDS = [
    "Trump", "Clinton", "tax", "emails", "campaign", "immigration", "security", "debate",
    "polls", "economy", "Obama", "wall", "jobs", "voters", "Russia", "Sanders", "trade",
    "\"health care\"", "police OR guns", "president -Trump",
]  # fmt: skip
ACTS = ["statement", "denial", "criticism", "warning", "prediction"]


def build_corpus(db: str, workers: int) -> dict[str, int]:
    with open_store(db) as store:
        have = store.counts()["articles"]
        if have >= TARGET:
            return store.counts()
        texts = sorted((POLNEAR / "train" / "text").glob("*.txt")) + sorted(
            (POLNEAR / "dev" / "text").glob("*.txt")
        )
        if not texts:
            sys.exit(f"PolNeAR texts not found under {POLNEAR}; set ONRECORD_SHARED")
        dev = sorted((POLNEAR / "dev" / "text").glob("*.txt"))
        with tempfile.TemporaryDirectory() as folder:
            feed = Path(folder) / "variants.jsonl"
            lines = [
                {
                    "id": SAMPLE.stem,
                    "text": SAMPLE.read_text(encoding="utf-8"),
                    "published": "2022-02-16",
                    "outlet": "RT",
                }
            ]
            # Enough variants to pass TARGET even if some texts were stored before.
            for number in range(TARGET - len(texts) + 4):
                source = dev[number % len(dev)]
                month, day = 1 + number % 12, 1 + number % 28
                lines.append(
                    {
                        "id": f"{source.stem}-copy{number}",
                        "text": source.read_text(encoding="utf-8")
                        + f"\n\n(Republished on 2017-{month:02d}-{day:02d}.)\n",
                        "published": f"2017-{month:02d}-{day:02d}",
                        "outlet": "Variant Wire",
                    }
                )
            feed.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
            started = time.monotonic()
            summary = ingest(
                [str(POLNEAR / "train" / "text"), str(POLNEAR / "dev" / "text"), str(feed)],
                store,
                workers=workers,
                published_from_metadata=True,
            )
            took = time.monotonic() - started
        progress = summary.progress
        print(
            f"ingest: {progress.stored} stored, {progress.skipped} already stored, "
            f"{progress.failed} failed in {took:.0f} s",
            file=sys.stderr,
        )
        return store.counts()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(db: str, port: int, cache_seconds: float) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "onrecord", "serve", "--db", db, "--port", str(port)]
    command += ["--cache-seconds", str(cache_seconds)]
    if shutil.which("taskset"):
        command = ["taskset", "-c", "0", *command]
    env = {**os.environ}
    env.pop("ONRECORD_TOKEN", None)  # the benchmark only reads
    server = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/counts", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        if server.poll() is not None:
            sys.exit("the server exited at start; run `onrecord serve --db ...` to see why")
        time.sleep(0.2)
    server.terminate()
    sys.exit("the server did not answer within 30 s")


def urls(base: str) -> tuple[list[str], list[str]]:
    speakers = httpx.get(f"{base}/api/v1/speakers", params={"limit": 20}, timeout=30).json()
    speaker_pages = [f"/speakers/{s['id']}" for s in speakers]
    search_pages = ["/search", "/search?page=3"]
    for number, word in enumerate(WORDS):
        query = httpx.QueryParams({"q": word})
        search_pages.append(f"/search?{query}")
        if number % 2 == 0:
            act = ACTS[number % len(ACTS)]
            search_pages.append(f"/search?{httpx.QueryParams({'q': word, 'act': act})}")
        if number % 3 == 0:
            search_pages.append(f"/search?{httpx.QueryParams({'q': word, 'page': 2})}")
    for speaker in speakers[:5]:
        search_pages.append(f"/search?{httpx.QueryParams({'speaker': speaker['id']})}")
    search_pages.append(f"/search?{httpx.QueryParams({'since': '2016-06', 'until': '2016-09'})}")
    search_pages.append(f"/search?{httpx.QueryParams({'outlet': 'Variant Wire'})}")
    return search_pages, speaker_pages


async def load(
    base: str, pages: dict[str, list[str]], clients: int, seconds: float
) -> dict[str, list[tuple[float, bool]]]:
    results: dict[str, list[tuple[float, bool]]] = {kind: [] for kind in pages}
    stop = time.monotonic() + seconds
    mix = [(kind, url) for kind, urls_ in pages.items() for url in urls_]
    # Alternate the two kinds so each gets half the requests whatever its URL count.
    order = [item for pair in zip(*[[(k, u) for u in pages[k]] for k in pages], strict=False)
             for item in pair] or mix  # fmt: skip

    async def client(number: int) -> None:
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as http:
            step = number
            while time.monotonic() < stop:
                kind, url = order[step % len(order)]
                step += clients
                started = time.perf_counter()
                try:
                    response = await http.get(url)
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                results[kind].append((time.perf_counter() - started, ok))

    await asyncio.gather(*(client(n) for n in range(clients)))
    return results


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="/tmp/onrecord-bench-web.db", help="SQLite file or URL")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2, help="ingest worker processes")
    parser.add_argument(
        "--cache-seconds", type=float, default=30.0, help="the server's read cache (0: off)"
    )
    parser.add_argument("--json", dest="as_json", action="store_true", help="print JSON")
    args = parser.parse_args()

    counts = build_corpus(args.db, args.workers)
    if counts["articles"] < TARGET:
        sys.exit(f"only {counts['articles']} articles stored; the benchmark needs {TARGET}")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(args.db, port, args.cache_seconds)
    try:
        if hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) > 1:
            os.sched_setaffinity(0, {1})  # the load generator stays off the server's core
        search_pages, speaker_pages = urls(base)
        pages = {"search": search_pages, "speaker": speaker_pages}
        asyncio.run(load(base, pages, clients=2, seconds=3))  # warm up caches
        results = asyncio.run(load(base, pages, args.clients, args.seconds))
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    report: dict[str, Any] = {
        "corpus": counts,
        "clients": args.clients,
        "seconds": args.seconds,
        "server": "onrecord serve pinned to core 0 (taskset -c 0)",
        "cache_seconds": args.cache_seconds,
    }
    every: list[float] = []
    errors = 0
    for kind, rows in results.items():
        times = [t for t, _ in rows]
        failed = sum(1 for _, ok in rows if not ok)
        every += times
        errors += failed
        report[kind] = {
            "requests": len(rows),
            "median_ms": round(statistics.median(times) * 1000, 1) if times else None,
            "p95_ms": round(percentile(times, 0.95) * 1000, 1) if times else None,
            "errors": failed,
            "urls": len(pages[kind]),
        }
    report["all"] = {
        "requests": len(every),
        "per_second": round(len(every) / args.seconds, 1),
        "median_ms": round(statistics.median(every) * 1000, 1) if every else None,
        "p95_ms": round(percentile(every, 0.95) * 1000, 1) if every else None,
        "errors": errors,
    }
    if args.as_json:
        print(json.dumps(report, indent=2))
        return
    print(
        f"corpus: {counts['articles']} articles, {counts['quotes']} quotes, "
        f"{counts['speakers']} speakers; {args.clients} clients for {args.seconds:g} s"
    )
    print(f"{'page':<10}{'requests':>10}{'median ms':>11}{'p95 ms':>9}{'errors':>8}")
    for kind in ("search", "speaker", "all"):
        row = report[kind]
        print(
            f"{kind:<10}{row['requests']:>10}{row['median_ms']:>11}{row['p95_ms']:>9}"
            f"{row['errors']:>8}"
        )
    print(f"throughput: {report['all']['per_second']} pages/s")


if __name__ == "__main__":
    main()
