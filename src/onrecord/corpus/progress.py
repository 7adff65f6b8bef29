"""Progress of long corpus work (ingest, re-analysis, the Ray engine), shown on standard
error as a bar on a terminal only: in a log or a pipe a progress line would be stale at
once, and the command's summary line says what was done."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import TextIO

_WIDTH = 28


@dataclass(slots=True)
class Progress:
    total: int  # inputs expected (files, JSONL lines)
    done: int = 0  # inputs handled: stored, already stored or failed
    stored: int = 0
    skipped: int = 0  # already in the store
    failed: int = 0
    reanalysed: int = 0  # stored articles whose record was replaced (--reanalyse)
    changed: int = 0  # quotes added, removed or changed by those re-analyses
    started: float = field(default_factory=time.monotonic)
    # (origin, the doc_id it came with, the id it is stored under): doc ids are unique in
    # the store, so an article whose id another article has is stored as "id-2", ...
    renamed: list[tuple[str, str, str]] = field(default_factory=list)
    # new articles stored, by where their publication date came from ("metadata", "file
    # name", "--published") or "undated"
    dated_by: dict[str, int] = field(default_factory=dict)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @property
    def rate(self) -> float:
        """Articles analysed per second (skipped ones are not work)."""
        worked = self.stored + self.reanalysed + self.failed
        return worked / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        left = max(0, self.total - self.done)
        return left / self.rate if self.rate > 0 else None


@dataclass(slots=True)
class IngestSummary:
    progress: Progress
    failures: list[tuple[str, str]]


def duration(seconds: float) -> str:
    seconds = round(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def describe(progress: Progress) -> str:
    total = max(progress.total, progress.done, 1)
    filled = int(_WIDTH * progress.done / total)
    bar = "█" * filled + "·" * (_WIDTH - filled)
    eta = progress.eta
    parts = [
        f"{bar} {progress.done}/{total}",
        f"{progress.rate:.1f} articles/s",
        f"ETA {duration(eta)}" if eta is not None else "ETA -",
    ]
    if progress.reanalysed:
        parts.append(f"{progress.reanalysed} re-analysed")
    if progress.skipped:
        parts.append(f"{progress.skipped} already stored")
    if progress.failed:
        parts.append(f"{progress.failed} failed")
    return " · ".join(parts)


class ProgressPrinter:
    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.last = 0.0

    def __call__(self, progress: Progress) -> None:
        if not self.tty:
            return
        now = time.monotonic()
        if now - self.last >= 0.2 or progress.done >= progress.total:
            self.stream.write("\r\x1b[2K" + describe(progress))
            self.stream.flush()
            self.last = now

    def finish(self) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()
