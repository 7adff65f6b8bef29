"""Versioned schema steps, applied in order inside one transaction by :func:`migrate`.

Each step brings the database from ``version - 1`` to ``version``. Steps are never
edited once released: a schema change is a new step appended to :data:`STEPS` (and
the matching change in :mod:`onrecord.store.schema`). Step 1 creates the tables from
:mod:`onrecord.store.schema`; when a later step alters a table, freeze the version-1
definition of that table inside step 1 first, so that fresh databases still replay
every step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, func, insert, select

from onrecord.store import schema
from onrecord.store.errors import SchemaVersionError
from onrecord.store.timeutil import now_iso


@dataclass(frozen=True)
class Step:
    version: int
    description: str
    apply: Callable[[Connection], None]


def _sqlite_fts(conn: Connection) -> None:
    t = schema.FTS_TABLE
    conn.exec_driver_sql(
        f"CREATE VIRTUAL TABLE {t} USING fts5(content_text, content='quotes', "
        "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')"
    )
    conn.exec_driver_sql(
        f"CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN "
        f"INSERT INTO {t}(rowid, content_text) VALUES (new.id, new.content_text); END"
    )
    conn.exec_driver_sql(
        f"CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN "
        f"INSERT INTO {t}({t}, rowid, content_text) "
        f"VALUES ('delete', old.id, old.content_text); END"
    )
    conn.exec_driver_sql(
        f"CREATE TRIGGER quotes_fts_update AFTER UPDATE OF content_text ON quotes BEGIN "
        f"INSERT INTO {t}({t}, rowid, content_text) "
        f"VALUES ('delete', old.id, old.content_text); "
        f"INSERT INTO {t}(rowid, content_text) VALUES (new.id, new.content_text); END"
    )


def _postgresql_fts(conn: Connection) -> None:
    conn.exec_driver_sql(
        "CREATE INDEX ix_quotes_content_fts ON quotes "
        f"USING gin (to_tsvector('{schema.FTS_CONFIG}', content_text))"
    )


def _newest_index(conn: Connection) -> None:
    # Search's default order; SQLite puts NULLs last in DESC order and rejects NULLS LAST here.
    nulls = "" if conn.dialect.name == "sqlite" else " NULLS LAST"
    conn.exec_driver_sql(
        f"CREATE INDEX ix_quotes_newest ON quotes (statement_date DESC{nulls}, "
        "article_id DESC, position)"
    )


def _v1_initial(conn: Connection) -> None:
    tables = [t for t in schema.metadata.sorted_tables if t is not schema.schema_version]
    schema.metadata.create_all(conn, tables=tables)
    _newest_index(conn)
    if conn.dialect.name == "sqlite":
        _sqlite_fts(conn)
    else:
        _postgresql_fts(conn)


STEPS: tuple[Step, ...] = (
    Step(
        1,
        "articles, quotes, entities, speakers, overrides, failures, full-text search",
        _v1_initial,
    ),
)
LATEST = STEPS[-1].version


def current_version(conn: Connection) -> int:
    """The version the database is at (0 for an empty database)."""
    version = conn.execute(select(func.max(schema.schema_version.c.version))).scalar()
    return int(version or 0)


def migrate(conn: Connection, *, where: str) -> int:
    """Bring the schema up to :data:`LATEST` on ``conn`` (inside the caller's transaction).

    Returns the number of steps applied. Raises :class:`SchemaVersionError` for a
    database written by a newer onrecord.
    """
    schema.schema_version.create(conn, checkfirst=True)
    version = current_version(conn)
    if version > LATEST:
        raise SchemaVersionError(
            f"{where} has schema version {version}, newer than this onrecord supports "
            f"(version {LATEST}); upgrade onrecord to use this database"
        )
    applied = 0
    for step in STEPS:
        if step.version <= version:
            continue
        step.apply(conn)
        conn.execute(
            insert(schema.schema_version).values(
                version=step.version, description=step.description, applied_at=now_iso()
            )
        )
        applied += 1
    return applied
