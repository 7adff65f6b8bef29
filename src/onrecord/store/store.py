"""The corpus store: one object over SQLite or PostgreSQL.

Every method runs in one transaction of its own: a write either happens whole or not
at all, and a read sees one consistent state of the corpus.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from onrecord.record import ArticleRecord
from onrecord.store import corrections, export, identity, write
from onrecord.store import query as queries
from onrecord.store.connection import (
    backend_of,
    describe,
    make_engine,
    mask,
    normalize_url,
    reading,
    writing,
)
from onrecord.store.errors import StoreError
from onrecord.store.migrations import migrate
from onrecord.store.models import (
    FailureRow,
    QuoteHit,
    SpeakerExplanation,
    SpeakerRow,
    StoredArticle,
)


def open_store(url: str | None = None, *, echo: bool = False) -> Store:
    """Open (creating and migrating if needed) the corpus database at ``url``.

    ``url`` is None (``onrecord.db`` in the current directory), a file path, a
    ``sqlite:///`` URL or a ``postgresql://`` URL (driven by psycopg 3).
    """
    parsed = normalize_url(url)
    masked = mask(parsed)
    backend = backend_of(parsed)
    hint = (
        "check the path and that its directory exists"
        if backend == "sqlite"
        else "check the URL and that the server is running"
    )
    try:
        engine = make_engine(parsed, echo=echo)
    except (SQLAlchemyError, ImportError) as err:
        raise StoreError(f"cannot open database {masked}: {describe(err)}; {hint}") from err
    try:
        with writing(engine) as conn:
            migrate(conn, where=f"the database {masked}")
    except StoreError:
        engine.dispose()
        raise
    except SQLAlchemyError as err:
        engine.dispose()
        reason = describe(err)
        if "not a database" in reason:
            hint = "the file is not a SQLite database; give an onrecord corpus or a new file name"
        raise StoreError(f"cannot open database {masked}: {reason}; {hint}") from err
    return Store(engine, url=masked, backend=backend)


class Store:
    """A corpus of analysed articles: store them, search their quotes, curate speakers."""

    def __init__(self, engine: Engine, *, url: str, backend: str) -> None:
        self._engine = engine
        self.url = url
        self.backend = backend

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._engine.dispose()

    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        try:
            yield
        except SQLAlchemyError as err:
            raise StoreError(f"{action} failed on {self.url}: {describe(err)}") from err

    # --- writing ---------------------------------------------------------------------------

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Which of these text hashes (``record.text_sha256``) are stored."""
        with self._guard("looking up stored texts"), reading(self._engine) as conn:
            return write.known_hashes(conn, hashes)

    def add_articles(self, articles: Sequence[StoredArticle]) -> int:
        """Store a batch in one transaction, skipping texts already stored (also repeats
        within the batch), and link the speakers; return how many articles were new."""
        if not articles:
            return 0
        with self._guard("storing articles"), writing(self._engine) as conn:
            return write.add_articles(conn, articles)

    def add_failures(self, failures: Sequence[tuple[str, str]]) -> None:
        """Record (origin, reason) of inputs that could not be stored; one row per origin."""
        with self._guard("recording failures"), writing(self._engine) as conn:
            write.add_failures(conn, failures)

    def resolve_failures(self, origins: Iterable[str]) -> None:
        """Mark these origins as no longer failing."""
        with self._guard("resolving failures"), writing(self._engine) as conn:
            write.resolve_failures(conn, origins)

    # --- reading ---------------------------------------------------------------------------

    def failures(self) -> list[FailureRow]:
        with self._guard("listing failures"), reading(self._engine) as conn:
            return queries.failure_rows(conn)

    def counts(self) -> dict[str, int]:
        """Numbers of articles, quotes, speakers and unresolved failures."""
        with self._guard("counting"), reading(self._engine) as conn:
            return queries.counts(conn)

    def article(self, doc_id: str) -> tuple[ArticleRecord, str] | None:
        """The record and text of an article (the latest stored, if several share the id)."""
        with self._guard("reading an article"), reading(self._engine) as conn:
            return queries.article(conn, doc_id)

    def search(
        self,
        text: str | None = None,
        *,
        speaker: int | str | None = None,
        act: str | None = None,
        since: str | None = None,
        until: str | None = None,
        outlet: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> list[QuoteHit]:
        """Quotes, newest statement first. ``text`` is a full-text query over quote content
        (words, "a phrase", a OR b, -word); the other filters narrow it down."""
        filters = queries.Filters(text, speaker, act, since, until, outlet)
        with self._guard("searching"), reading(self._engine) as conn:
            return queries.search(conn, filters, limit=limit, offset=offset)

    def speakers(self, *, query: str | None = None, limit: int = 50) -> list[SpeakerRow]:
        """Corpus speakers, most quoted first; ``query`` matches names and aliases."""
        with self._guard("listing speakers"), reading(self._engine) as conn:
            return queries.speaker_rows(conn, query=query, limit=limit)

    def speaker(self, speaker: int | str) -> SpeakerRow:
        """One speaker by id, name or alias."""
        with self._guard("reading a speaker"), reading(self._engine) as conn:
            return queries.speaker_row(conn, identity.resolve_speaker(conn, speaker))

    def timeline(self, speaker: int | str, *, limit: int | None = None) -> list[QuoteHit]:
        """A speaker's quotes in the order they were made, oldest first."""
        with self._guard("reading a timeline"), reading(self._engine) as conn:
            return queries.timeline(conn, speaker, limit=limit)

    def export(self, fmt: str, out: BinaryIO | str | Path, **filters: Any) -> int:
        """Write the quotes that pass the filters (those of :meth:`search`) as ``jsonl``,
        ``csv`` or ``parquet``, one row per quote; return the number of rows."""
        chosen = queries.filters_from(filters)
        with self._guard("exporting"), reading(self._engine) as conn:
            return export.export(conn, fmt, out, chosen)

    # --- corrections -----------------------------------------------------------------------

    def merge_speakers(self, keep: int | str, other: int | str) -> SpeakerRow:
        """Make ``other`` the same speaker as ``keep``, now and for articles stored later."""
        with self._guard("merging speakers"), writing(self._engine) as conn:
            keep_id = identity.resolve_speaker(conn, keep)
            other_id = identity.resolve_speaker(conn, other)
            corrections.merge(conn, keep_id, other_id)
            return queries.speaker_row(conn, keep_id)

    def split_speaker(self, speaker: int | str, alias: str) -> SpeakerRow:
        """Move ``alias`` (and the article entities that carry it) to a new speaker, now
        and for articles stored later; return the new speaker."""
        with self._guard("splitting a speaker"), writing(self._engine) as conn:
            speaker_id = identity.resolve_speaker(conn, speaker)
            new_id = corrections.split(conn, speaker_id, alias)
            return queries.speaker_row(conn, new_id)

    def explain_speaker(self, speaker: int | str) -> SpeakerExplanation:
        """A speaker's aliases and titles, and the rule that linked each article entity."""
        with self._guard("explaining a speaker"), reading(self._engine) as conn:
            return corrections.explain(conn, identity.resolve_speaker(conn, speaker))
