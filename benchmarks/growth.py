"""Growth benchmark: does every stage of the analysis take time linear in the input?

For each input shape (hostile and ordinary), texts of N, 2N and 4N words are analysed
stage by stage, and each stage's time ratio from N to 2N and from 2N to 4N is reported
beside bare spaCy's on the same texts. A linear stage doubles (ratio about 2); a
quadratic one quadruples. A ratio above ``--limit`` (2.3) is a failure and the script
exits with 1.

    .venv/bin/python benchmarks/growth.py                     # all shapes, ~10 minutes
    .venv/bin/python benchmarks/growth.py --shapes oneliner --words 5000 --repeat 5
    .venv/bin/python benchmarks/growth.py --big 80000 400000  # the one-liner vs bare spaCy

``--repeat K`` (default 3) analyses every size of every shape K times, in K interleaved
rounds (N, 2N, 4N, N, 2N, 4N, ...), so that a slow patch on a shared machine hits every size
rather than one, and reports the median of the K runs for every stage, for bare spaCy and for
the whole analysis: the ratios are ratios of medians. ``--repeat 1`` is a single run per
size. ``--big`` runs are single runs whatever ``--repeat`` says.

The stages are those of ``onrecord.pipeline.analyzer.record_from_doc``, timed one by one (see
``staged``); the record they build is the one ``onrecord.analyze`` returns.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any, TypeVar

import spacy

from onrecord.article import Article
from onrecord.lexicon import Lexicon, default_lexicon
from onrecord.pipeline import nlp as spacy_layer
from onrecord.pipeline.acts import speech_act
from onrecord.pipeline.analyzer import _unanalysed, chosen_names
from onrecord.pipeline.assemble import (
    build_entities,
    build_quotes,
    build_record,
    entity_ids,
    text_of,
)
from onrecord.pipeline.cues import find_cues
from onrecord.pipeline.entity_building import build_entities as find_entities
from onrecord.pipeline.occasions import OccasionFinder
from onrecord.pipeline.quotes.extractor import extract
from onrecord.pipeline.quotes.reported import frame_for
from onrecord.pipeline.sourcing import sourcing_profile
from onrecord.pipeline.speakers import SpeakerResolver, infer_genders, note_source_mentions
from onrecord.record import ArticleRecord, DateMention
from onrecord.text.clean import find_layout
from onrecord.text.dates import find_dates
from onrecord.text.language import ENGLISH, detect_language
from onrecord.text.marks import pair_quotes
from onrecord.text.read import check_text

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent / "examples" / "rt_2022-02-15_security-guarantees.txt"
STAGES = (
    "read",
    "clean",
    "parse",
    "marks",
    "cues",
    "frames",
    "extract",
    "entities",
    "speakers",
    "occasions+dates",
    "acts",
    "sourcing",
    "assemble",
    "store",
)
PURE = frozenset({"read", "clean", "marks", "cues", "frames", "extract", "acts", "sourcing"})
T = TypeVar("T")

# --- input shapes -------------------------------------------------------------------------

_WORDS = [
    "war",
    "NATO",
    "peace",
    "the",
    "minister",
    "talks",
    "Moscow",
    "Washington",
    "plan",
    "security",
    "troops",
]
_CUES = [
    "said",
    "told",
    "says",
    "added",
    "stressed",
    "warned",
    "according",
    "to",
    "noted",
    "claimed",
]
_NAMES = ["Sergei Lavrov", "Joe Biden", "Jens Stoltenberg", "Antony Blinken", "Maria Zakharova"]
_TITLES = ["President", "Foreign Minister", "Secretary General", "Senator", "the spokeswoman"]
_DATES = [
    "on February 15",
    "Two days earlier",
    "December last year",
    "on Monday",
    "2022-02-15",
    "last week",
    "15 February 2022",
    "in March",
    "the next day",
    "on 12/03/2021",
    "yesterday",
]


def _oneliner(rng: random.Random, words: int) -> str:
    """One line without full stops, full of quotation marks and cue words."""
    pool = [*_WORDS, *_CUES, "he", "she", "“", "”", '"', "“Yes,”", "“No", "it”,", ",", "—"]
    return " ".join(rng.choice(pool) for _ in range(words))


def _open_marks(rng: random.Random, words: int) -> str:
    """Opening marks each followed by a word, never closed: '“word “said “NATO ...'."""
    pool = [*_WORDS, *_CUES, "he"]
    return " ".join("“" + rng.choice(pool) for _ in range(words))


def _short_lines(rng: random.Random, words: int) -> str:
    """Many short lines: captions, credits, one-word paragraphs, quotes across lines."""
    lines: list[str] = []
    count = 0
    pool = [*_WORDS, *_CUES, "“", "”", "Photo:", "©", "Reuters", "he said", "“Yes,”"]
    while count < words:
        n = rng.randint(1, 5)
        lines.append(" ".join(rng.choice(pool) for _ in range(n)))
        count += n
    return "\n".join(lines)


def _nested_marks(rng: random.Random, words: int) -> str:
    """One paragraph of nested and unbalanced marks of every family."""
    marks = list("\"'“”„«»‘’‚‹›`")
    pool = [*_WORDS, *_CUES, "he"]
    out: list[str] = []
    for _ in range(words):
        word = rng.choice(pool)
        if rng.random() < 0.4:
            word = rng.choice(marks) + word
        if rng.random() < 0.4:
            word += rng.choice(marks)
        if rng.random() < 0.05:
            word += "."
        out.append(word)
    return " ".join(out)


def _names_titles(rng: random.Random, words: int) -> str:
    """Thousands of names and titles, some of them saying things."""
    out: list[str] = []
    count = 0
    while count < words:
        title, name = rng.choice(_TITLES), rng.choice(_NAMES)
        if rng.random() < 0.3:
            name = f"{name}{rng.randint(0, 999)}"  # distinct people
        piece = rng.choice(
            [
                f"{title} {name}, ",
                f"{name}, the {title.lower()} of Russia, said ",
                f"“We agree,” {title} {name} said. ",
                f"{name} told {rng.choice(_NAMES)} ",
                f"he and {name} and the minister ",
            ]
        )
        out.append(piece)
        count += len(piece.split())
    return "".join(out)


def _dates(rng: random.Random, words: int) -> str:
    """Thousands of date expressions, a few of them on statements."""
    out: list[str] = []
    count = 0
    while count < words:
        piece = rng.choice(
            [
                f"{rng.choice(_DATES)}, ",
                f"{rng.choice(_NAMES)} said {rng.choice(_DATES)} that talks would go on. ",
                f"“We met {rng.choice(_DATES)},” he said {rng.choice(_DATES)}. ",
            ]
        )
        out.append(piece)
        count += len(piece.split())
    return "".join(out)


def _said_list(rng: random.Random, words: int) -> str:
    """A long list of 'X said' sentences, direct and reported, on one paragraph."""
    out: list[str] = []
    count = 0
    while count < words:
        name = rng.choice([*_NAMES, "He", "She", "The minister", "Officials"])
        piece = rng.choice(
            [
                f"{name} said the plan would work. ",
                f"“The plan is dead,” {name} said. ",
                f"{name} said: “We will not move.” ",
                f"{name} said so. ",
                f"{name} said the plan would cost more, and said it was a sham. ",
            ]
        )
        out.append(piece)
        count += len(piece.split())
    return "".join(out)


def _table(rng: random.Random, words: int) -> str:
    """A huge table-like text of numbers and punctuation."""
    lines: list[str] = []
    count = 0
    while count < words:
        cells = [
            rng.choice(
                [
                    str(rng.randint(0, 99999)),
                    f"{rng.random() * 100:.2f}%",
                    f"({rng.randint(1, 9)})",
                    "-",
                    "—",
                    f"${rng.randint(1, 999)},{rng.randint(100, 999)}",
                    '"',
                ]
            )
            for _ in range(8)
        ]
        lines.append(" | ".join(cells))
        count += 15
    return "\n".join(lines)


def _sample(_rng: random.Random, words: int) -> str:
    """The sample article, repeated."""
    sample = SAMPLE.read_text(encoding="utf-8")
    text = "\n\n".join([sample] * (words // len(sample.split()) + 1))
    cut = [m.start() for m in re.finditer(r"\S+", text)][words - 1 : words]
    return text[: text.find(" ", cut[0]) if cut and " " in text[cut[0] :] else len(text)]


SHAPES: dict[str, Callable[[random.Random, int], str]] = {
    "oneliner": _oneliner,
    "open_marks": _open_marks,
    "short_lines": _short_lines,
    "nested_marks": _nested_marks,
    "names_titles": _names_titles,
    "dates": _dates,
    "said_list": _said_list,
    "table": _table,
    "sample": _sample,
}


def shape_text(shape: str, words: int, seed: int = 16) -> str:
    return SHAPES[shape](random.Random(seed), words)


# --- the analysis, stage by stage ----------------------------------------------------------


def _timed(times: dict[str, float], stage: str, work: Callable[[], T]) -> T:
    """Run ``work`` and add its seconds to ``times[stage]``. A pure stage that takes under
    0.2 s is run again (up to 5 times) and its fastest run kept, so small stages are not
    judged on noise."""
    gc.collect()
    best = float("inf")
    spent = 0.0
    runs = 0
    while True:
        start = time.perf_counter()
        result = work()
        seconds = time.perf_counter() - start
        best = min(best, seconds)
        spent += seconds
        runs += 1
        if stage not in PURE or spent >= 0.2 or runs >= 5:
            break
    times[stage] = times.get(stage, 0.0) + best
    return result


def staged(
    text: str, nlp: Any, lexicon: Lexicon, *, published: str | None = None, store: Any = None
) -> tuple[ArticleRecord, dict[str, float]]:
    """``onrecord.analyze`` of one text, every stage timed (see ``api.record_from_doc``)."""
    times: dict[str, float] = {}
    article = Article(text=text, doc_id="growth", published=published)
    _timed(times, "read", lambda: check_text(text, origin="growth"))

    def clean() -> tuple[Any, str, str]:
        layout = find_layout(text, lexicon)
        language, _why = detect_language(text, lexicon.function_words)
        return layout, language, layout.parser_text(text) if language == ENGLISH else ""

    layout, language, parsed = _timed(times, "clean", clean)
    doc, _ = _timed(
        times, "parse", lambda: next(spacy_layer.parse(nlp, [(parsed, None)], batch_size=16))
    )
    if language != ENGLISH:
        return _unanalysed(article, layout, language, lexicon), times
    headings = set(layout.headings)
    paragraphs = [p for p in layout.paragraphs if p not in headings]
    quoted = _timed(times, "marks", lambda: pair_quotes(text, paragraphs))
    # cues and frames again on their own (extract computes them too, inside its time)
    starts = spacy_layer.token_starts(doc)
    inside = [False] * len(doc)
    for quote in quoted:
        first = max(0, _bisect(starts, quote.start) - 1)
        for i in range(first, min(len(doc), _bisect(starts, quote.end - 1))):
            inside[i] = True
    cues = _timed(times, "cues", lambda: find_cues(doc, lexicon, inside))
    _timed(times, "frames", lambda: [frame_for(doc, cue, lexicon) for cue in cues])
    raw = _timed(times, "extract", lambda: extract(doc, quoted, lexicon))

    def entities() -> Any:
        index = find_entities(doc, lexicon)
        return index.with_genders(infer_genders(doc, index, lexicon))

    index = _timed(times, "entities", entities)

    def speakers() -> tuple[Any, Any]:
        resolver = SpeakerResolver(doc, index, lexicon)
        found = resolver.resolve_all(raw)
        index.add_source_mentions(note_source_mentions(doc, raw, found, index, lexicon))
        index.set_names(chosen_names(index, text))
        return resolver, found

    resolver, speakers_found = _timed(times, "speakers", speakers)

    def occasions() -> tuple[Any, Any]:
        skip = [*layout.boilerplate, *layout.headings]
        dates = find_dates(text, article.published, skip=skip)
        return dates, OccasionFinder(doc, index, resolver, lexicon, dates).find(raw, speakers_found)

    dates, found_occasions = _timed(times, "occasions+dates", occasions)
    _timed(
        times,
        "acts",
        lambda: [
            speech_act(
                q.cue.pattern.act if q.cue else None,
                q.cue.pattern.plover if q.cue else None,
                text_of(text, q.content),
                o.venue_noun,
                lexicon,
            )
            for q, o in zip(raw, found_occasions, strict=True)
        ],
    )

    def token_span(tokens: tuple[int, int]) -> tuple[int, int]:
        return (doc[tokens[0]].idx, doc[tokens[1]].idx + len(doc[tokens[1]].text))

    def assemble() -> tuple[Any, Any]:
        referenced = {s.entity for s in speakers_found if s.entity is not None}
        referenced |= {
            o.addressee.entity
            for o in found_occasions
            if o.addressee and o.addressee.entity is not None
        }
        ids = entity_ids(index, referenced)
        quotes = build_quotes(
            text, raw, speakers_found, found_occasions, token_span, ids, index, lexicon
        )
        return quotes, build_entities(index, ids)

    quotes, entity_list = _timed(times, "assemble", assemble)
    profile = _timed(
        times, "sourcing", lambda: sourcing_profile(text, quotes, entity_list, lexicon)
    )

    def record() -> ArticleRecord:
        title = text[layout.title[0] : layout.title[1]].strip() if layout.title else None
        return build_record(
            text=text,
            doc_id="growth",
            title=title,
            published=published,
            language=language,
            quotes=quotes,
            entities=entity_list,
            dates=[
                DateMention(text=d.text, spans=[(d.start, d.end)], value=d.value)
                for d in dates
                if d.value is not None
            ],
            boilerplate=layout.boilerplate,
            headings=layout.headings,
            source_profile=profile,
        )

    result = _timed(times, "assemble", record)
    if store is not None:
        from onrecord.corpus.store import StoredArticle

        _timed(
            times,
            "store",
            lambda: store.add_articles([StoredArticle(record=result, text=text, origin="growth")]),
        )
    return result, times


def _bisect(starts: list[int], offset: int) -> int:
    import bisect

    return bisect.bisect_right(starts, offset)


def bare_spacy(nlp: Any, text: str) -> float:
    """Seconds bare spaCy takes over the text, in the pieces onrecord parses (spaCy refuses
    a text over a million characters)."""
    pieces = spacy_layer.split_text(text) if len(text) > spacy_layer.CHUNK_CHARS else [text]
    gc.collect()
    start = time.perf_counter()
    for _doc in nlp.pipe(pieces, batch_size=16):
        pass
    return time.perf_counter() - start


# --- the runs -----------------------------------------------------------------------------


def _stores() -> Generator[Any, None, None]:
    from onrecord.corpus.store import open_store

    with tempfile.TemporaryDirectory(prefix="onrecord-growth-") as folder:
        number = 0
        while True:
            number += 1
            with open_store(f"sqlite:///{folder}/growth{number}.db") as store:
                yield store


def run_shape(
    shape: str,
    words: int,
    nlp: Any,
    bare: Any,
    lexicon: Lexicon,
    stores: Generator[Any, None, None],
    repeat: int = 3,
) -> dict[str, Any]:
    """Analyse N, 2N and 4N words of ``shape`` ``repeat`` times, in interleaved rounds, and
    keep every run and, per size, the median of each stage, of bare spaCy and of the total."""
    sizes = [words, 2 * words, 4 * words]
    texts = {size: shape_text(shape, size) for size in sizes}
    runs: dict[int, list[dict[str, Any]]] = {size: [] for size in sizes}
    for round_ in range(1, repeat + 1):
        for size in sizes:
            text = texts[size]
            spacy_s = bare_spacy(bare, text)
            store = next(stores)
            start = time.perf_counter()
            record, times = staged(text, nlp, lexicon, published="2022-02-16", store=store)
            total = time.perf_counter() - start
            runs[size].append(
                {"spacy": spacy_s, "total": total, "stages": times, "quotes": len(record.quotes)}
            )
            print(
                f"  {shape} {size} words ({len(text)} chars), run {round_}/{repeat}: "
                f"bare spaCy {spacy_s:.2f}s, onrecord {total:.2f}s ({total / spacy_s:.2f}x), "
                f"{len(record.quotes)} quotes",
                flush=True,
            )
    rows: list[dict[str, Any]] = []
    for size in sizes:
        done = runs[size]
        rows.append(
            {
                "words": size,
                "chars": len(texts[size]),
                "quotes": done[-1]["quotes"],
                "spacy": statistics.median(r["spacy"] for r in done),
                "total": statistics.median(r["total"] for r in done),
                "stages": {
                    stage: statistics.median(r["stages"].get(stage, 0.0) for r in done)
                    for stage in STAGES
                },
                "runs": done,
            }
        )
    return {"shape": shape, "repeat": repeat, "rows": rows}


def _ratios(values: list[float]) -> list[float]:
    return [b / a if a > 0 else float("inf") for a, b in itertools.pairwise(values)]


def report(results: list[dict[str, Any]], limit: float, floor: float) -> bool:
    """Print the ratio table; True when every judged ratio is within the limit. A stage
    whose time at 4N is under ``floor`` seconds is shown but not judged (noise)."""
    ok = True
    names = ["spacy", "total", *STAGES]
    repeats = sorted({r.get("repeat", 1) for r in results})
    print(
        f"\nTime ratio on doubling (N->2N, 2N->4N) of the median of {'/'.join(map(str, repeats))}"
        f" runs; * = over {limit}; () = under {floor}s"
    )
    header = f"{'stage':<16}" + "".join(f"{r['shape']:>22}" for r in results)
    print(header)
    for name in names:
        cells = []
        for result in results:
            rows = result["rows"]
            if name in ("spacy", "total"):
                values = [row[name] for row in rows]
            else:
                values = [row["stages"].get(name, 0.0) for row in rows]
            ratios = _ratios(values)
            judged = values[-1] >= floor and name != "spacy"
            bad = judged and max(ratios) > limit
            ok = ok and not bad
            text = "/".join(f"{r:.2f}" for r in ratios)
            text = f"({text})" if not judged and name != "spacy" else text
            cells.append(f"{text + ('*' if bad else ''):>22}")
        print(f"{name:<16}" + "".join(cells))
    print(
        f"{'x spacy at 4N':<16}"
        + "".join(f"{r['rows'][-1]['total'] / r['rows'][-1]['spacy']:>22.2f}" for r in results)
    )
    return ok


def run_big(sizes: list[int], nlp: Any, bare: Any, lexicon: Lexicon) -> list[dict[str, Any]]:
    """The one-liner at the given sizes: onrecord.analyze vs bare spaCy."""
    import onrecord

    out = []
    for words in sizes:
        text = shape_text("oneliner", words)
        spacy_s = bare_spacy(bare, text)
        gc.collect()
        start = time.perf_counter()
        record = onrecord.analyze(text, doc_id="big", published="2022-02-16")
        total = time.perf_counter() - start
        out.append({"words": words, "chars": len(text), "spacy": spacy_s, "onrecord": total})
        print(
            f"oneliner {words} words ({len(text)} chars): bare spaCy {spacy_s:.1f}s, "
            f"onrecord.analyze {total:.1f}s = {total / spacy_s:.2f}x, "
            f"{len(record.quotes)} quotes",
            flush=True,
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shapes", nargs="*", default=list(SHAPES), choices=list(SHAPES))
    parser.add_argument("--words", type=int, default=5000, help="N, in words")
    parser.add_argument("--limit", type=float, default=2.3)
    parser.add_argument("--floor", type=float, default=0.05)
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs per size (interleaved rounds); the median of each stage is reported",
    )
    parser.add_argument("--big", type=int, nargs="*", default=[], help="one-liner sizes")
    parser.add_argument("--model", default=spacy_layer.DEFAULT_MODEL)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    nlp = spacy_layer.load(args.model)
    bare = spacy.load(args.model)
    lexicon = default_lexicon()
    warm = shape_text("sample", 100)
    staged(warm, nlp, lexicon)
    bare_spacy(bare, warm)

    stores = _stores()
    results = []
    if args.shapes and not args.big:
        for shape in args.shapes:
            results.append(run_shape(shape, args.words, nlp, bare, lexicon, stores, args.repeat))
    ok = report(results, args.limit, args.floor) if results else True
    big = run_big(args.big, nlp, bare, lexicon) if args.big else []
    stores.close()
    if args.json is not None:
        args.json.write_text(json.dumps({"shapes": results, "big": big}, indent=1))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
