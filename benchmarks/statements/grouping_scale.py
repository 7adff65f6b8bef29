"""Grouping cost per new article as the corpus grows (issue 13): 1k, 10k, 100k quotes.

    .venv/bin/python benchmarks/statements/grouping_scale.py [--sizes 1000 10000 100000]
        [--probe 25] [--db-dir DIR] [--pg postgresql+psycopg://...] [--json]

The corpus is synthetic (no spaCy: records are built directly, each valid against its
text): articles of ten direct quotes, "“...,” Name said.", by 2,000 speakers over two
years, a third of the quotes re-reports of a recent one (a word changed, or cut), so
statements have several reports as in real news. The corpus is stored through
``Store.add_articles`` in batches, exactly as ingest stores it, up to each size; there a
copy of the database gets ``--probe`` more articles one at a time, and the time spent in
grouping (``onrecord.corpus.store.statements.assign``, inside the article's transaction) and in
the whole store are taken per article. Medians are reported; the acceptance is < 50 ms of
grouping per article at 100k quotes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, make_url, text

from onrecord.corpus.store import Store, StoredArticle, open_store
from onrecord.corpus.store import statements as statement_store
from onrecord.record import (
    ArticleRecord,
    Cue,
    DateRef,
    Entity,
    Quote,
    SourceCount,
    SourceProfile,
    Sourcing,
    SpeakerRef,
    TextSpans,
)

QUOTES_PER_ARTICLE = 10
SPEAKERS = 2_000
DAYS = 730
RE_REPORT = 1 / 3
_SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ren",
    "tas",
    "vel",
    "dor",
    "an",
    "is",
    "ber",
    "got",
    "hun",
    "sel",
    "mar",
    "tin",
    "ov",
    "ek",
    "ra",
    "no",
    "lu",
]
_STOP = [
    "the",
    "a",
    "of",
    "to",
    "in",
    "and",
    "that",
    "we",
    "will",
    "not",
    "be",
    "is",
    "for",
    "on",
    "with",
    "our",
]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3)))


class Generator:
    """Deterministic synthetic articles."""

    def __init__(self, seed: int = 13) -> None:
        self.rng = random.Random(seed)
        self.vocabulary = sorted({_word(self.rng) for _ in range(6_000)})
        self.names = []
        for _ in range(SPEAKERS):
            first, last = _word(self.rng).title(), _word(self.rng).title() + "ski"
            self.names.append(f"{first} {last}")
        self.recent: list[tuple[str, int, int]] = []  # (content, speaker, day)
        self.count = 0

    def _content(self) -> tuple[str, int, int]:
        rng = self.rng
        if self.recent and rng.random() < RE_REPORT:
            said, speaker, day = rng.choice(self.recent[-500:])
            words = said.split()
            if rng.random() < 0.5:
                words[rng.randrange(len(words))] = rng.choice(self.vocabulary)
            else:
                words = words[: max(4, len(words) - 3)]
            return " ".join(words), speaker, day + rng.randint(0, 2)
        words = [
            rng.choice(_STOP) if rng.random() < 0.35 else rng.choice(self.vocabulary)
            for _ in range(rng.randint(8, 20))
        ]
        speaker = min(int(rng.paretovariate(1.2)) - 1, SPEAKERS - 1)  # a few speak a lot
        speaker = (speaker * 7919 + rng.randrange(3)) % SPEAKERS
        day = min(DAYS - 1, self.count * DAYS // 12_000) + rng.randint(0, 1)
        said = " ".join(words).capitalize()
        self.recent.append((said, speaker, day))
        return said, speaker, day

    def article(self) -> StoredArticle:
        self.count += 1
        doc_id = f"synthetic-{self.count:06d}"
        parts: list[str] = []
        quotes: list[Quote] = []
        entities: dict[int, Entity] = {}
        pos = 0
        dates: list[int] = []
        for n in range(QUOTES_PER_ARTICLE):
            said, speaker, day = self._content()
            dates.append(day)
            name = self.names[speaker]
            content = f"“{said},”"
            paragraph = f"{content} {name} said.\n\n"
            source = (pos + len(content) + 1, pos + len(content) + 1 + len(name))
            cue = (source[1] + 1, source[1] + 5)
            eid = f"e{len(entities) + 1}" if speaker not in entities else entities[speaker].id
            if speaker not in entities:
                entities[speaker] = Entity(
                    id=eid, type="PERSON", name=name, aliases=[name], titles=[],
                    affiliation=None, country=None, mentions=[source],
                )  # fmt: skip
            else:
                entities[speaker].mentions.append(source)
            quotes.append(
                Quote(
                    id=f"q{n + 1}", type="direct",
                    content=TextSpans(spans=[(pos, pos + len(content))], text=content),
                    cue=Cue(spans=[cue], text="said", lemma="say"),
                    source=TextSpans(spans=[source], text=name),
                    speaker=SpeakerRef(entity=eid, name=name, how="name"),
                    date=DateRef(value=_iso(day), text=_iso(day), spans=[]),
                    confidence=0.9,
                )
            )  # fmt: skip
            parts.append(paragraph)
            pos += len(paragraph)
        body = "".join(parts) + f"Reference {uuid.UUID(int=self.rng.getrandbits(128))}.\n"
        published = _iso(max(dates))
        people = list(entities.values())
        record = ArticleRecord(
            doc_id=doc_id, title=None, published=published, language="en",
            text_sha256=hashlib.sha256(body.encode("utf-8")).hexdigest(),
            quotes=quotes, entities=people, dates=[], boilerplate=[], headings=[],
            sourcing=Sourcing(
                distinct_sources=len(people),
                sources=[SourceProfile(name=e.name, entity=e.id, kind="official",
                                       affiliation=None, country=None, direct=1, reported=0)
                         for e in people],
                by_kind={"official": SourceCount(sources=len(people), direct=len(quotes),
                                                 reported=0)},
                by_country={}, by_affiliation={}, direct=len(quotes), reported=0,
                direct_share=1.0, unnamed=0, hedges=[],
            ),
        )  # fmt: skip
        return StoredArticle(record=record, text=body, origin=f"{doc_id}.txt", outlet="Synthetic")


def _iso(day: int) -> str:
    return (dt.date(2022, 1, 1) + dt.timedelta(days=day)).isoformat()


class Timer:
    """Time spent in statements.assign, per call."""

    def __init__(self) -> None:
        self.seconds: list[float] = []
        self._original: Callable[..., None] = statement_store.assign

    def __enter__(self) -> Timer:
        original = self._original

        def timed(*args: Any, **kwargs: Any) -> None:
            start = time.perf_counter()
            try:
                original(*args, **kwargs)
            finally:
                self.seconds.append(time.perf_counter() - start)

        statement_store.assign = timed
        return self

    def __exit__(self, *_exc: object) -> None:
        statement_store.assign = self._original


def probe(store: Store, gen: Generator, count: int) -> dict[str, float]:
    """Store ``count`` more articles one at a time; medians per article, in ms."""
    grouping: list[float] = []
    whole: list[float] = []
    for _ in range(count):
        article = gen.article()
        with Timer() as timer:
            start = time.perf_counter()
            store.add_articles([article])
            whole.append(time.perf_counter() - start)
        grouping.append(sum(timer.seconds))
    return {
        "grouping_ms_median": 1000 * statistics.median(grouping),
        "grouping_ms_p90": 1000 * sorted(grouping)[int(0.9 * (len(grouping) - 1))],
        "store_ms_median": 1000 * statistics.median(whole),
    }


class SqliteCorpus:
    def __init__(self, folder: Path) -> None:
        self.path = folder / "scale.db"

    def url(self) -> str:
        return str(self.path)

    def copy(self) -> str:
        target = self.path.with_name("probe.db")
        shutil.copy(self.path, target)
        return str(target)


class PostgresCorpus:
    """A schema of its own on the server, and copies of it (CREATE ... AS is not enough:
    the copy is the same rows stored again, by pg_dump-free SQL)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.schema = f"scale_{uuid.uuid4().hex[:8]}"
        self.admin = create_engine(base, isolation_level="AUTOCOMMIT")
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{self.schema}"'))

    def _url(self, schema: str) -> str:
        url = make_url(self.base).update_query_dict({"options": f"-csearch_path={schema}"})
        return url.render_as_string(hide_password=False)

    def url(self) -> str:
        return self._url(self.schema)

    def copy(self) -> str:
        # Postgres has no cheap schema copy: probe on the corpus itself (a few dozen
        # articles on top of N quotes), which is what the next ingest would do anyway.
        return self.url()

    def drop(self) -> None:
        with self.admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE'))
        self.admin.dispose()


def run(sizes: list[int], probes: int, corpus: Any, batch: int = 100) -> Iterator[dict[str, Any]]:
    gen = Generator()
    stored_quotes = 0
    with open_store(corpus.url()) as store:
        for size in sizes:
            start = time.perf_counter()
            while stored_quotes < size:
                articles = [gen.article() for _ in range(batch)]
                store.add_articles(articles)
                stored_quotes += sum(len(a.record.quotes) for a in articles)
            built = time.perf_counter() - start
            probe_gen = Generator(seed=1000 + size)
            probe_gen.recent = list(gen.recent)  # re-reports of what the corpus holds
            probe_gen.count = gen.count + 10_000_000
            with open_store(corpus.copy()) as copy:
                measured = probe(copy, probe_gen, probes)
            statements = store.statements(limit=1)
            yield {
                "quotes": stored_quotes,
                "build_seconds": round(built, 1),
                "probe_articles": probes,
                "largest_statement_reports": statements[0].reports if statements else 0,
                **{k: round(v, 2) for k, v in measured.items()},
            }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--probe", type=int, default=25, help="articles timed at each size")
    parser.add_argument("--db-dir", type=Path, help="where the SQLite files go (default: temp)")
    parser.add_argument("--pg", help="a PostgreSQL URL: measure there instead of SQLite")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    folder = args.db_dir or Path(tempfile.mkdtemp(prefix="onrecord-statements-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    corpus: Any = PostgresCorpus(args.pg) if args.pg else SqliteCorpus(folder)
    rows = []
    try:
        for row in run(sorted(args.sizes), args.probe, corpus):
            rows.append(row)
            if not args.json:
                print(
                    f"{row['quotes']:>7} quotes: grouping {row['grouping_ms_median']:.1f} ms "
                    f"per article (median; p90 {row['grouping_ms_p90']:.1f}), whole store "
                    f"{row['store_ms_median']:.1f} ms; built in {row['build_seconds']} s",
                    flush=True,
                )
    finally:
        if isinstance(corpus, PostgresCorpus):
            corpus.drop()
        elif args.db_dir is None:
            shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        print(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
