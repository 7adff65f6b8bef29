"""Web benchmark: the search page and the speaker page under 20 concurrent clients.

1. Makes sure the corpus holds at least 1,000 articles: the PolNeAR train and dev texts
   (924 files, 923 distinct texts), the sample article, and re-dated variant copies of
   PolNeAR dev articles (each with one added line, so a new text) from a second outlet,
   ingested with ``onrecord.corpus.ingest.ingest(..., workers=2)``. An existing database given
   with ``--db`` is reused; only what is missing is analysed.
2. Draws a pool of about 1,000 URLs from the corpus (fixed seed, so every run requests
   the same pool): search pages for 300 words spread from the most to the least common
   word of the quotes, some with a speech act, outlet, date range or speaker facet or a
   later page, quoted phrases, ``a OR b`` and ``a -b`` queries, unfiltered and facet-only
   pages; and the pages of the 100 most quoted speakers with their second and third
   pages of statements. At 150 pages/s for 30 s, a search URL is requested about 3 times
   and a speaker URL about 12.
3. For each ``--cache-seconds`` value (default: 0, the headline, then the server's default
   30): starts ``onrecord serve`` pinned to core 0 (``taskset -c 0``) on a free loopback
   port, warms it up (2 clients, 3 s), then runs 20 asyncio + httpx clients (this process,
   pinned to the other core when there is one) for 30 s, half of the requests for search
   pages and half for speaker pages, each client walking the shuffled pool from its own
   starting point; and reports, per page kind, requests, distinct URLs requested,
   requests/s, median and p95 latency and errors; and the server's CPU time per page
   (user + system, from /proc), which does not depend on what else the machine runs:
   over the load, and, without the cache, per page kind with every URL requested once
   by one client.

    python benchmarks/bench_web.py --db /tmp/bench_web.db [--seconds 30] [--clients 20]
        [--cache-seconds 0 30] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

from onrecord.corpus.ingest import ingest
from onrecord.corpus.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ONRECORD_SHARED", ROOT.parent / "shared"))
POLNEAR = SHARED / "corpora" / "polnear"
SAMPLE = ROOT / "examples" / "rt_2022-02-15_security-guarantees.txt"
TARGET = 1000
SEED = 20261127
SEARCH_WORDS = 300  # distinct words drawn from the corpus for search pages
TOP_SPEAKERS = 100  # speakers whose pages are requested
_WORD = re.compile(r"[^\W\d_]{4,}")


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


def corpus_sample(db: str) -> dict[str, Any]:
    """What the URL pool is drawn from, read from the corpus before the server starts:
    quote words with the number of quotes holding them, adjacent word pairs, statement
    months, outlets, speech acts in use and the most quoted speakers."""
    with open_store(db) as store:
        hits = store.search(limit=1_000_000).hits
        speakers = store.speakers(limit=TOP_SPEAKERS)
    frequency: Counter[str] = Counter()
    pairs: set[str] = set()
    for h in hits:
        words = [w.lower() for w in _WORD.findall(h.content)]
        frequency.update(set(words))
        pairs.update(f"{a} {b}" for a, b in itertools.pairwise(words))
    return {
        "words": frequency,
        "pairs": sorted(pairs),
        "months": sorted({h.date[:7] for h in hits if h.date and len(h.date) >= 7}),
        "outlets": sorted({h.outlet for h in hits if h.outlet}),
        "acts": sorted({h.speech_act for h in hits}),
        "speakers": [(s.id, s.quotes) for s in speakers],
    }


def spread(items: list[Any], count: int) -> list[Any]:
    """``count`` items taken at even steps through ``items`` (all of them if fewer)."""
    if len(items) <= count:
        return list(items)
    return [items[i * len(items) // count] for i in range(count)]


def search_urls(sample: dict[str, Any], rng: random.Random) -> list[str]:
    """Search pages: corpus words from the most to the least common, phrases, ``OR`` and
    ``-word`` queries, speech act / outlet / date / speaker facets alone and combined with
    words, later pages of the queries that have them."""
    frequency: Counter[str] = sample["words"]
    common = [w for w, n in frequency.most_common() if n >= 2]
    words = spread(common, SEARCH_WORDS)
    acts, outlets, months = sample["acts"], sample["outlets"], sample["months"]
    speakers = [sid for sid, _ in sample["speakers"]]

    def search(**params: Any) -> str:
        return f"/search?{httpx.QueryParams(params)}"

    def some_range() -> dict[str, str]:
        first = rng.randrange(len(months))
        last = min(len(months) - 1, first + rng.randrange(4))
        return {"since": months[first], "until": months[last]}

    pages: list[str] = []
    for word in words:
        pages.append(search(q=word))
        roll = rng.random()
        if roll < 0.25 and acts:
            pages.append(search(q=word, act=rng.choice(acts)))
        elif roll < 0.35 and outlets:
            pages.append(search(q=word, outlet=rng.choice(outlets)))
        elif roll < 0.45 and months:
            pages.append(search(q=word, **some_range()))
        elif roll < 0.55 and speakers:
            pages.append(search(q=word, speaker=rng.choice(speakers)))
        later = (frequency[word] - 1) // 20 + 1  # pages of 20 hits
        if later > 1:
            pages.append(search(q=word, page=rng.randint(2, min(later, 10))))
    for pair in rng.sample(sample["pairs"], min(60, len(sample["pairs"]))):
        pages.append(search(q=f'"{pair}"'))
    for a, b in zip(rng.sample(words, 40), rng.sample(words, 40), strict=True):
        pages.append(search(q=f"{a} OR {b}"))
        pages.append(search(q=f"{a} -{b}"))
    for number in range(1, 11):
        pages.append(search(page=number))
    pages += [search(act=act) for act in acts] + [search(outlet=o) for o in outlets]
    pages += [search(act=act, page=2) for act in acts]
    pages += [search(**some_range()) for _ in range(20) if months]
    for sid in speakers[:50]:
        pages.append(search(speaker=sid))
        if acts:
            pages.append(search(speaker=sid, act=rng.choice(acts)))
    return list(dict.fromkeys(pages))


def speaker_urls(sample: dict[str, Any]) -> list[str]:
    """The pages of the most quoted speakers, and the later pages of their statements
    (up to the third)."""
    pages: list[str] = []
    for sid, quoted in sample["speakers"]:
        pages.append(f"/speakers/{sid}")
        pages += [f"/speakers/{sid}?page={n}" for n in range(2, min(3, (quoted + 19) // 20) + 1)]
    return pages


async def load(
    base: str, pages: dict[str, list[str]], clients: int, seconds: float
) -> dict[str, list[tuple[str, float, bool]]]:
    results: dict[str, list[tuple[str, float, bool]]] = {kind: [] for kind in pages}
    stop = time.monotonic() + seconds
    # Alternate the kinds so each gets an equal share of the requests whatever its URL count.
    longest = max(len(urls_) for urls_ in pages.values())
    order = [(kind, urls_[i % len(urls_)]) for i in range(longest) for kind, urls_ in pages.items()]

    async def client(number: int) -> None:
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as http:
            step = number * len(order) // clients  # clients start spread over the pool
            while time.monotonic() < stop:
                kind, url = order[step % len(order)]
                step += 1
                started = time.perf_counter()
                try:
                    response = await http.get(url)
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                results[kind].append((url, time.perf_counter() - started, ok))

    await asyncio.gather(*(client(n) for n in range(clients)))
    return results


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def summary(rows: list[tuple[str, float, bool]], seconds: float) -> dict[str, Any]:
    times = [t for _, t, _ in rows]
    return {
        "requests": len(rows),
        "distinct_urls": len({url for url, _, _ in rows}),
        "per_second": round(len(rows) / seconds, 1),
        "median_ms": round(statistics.median(times) * 1000, 1) if times else None,
        "p95_ms": round(percentile(times, 0.95) * 1000, 1) if times else None,
        "errors": sum(1 for _, _, ok in rows if not ok),
    }


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process so far (Linux), else None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_per_page(base: str, pages: dict[str, list[str]], pid: int) -> dict[str, float | None]:
    """Server CPU ms per page of each kind: every URL of the pool requested once, one at a
    time, reading the server's CPU time around each kind's requests."""
    out: dict[str, float | None] = {}
    with httpx.Client(base_url=base, timeout=30) as http:
        for kind, urls_ in pages.items():
            before = cpu_seconds(pid)
            for url in urls_:
                http.get(url)
            after = cpu_seconds(pid)
            out[kind] = (
                round((after - before) * 1000 / len(urls_), 2)
                if before is not None and after is not None and urls_
                else None
            )
    return out


def run(
    db: str, pages: dict[str, list[str]], *, cache_seconds: float, clients: int, seconds: float
) -> dict[str, Any]:
    """One server, a short warm-up (2 clients, 3 s), then the measured load."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(db, port, cache_seconds)
    try:
        asyncio.run(load(base, pages, clients=2, seconds=3))
        load_average = round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None
        cpu_before = cpu_seconds(server.pid)  # taskset execs the server: same pid
        results = asyncio.run(load(base, pages, clients, seconds))
        cpu_after = cpu_seconds(server.pid)
        each_once = cpu_per_page(base, pages, server.pid) if cache_seconds <= 0 else None
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    report: dict[str, Any] = {"cache_seconds": cache_seconds, "load_average": load_average}
    for kind, rows in results.items():
        report[kind] = summary(rows, seconds)
    report["all"] = summary([row for rows in results.values() for row in rows], seconds)
    # CPU time per page is what the pages cost whatever else the machine runs; the
    # latencies also measure the wait for a core shared with other work.
    report["server_cpu_ms_per_request"] = (
        round((cpu_after - cpu_before) * 1000 / report["all"]["requests"], 2)
        if cpu_before is not None and cpu_after is not None and report["all"]["requests"]
        else None
    )
    report["server_cpu_ms_per_page_once"] = each_once
    return report


def print_report(report: dict[str, Any]) -> None:
    counts = report["corpus"]
    print(
        f"corpus: {counts['articles']} articles, {counts['quotes']} quotes, "
        f"{counts['speakers']} speakers; {report['clients']} clients for "
        f"{report['seconds']:g} s; URL pool: {report['urls']['search']} search pages, "
        f"{report['urls']['speaker']} speaker pages"
    )
    header = f"{'cache':<8}{'page':<9}{'requests':>9}{'urls':>6}{'req/s':>8}"
    print(header + f"{'median ms':>11}{'p95 ms':>9}{'errors':>8}")
    for run_ in report["runs"]:
        cache = "off" if run_["cache_seconds"] <= 0 else f"{run_['cache_seconds']:g} s"
        for kind in ("search", "speaker", "all"):
            row = run_[kind]
            print(
                f"{cache:<8}{kind:<9}{row['requests']:>9}{row['distinct_urls']:>6}"
                f"{row['per_second']:>8}{row['median_ms']:>11}{row['p95_ms']:>9}"
                f"{row['errors']:>8}"
            )
    for run_ in report["runs"]:
        cache = "off" if run_["cache_seconds"] <= 0 else f"{run_['cache_seconds']:g} s"
        print(
            f"cache {cache}: server CPU {run_['server_cpu_ms_per_request']} ms per page; "
            f"load average at start {run_['load_average']}"
        )
        once = run_["server_cpu_ms_per_page_once"]
        if once:
            print(
                f"cache {cache}, each URL once, one client: server CPU ms per page: "
                + ", ".join(f"{kind} {ms}" for kind, ms in once.items())
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="/tmp/onrecord-bench-web.db", help="SQLite file or URL")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2, help="ingest worker processes")
    parser.add_argument(
        "--cache-seconds",
        type=float,
        nargs="+",
        default=[0.0, 30.0],
        help="the server's read cache, one run per value (0: off); default: 0, then 30",
    )
    parser.add_argument("--json", dest="as_json", action="store_true", help="print JSON")
    args = parser.parse_args()

    counts = build_corpus(args.db, args.workers)
    if counts["articles"] < TARGET:
        sys.exit(f"only {counts['articles']} articles stored; the benchmark needs {TARGET}")
    sample = corpus_sample(args.db)
    rng = random.Random(SEED)
    pages = {"search": search_urls(sample, rng), "speaker": speaker_urls(sample)}
    for urls_ in pages.values():
        rng.shuffle(urls_)
    if hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) > 1:
        os.sched_setaffinity(0, {1})  # the load generator stays off the server's core
    report: dict[str, Any] = {
        "corpus": counts,
        "clients": args.clients,
        "seconds": args.seconds,
        "server": "onrecord serve pinned to core 0 (taskset -c 0)",
        "urls": {kind: len(urls_) for kind, urls_ in pages.items()},
        "runs": [
            run(args.db, pages, cache_seconds=c, clients=args.clients, seconds=args.seconds)
            for c in args.cache_seconds
        ],
    }
    if args.as_json:
        print(json.dumps(report, indent=2))
    else:
        print_report(report)


if __name__ == "__main__":
    main()
