"""Quality and speed of onrecord against bare spaCy and textacy, on one PolNeAR split.

One process, the same articles and the same spaCy model for every system:

- ``spacy``: a bare ``spacy.load(model)`` run with ``nlp.pipe`` over the texts -- the reference
  every throughput is divided by;
- ``onrecord``: ``onrecord.analyze_many`` over the articles, records built;
- ``textacy``: another bare ``spacy.load(model)``, run over the non-blank lines (paragraphs) of
  every text, with ``textacy.extract.triples.direct_quotations`` on each paragraph.

Each system is warmed up, then timed ``--repeats`` times, interleaved; medians are reported, and
throughput ratios against bare spaCy's median from the same process. Quality is the one-to-one
content, attribution and end-to-end scores of ``onrecord.evaluation.score`` on the "direct" and
"all" subsets. See benchmarks/README.md.

Run from the repository root::

    .venv/bin/python benchmarks/bench_quality_speed.py [--corpus DIR] [--limit N] [--json PATH]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from textacy.extract.triples import direct_quotations

import onrecord
from onrecord import Article, ArticleRecord
from onrecord.evaluation import (
    PRF,
    EvalQuote,
    GoldDoc,
    Ratio,
    SubsetScores,
    load_gold,
    predictions_from_records,
    score,
)
from onrecord.evaluation.model import normalize_spans
from onrecord.pipeline.nlp import DEFAULT_MODEL
from onrecord.pipeline.nlp import load as onrecord_load

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "polnear" / "dev"
SYSTEMS = ("spacy", "onrecord", "textacy")
SUBSETS = ("direct", "all")
BATCH_SIZE = 16
WARMUP_TEXTS = 3

Span = tuple[int, int]
Predictions = dict[str, list[EvalQuote]]


# --- textacy -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Triple:
    """One textacy direct quotation as character spans of the whole article."""

    content: Span
    source: Span
    cue: Span


@dataclass
class TextacyRun:
    """textacy's triples per article and what it had to skip."""

    triples: dict[str, list[Triple]] = field(default_factory=dict)
    paragraphs: int = 0
    skipped: int = 0
    docs_with_skips: set[str] = field(default_factory=set)


def paragraphs(text: str) -> list[tuple[str, int]]:
    """The non-blank lines of a text, each with the offset of its first character."""
    lines: list[tuple[str, int]] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((line, offset))
        offset += len(line) + 1
    return lines


def _char_span(tokens: Sequence[Any], offset: int) -> Span:
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return start + offset, end + offset


def run_textacy(nlp: Language, golds: Sequence[GoldDoc], batch_size: int) -> TextacyRun:
    """Parse every paragraph and extract its direct quotations; a paragraph whose quotation marks
    do not pair up (textacy raises ValueError) yields nothing and is counted as skipped."""
    run = TextacyRun(triples={g.doc_id: [] for g in golds})
    lines = ((line, (g.doc_id, offset)) for g in golds for line, offset in paragraphs(g.text))
    for doc, (doc_id, offset) in nlp.pipe(lines, as_tuples=True, batch_size=batch_size):
        run.paragraphs += 1
        try:
            found = list(direct_quotations(doc))
        except ValueError:
            run.skipped += 1
            run.docs_with_skips.add(doc_id)
            continue
        run.triples[doc_id].extend(
            Triple(
                content=(t.content.start_char + offset, t.content.end_char + offset),
                source=_char_span(t.speaker, offset),
                cue=_char_span(t.cue, offset),
            )
            for t in found
        )
    return run


def textacy_predictions(run: TextacyRun) -> Predictions:
    return {
        doc_id: [
            EvalQuote(
                content=normalize_spans([t.content]),
                cue=normalize_spans([t.cue]),
                source=normalize_spans([t.source]),
                type="direct",
            )
            for t in triples
        ]
        for doc_id, triples in run.triples.items()
    }


def whole_document_bailouts(docs: Sequence[Doc]) -> int:
    """How many whole documents textacy refuses (unpaired quotation marks), for the record."""
    bailed = 0
    for doc in docs:
        try:
            list(direct_quotations(doc))
        except ValueError:
            bailed += 1
    return bailed


# --- the other systems -------------------------------------------------------------------------


def run_spacy(nlp: Language, texts: Sequence[str], batch_size: int) -> list[Doc]:
    return list(nlp.pipe(texts, batch_size=batch_size))


def run_onrecord(articles: Sequence[Article], model: str, batch_size: int) -> list[ArticleRecord]:
    return list(onrecord.analyze_many(articles, model=model, batch_size=batch_size))


# --- timing ------------------------------------------------------------------------------------


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def peak_rss_mib() -> float:
    """Peak resident set size of this process (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def machine(nlp: Language, model: str) -> dict[str, Any]:
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        usable = os.cpu_count() or 0
    meta = nlp.meta
    return {
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpu_count": os.cpu_count(),
        "cpus_usable": usable,
        "python": platform.python_version(),
        "spacy": version("spacy"),
        "textacy": version("textacy"),
        "onrecord": onrecord.__version__,
        "model": model,
        "model_meta": f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')}",
    }


# --- quality -----------------------------------------------------------------------------------


def _num(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def quality_dict(scores: SubsetScores) -> dict[str, Any]:
    return {
        "gold": scores.gold,
        "pred": scores.pred,
        "content_1to1": scores.content_1to1.to_dict(),
        "attribution": scores.attribution.to_dict(),
        "end_to_end": scores.end_to_end.to_dict(),
    }


def _prf_cells(prf: PRF) -> list[str]:
    return [_num(prf.precision), _num(prf.recall), _num(prf.f1)]


def _ratio_cell(ratio: Ratio) -> str:
    return _num(ratio.value)


def table(rows: Sequence[Sequence[str]], header: Sequence[str], left: int = 1) -> str:
    """A plain-text table: the first ``left`` columns left-aligned, the rest right-aligned."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(
            c.ljust(w) if i < left else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ).rstrip()
        for r in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def quality_rows(reports: dict[str, dict[str, SubsetScores]]) -> list[list[str]]:
    rows = []
    for subset in SUBSETS:
        for system, by_subset in reports.items():
            s = by_subset[subset]
            rows.append(
                [
                    subset,
                    system,
                    str(s.gold),
                    str(s.pred),
                    *_prf_cells(s.content_1to1),
                    _ratio_cell(s.attribution),
                    *_prf_cells(s.end_to_end),
                ]
            )
    return rows


# --- main --------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_CORPUS,
        help="PolNeAR-style split directory (text/, attributions/); default: %(default)s",
    )
    parser.add_argument("--model", default=DEFAULT_MODEL, help="spaCy model (default: %(default)s)")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per system")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    parser.add_argument(
        "--batch-size", type=int, default=BATCH_SIZE, help="nlp.pipe batch size (default: 16)"
    )
    parser.add_argument("--json", type=Path, default=None, help="also write all numbers here")
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    if "test" in args.corpus.resolve().parts:
        parser.error("refusing a test split: benchmark on dev (or train) only")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    model: str = args.model
    batch_size: int = args.batch_size

    golds = load_gold(args.corpus)
    if args.limit is not None:
        golds = golds[: args.limit]
    texts = [g.text for g in golds]
    articles = [Article(text=g.text, doc_id=g.doc_id, published=g.published) for g in golds]

    # Three separate pipelines: onrecord's loader adds a component and changes tokenizer rules
    # on the pipeline it returns, so the bare ones come from spacy.load themselves.
    load_seconds: dict[str, float] = {}
    load_seconds["spacy"], bare = timed(lambda: spacy.load(model))
    load_seconds["textacy"], textacy_nlp = timed(lambda: spacy.load(model))
    load_seconds["onrecord"], onrecord_nlp = timed(lambda: onrecord_load(model))
    assert bare is not onrecord_nlp and textacy_nlp is not onrecord_nlp
    assert bare.pipe_names == textacy_nlp.pipe_names

    info = machine(bare, model)
    print("onrecord quality/speed benchmark")
    print(
        f"machine: {info['platform']}, {info['processor']}, {info['cpu_count']} CPUs "
        f"({info['cpus_usable']} usable), Python {info['python']}"
    )
    print(
        f"spaCy {info['spacy']}, textacy {info['textacy']}, onrecord {info['onrecord']}; "
        f"model {model} ({info['model_meta']})"
    )

    runners: dict[str, Callable[[int], Any]] = {
        "spacy": lambda n: run_spacy(bare, texts[:n], batch_size),
        "onrecord": lambda n: run_onrecord(articles[:n], model, batch_size),
        "textacy": lambda n: run_textacy(textacy_nlp, golds[:n], batch_size),
    }
    for system in SYSTEMS:  # warm-up
        runners[system](WARMUP_TEXTS)

    seconds: dict[str, list[float]] = {system: [] for system in SYSTEMS}
    predictions: dict[str, list[Predictions]] = {"onrecord": [], "textacy": []}
    spacy_docs: list[Doc] = []
    textacy_run = TextacyRun()
    for repeat in range(args.repeats):
        for system in SYSTEMS:
            elapsed, result = timed(partial(runners[system], len(golds)))
            seconds[system].append(elapsed)
            print(f"  run {repeat + 1}/{args.repeats} {system:<8} {elapsed:8.2f} s", flush=True)
            if system == "spacy" and repeat == 0:
                spacy_docs = result
            elif system == "onrecord":
                predictions["onrecord"].append(predictions_from_records(result))
            elif system == "textacy":
                textacy_run = result
                predictions["textacy"].append(textacy_predictions(result))
            del result

    n_docs = len(golds)
    n_tokens = sum(len(doc) for doc in spacy_docs)
    n_chars = sum(len(t) for t in texts)
    bailouts = whole_document_bailouts(spacy_docs)
    del spacy_docs
    unstable = [s for s, runs in predictions.items() if any(r != runs[0] for r in runs[1:])]

    medians = {system: statistics.median(seconds[system]) for system in SYSTEMS}
    speed: dict[str, dict[str, Any]] = {}
    for system in SYSTEMS:
        median = medians[system]
        per_round = [
            spacy_s / s for spacy_s, s in zip(seconds["spacy"], seconds[system], strict=True)
        ]
        speed[system] = {
            "seconds": seconds[system],
            "median_seconds": median,
            "min_seconds": min(seconds[system]),
            "articles_per_second": n_docs / median,
            "tokens_per_second": n_tokens / median,
            "throughput_vs_spacy": medians["spacy"] / median,
            "throughput_vs_spacy_per_round": per_round,
            "load_seconds": load_seconds[system],
        }

    reports: dict[str, dict[str, SubsetScores]] = {
        system: score(golds, runs[-1], subsets=SUBSETS).subsets
        for system, runs in predictions.items()
    }
    rss = peak_rss_mib()

    print(
        f"corpus: {args.corpus} -- {n_docs} articles, {n_tokens:,} spaCy tokens, "
        f"{n_chars:,} chars; {args.repeats} interleaved repeats, batch size {batch_size}"
    )
    print()
    print(f"speed (median of {args.repeats}; x spacy = median throughput / bare spaCy's)")
    speed_rows = [
        [
            system,
            f"{s['median_seconds']:.2f}",
            f"{s['min_seconds']:.2f}",
            f"{s['articles_per_second']:.2f}",
            f"{s['tokens_per_second']:,.0f}",
            f"{s['throughput_vs_spacy']:.2f}",
            f"{s['load_seconds']:.1f}",
        ]
        for system, s in speed.items()
    ]
    print(
        table(
            speed_rows,
            ["system", "median s", "min s", "articles/s", "tokens/s", "x spacy", "load s"],
        )
    )
    print(f"peak RSS (whole process, three pipelines loaded): {rss:,.0f} MiB")
    print()
    print('quality ("direct": content contains a quotation mark; 1:1 = Dice >= 0.5)')
    print(
        table(
            quality_rows(reports),
            ["subset", "system", "gold", "pred", "1:1 P", "R", "F1", "attr", "e2e P", "R", "F1"],
            left=2,
        )
    )
    print()
    print("notes:")
    print(
        f"- textacy ran per paragraph: {textacy_run.paragraphs:,} non-blank lines parsed, "
        f"{textacy_run.skipped} skipped for unpaired quotation marks (ValueError) in "
        f"{len(textacy_run.docs_with_skips)} of {n_docs} articles; on whole documents it "
        f"refuses {bailouts} of {n_docs}. Per paragraph is the generous setting."
    )
    print(
        "- textacy extracts direct quotations only; its 'all' scores count it against every quote."
    )
    if unstable:
        print(f"- predictions differed between repeats for: {', '.join(unstable)}")

    if args.json is not None:
        out = {
            "machine": info,
            "config": {
                "corpus": str(args.corpus),
                "model": model,
                "repeats": args.repeats,
                "limit": args.limit,
                "batch_size": batch_size,
                "warmup_texts": WARMUP_TEXTS,
            },
            "corpus": {"articles": n_docs, "tokens": n_tokens, "chars": n_chars},
            "speed": speed,
            "peak_rss_mib": rss,
            "quality": {
                system: {subset: quality_dict(by_subset[subset]) for subset in SUBSETS}
                for system, by_subset in reports.items()
            },
            "textacy": {
                "paragraphs": textacy_run.paragraphs,
                "paragraphs_skipped": textacy_run.skipped,
                "articles_with_skipped_paragraphs": sorted(textacy_run.docs_with_skips),
                "whole_document_bailouts": bailouts,
            },
            "predictions_unstable_across_repeats": unstable,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
        print(f"- numbers written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
