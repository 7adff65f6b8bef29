"""Uploaded bodies to articles: text, an HTML page, a JSONL feed or JSON articles, read by
the same code as ``onrecord ingest`` (:mod:`onrecord.text.inputs`), so uploads obey the same
limits and checks.

The body is written to a private temporary folder under a name the server makes (only the
kind and a cleaned stem come from the client), read, and deleted; no client-given path is
ever opened.
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from pathlib import Path, PurePosixPath

from onrecord.text.inputs import (
    HTML_SUFFIXES,
    JSON_SUFFIXES,
    JSONL_SUFFIXES,
    InputFailure,
    InputItem,
    iter_inputs,
)

_STEM = re.compile(r"[^\w.-]+")
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_JSONL_TYPES = frozenset(
    {"application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/json-seq"}
)


def kind_of(filename: str | None, content_type: str | None) -> str:
    """ "html", "jsonl", "json", "text", or "sniff" (decide from the bytes, as ingest does)."""
    suffix = PurePosixPath(filename or "").suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in (".txt", ".text"):
        return "text"
    media = (content_type or "").split(";")[0].strip().lower()
    if media in _HTML_TYPES:
        return "html"
    if media in _JSONL_TYPES:
        return "jsonl"
    if media == "application/json":
        return "json"
    if media == "text/plain":
        return "text"
    return "sniff"


def clean_stem(name: str | None, default: str = "upload") -> str:
    """A doc id safe as a file name: the client's name without folders or odd characters."""
    stem = PurePosixPath(unicodedata.normalize("NFC", name or "").replace("\\", "/")).name
    stem = stem.rsplit(".", 1)[0] if "." in stem.lstrip(".") else stem
    stem = _STEM.sub("_", stem).strip("._")[:100]
    while len(stem.encode("utf-8")) > 200:  # a file name holds 255 bytes
        stem = stem[:-1]
    return stem or default


_SUFFIX = {
    "html": ".html",
    "jsonl": ".jsonl",
    "json": ".json",
    "text": ".txt",
    "sniff": ".upload",
}


def read_upload(
    data: bytes,
    *,
    filename: str | None,
    content_type: str | None,
    max_chars: int,
    doc_id: str | None = None,
) -> list[InputItem | InputFailure]:
    """The articles in one uploaded body, or the reasons they cannot be read.

    Origins read ``upload:<name>`` (``upload:<name>:<n>`` for JSONL lines and the articles
    of a JSON list); a text or
    HTML upload gets ``doc_id`` or, without one, the cleaned name of the file.
    """
    kind = kind_of(filename, content_type)
    stem = clean_stem(doc_id or filename)
    shown = clean_stem(filename, default="body")
    with tempfile.TemporaryDirectory(prefix="onrecord-upload-") as folder:
        path = Path(folder) / f"{stem}{_SUFFIX[kind]}"
        path.write_bytes(data)
        items = list(iter_inputs([str(path)], max_chars=max_chars, published_from_metadata=True))
    out: list[InputItem | InputFailure] = []
    for item in items:
        origin = "upload:" + shown + item.origin[len(str(path)) :]
        if isinstance(item, InputFailure):
            reason = item.reason.replace(str(path), f"upload:{shown}")
            out.append(InputFailure(origin, reason))
            continue
        out.append(
            InputItem(
                origin=origin,
                text=item.text,
                doc_id=item.doc_id if item.kind in ("jsonl", "json") else (doc_id or stem),
                kind=item.kind,
                title=item.title,
                published=item.published,
                url=item.url,
                outlet=item.outlet,
                dated_by=item.dated_by,
            )
        )
    return out
