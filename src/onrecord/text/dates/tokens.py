"""The tokens date matching reads: runs of letters, runs of digits and single marks.

Each token records the kind of gap before it. The stream is produced lazily and
forgets tokens far behind the scan, so memory stays bounded by the look-ahead
window, not by the length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

_TOKEN_RE = re.compile(r"[^\W\d_]+|[0-9]+|\S")
DIGITS = frozenset("0123456789")
# Marks between the digits of one number: "1,997", "15.5", "10:15", "2022-15".
NUMBER_SEPARATORS = (".", ",", ":", "/", "-", "–")

# Gap between a token and the one before it.
TOUCHING = 0  # no space: "Feb" "." / "15" "th"
SPACE = 1  # spaces/tabs only
NEWLINE = 2  # whitespace with one newline (same paragraph)
BREAK = 3  # blank line, start of text or of a segment between skip spans


class Token(NamedTuple):
    start: int
    end: int
    text: str
    lower: str
    gap: int


def is_spaced(token: Token) -> bool:
    """Whether spaces or a single newline, no more and no less, stand before the token."""
    return SPACE <= token.gap <= NEWLINE


def segments_outside(length: int, skip: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches of a text of ``length`` characters that no ``skip`` span covers."""
    spans: list[tuple[int, int]] = []
    for item in skip:
        try:
            start, end = int(item[0]), int(item[1])
        except (TypeError, ValueError, IndexError):
            continue
        start, end = max(0, start), min(length, end)
        if start < end:
            spans.append((start, end))
    spans.sort()
    segments: list[tuple[int, int]] = []
    position = 0
    for start, end in spans:
        if start > position:
            segments.append((position, start))
        position = max(position, end)
    if position < length:
        segments.append((position, length))
    return segments


def tokenize(text: str, segments: list[tuple[int, int]]) -> Iterator[Token]:
    for segment_start, segment_end in segments:
        previous_end = -1
        for match in _TOKEN_RE.finditer(text, segment_start, segment_end):
            start, end = match.span()
            if previous_end < 0:
                gap = BREAK
            elif start == previous_end:
                gap = TOUCHING
            else:
                newlines = text.count("\n", previous_end, start)
                gap = SPACE if newlines == 0 else NEWLINE if newlines == 1 else BREAK
            word = match.group()
            yield Token(start, end, word, word.lower(), gap)
            previous_end = end


class TokenStream:
    """Random access by absolute index into a lazily produced token stream."""

    def __init__(self, tokens: Iterator[Token]) -> None:
        self._tokens = tokens
        self._buffer: list[Token] = []
        self._first_index = 0  # absolute index of self._buffer[0]
        self._exhausted = False

    def get(self, index: int) -> Token | None:
        offset = index - self._first_index
        if 0 <= offset < len(self._buffer):
            return self._buffer[offset]
        if offset < 0:
            return None
        while offset >= len(self._buffer):
            if self._exhausted:
                return None
            token = next(self._tokens, None)
            if token is None:
                self._exhausted = True
                return None
            self._buffer.append(token)
        return self._buffer[offset]

    def release(self, index: int) -> None:
        """Forget the tokens before ``index`` once there are enough of them to be worth it."""
        offset = index - self._first_index
        if offset > 1024:
            del self._buffer[:offset]
            self._first_index = index
