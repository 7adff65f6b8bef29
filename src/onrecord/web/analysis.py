"""Analysis on request: a few slots, so a burst of large texts cannot take every core."""

from __future__ import annotations

import threading
from collections.abc import Sequence

from fastapi import HTTPException
from starlette.concurrency import run_in_threadpool

from onrecord.api import analyze_many
from onrecord.article import Article
from onrecord.errors import InputError
from onrecord.read import check_text
from onrecord.record import ArticleRecord


class Analyser:
    def __init__(self, *, model: str | None, slots: int, wait: float, max_chars: int) -> None:
        self.model = model
        self.max_chars = max_chars
        self._slots = threading.BoundedSemaphore(max(1, slots))
        self._wait = wait

    def check(self, article: Article, origin: str = "text") -> None:
        """Raise 413 for a text over the server's limit, 422 for one that is not text."""
        try:
            check_text(article.text, origin=origin, max_chars=self.max_chars)
        except InputError as err:
            status = 413 if len(article.text) > self.max_chars else 422
            raise HTTPException(status_code=status, detail=str(err)) from None

    def _run(self, articles: Sequence[Article]) -> list[ArticleRecord]:
        if not self._slots.acquire(timeout=self._wait):
            raise HTTPException(
                status_code=503,
                detail="the server is busy analysing other texts; try again in a minute",
                headers={"Retry-After": "60"},
            )
        try:
            return list(analyze_many(articles, model=self.model))
        except InputError as err:
            raise HTTPException(status_code=422, detail=str(err)) from None
        finally:
            self._slots.release()

    async def analyse(self, articles: Sequence[Article]) -> list[ArticleRecord]:
        for article in articles:
            self.check(article, article.doc_id or "text")
        return await run_in_threadpool(self._run, articles)
