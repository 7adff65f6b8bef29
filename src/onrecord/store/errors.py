"""Errors the corpus store reports to users."""

from __future__ import annotations

from onrecord.errors import OnrecordError


class StoreError(OnrecordError):
    """The corpus database cannot do what was asked; the message says why and what to do."""


class SchemaVersionError(StoreError):
    """The database was created by a newer onrecord than this one."""
