"""Versioned schema steps, applied in order inside one transaction by :func:`migrate`.

Each step brings the database from ``version - 1`` to ``version``. Steps are never
edited once released: a schema change is a new step appended to :data:`STEPS` (and
the matching change in :mod:`onrecord.corpus.store.schema`). Step 1 creates the tables from
:mod:`onrecord.corpus.store.schema`; when a later step alters a table, freeze the version-1
definition of that table inside step 1 first, so that fresh databases still replay
every step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, func, insert, select, update

from onrecord.corpus.store import schema
from onrecord.corpus.store.errors import SchemaVersionError
from onrecord.corpus.store.timeutil import now_iso


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


# Tables added by later steps, which create them.
LATER_TABLES = ("quote_corrections", "statements", "statement_quotes", "statement_keys")


def _v1_initial(conn: Connection) -> None:
    tables = [
        t
        for t in schema.metadata.sorted_tables
        if t is not schema.schema_version and t.name not in LATER_TABLES
    ]
    schema.metadata.create_all(conn, tables=tables)
    _newest_index(conn)
    if conn.dialect.name == "sqlite":
        _sqlite_fts(conn)
    else:
        _postgresql_fts(conn)


# Step 2: indexes for the web reader's pages (see docs/web.md), each serving a query of
# onrecord.corpus.store.browse or onrecord.corpus.store.query that otherwise reads a whole table.
READER_INDEXES: tuple[tuple[str, str], ...] = (
    # the outlet filter compares lower(outlet): the articles of an outlet without a scan
    ("ix_articles_outlet_lower", "articles (lower(outlet))"),
    # a speaker's page and facets (activity by date and act, first and last dates, counts
    # by act and by article) read only this index, not the quotes' rows
    ("ix_quotes_speaker_activity", "quotes (speaker_id, statement_date, speech_act, article_id)"),
)


def _act_newest_index(conn: Connection) -> None:
    # The speech act filter in search's newest-first order (see _newest_index), with the
    # columns the act's facets count by.
    nulls = "" if conn.dialect.name == "sqlite" else " NULLS LAST"
    conn.exec_driver_sql(
        f"CREATE INDEX ix_quotes_act_newest ON quotes (speech_act, statement_date DESC{nulls}, "
        "article_id DESC, position, speaker_id)"
    )


def _v2_reader_indexes(conn: Connection) -> None:
    for name, target in READER_INDEXES:
        conn.exec_driver_sql(f"CREATE INDEX {name} ON {target}")
    _act_newest_index(conn)


def _v3_unique_doc_ids(conn: Connection) -> None:
    """Doc ids become unique: of the articles sharing one, the first stored keeps it and
    each later one gets the first free ``id-2``, ``id-3``, ... (in its record too), as
    ingest now does; then a unique index holds it."""
    from onrecord.corpus.store.write import unique_doc_id
    from onrecord.record import ArticleRecord

    articles = schema.articles
    shared = (
        select(articles.c.doc_id)
        .group_by(articles.c.doc_id)
        .having(func.count() > 1)
        .scalar_subquery()
    )
    rows = conn.execute(
        select(articles.c.id, articles.c.doc_id, articles.c.record_json)
        .where(articles.c.doc_id.in_(shared))
        .order_by(articles.c.doc_id, articles.c.id)
    ).all()
    first: set[str] = set()
    for row in rows:
        if row.doc_id not in first:
            first.add(row.doc_id)
            continue
        # moved aside first, so that the search for a free id does not see it
        conn.execute(update(articles).where(articles.c.id == row.id).values(doc_id=f"\x00{row.id}"))
        doc_id = unique_doc_id(conn, row.doc_id)
        record = ArticleRecord.model_validate_json(row.record_json)
        conn.execute(
            update(articles)
            .where(articles.c.id == row.id)
            .values(
                doc_id=doc_id, record_json=record.model_copy(update={"doc_id": doc_id}).to_json()
            )
        )
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_articles_doc_id")
    conn.exec_driver_sql(
        "CREATE UNIQUE INDEX IF NOT EXISTS ux_articles_doc_id ON articles (doc_id)"
    )


def _v4_quote_corrections(conn: Connection) -> None:
    schema.quote_corrections.create(conn, checkfirst=True)


def _v5_statements(conn: Connection) -> None:
    """Statements across reports. Articles stored before this step are grouped when they
    are re-analysed (``onrecord ingest --reanalyse``)."""
    for t in (schema.statements, schema.statement_quotes, schema.statement_keys):
        t.create(conn, checkfirst=True)


STEPS: tuple[Step, ...] = (
    Step(
        1,
        "articles, quotes, entities, speakers, overrides, failures, full-text search",
        _v1_initial,
    ),
    Step(2, "indexes for the web reader's search and speaker pages", _v2_reader_indexes),
    Step(3, "unique doc ids: later articles sharing an id get id-2, id-3, ...", _v3_unique_doc_ids),
    Step(4, "per-quote speaker corrections, matched by content spans", _v4_quote_corrections),
    Step(5, "statements across reports and their candidate index", _v5_statements),
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
