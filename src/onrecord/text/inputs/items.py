"""What reading a corpus yields: an article (``InputItem``) or a document that cannot be
read (``InputFailure``), and the wording of the failures every reader shares."""

from __future__ import annotations

from dataclasses import dataclass

from onrecord.errors import InputError


@dataclass(frozen=True, slots=True)
class InputItem:
    """One article read from the corpus."""

    origin: str  # the file path; "path:LINE" for a JSONL line, "path:ROW" for a Parquet row
    text: str  # the text onrecord analyses (for HTML: the extracted main text)
    doc_id: str  # file name without extension; for JSONL/Parquet "id" or "<stem>-<line/row>"
    kind: str  # "text" | "html" | "jsonl" | "json" | "parquet"
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None
    outlet: str | None = None
    # where ``published`` came from: "metadata" (HTML meta, a JSONL/JSON/Parquet field),
    # "file name" (a date such as 2016-09-15 in it), "--published" (the date given for
    # undated inputs), or None when undated
    dated_by: str | None = None


@dataclass(frozen=True, slots=True)
class InputFailure:
    """A document that cannot be analysed: where it is, what is wrong and what to do."""

    origin: str
    reason: str


def byte_limit(max_chars: int) -> int:
    """The most bytes ``max_chars`` characters take in UTF-8: the size refused unread."""
    return max(max_chars, 1) * 4


def failure_reason(err: InputError, origin: str) -> str:
    """The error's message without its origin, which the failure carries already."""
    message = str(err)
    prefix = f"{origin}: "
    return message[len(prefix) :] if message.startswith(prefix) else message


def too_big(size: int, limit: int, what: str) -> str:
    """Why a "file" or "line" of ``size`` bytes is refused, over ``limit``."""
    shown, shown_limit = _size(size), _size(limit)
    if shown == shown_limit:
        shown, shown_limit = f"{size:,} bytes", f"{limit:,} bytes"
    subject = "is" if what == "file" else "the line is"
    return (
        f"{subject} {shown}, over the limit of {shown_limit}; "
        "split it into articles, or raise the limit with --max-chars"
    )


def _size(size: int) -> str:
    if size < 10_000:
        return f"{size:,} bytes"
    unit, scale = ("MB", 1_000_000) if size >= 1_000_000 else ("KB", 1_000)
    return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
