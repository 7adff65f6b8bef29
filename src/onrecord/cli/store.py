"""The corpus database a command works on: the --db option, and the store it opens."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from onrecord.cli.render import safe
from onrecord.errors import OnrecordError

if TYPE_CHECKING:
    from onrecord.corpus.store import Store

DB_HELP = "Database URL or SQLite file (default: $ONRECORD_DB or ./onrecord.db)."


@contextmanager
def command_store(url: str | None) -> Iterator[Store]:
    """The store at ``url`` (default $ONRECORD_DB, else ./onrecord.db), closed after; its
    errors become click errors."""
    from onrecord.corpus.store import open_store

    if url is None:
        url = os.environ.get("ONRECORD_DB")
    try:
        check_db_url(url)
        store = open_store(url)
    except OnrecordError as err:
        raise click.ClickException(safe(str(err))) from None
    try:
        yield store
    except OnrecordError as err:  # names from the corpus are printed inert
        raise click.ClickException(safe(str(err))) from None
    finally:
        store.close()


def check_db_url(url: str | None) -> None:
    """Refuse, before opening anything, a database the user cannot mean: an empty one
    (which would be ./onrecord.db) or an in-memory SQLite one (whatever is stored would be
    gone when the command ends)."""
    from onrecord.corpus.store import StoreError, is_in_memory

    if url is None:
        return
    if is_in_memory(url):  # StoreError for an empty or malformed URL
        raise StoreError(
            f"{url!r} is an in-memory SQLite database, gone when the command ends; give a "
            "file path (corpus.db) or sqlite:///corpus.db"
        )
