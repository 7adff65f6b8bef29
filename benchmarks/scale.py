"""Scale benchmark: ingest throughput with 1 and 2 workers, local engine and Ray, peak memory
per worker, bare spaCy parsing of the same texts, and how many machines a day of news needs.

    .venv/bin/python benchmarks/scale.py                       # PolNeAR train, everything
    .venv/bin/python benchmarks/scale.py --runs spacy local:1 local:2 --repeats 3
    .venv/bin/python benchmarks/scale.py --corpus ../shared/corpora/polnear/dev/text --runs ray:2

Every run is a fresh Python process, one after the other, so they do not share a model,
a page cache of imports or memory. What is timed:

- ``local:N``: ``onrecord.corpus.ingest.ingest(corpus, store, workers=N)`` into a new SQLite file,
  end to end: discover and read the files, hash them, load the model (in the worker
  processes for N > 1), analyse, write the records. The wall time of that one call.
- ``ray:N``: ``ingest_ray(corpus, store=..., workers=N)`` into a new SQLite file with N
  analysis actors, on a Ray instance started in that process with 2 CPUs before the clock
  starts (its start-up is reported apart); actor start-up and model loading are timed.
- ``spacy``: ``spacy.load(model)`` (not timed), then ``for doc in nlp.pipe(texts,
  batch_size=16)`` over the same texts the ingest reads, already in memory: the full default
  pipeline, nothing of onrecord.

Peak memory per worker is the RSS high-water mark of each analysing process: the pool's
worker processes for ``local:N`` with N > 1 (``getrusage(RUSAGE_CHILDREN)``, the largest
child), the ingesting process itself for ``local:1`` (it analyses in-process), each Ray
actor's ``VmHWM`` from ``/proc`` for ``ray:N``.

On a shared, noisy machine compare the ratios measured in the same invocation rather than
absolute seconds; with ``--repeats`` > 1 the medians are reported.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "corpora" / "polnear" / "train" / "text"
DAY = 100_000  # articles a day, for the projection
MACHINE = "2 cores, 24 GiB"
MACHINE_MEMORY_MB = 24 * 1024


# --- one run, in a process of its own --------------------------------------------------


def _texts(corpus: str) -> list[str]:
    from onrecord.text.inputs import InputItem, iter_inputs

    return [e.text for e in iter_inputs([corpus]) if isinstance(e, InputItem)]


def _run_spacy(corpus: str, batch_size: int) -> dict[str, Any]:
    import spacy

    from onrecord.pipeline.nlp import DEFAULT_MODEL

    texts = _texts(corpus)
    nlp = spacy.load(DEFAULT_MODEL)
    cpu = _cpu_seconds()
    started = time.perf_counter()
    tokens = 0
    for doc in nlp.pipe(texts, batch_size=batch_size):
        tokens += len(doc)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "cpu_seconds": _cpu_seconds() - cpu,
        "articles": len(texts),
        "tokens": tokens,
        "workers_mb": [_self_peak_mb()],
    }


def _run_local(corpus: str, workers: int, batch_size: int, folder: str) -> dict[str, Any]:
    from onrecord.corpus.ingest import ingest
    from onrecord.corpus.store import open_store

    with open_store(f"sqlite:///{folder}/local.db") as store:
        cpu = _cpu_seconds()
        started = time.perf_counter()
        summary = ingest([corpus], store, workers=workers, batch_size=batch_size)
        seconds = time.perf_counter() - started
        cpu = _cpu_seconds() - cpu  # the workers are reaped by now: their time counts
    if workers > 1:
        worker_mb = [resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024]
    else:
        worker_mb = [_self_peak_mb()]
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "articles": summary.progress.stored,
        "workers_mb": worker_mb,
        "driver_mb": _self_peak_mb(),
    }


def _run_ray(corpus: str, workers: int, batch_size: int, folder: str) -> dict[str, Any]:
    import ray

    from onrecord.corpus.engines.ray_engine import ingest_ray
    from onrecord.corpus.store import open_store

    started = time.perf_counter()
    ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.WARNING)
    startup = time.perf_counter() - started
    watcher = _ActorMemory("AnalysisActor")
    watcher.start()
    try:
        with open_store(f"sqlite:///{folder}/ray.db") as store:
            started = time.perf_counter()
            summary = ingest_ray([corpus], store=store, workers=workers, batch_size=batch_size)
            seconds = time.perf_counter() - started
    finally:
        watcher.stop()
        ray.shutdown()
    return {
        "seconds": seconds,
        "articles": summary.progress.stored,
        "workers_mb": watcher.peaks(),
        "driver_mb": _self_peak_mb(),
        "ray_start_s": startup,
    }


def _cpu_seconds() -> float:
    """CPU time (user + system) of this process and of its reaped children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _self_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class _ActorMemory(threading.Thread):
    """The RSS high-water mark (VmHWM) of every process whose command line names ``marker``
    (Ray names actor processes after their class), sampled until stopped."""

    def __init__(self, marker: str) -> None:
        super().__init__(daemon=True)
        self.marker = marker.encode()
        self.high: dict[int, float] = {}
        self.halt = threading.Event()

    def run(self) -> None:
        while not self.halt.wait(0.5):
            self.sample()

    def sample(self) -> None:
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                if self.marker not in Path(entry.path, "cmdline").read_bytes():
                    continue
                status = Path(entry.path, "status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    kb = float(line.split()[1])
                    pid = int(entry.name)
                    self.high[pid] = max(self.high.get(pid, 0.0), kb / 1024)

    def stop(self) -> None:
        self.sample()
        self.halt.set()
        self.join()

    def peaks(self) -> list[float]:
        return sorted(self.high.values(), reverse=True)


def child(config: str, corpus: str, batch_size: int, out: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        if config == "spacy":
            result = _run_spacy(corpus, batch_size)
        else:
            engine, workers = config.split(":")
            run = _run_local if engine == "local" else _run_ray
            result = run(corpus, int(workers), batch_size, folder)
    Path(out).write_text(json.dumps(result))


# --- the same records from both engines ------------------------------------------------


def compare_engines(corpus: str, workers: int) -> bool:
    """Ingest ``corpus`` with the local engine (1 worker) and with Ray (``workers`` actors,
    into Parquet and SQLite); say whether every record is the same, byte for byte."""
    import pyarrow.dataset as pads
    import ray
    from sqlalchemy import create_engine, text

    from onrecord.corpus.engines.ray_engine import ingest_ray
    from onrecord.corpus.ingest import ingest
    from onrecord.corpus.store import open_store

    def stored(url: str) -> dict[str, str]:
        engine = create_engine(url)
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT text_sha256, record_json FROM articles")).all()
        engine.dispose()
        return {digest: record for digest, record in rows}

    with tempfile.TemporaryDirectory() as folder:
        local_url, ray_url = f"sqlite:///{folder}/local.db", f"sqlite:///{folder}/ray.db"
        with open_store(local_url) as store:
            ingest([corpus], store)
        ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.WARNING)
        try:
            with open_store(ray_url) as store:
                ingest_ray([corpus], store=store, parquet_out=f"{folder}/records", workers=workers)
        finally:
            ray.shutdown()
        local, in_db = stored(local_url), stored(ray_url)
        table = pads.dataset(f"{folder}/records", partitioning="hive").to_table()
        in_parquet = dict(
            zip(table["text_sha256"].to_pylist(), table["record"].to_pylist(), strict=True)
        )
    differing = sorted(
        h for h in local if in_parquet.get(h) != local[h] or in_db.get(h) != local[h]
    )
    extra = (set(in_parquet) | set(in_db)) - set(local)
    quotes = sum(len(json.loads(r)["quotes"]) for r in local.values())
    print(
        f"{len(local)} records, {quotes} quotes from the local engine; Ray ({workers} actors): "
        f"{len(in_parquet)} in Parquet, {len(in_db)} in its database; "
        f"{len(differing)} differ, {len(extra)} not from the local engine"
    )
    for digest in differing[:5]:
        ours, theirs = json.loads(local[digest]), json.loads(in_parquet.get(digest) or "{}")
        fields = [key for key in ours if ours[key] != theirs.get(key)]
        print(f"  {ours['doc_id']}: {', '.join(fields)} differ")
    return not differing and not extra


# --- where the time goes ----------------------------------------------------------------


# (label, file suffix, function) of each stage the cProfile summary reports
STAGES = [
    ("whole ingest", "onrecord/corpus/ingest.py", "ingest"),
    ("spaCy pipeline (nlp.parse)", "onrecord/pipeline/nlp.py", "parse"),
    ("  of which the attribute ruler", "spacy/pipeline/attributeruler.py", "__call__"),
    ("analysis beyond spaCy (record_from_doc)", "onrecord/pipeline/analyzer.py", "record_from_doc"),
    ("  of which find_cues", "onrecord/pipeline/cues.py", "find_cues"),
    ("  of which find_dates", "onrecord/text/dates/finder.py", "find_dates"),
    ("language check (detect_language)", "onrecord/text/language.py", "detect_language"),
    ("storing (write.add_articles)", "onrecord/corpus/store/write.py", "add_articles"),
    ("  of which speaker linking", "onrecord/corpus/store/identity.py", "link_entity"),
    ("  of which quote sentences", "onrecord/corpus/store/sentences.py", "quote_sentence"),
]


def profile(corpus: str, batch_size: int) -> None:
    """Profile a 1-worker ingest (in this process, into a new SQLite file) and print where
    the time goes: pyinstrument's call tree if it is installed, else cProfile's cumulative
    seconds per stage (cProfile inflates Python-heavy code; compare runs of one kind).
    The model is loaded before the profiler starts."""
    from onrecord.corpus.ingest import ingest
    from onrecord.corpus.store import open_store
    from onrecord.pipeline import nlp

    nlp.load(None)
    with tempfile.TemporaryDirectory() as folder, open_store(f"sqlite:///{folder}/p.db") as store:
        try:
            from pyinstrument import Profiler
        except ImportError:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.enable()
            summary = ingest([corpus], store, batch_size=batch_size)
            profiler.disable()
            print(f"{summary.progress.stored} articles stored; cProfile, cumulative seconds:")
            stats: dict[Any, Any] = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
            for label, suffix, function in STAGES:
                seconds = sum(
                    entry[3]
                    for (path, _, name), entry in stats.items()
                    if path.endswith(suffix) and name == function
                )
                print(f"  {label:42} {seconds:7.2f}")
            return
        sampler = Profiler(interval=0.002)
        sampler.start()
        summary = ingest([corpus], store, batch_size=batch_size)
        sampler.stop()
    print(f"{summary.progress.stored} articles stored")
    print(sampler.output_text(unicode=False, color=False))


# --- the parent: runs, table, projection -----------------------------------------------


def _measure(config: str, corpus: str, batch_size: int) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        command = [sys.executable, __file__, "--child", config, "--corpus", corpus]
        command += ["--batch-size", str(batch_size), "--out", out.name]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        result: dict[str, Any] = json.loads(Path(out.name).read_text())
    result["rate"] = result["articles"] / result["seconds"]
    worst = max(result["workers_mb"], default=0.0)
    print(
        f"  {config:8} {result['seconds']:7.1f} s  {result['articles']} articles  "
        f"{result['rate']:.2f} articles/s  peak per worker {worst:.0f} MB",
        flush=True,
    )
    return result


def _median(results: list[dict[str, Any]], key: str) -> float:
    return float(statistics.median(r[key] for r in results))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(TRAIN))
    parser.add_argument(
        "--runs", nargs="+", default=["spacy", "local:1", "local:2", "ray:1", "ray:2"]
    )
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--json", help="Also write every number here.")
    parser.add_argument(
        "--compare-engines",
        action="store_true",
        help="Instead: check that Ray (2 actors) and the local engine give identical records.",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="Instead: profile a 1-worker ingest (pyinstrument if installed, else cProfile).",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if "test" in Path(args.corpus).parts:
        raise SystemExit("refusing to benchmark on a test split")
    if args.child:
        child(args.child, args.corpus, args.batch_size, args.out)
        return
    if args.profile:
        profile(args.corpus, args.batch_size)
        return
    if args.compare_engines:
        raise SystemExit(0 if compare_engines(args.corpus, workers=2) else 1)

    print(f"corpus {args.corpus}; {os.cpu_count()} CPUs; batch size {args.batch_size}")
    results: dict[str, list[dict[str, Any]]] = {config: [] for config in args.runs}
    for repeat in range(args.repeats):
        print(f"round {repeat + 1} of {args.repeats}", flush=True)
        for config in args.runs:  # interleaved: a slow patch hits every configuration
            results[config].append(_measure(config, args.corpus, args.batch_size))
    report(results)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


def report(results: dict[str, list[dict[str, Any]]]) -> None:
    rates = {config: _median(runs, "rate") for config, runs in results.items()}
    # articles per CPU-second: what a run costs, whatever else the machine was doing
    per_cpu = {
        config: statistics.median(r["articles"] / r["cpu_seconds"] for r in runs)
        for config, runs in results.items()
        if all("cpu_seconds" in r for r in runs)
    }
    print("\nmedians (x spacy: throughput over bare spaCy's; CPU: articles per CPU-second)")
    print(
        f"{'run':9} {'seconds':>8} {'art/s':>7} {'x 1 worker':>10} {'x spacy':>8} "
        f"{'x spacy CPU':>11} {'worker peak MB':>15}"
    )
    for config, runs in results.items():
        engine = config.split(":")[0]
        single = rates.get(f"{engine}:1")
        speedup = f"{rates[config] / single:.2f}" if single else "-"
        versus = f"{rates[config] / rates['spacy']:.2f}" if "spacy" in rates else "-"
        cpu = (
            f"{per_cpu[config] / per_cpu['spacy']:.2f}"
            if config in per_cpu and "spacy" in per_cpu
            else "-"
        )
        peak = max(max(r["workers_mb"], default=0.0) for r in runs)
        print(
            f"{config:9} {_median(runs, 'seconds'):8.1f} {rates[config]:7.2f} {speedup:>10} "
            f"{versus:>8} {cpu:>11} {peak:15.0f}"
        )
    best = max((c for c in rates if c != "spacy"), key=lambda c: rates[c], default=None)
    if best is None:
        return
    rate = rates[best]
    peak = max(max(r["workers_mb"], default=0.0) for r in results[best])
    per_day = rate * 86_400
    machines = math.ceil(DAY / per_day)
    print(
        f"\nprojection: {DAY:,} articles a day on machines of {MACHINE}, each running "
        f"{best}:\n  one machine ingests {rate:.2f} articles/s x 86,400 s = {per_day:,.0f} "
        f"articles a day,\n  so {DAY:,} / {per_day:,.0f} = {DAY / per_day:.2f} -> {machines} "
        f"machine(s), busy {DAY / rate / 3600:.1f} hours of the day;\n  memory: "
        f"{best.split(':')[-1]} worker(s) x {peak:.0f} MB peak = "
        f"{int(best.split(':')[-1]) * peak:,.0f} MB of {MACHINE_MEMORY_MB:,} MB, so CPU, "
        "not memory, bounds a machine"
    )


if __name__ == "__main__":
    main()
