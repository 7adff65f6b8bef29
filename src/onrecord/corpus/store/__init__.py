"""The corpus store: analysed articles in SQLite (embedded, the default) or PostgreSQL,
with quote search, speaker timelines, corpus speaker identity and export.

    from onrecord.corpus.store import open_store, StoredArticle

    with open_store("corpus.db") as store:
        store.add_articles([StoredArticle(record, text, origin="a.txt")])
        for hit in store.search("sanctions", speaker="Sidorov"):
            print(hit.date, hit.speaker, hit.content)
"""

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
from onrecord.corpus.store.quote_corrections import QuoteCorrection, UnknownQuoteError
from onrecord.corpus.store.store import Store, open_store

__all__ = [
    "FORMATS",
    "SCHEMA_VERSION",
    "ConnectionLostError",
    "DatabaseBusyError",
    "DatabaseFullError",
    "DatabaseReadOnlyError",
    "EntityLink",
    "FailureRow",
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
    "UnknownQuoteError",
    "open_store",
]
