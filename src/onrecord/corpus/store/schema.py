"""The tables of the corpus database: one schema for SQLite and PostgreSQL.

This module describes the *latest* schema; :mod:`onrecord.corpus.store.migrations` is the
only code that creates or changes tables. Dates and timestamps are ISO 8601 text,
lists are JSON text, keys are integer surrogates.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

# BIGINT on PostgreSQL; INTEGER on SQLite, where only "INTEGER PRIMARY KEY" is the rowid.
Id = BigInteger().with_variant(Integer(), "sqlite")

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("description", Text, nullable=False),
    Column("applied_at", Text, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Id, primary_key=True),
    Column("doc_id", Text, nullable=False, index=True),
    Column("text_sha256", String(64), nullable=False, unique=True),
    Column("title", Text),
    Column("published", String(10), index=True),
    Column("url", Text),
    Column("outlet", Text, index=True),
    Column("language", String(16)),
    Column("origin", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("record_json", Text, nullable=False),
    Column("ingested_at", Text, nullable=False),
)

# Corpus speakers: one person or body across articles. A speaker merged into another by
# the user keeps its row (so old ids still resolve) with ``merged_into`` set.
speakers = Table(
    "speakers",
    metadata,
    Column("id", Id, primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(8), nullable=False),
    Column("name_key", Text, nullable=False, index=True),
    Column("titles_json", Text, nullable=False, default="[]"),
    Column("country", String(8)),
    Column("affiliation", Text),
    Column("merged_into", Id, ForeignKey("speakers.id"), index=True),
    Column("created_at", Text, nullable=False),
)

# Every spelling a speaker goes by, with the keys identity matching looks up:
# alias_norm (case-folded text), alias_key (spelling key: transliteration variants
# share it), last_key (spelling key of the last word, for bare surnames).
speaker_aliases = Table(
    "speaker_aliases",
    metadata,
    Column("id", Id, primary_key=True),
    Column("speaker_id", Id, ForeignKey("speakers.id", ondelete="CASCADE"), nullable=False),
    Column("alias", Text, nullable=False),
    Column("alias_norm", Text, nullable=False, index=True),
    Column("alias_key", Text, nullable=False, index=True),
    Column("last_key", Text, nullable=False, index=True),
    Column("full", Boolean, nullable=False),
    UniqueConstraint("speaker_id", "alias_norm"),
)

# User corrections, keyed by the spelling of an alias: an override wins over the
# automatic identity rules when a later article brings an entity with that spelling.
speaker_overrides = Table(
    "speaker_overrides",
    metadata,
    Column("id", Id, primary_key=True),
    Column("alias", Text, nullable=False),
    Column("alias_norm", Text, nullable=False, unique=True),
    Column("alias_key", Text, nullable=False, index=True),
    Column("speaker_id", Id, ForeignKey("speakers.id"), nullable=False, index=True),
    Column("action", String(8), nullable=False),
    Column("created_at", Text, nullable=False),
)

article_entities = Table(
    "article_entities",
    metadata,
    Column("id", Id, primary_key=True),
    Column(
        "article_id", Id, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("key", String(16), nullable=False),
    Column("type", String(8), nullable=False),
    Column("name", Text, nullable=False),
    Column("aliases_json", Text, nullable=False),
    Column("titles_json", Text, nullable=False),
    Column("affiliation", Text),
    Column("country", String(8)),
    Column("speaker_id", Id, ForeignKey("speakers.id"), index=True),
    Column("link_rule", Text),
    Column("link_detail", Text),
    UniqueConstraint("article_id", "key"),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", Id, primary_key=True),
    Column(
        "article_id", Id, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("position", Integer, nullable=False),
    Column("key", String(16), nullable=False),
    Column("type", String(16), nullable=False),
    Column("speech_act", String(16), nullable=False, index=True),
    Column("plover", String(16)),
    Column("content_text", Text, nullable=False),
    Column("spans_json", Text, nullable=False),
    Column("cue_text", Text),
    Column("cue_lemma", Text),
    Column("source_text", Text),
    Column("speaker_name", Text),
    Column("entity_id", Id, ForeignKey("article_entities.id", ondelete="SET NULL")),
    Column("speaker_id", Id, ForeignKey("speakers.id")),
    Column("addressee_name", Text),
    Column("venue", Text),
    Column("date_value", String(32)),
    Column("date_text", Text),
    Column("statement_date", String(10)),
    Column("confidence", Float, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    UniqueConstraint("article_id", "key"),
    Index("ix_quotes_speaker_date", "speaker_id", "statement_date"),
    Index("ix_quotes_entity_id", "entity_id"),
)

# Per-quote speaker corrections. A quote is matched by its article and its content spans
# (``spans_json`` as quotes.spans_json writes it), which re-analysis keeps, not by its key
# ("q3"), which may shift. ``speaker_id`` NULL: the quote has no speaker.
quote_corrections = Table(
    "quote_corrections",
    metadata,
    Column("id", Id, primary_key=True),
    Column(
        "article_id", Id, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("spans_json", Text, nullable=False),
    Column("quote_key", String(16), nullable=False),  # its key when corrected, for messages
    Column("speaker_id", Id, ForeignKey("speakers.id"), index=True),
    Column("created_at", Text, nullable=False),
    UniqueConstraint("article_id", "spans_json"),
)

# Statements across reports (migration step 5): quotes of one utterance grouped across
# articles, incrementally as articles are stored (onrecord.corpus.store.statements). A quote is
# in at most one statement; statement_keys is the MinHash/LSH index candidates come from.
statements = Table(
    "statements",
    metadata,
    Column("id", Id, primary_key=True),
    Column("speaker_id", Id, ForeignKey("speakers.id"), index=True),
    Column("first_date", String(10), index=True),
    Column("reports", Integer, nullable=False),
    Column("drift", Integer, nullable=False),  # drift flags among its versions
)

statement_quotes = Table(
    "statement_quotes",
    metadata,
    Column("quote_id", Id, ForeignKey("quotes.id", ondelete="CASCADE"), primary_key=True,
           autoincrement=False),
    Column("statement_id", Id, ForeignKey("statements.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("via", Text),  # the outlet the article credits (the record's quote.via)
)  # fmt: skip

statement_keys = Table(
    "statement_keys",
    metadata,
    Column("key", BigInteger, primary_key=True, autoincrement=False),
    Column("quote_id", Id, ForeignKey("quotes.id", ondelete="CASCADE"), primary_key=True,
           autoincrement=False, index=True),
)  # fmt: skip

failures = Table(
    "failures",
    metadata,
    Column("id", Id, primary_key=True),
    Column("origin", Text, nullable=False, unique=True),
    Column("reason", Text, nullable=False),
    Column("at", Text, nullable=False),
    Column("resolved", Boolean, nullable=False, default=False, index=True),
    Column("resolved_at", Text),
)

# Full-text search lives outside the metadata because it differs by backend:
# SQLite has an FTS5 table kept in sync by triggers, PostgreSQL a GIN expression index.
# So does ix_quotes_newest (see migrations), which serves search's newest-first order,
# The web reader's indexes (migrations.READER_INDEXES and ix_quotes_act_newest) are
# DDL of migration step 2 too, so that step 1's create_all does not make them first.
FTS_TABLE = "quotes_fts"
FTS_CONFIG = "english"
