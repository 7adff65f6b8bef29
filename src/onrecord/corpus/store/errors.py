"""Errors the corpus store reports to users."""

from __future__ import annotations

from onrecord.errors import OnrecordError


class StoreError(OnrecordError):
    """The corpus database cannot do what was asked; the message says why and what to do."""


class SchemaVersionError(StoreError):
    """The database was created by a newer onrecord than this one."""


class DatabaseReadOnlyError(StoreError):
    """The database refuses writes: a read-only file or folder, a read-only transaction or
    server, or a user without the privilege to write."""


class DatabaseFullError(StoreError):
    """The disk that holds the database is full; the write was rolled back."""


class DatabaseBusyError(StoreError):
    """Another writer held the database's lock for longer than this one could wait."""


class ConnectionLostError(StoreError):
    """The connection to the database server broke and did not come back in time."""
