"""Analysis on request, kept apart from reads.

Analyses run on an executor of their own (``slots`` threads), never on the thread pool
that database reads use, so a burst of analyses cannot make a read wait. At most
``queue`` more analyses wait for a slot; a request beyond that is refused at once with
``503`` and ``Retry-After`` rather than held open.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from fastapi import HTTPException

from onrecord.article import Article
from onrecord.errors import InputError
from onrecord.lexicon import Lexicon
from onrecord.pipeline import Analyzer
from onrecord.record import ArticleRecord
from onrecord.text.read import check_text

RETRY_AFTER = "30"


class AnalysisQueue:
    """The server's analyses: admitted or refused, then run by one :class:`Analyzer`."""

    def __init__(self, *, model: str | None, slots: int, queue: int, max_chars: int) -> None:
        self.analyzer = Analyzer(model)
        self.max_chars = max_chars
        self.slots = max(1, slots)
        self.queue = max(0, queue)
        self._executor: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        self._admitted = 0  # running and waiting

    def check(self, article: Article, origin: str = "text") -> None:
        """Raise 413 for a text over the server's limit, 422 for one that is not text."""
        try:
            check_text(article.text, origin=origin, max_chars=self.max_chars)
        except InputError as err:
            status = 413 if len(article.text) > self.max_chars else 422
            raise HTTPException(status_code=status, detail=str(err)) from None

    @property
    def lexicon(self) -> Lexicon:
        """The lexicon the records were made with."""
        return self.analyzer.lexicon

    @property
    def admitted(self) -> int:
        """Analyses running or waiting for a slot."""
        with self._lock:
            return self._admitted

    def _admit(self) -> None:
        with self._lock:
            if self._admitted >= self.slots + self.queue:
                raise HTTPException(
                    status_code=503,
                    detail=(
                        f"the server is busy: {self.slots} analysis(es) running and "
                        f"{self.queue} waiting; try again in {RETRY_AFTER} seconds"
                    ),
                    headers={"Retry-After": RETRY_AFTER},
                )
            self._admitted += 1

    def _release(self) -> None:
        with self._lock:
            self._admitted -= 1

    def _run(self, articles: Sequence[Article]) -> list[ArticleRecord]:
        try:
            return list(self.analyzer.analyze_many(articles))
        finally:
            self._release()

    async def analyse(self, articles: Sequence[Article]) -> list[ArticleRecord]:
        for article in articles:
            self.check(article, article.doc_id or "text")
        self._admit()
        try:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(
                    self.slots, thread_name_prefix="onrecord-analysis"
                )
            future = self._executor.submit(self._run, articles)
        except BaseException:
            self._release()
            raise
        try:
            # shielded: a client that goes away does not free a slot its analysis still holds
            return await asyncio.shield(asyncio.wrap_future(future))
        except InputError as err:
            raise HTTPException(status_code=422, detail=str(err)) from None

    def close(self) -> None:
        """Stop taking analyses (a later one starts a new executor)."""
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
