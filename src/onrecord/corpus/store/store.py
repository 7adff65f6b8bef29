"""The corpus store: one object over SQLite or PostgreSQL.

Every method runs in one transaction of its own: a write either happens whole or not
at all, and a read sees one consistent state of the corpus.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO, TypeVar

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from onrecord.corpus.store import (
    browse,
    corrections,
    export,
    identity,
    quote_corrections,
    write,
)
from onrecord.corpus.store import query as queries
from onrecord.corpus.store import statements as statement_store
from onrecord.corpus.store.connection import (
    BUSY,
    BUSY_TIMEOUT,
    CONNECTION_LOST,
    DISK_FULL,
    READ_ONLY,
    backend_of,
    describe,
    failure_kind,
    make_engine,
    mask,
    normalize_url,
    reading,
    writing,
)
from onrecord.corpus.store.errors import (
    ConnectionLostError,
    DatabaseBusyError,
    DatabaseFullError,
    DatabaseReadOnlyError,
    StoreError,
)
from onrecord.corpus.store.migrations import migrate
from onrecord.corpus.store.models import (
    FailureRow,
    QuoteHit,
    SpeakerExplanation,
    SpeakerRow,
    StoredArticle,
    StoreOutcome,
)
from onrecord.corpus.store.quote_corrections import QuoteCorrection
from onrecord.lexicon import Lexicon, default_lexicon
from onrecord.record import ArticleRecord
from onrecord.statements.model import Statement, StatementRow

T = TypeVar("T")
logger = logging.getLogger("onrecord.corpus.store")

# Seconds to wait before each new attempt when the connection to the server is lost:
# five attempts over 15 s in all, enough for a server restart.
RETRY_DELAYS: tuple[float, ...] = (1.0, 2.0, 4.0, 8.0)


def store_error(
    action: str,
    url: str,
    backend: str,
    err: SQLAlchemyError,
    *,
    writes: bool = False,
    attempts: int = 1,
    waited: float = 0.0,
) -> StoreError:
    """The error a user sees when ``action`` failed on the database at ``url``: what went
    wrong and, for the failures a user can act on, what to do."""
    reason = describe(err)
    kind = failure_kind(err, writes=writes)
    failed = f"{action} in {url} failed"
    if kind == READ_ONLY:
        if backend == "sqlite":
            return DatabaseReadOnlyError(
                f"{failed}: the database is read-only ({reason}); nothing was written; make "
                "the database file and its folder writable for this user (SQLite also writes "
                "-wal and -shm files next to it), or use a database you can write to"
            )
        return DatabaseReadOnlyError(
            f"{failed}: the database refuses writes ({reason}); nothing was written; connect "
            "as a user who may write to it, to a server that is not a read-only standby, "
            "and without default_transaction_read_only"
        )
    if kind == DISK_FULL:
        where = (
            "the disk that holds the database file (or move the database to a disk with room)"
            if backend == "sqlite"
            else "the database server's disk"
        )
        return DatabaseFullError(
            f"{failed}: the disk is full ({reason}); nothing was written; free space on {where}"
        )
    if kind == BUSY:
        return DatabaseBusyError(
            f"{failed}: another writer held the database's lock for too long ({reason}); "
            "nothing was written; try again when the other write (an ingest, a merge) is done"
        )
    if kind == CONNECTION_LOST:
        tried = (
            f" and did not come back after {attempts} attempts over {waited:g} s"
            if attempts > 1
            else ""
        )
        return ConnectionLostError(
            f"{failed}: the connection to the database server was lost{tried} ({reason}); "
            "check that the server is running and reachable"
        )
    return StoreError(f"{action} failed on {url}: {reason}")


def open_store(
    url: str | None = None,
    *,
    echo: bool = False,
    busy_timeout: float = BUSY_TIMEOUT,
    lexicon: Lexicon | None = None,
) -> Store:
    """Open (creating and migrating if needed) the corpus database at ``url``.

    ``url`` is None (``onrecord.db`` in the current directory), a file path, a
    ``sqlite:///`` URL or a ``postgresql://`` URL (driven by psycopg 3). A SQLite write
    waits up to ``busy_timeout`` seconds for another writer's lock, then fails with
    :class:`DatabaseBusyError`. ``lexicon``'s transliteration rules key the speakers'
    names (default: the packaged lexicons, and those in ``ONRECORD_LEXICON_PATH``).
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
        engine = make_engine(parsed, echo=echo, busy_timeout=busy_timeout)
    except (SQLAlchemyError, ImportError) as err:
        raise StoreError(f"cannot open database {masked}: {describe(err)}; {hint}") from err
    identity.key_names_with(engine, lexicon if lexicon is not None else default_lexicon())
    try:
        with writing(engine) as conn:
            migrate(conn, where=f"the database {masked}")
    except StoreError:
        engine.dispose()
        raise
    except SQLAlchemyError as err:
        engine.dispose()
        if failure_kind(err, writes=True) in (READ_ONLY, DISK_FULL, BUSY):
            raise store_error("opening the database", masked, backend, err, writes=True) from err
        reason = describe(err)
        if "not a database" in reason:
            hint = "the file is not a SQLite database; give an onrecord corpus or a new file name"
        raise StoreError(f"cannot open database {masked}: {reason}; {hint}") from err
    return Store(engine, url=masked, backend=backend)


class Store:
    """A corpus of analysed articles: store them, search their quotes, curate speakers.

    Reads and the idempotent writes of an ingest (articles, failures) are tried again, a
    few times with growing pauses, when the connection to the database server is lost;
    each new attempt is announced through :attr:`on_retry` (by default a warning on the
    ``onrecord.corpus.store`` logger).
    """

    def __init__(self, engine: Engine, *, url: str, backend: str) -> None:
        self._engine = engine
        self.url = url
        self.backend = backend
        self.on_retry: Callable[[str], None] = logger.warning

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
    def _guard(self, action: str, *, writes: bool = False) -> Iterator[None]:
        try:
            yield
        except SQLAlchemyError as err:
            raise store_error(action, self.url, self.backend, err, writes=writes) from err

    def _run(self, action: str, work: Callable[[Connection], T], *, writes: bool = False) -> T:
        """``work`` in a transaction of its own, run again (from the start, in a new
        transaction) while the connection to the server is lost and attempts remain; only
        for work that may safely run twice."""
        waited = 0.0
        for attempt in range(1, len(RETRY_DELAYS) + 2):
            try:
                with (writing if writes else reading)(self._engine) as conn:
                    result = work(conn)
            except SQLAlchemyError as err:
                lost = failure_kind(err, writes=writes) == CONNECTION_LOST
                if not lost or attempt > len(RETRY_DELAYS):
                    raise store_error(
                        action,
                        self.url,
                        self.backend,
                        err,
                        writes=writes,
                        attempts=attempt,
                        waited=waited,
                    ) from err
                delay = RETRY_DELAYS[attempt - 1]
                self.on_retry(
                    f"{action}: lost the connection to the database server ({describe(err)}); "
                    f"trying again in {delay:g} s (attempt {attempt + 1} of "
                    f"{len(RETRY_DELAYS) + 1})"
                )
                time.sleep(delay)
                waited += delay
                continue
            if attempt > 1:
                self.on_retry(f"{action}: the connection is back; going on")
            return result
        raise AssertionError("unreachable")  # pragma: no cover

    # --- writing ---------------------------------------------------------------------------

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Which of these text hashes (``record.text_sha256``) are stored."""
        wanted = list(hashes)
        return self._run("looking up stored texts", lambda conn: write.known_hashes(conn, wanted))

    def stored_hashes(self) -> set[str]:
        """The text hashes of every stored article."""
        return self._run("looking up stored texts", write.all_hashes)

    def add_articles(self, articles: Sequence[StoredArticle]) -> int:
        """Store a batch in one transaction, skipping texts already stored (also repeats
        within the batch), and link the speakers; return how many articles were new.
        See :meth:`store_articles`."""
        return sum(outcome.new for outcome in self.store_articles(articles))

    def store_articles(
        self, articles: Sequence[StoredArticle], *, reanalysed: bool = False
    ) -> list[StoreOutcome]:
        """:meth:`add_articles`, saying what became of each article: stored (under its
        doc_id, or under ``doc_id-2``, ``-3``, ... when another stored article has that id:
        doc ids are unique in the store), or skipped as a text already stored.

        A batch whose connection was lost is stored again, whole, in a new transaction
        (texts stored by a commit the connection lost before confirming are skipped).

        ``reanalysed``: an article whose text is stored is a re-analysis of it: its record
        replaces the stored one, keeping the doc_id and the users' corrections (speaker
        merges and splits, and quote corrections); see :func:`write.replace_article`."""
        if not articles:
            return []
        if reanalysed:
            return self._run(
                "re-analysing articles",
                lambda conn: write.add_articles(conn, articles, reanalysed=True),
                writes=True,
            )
        return self._run(
            "storing articles", lambda conn: write.add_articles(conn, articles), writes=True
        )

    def stored_inputs(self, *, after: int = 0, limit: int = 256) -> list[write.StoredInput]:
        """Stored articles, by storage order from row id ``after`` on: what a re-analysis
        of the stored texts reads."""
        return self._run(
            "reading stored texts",
            lambda conn: write.stored_inputs(conn, after=after, limit=limit),
        )

    def add_failures(self, failures: Sequence[tuple[str, str]]) -> None:
        """Record (origin, reason) of inputs that could not be stored; one row per origin."""
        self._run(
            "recording failures", lambda conn: write.add_failures(conn, failures), writes=True
        )

    def resolve_failures(self, origins: Iterable[str]) -> None:
        """Mark these origins as no longer failing."""
        chosen = list(origins)
        self._run(
            "resolving failures", lambda conn: write.resolve_failures(conn, chosen), writes=True
        )

    # --- reading ---------------------------------------------------------------------------

    def failures(self) -> list[FailureRow]:
        return self._run("listing failures", queries.failure_rows)

    def counts(self) -> dict[str, int]:
        """Numbers of articles, quotes, speakers and unresolved failures."""
        return self._run("counting", queries.counts)

    def article(self, doc_id: str) -> tuple[ArticleRecord, str] | None:
        """The record and text of the article ``doc_id``."""
        return self._run("reading an article", lambda conn: queries.article(conn, doc_id))

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
        count: bool = False,
    ) -> browse.HitPage:
        """A page of quotes, newest statement first. ``text`` is a full-text query over
        quote content (words, "a phrase", a OR b, -word); the other filters (the fields of
        :class:`Filters`) narrow it down. ``count``: also count the quotes that pass the
        filters over all pages (``total``; None without it), in the same transaction."""
        filters = queries.Filters(text, speaker, act, since, until, outlet)
        return self._run(
            "searching",
            lambda conn: browse.hit_page(conn, filters, limit=limit, offset=offset, count=count),
        )

    def speakers(self, *, query: str | None = None, limit: int = 50) -> list[SpeakerRow]:
        """Corpus speakers, most quoted first; ``query`` matches names and aliases."""
        return self._run(
            "listing speakers", lambda conn: queries.speaker_rows(conn, query=query, limit=limit)
        )

    def speaker(self, speaker: int | str) -> SpeakerRow:
        """One speaker by id, name or alias."""
        return self._run(
            "reading a speaker",
            lambda conn: queries.speaker_row(conn, identity.resolve_speaker(conn, speaker)),
        )

    def timeline(self, speaker: int | str, *, limit: int | None = None) -> list[QuoteHit]:
        """A speaker's quotes in the order they were made, oldest first."""
        return self._run(
            "reading a timeline", lambda conn: queries.timeline(conn, speaker, limit=limit)
        )

    # --- statements across reports ---------------------------------------------------------

    def statements(
        self,
        *,
        speaker: int | str | None = None,
        since: str | None = None,
        drift_only: bool = False,
        min_reports: int = 1,
        limit: int = 50,
        offset: int = 0,
    ) -> list[StatementRow]:
        """Statements (quotes of one utterance grouped across articles), most reported
        first; ``drift_only``: those whose versions differ (see onrecord.statements)."""
        chosen = statement_store.StatementFilters(speaker, since, drift_only, min_reports)
        return self._run(
            "listing statements",
            lambda conn: statement_store.statement_rows(conn, chosen, limit=limit, offset=offset),
        )

    def statement(self, statement_id: int) -> Statement | None:
        """One statement with its reports in time order and its drift flags."""
        return self._run(
            "reading a statement", lambda conn: statement_store.statement(conn, statement_id)
        )

    def trace(self, ref: str) -> Statement | None:
        """The statement the quote ``ref`` ("doc_id#q3") is in; None for a quote stored
        before statements were kept. Raises :class:`UnknownQuoteError` for an unknown ref."""

        def work(conn: Connection) -> Statement | None:
            found = statement_store.statement_of(conn, ref)
            return None if found is None else statement_store.statement(conn, found)

        return self._run("tracing a quote", work)

    def statement_ids(self, doc_id: str) -> dict[str, int]:
        """The statement of each quote of the article ``doc_id``, by quote id ("q3")."""
        return self._run(
            "reading statements", lambda conn: statement_store.statement_ids(conn, doc_id)
        )

    # --- browsing (the web reader) ----------------------------------------------------------

    def facets(self, filters: queries.Filters, *, top: int = 10) -> browse.Facets:
        """How the quotes that pass ``filters`` divide by speaker, speech act and outlet."""
        return self._run("counting facets", lambda conn: browse.facets(conn, filters, top=top))

    def activity(self, speaker_id: int) -> tuple[list[browse.ActivityCell], int]:
        """A speaker's quotes by statement date and speech act, and how many are undated."""
        return self._run("reading activity", lambda conn: browse.activity(conn, speaker_id))

    def mentioned_people(self, speaker_id: int, *, limit: int = 10) -> list[browse.Mentioned]:
        """The people a speaker talks about most."""
        return self._run(
            "reading mentions",
            lambda conn: browse.mentioned_people(conn, speaker_id, limit=limit),
        )

    def articles(self, *, limit: int = 50, offset: int = 0) -> tuple[list[browse.ArticleRow], int]:
        """Stored articles, latest published first, and how many there are."""
        return self._run(
            "listing articles",
            lambda conn: browse.article_rows(conn, limit=limit, offset=offset),
        )

    def article_info(self, doc_id: str) -> browse.ArticleRow | None:
        """What the corpus knows about the article ``doc_id`` besides its record."""
        return self._run("reading an article", lambda conn: browse.article_row(conn, doc_id))

    def speaker_summary(self, speaker: int | str) -> SpeakerRow:
        """:meth:`speaker`, quicker on a large corpus: it counts only this speaker's quotes."""
        return self._run(
            "reading a speaker",
            lambda conn: browse.speaker_row(conn, identity.resolve_speaker(conn, speaker)),
        )

    def article_speakers(self, doc_id: str) -> dict[str, int]:
        """The corpus speaker of each speaking entity of the article ``doc_id``. A speaker
        merged since the article was stored is followed to the one it was merged into."""
        return self._run(
            "reading an article",
            lambda conn: {
                key: identity.final_speaker(conn, speaker_id)
                for key, speaker_id in browse.article_speakers(conn, doc_id).items()
            },
        )

    def export(self, fmt: str, out: BinaryIO | str | Path, **filters: Any) -> int:
        """Write the quotes that pass the filters (those of :meth:`search`) as ``jsonl``,
        ``csv`` or ``parquet``, one row per quote; return the number of rows."""
        chosen = queries.filters_from(filters)
        with self._guard("exporting"), reading(self._engine) as conn:  # output: no retry
            return export.export(conn, fmt, out, chosen)

    # --- corrections -----------------------------------------------------------------------
    # Not tried again: a lost connection may hide a commit, and a second merge or split
    # would not find what the first one moved.

    def merge_speakers(self, keep: int | str, other: int | str) -> SpeakerRow:
        """Make ``other`` the same speaker as ``keep``, now and for articles stored later."""
        with self._guard("merging speakers", writes=True), writing(self._engine) as conn:
            keep_id = identity.resolve_speaker(conn, keep)
            other_id = identity.resolve_speaker(conn, other)
            corrections.merge(conn, keep_id, other_id)
            return queries.speaker_row(conn, keep_id)

    def split_speaker(self, speaker: int | str, alias: str) -> SpeakerRow:
        """Move ``alias`` (and the article entities that carry it) to a new speaker, now
        and for articles stored later; return the new speaker."""
        with self._guard("splitting a speaker", writes=True), writing(self._engine) as conn:
            speaker_id = identity.resolve_speaker(conn, speaker)
            new_id = corrections.split(conn, speaker_id, alias)
            return queries.speaker_row(conn, new_id)

    def correct_quote(self, ref: str, speaker: int | str | None) -> QuoteHit:
        """Say who said the quote ``ref`` ("doc_id#q3", as search shows it): ``speaker`` is
        a speaker id, or a name (an existing speaker's name or alias, else a new speaker);
        None means nobody the corpus knows. It holds when the article is re-analysed (the
        quote is matched by its content spans); :meth:`undo_correction` takes it back.
        Raises :class:`UnknownQuoteError` for a reference no stored quote has."""
        with self._guard("correcting a quote", writes=True), writing(self._engine) as conn:
            name = None if speaker is None else str(speaker)
            quote_id = quote_corrections.correct(conn, ref, name)
            return queries.quote_hit(conn, quote_id)

    def undo_correction(self, ref: str) -> QuoteHit:
        """Give the quote ``ref`` back the speaker the analysis found."""
        with self._guard("undoing a correction", writes=True), writing(self._engine) as conn:
            quote_id = quote_corrections.undo(conn, ref)
            return queries.quote_hit(conn, quote_id)

    def quote_corrections(self, doc_id: str) -> list[QuoteCorrection]:
        """The corrected quotes of the article ``doc_id``."""
        return self._run(
            "reading corrections", lambda conn: quote_corrections.of_article(conn, doc_id)
        )

    def explain_speaker(self, speaker: int | str) -> SpeakerExplanation:
        """A speaker's aliases and titles, and the rule that linked each article entity."""
        return self._run(
            "explaining a speaker",
            lambda conn: corrections.explain(conn, identity.resolve_speaker(conn, speaker)),
        )
