"""The corpus store: analysed articles in SQLite (embedded, the default) or PostgreSQL,
with quote search, speaker timelines, corpus speaker identity and export.

    from onrecord.corpus.store import open_store, StoredArticle

    with open_store("corpus.db") as store:
        store.add_articles([StoredArticle(record, text, origin="a.txt")])
        for hit in store.search("sanctions", speaker="Sidorov").hits:
            print(hit.date, hit.speaker, hit.content)

This module is the store's public surface: the :class:`Store` facade, the function that
opens one, and the types its methods take and return. Everything above the store (the
web, the CLI, evaluation, benchmarks) imports from here only, never from a submodule;
``lint-imports`` checks it.
"""

from onrecord.corpus.store.browse import (
    ActivityCell,
    ArticleRow,
    Facets,
    FacetValue,
    HitPage,
    Mentioned,
)
from onrecord.corpus.store.connection import is_in_memory
from onrecord.corpus.store.errors import (
    ConnectionLostError,
    DatabaseBusyError,
    DatabaseFullError,
    DatabaseReadOnlyError,
    SchemaVersionError,
    StoreError,
)
from onrecord.corpus.store.export import FORMATS
from onrecord.corpus.store.migrations import LATEST as SCHEMA_VERSION
from onrecord.corpus.store.models import (
    EntityLink,
    FailureRow,
    Override,
    QuoteHit,
    SpeakerExplanation,
    SpeakerRow,
    StoredArticle,
    StoreOutcome,
)
from onrecord.corpus.store.query import SPEECH_ACTS, Filters
from onrecord.corpus.store.quote_corrections import QuoteCorrection, UnknownQuoteError
from onrecord.corpus.store.store import Store, open_store
from onrecord.corpus.store.write import StoredInput

__all__ = [
    "FORMATS",
    "SCHEMA_VERSION",
    "SPEECH_ACTS",
    "ActivityCell",
    "ArticleRow",
    "ConnectionLostError",
    "DatabaseBusyError",
    "DatabaseFullError",
    "DatabaseReadOnlyError",
    "EntityLink",
    "FacetValue",
    "Facets",
    "FailureRow",
    "Filters",
    "HitPage",
    "Mentioned",
    "Override",
    "QuoteCorrection",
    "QuoteHit",
    "SchemaVersionError",
    "SpeakerExplanation",
    "SpeakerRow",
    "Store",
    "StoreError",
    "StoreOutcome",
    "StoredArticle",
    "StoredInput",
    "UnknownQuoteError",
    "is_in_memory",
    "open_store",
]
