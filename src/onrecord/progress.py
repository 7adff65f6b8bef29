"""Progress of long corpus work, shown on standard error: a bar on a terminal, a line now
and then in a log."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from onrecord.ingest import Progress

_WIDTH = 28
_LOG_EVERY = 10.0  # seconds between lines when standard error is not a terminal


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
        now = time.monotonic()
        if self.tty:
            if now - self.last >= 0.2 or progress.done >= progress.total:
                self.stream.write("\r\x1b[2K" + describe(progress))
                self.stream.flush()
                self.last = now
        elif now - self.last >= _LOG_EVERY:
            self.stream.write(describe(progress) + "\n")
            self.stream.flush()
            self.last = now

    def finish(self) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()
