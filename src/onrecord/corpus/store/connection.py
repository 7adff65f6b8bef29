"""Database URLs, engines and transactions: the one place that knows about drivers.

SQLite runs with WAL and foreign keys, and with transactions SQLAlchemy begins
itself (pysqlite's implicit BEGIN is switched off so that DDL and reads are
transactional too); write transactions take the write lock up front
(``BEGIN IMMEDIATE``). PostgreSQL write transactions take a transaction-level
advisory lock so that concurrent writers link speakers one at a time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.exc import OperationalError as SAOperationalError
from sqlalchemy.pool import ConnectionPoolEntry

from onrecord.corpus.store.errors import StoreError

DEFAULT_URL = "sqlite:///onrecord.db"
BUSY_TIMEOUT = 30.0  # seconds a SQLite writer waits for another's lock before giving up
_WRITE = "onrecord_write"
# pg_advisory_xact_lock key: the bytes of "onrecord" as a signed 64-bit integer.
_PG_LOCK_KEY = int.from_bytes(b"onrecord", "big", signed=True)


def normalize_url(url: str | None) -> URL:
    """Parse a store URL: None, a file path, ``sqlite:///...`` or ``postgresql://...``."""
    if url is None:
        url = DEFAULT_URL
    url = url.strip()
    if not url:
        raise StoreError(
            "empty database URL; give a file path or a sqlite:/// or postgresql:// URL"
        )
    if "://" not in url:
        path = Path(url).expanduser()
        return URL.create("sqlite", database=str(path))
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as err:
        raise StoreError(f"cannot parse database URL {url!r}: {err}") from None
    backend = parsed.get_backend_name()
    if backend in ("postgresql", "postgres"):
        if parsed.drivername in ("postgresql", "postgres"):
            parsed = parsed.set(drivername="postgresql+psycopg")
        return parsed
    if backend == "sqlite":
        return parsed
    raise StoreError(
        f"unsupported database {backend!r} in {mask(parsed)}; "
        "onrecord stores corpora in SQLite (a file path) or PostgreSQL (postgresql://...)"
    )


def is_in_memory(url: str) -> bool:
    """Whether ``url`` names an in-memory SQLite database, gone when its store is closed.
    Raises :class:`StoreError` for an empty or malformed URL."""
    parsed = normalize_url(url)
    return parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:")


def mask(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def backend_of(url: URL) -> str:
    return "sqlite" if url.get_backend_name() == "sqlite" else "postgresql"


def make_engine(url: URL, *, busy_timeout: float = BUSY_TIMEOUT, **engine_kwargs: Any) -> Engine:
    if backend_of(url) == "sqlite":
        engine = create_engine(url, connect_args={"timeout": busy_timeout}, **engine_kwargs)
        _configure_sqlite(
            engine,
            in_memory=url.database in (None, "", ":memory:"),
            busy_ms=int(busy_timeout * 1000),
        )
        return engine
    return create_engine(url, pool_pre_ping=True, **engine_kwargs)


def _configure_sqlite(engine: Engine, *, in_memory: bool, busy_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" event emits BEGIN
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={busy_ms:d}")
            if not in_memory:
                cursor.execute("PRAGMA journal_mode=WAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get(_WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A read transaction."""
    with engine.connect() as conn, _discarded_when_lost(conn), conn.begin():
        yield conn


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A write transaction: committed when the block ends, rolled back on any exception."""
    with engine.connect() as conn, _discarded_when_lost(conn):
        conn.execution_options(**{_WRITE: True})
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
            yield conn


@contextmanager
def _discarded_when_lost(conn: Connection) -> Iterator[None]:
    """Invalidate a connection the server dropped, so that the pool throws it away.

    SQLAlchemy does not recognise every way psycopg reports a dropped connection (one
    lost in the middle of a pipelined ``executemany`` says "cannot exit pipeline mode
    while busy"); the pool would then try to roll it back on return, fail, and log a
    traceback the user can do nothing about.
    """
    try:
        yield
    except SQLAlchemyError as err:
        if failure_kind(err) == CONNECTION_LOST and not conn.invalidated:
            conn.invalidate(err)
        raise


# What went wrong, when it is something the user can act on (see failure_kind).
READ_ONLY = "read-only"
DISK_FULL = "disk full"
CONNECTION_LOST = "connection lost"
BUSY = "busy"

_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8  # primary result codes: the low byte of an extended code
_SQLITE_FULL = 13
_PG_READ_ONLY = "25006"  # read_only_sql_transaction
_PG_NO_PRIVILEGE = "42501"  # insufficient_privilege
_PG_DISK_FULL = "53100"
_PG_LOCK_NOT_AVAILABLE = "55P03"
_PG_GONE = {"57P01", "57P02", "57P03"}  # admin/crash shutdown, cannot connect now
# A server refusing a new connection (FATAL, no SQLSTATE through psycopg) for a while only.
_PG_COMING_BACK = ("shutting down", "starting up", "not yet accepting", "recovery mode")


def failure_kind(err: BaseException, *, writes: bool = False) -> str | None:
    """READ_ONLY, DISK_FULL, BUSY or CONNECTION_LOST when a driver error is one of these,
    else None.

    SQLite errors are told apart by their result code (or, for errors that carry none, their
    message), PostgreSQL errors by their SQLSTATE; a PostgreSQL error without one is the
    connection failing. Lacking privileges counts as read-only only for writes.
    """
    orig = getattr(err, "orig", None) if isinstance(err, SQLAlchemyError) else err
    if isinstance(orig, sqlite3.Error):
        code = getattr(orig, "sqlite_errorcode", None)
        primary = code & 0xFF if isinstance(code, int) else None
        message = str(orig).lower()
        if primary == _SQLITE_READONLY or "readonly database" in message:
            return READ_ONLY
        if primary == _SQLITE_FULL or "database or disk is full" in message:
            return DISK_FULL
        if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "database is locked" in message:
            return BUSY
        return None
    sqlstate = getattr(orig, "sqlstate", None)
    if sqlstate == _PG_READ_ONLY or (writes and sqlstate == _PG_NO_PRIVILEGE):
        return READ_ONLY
    if sqlstate == _PG_DISK_FULL:
        return DISK_FULL
    if sqlstate == _PG_LOCK_NOT_AVAILABLE:
        return BUSY
    if sqlstate in _PG_GONE or (isinstance(sqlstate, str) and sqlstate.startswith("08")):
        return CONNECTION_LOST
    if isinstance(err, DBAPIError) and err.connection_invalidated:
        return CONNECTION_LOST
    if (
        sqlstate is None
        and isinstance(err, SAOperationalError)
        and type(orig).__module__.startswith("psycopg")
    ):
        message = str(orig)
        if "FATAL:" in message and not any(s in message for s in _PG_COMING_BACK):
            return None  # the server is up and refuses us: a password, a database name, ...
        return CONNECTION_LOST  # connection refused, closed by the server, reset, ...
    return None


def describe(err: BaseException) -> str:
    """A one-line reason from a driver error."""
    if isinstance(err, SQLAlchemyError):
        orig = getattr(err, "orig", None)
        if orig is not None:
            return str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    message = str(err).strip()
    return message.splitlines()[0] if message else type(err).__name__
