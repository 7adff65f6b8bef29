"""Progress of long corpus work, shown on standard error as a bar on a terminal only: in a
log or a pipe a progress line would be stale at once, and the command's summary line says
what was done."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from onrecord.corpus.ingest import Progress

_WIDTH = 28


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
