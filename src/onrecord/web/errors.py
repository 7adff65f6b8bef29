"""Store errors as HTTP errors: a bad filter is 400, an unknown speaker 404, a database that
cannot answer 503; each keeps the store's message, which says what to do."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any, TypeVar

from fastapi import HTTPException
from starlette.concurrency import run_in_threadpool

from onrecord.corpus.store import (
    ConnectionLostError,
    DatabaseBusyError,
    DatabaseFullError,
    DatabaseReadOnlyError,
    SpeakerRow,
    Store,
    StoreError,
)
from onrecord.web.cache import ReadCache

T = TypeVar("T")
_UNAVAILABLE = (ConnectionLostError, DatabaseFullError, DatabaseReadOnlyError, DatabaseBusyError)
RETRY_AFTER = {"Retry-After": "30"}


def http_error(err: StoreError) -> HTTPException:
    if isinstance(err, _UNAVAILABLE):
        return unavailable(err)
    return HTTPException(status_code=400, detail=str(err))


def unavailable(err: StoreError) -> HTTPException:
    """503 for a database that cannot answer now; a busy one says when to try again."""
    headers = RETRY_AFTER if isinstance(err, DatabaseBusyError) else None
    return HTTPException(status_code=503, detail=str(err), headers=headers)


async def store_call(func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a blocking store call in the thread pool, its errors as HTTP errors."""
    try:
        return await run_in_threadpool(func, *args, **kwargs)
    except StoreError as err:
        raise http_error(err) from None


async def cached_call(
    cache: ReadCache, key: Hashable, func: Callable[..., T], *args: Any, **kwargs: Any
) -> T:
    """:func:`store_call`, its result reused for the same ``key`` while the cache holds it."""
    try:
        return await run_in_threadpool(cache.get, key, lambda: func(*args, **kwargs))
    except StoreError as err:
        raise http_error(err) from None


async def cached_calls(
    cache: ReadCache, calls: Sequence[tuple[Hashable, Callable[[], Any]]]
) -> list[Any]:
    """Several :func:`cached_call` in one trip to the thread pool, in order: a page's
    store calls, without a thread hand-off between each."""

    def run() -> list[Any]:
        return [cache.get(key, compute) for key, compute in calls]

    try:
        return await run_in_threadpool(run)
    except StoreError as err:
        raise http_error(err) from None


async def speaker_or_404(store: Store, speaker: str, cache: ReadCache | None = None) -> SpeakerRow:
    try:
        if cache is None:
            return await run_in_threadpool(store.speaker_summary, speaker)
        return await run_in_threadpool(
            cache.get, ("speaker", speaker), lambda: store.speaker_summary(speaker)
        )
    except _UNAVAILABLE as err:
        raise unavailable(err) from None
    except StoreError as err:
        raise HTTPException(status_code=404, detail=str(err)) from None
