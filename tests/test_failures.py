"""Hostile and broken surroundings for the corpus: a read-only database, a full disk, a
PostgreSQL server that goes away in the middle of an ingest.

Whatever happens, `onrecord ingest` either rides it out (a lost connection is tried again,
a few times) or stops with one clear message that says what went wrong and what to do,
without a traceback, exiting 1; what it committed stays, no batch is half-written, and a
rerun once the trouble is gone completes with exactly one copy of every article.

Running as root, file permissions are no obstacle, so a read-only SQLite database is
opened through a read-only URI (a real SQLITE_READONLY) and a read-only PostgreSQL one
with default_transaction_read_only (a real read-only transaction); a full disk is a
driver error raised in the middle of the Nth batch (and, for SQLite, a real SQLITE_FULL
from max_page_count); the server going away is pg_terminate_backend on the ingest's
connections and a TCP proxy in front of the server that cuts every connection and refuses
new ones for a while, as a restart does, without disturbing anyone else on the server.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from click.testing import CliRunner, Result
from sqlalchemy import Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import ConnectionPoolEntry

from onrecord.cli.app import main
from onrecord.corpus.ingest import ingest
from onrecord.corpus.store import (
    DatabaseFullError,
    DatabaseReadOnlyError,
    StoredArticle,
    StoreOutcome,
    open_store,
    write,
)
from onrecord.corpus.store import store as store_module
from onrecord.corpus.store.connection import (
    BUSY,
    CONNECTION_LOST,
    DISK_FULL,
    READ_ONLY,
    failure_kind,
    make_engine,
    normalize_url,
    reading,
    writing,
)
from onrecord.record import text_sha256
from test_ingest import write_corpus

SMALL, LARGE = 12, 40  # the small corpus is the first articles of the large one
BATCH = 2
postgresql_only = pytest.mark.parametrize("new_db_url", ["postgresql"], indirect=True)


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("failures")
    write_corpus(folder / "small", SMALL)
    write_corpus(folder / "large", LARGE)
    return {"small": folder / "small", "large": folder / "large"}


@pytest.fixture(scope="module")
def clean_counts(
    corpora: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, int]]:
    """What an undisturbed ingest stores: counts after the small corpus, then the large."""
    with open_store(str(tmp_path_factory.mktemp("clean") / "clean.db")) as store:
        ingest([str(corpora["small"])], store, batch_size=BATCH)
        small = store.counts()
        ingest([str(corpora["large"])], store, batch_size=BATCH)
        return {"small": small, "large": store.counts()}


def hashes(folder: Path) -> set[str]:
    return {text_sha256(p.read_text(encoding="utf-8")) for p in folder.iterdir()}


def cli(*args: str) -> Result:
    """`onrecord ARGS` in this process (so that monkeypatches apply)."""
    return CliRunner().invoke(main, list(args))


def assert_clear_failure(output: str, exit_code: int, *needles: str) -> None:
    """Exit 1, one message carrying every needle, the way forward, and no traceback."""
    assert exit_code == 1, output
    assert "Traceback" not in output, output
    assert "Error: ingest stopped: " in output, output
    assert "run the same command again" in output, output
    for needle in needles:
        assert needle in output, output


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "onrecord.cli.app", *args],
        capture_output=True,
        text=True,
        timeout=180,
    )


def is_sqlite(url: str) -> bool:
    return "://" not in url


def with_options(url: str, option: str) -> str:
    """A PostgreSQL URL with one more server setting in its ``options``."""
    parsed = make_url(url)
    options = f"{parsed.query.get('options', '')} {option}".strip()
    return parsed.update_query_dict({"options": options}).render_as_string(hide_password=False)


# --- a read-only database ----------------------------------------------------------------


def test_read_only_database_stops_the_ingest_clearly_and_changes_nothing(
    corpora: dict[str, Path], new_db_url: Callable[[], str]
) -> None:
    url = new_db_url()
    with open_store(url) as store:
        ingest([str(corpora["small"] / "article-000.txt")], store)
        before = store.counts()
    if is_sqlite(url):
        read_only = f"sqlite:///file:{url}?mode=ro&uri=true"
        digest = hashlib.sha256(Path(url).read_bytes()).hexdigest()
        needles = ["the database is read-only (attempt to write a readonly database)", "writable"]
    else:
        read_only = with_options(url, "-cdefault_transaction_read_only=on")
        needles = ["refuses writes (cannot execute INSERT in a read-only transaction)", "a user"]

    result = run_cli("ingest", str(corpora["small"]), "--db", read_only)

    assert_clear_failure(result.stderr, result.returncode, *needles, "This run stored no article")
    if is_sqlite(url):
        assert hashlib.sha256(Path(url).read_bytes()).hexdigest() == digest
    with open_store(url) as store:
        assert store.counts() == before
        assert store.failures() == []


def test_sqlite_folder_that_refuses_writes_is_reported_when_opening(
    tmp_path: Path, corpora: dict[str, Path]
) -> None:
    """A read-only folder stops SQLite from making its -wal and -shm files: the database
    cannot even be opened. Root may write anywhere, so the connection fails as it would."""
    db = tmp_path / "corpus.db"
    open_store(str(db)).close()
    digest = hashlib.sha256(db.read_bytes()).hexdigest()

    def refuse(_dbapi: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    event.listen(Engine, "connect", refuse)
    try:
        result = cli("ingest", str(corpora["small"]), "--db", str(db))
    finally:
        event.remove(Engine, "connect", refuse)
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert "opening the database in sqlite:///" in result.output
    assert "the database is read-only (attempt to write a readonly database)" in result.output
    assert "make the database file and its folder writable" in result.output
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest


# --- a full disk -------------------------------------------------------------------------


def _disk_full(url: str) -> Exception:
    if is_sqlite(url):
        return sqlite3.OperationalError("database or disk is full")
    return psycopg.errors.DiskFull(
        'could not extend file "base/16384/16421": No space left on device'
    )


def test_full_disk_stops_the_ingest_keeps_whole_batches_and_a_rerun_completes(
    corpora: dict[str, Path],
    clean_counts: dict[str, dict[str, int]],
    new_db_url: Callable[[], str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = new_db_url()
    open_store(url).close()
    fail_on = 3  # the third batch: its first article is written, then its quotes fail
    calls = 0
    original = write.add_articles

    def full_on_quotes(_conn: Connection, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO QUOTES"):
            raise _disk_full(url)

    def add_articles(conn: Connection, batch: list[StoredArticle]) -> list[StoreOutcome]:
        nonlocal calls
        calls += 1
        if calls != fail_on:
            return original(conn, batch)
        event.listen(conn, "before_cursor_execute", full_on_quotes)
        try:
            return original(conn, batch)
        finally:
            event.remove(conn, "before_cursor_execute", full_on_quotes)

    monkeypatch.setattr(write, "add_articles", add_articles)
    args = ["ingest", str(corpora["small"]), "--db", url, "--batch-size", str(BATCH)]
    stopped = cli(*args)

    assert isinstance(stopped.exception, SystemExit), stopped.exception
    committed = (fail_on - 1) * BATCH
    assert_clear_failure(
        stopped.output,
        stopped.exit_code,
        "storing articles in ",
        "the disk is full (database or disk is full)"
        if is_sqlite(url)
        else "the disk is full (could not extend file",
        "free space on the disk that holds the database file"
        if is_sqlite(url)
        else "free space on the database server's disk",
        f"the {committed} new article(s) stored before the failure are kept",
    )
    with open_store(url) as store:
        counts = store.counts()
        assert counts["articles"] == committed
        failing = sorted(corpora["small"].iterdir())[committed : committed + BATCH]
        assert store.known_hashes(text_sha256(p.read_text("utf-8")) for p in failing) == set()

    monkeypatch.undo()  # space freed
    again = cli(*args)

    assert again.exit_code == 0, again.output
    assert f"stored {SMALL - committed} new articles, {committed} already stored" in (again.output)
    with open_store(url) as store:
        assert store.counts() == clean_counts["small"]
        assert store.known_hashes(hashes(corpora["small"])) == hashes(corpora["small"])


def test_real_sqlite_errors_are_recognised(tmp_path: Path) -> None:
    """SQLite's own SQLITE_FULL (a page limit reached) and SQLITE_READONLY, not imitations."""
    db = tmp_path / "corpus.db"
    open_store(str(db)).close()

    def cap(dbapi: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
        cursor = dbapi.cursor()
        cursor.execute("PRAGMA page_count")
        pages = cursor.fetchone()[0]  # type: ignore[index]
        cursor.execute(f"PRAGMA max_page_count = {pages}")
        cursor.close()

    event.listen(Engine, "connect", cap)
    try:
        with open_store(str(db)) as store, pytest.raises(DatabaseFullError) as full:
            store.add_failures([("big.txt", "x" * 1_000_000)])
    finally:
        event.remove(Engine, "connect", cap)
    assert "the disk is full (database or disk is full); nothing was written" in str(full.value)
    read_only = f"sqlite:///file:{db}?mode=ro&uri=true"
    with (
        open_store(read_only) as store,
        pytest.raises(DatabaseReadOnlyError, match="writable for this user"),
    ):
        store.add_failures([("a.txt", "unreadable")])
    with open_store(str(db)) as store:
        assert store.failures() == []


# --- telling the failures apart ---------------------------------------------------------

_SERVER = 'connection failed: connection to server at "127.0.0.1", port 5432 failed: FATAL:  '


@pytest.mark.parametrize(
    ("orig", "kind"),
    [
        (sqlite3.OperationalError("attempt to write a readonly database"), READ_ONLY),
        (sqlite3.OperationalError("database or disk is full"), DISK_FULL),
        (sqlite3.OperationalError("database is locked"), BUSY),
        (psycopg.errors.LockNotAvailable("could not obtain lock"), BUSY),
        (psycopg.errors.ReadOnlySqlTransaction("cannot execute INSERT"), READ_ONLY),
        (psycopg.errors.InsufficientPrivilege("permission denied for table quotes"), READ_ONLY),
        (psycopg.errors.DiskFull("could not extend file"), DISK_FULL),
        (psycopg.errors.AdminShutdown("terminating connection"), CONNECTION_LOST),
        (psycopg.OperationalError("server closed the connection unexpectedly"), CONNECTION_LOST),
        (
            psycopg.OperationalError(_SERVER + "the database system is shutting down"),
            CONNECTION_LOST,
        ),
        (psycopg.OperationalError(_SERVER + "password authentication failed"), None),
        (psycopg.errors.QueryCanceled("canceling statement due to statement timeout"), None),
    ],
)
def test_failure_kinds(orig: Exception, kind: str | None) -> None:
    assert failure_kind(OperationalError("INSERT ...", {}, orig), writes=True) == kind


# --- the PostgreSQL server goes away -----------------------------------------------------


class FlakyProxy:
    """A TCP proxy in front of the server that can go away (cutting every connection and
    refusing new ones, as a restarting server does) and come back on the same port."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self.port = 0
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._listener: socket.socket | None = None
        self.come_back()

    def come_back(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        listener.settimeout(0.05)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def go_away(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
        with self._lock:
            for sock in self._open:
                self._close(sock)
            self._open.clear()

    def _accept(self, listener: socket.socket) -> None:
        while self._listener is listener:
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            try:
                server = socket.create_connection(self.upstream)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._open |= {client, server}
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        self._close(source)
        self._close(target)

    @staticmethod
    def _close(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        sock.close()


@pytest.fixture
def proxied(new_db_url: Callable[[], str]) -> Iterator[tuple[str, str, FlakyProxy]]:
    """A fresh PostgreSQL database: its direct URL, its URL through a FlakyProxy (with an
    application_name of its own, so that only its connections are terminated), the proxy."""
    url = new_db_url()
    open_store(url).close()
    parsed = make_url(url)
    proxy = FlakyProxy((parsed.host or "127.0.0.1", parsed.port or 5432))
    through = parsed.set(host="127.0.0.1", port=proxy.port).update_query_dict(
        {"application_name": f"onrecord_failures_{uuid.uuid4().hex[:8]}"}
    )
    try:
        yield url, through.render_as_string(hide_password=False), proxy
    finally:
        proxy.go_away()


def terminate(url: str) -> int:
    """pg_terminate_backend on the connections of ``url``'s application_name."""
    name = str(make_url(url).query["application_name"])
    admin = create_engine(os.environ["ONRECORD_TEST_PG_URL"], isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            return len(
                conn.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND application_name = :name "
                        "AND pid <> pg_backend_pid()"
                    ),
                    {"name": name},
                ).all()
            )
    finally:
        admin.dispose()


@postgresql_only
def test_server_going_away_mid_ingest_is_ridden_out(
    corpora: dict[str, Path],
    clean_counts: dict[str, dict[str, int]],
    proxied: tuple[str, str, FlakyProxy],
) -> None:
    url, through, proxy = proxied
    args = ["ingest", str(corpora["large"]), "--db", through, "--batch-size", str(BATCH)]
    process = subprocess.Popen(
        [sys.executable, "-m", "onrecord.cli.app", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    probe = open_store(url)
    try:

        def wait_for(articles: int) -> int:
            deadline = time.monotonic() + 120
            while process.poll() is None and time.monotonic() < deadline:
                stored = probe.counts()["articles"]
                if stored >= articles:
                    return stored
                time.sleep(0.05)
            pytest.fail(f"the ingest ended (or stalled) before {articles} articles were stored")

        wait_for(4)
        terminate(through)  # the server ends the ingest's sessions...
        stored = wait_for(12)
        proxy.go_away()  # ...then goes away altogether...
        time.sleep(2.5)
        proxy.come_back()  # ...and comes back
        _, stderr = process.communicate(timeout=180)
    finally:
        probe.close()
        if process.poll() is None:
            process.kill()
            process.wait()

    assert stored < LARGE, "the ingest finished before the server went away"
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr, stderr
    assert "lost the connection to the database server" in stderr, stderr
    assert "trying again in 1 s (attempt 2 of 5)" in stderr, stderr
    assert "the connection is back; going on" in stderr, stderr
    assert f"the database now holds {LARGE} articles" in stderr, stderr

    rerun = run_cli("ingest", str(corpora["large"]), "--db", url, "--batch-size", str(BATCH))
    assert rerun.returncode == 0, rerun.stderr
    assert f"stored 0 new articles, {LARGE} already stored" in rerun.stderr
    with open_store(url) as store:
        assert store.counts() == clean_counts["large"]
        assert store.known_hashes(hashes(corpora["large"])) == hashes(corpora["large"])


@postgresql_only
def test_session_terminated_mid_batch_is_retried_whole(
    corpora: dict[str, Path],
    clean_counts: dict[str, dict[str, int]],
    proxied: tuple[str, str, FlakyProxy],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url, through, _ = proxied
    monkeypatch.setattr(store_module, "RETRY_DELAYS", (0.05, 0.1))
    calls = 0
    original = write.add_articles

    def add_articles(conn: Connection, batch: list[StoredArticle]) -> list[StoreOutcome]:
        nonlocal calls
        calls += 1
        if calls == 3:  # half of the third batch is written, then the server ends the session
            write.store_article(conn, batch[0])
            assert terminate(through) == 1
        return original(conn, batch)

    monkeypatch.setattr(write, "add_articles", add_articles)
    result = cli("ingest", str(corpora["small"]), "--db", through, "--batch-size", str(BATCH))

    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert (
        "onrecord: storing articles: lost the connection to the database server (terminating "
        "connection due to administrator command); trying again in 0.05 s (attempt 2 of 3)"
    ) in result.output
    assert "onrecord: storing articles: the connection is back; going on" in result.output
    assert f"stored {SMALL} new articles, 0 already stored" in result.output
    with open_store(url) as store:
        assert store.counts() == clean_counts["small"]
        assert store.known_hashes(hashes(corpora["small"])) == hashes(corpora["small"])


@postgresql_only
def test_connection_left_mid_pipeline_is_discarded_not_reset(
    new_db_url: Callable[[], str], caplog: pytest.LogCaptureFixture
) -> None:
    """A session lost during a pipelined executemany leaves psycopg in pipeline mode, in
    which no rollback can be sent; the pool must throw that connection away rather than
    try to reset it and log a traceback at the user."""
    engine = make_engine(normalize_url(new_db_url()))
    invalidated: list[BaseException | None] = []
    event.listen(engine, "invalidate", lambda _c, _r, exc: invalidated.append(exc))
    try:
        busy = psycopg.OperationalError("cannot exit pipeline mode while busy")
        with pytest.raises(OperationalError) as raised, writing(engine) as conn:
            raw: Any = conn.connection.dbapi_connection
            raw.pgconn.enter_pipeline_mode()
            raise OperationalError("INSERT ...", None, busy)
        assert failure_kind(raised.value, writes=True) == CONNECTION_LOST
        assert len(invalidated) == 1
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
        with reading(engine) as conn:  # the pool hands out a working connection again
            assert conn.execute(text("SELECT 1")).scalar() == 1
    finally:
        engine.dispose()


@postgresql_only
def test_server_that_stays_away_stops_the_ingest_clearly(
    corpora: dict[str, Path],
    clean_counts: dict[str, dict[str, int]],
    proxied: tuple[str, str, FlakyProxy],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url, through, proxy = proxied
    monkeypatch.setattr(store_module, "RETRY_DELAYS", (0.05, 0.1))
    fail_on, calls = 3, 0
    original = write.add_articles

    def add_articles(conn: Connection, batch: list[StoredArticle]) -> list[StoreOutcome]:
        nonlocal calls
        calls += 1
        if calls == fail_on:
            proxy.go_away()  # in the middle of the third batch's transaction
        return original(conn, batch)

    monkeypatch.setattr(write, "add_articles", add_articles)
    args = ["ingest", str(corpora["small"]), "--db", through, "--batch-size", str(BATCH)]
    stopped = cli(*args)

    assert isinstance(stopped.exception, SystemExit), stopped.exception
    committed = (fail_on - 1) * BATCH
    assert_clear_failure(
        stopped.output,
        stopped.exit_code,
        "onrecord: storing articles: lost the connection to the database server",
        "trying again in 0.05 s (attempt 2 of 3)",
        "trying again in 0.1 s (attempt 3 of 3)",
        "the connection to the database server was lost and did not come back after "
        "3 attempts over 0.15 s",
        "check that the server is running and reachable",
        f"the {committed} new article(s) stored before the failure are kept",
    )
    with open_store(url) as store:
        assert store.counts()["articles"] == committed

    monkeypatch.setattr(write, "add_articles", original)
    proxy.come_back()
    again = cli(*args)

    assert again.exit_code == 0, again.output
    assert f"stored {SMALL - committed} new articles, {committed} already stored" in (again.output)
    with open_store(url) as store:
        assert store.counts() == clean_counts["small"]
