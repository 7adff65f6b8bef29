"""Corpus input: find article files under the paths given and read them one at a time.

``iter_inputs`` yields an ``InputItem`` per article, or an ``InputFailure`` saying what is
wrong with a document and what to do about it; a bad document never stops the run.

Kinds, by extension (case-insensitive):

- ``.txt``, ``.text`` or no extension: UTF-8 text, one article per file;
- ``.html``, ``.htm``, ``.xhtml``: an HTML page; its main text is the article;
- ``.jsonl``, ``.ndjson``: one JSON object per line, ``{"id", "text", "title", "published",
  "url", "outlet"}`` (only ``text`` is required), one article per line;
- ``.json``: one article as a JSON object with the same fields, or a list of them (a
  JSON file that is not an article, such as an annotation file, is reported, not read
  as text);
- ``.parquet``: a table with the same columns (only ``text`` is required; ``published`` may
  be a string or a date), one article per row;
- anything else: HTML if it starts with ``<`` and has an ``<html``, ``<body`` or ``<p``
  tag, otherwise UTF-8 text.

A file larger than ``max_chars * 4`` bytes is refused before it is read (for JSONL the limit
applies to each line, as a JSONL file is a corpus rather than an article; a Parquet file
is not limited, each of its texts is).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from onrecord.article import Article
from onrecord.text.inputs.documents import document_from_bytes, read_document
from onrecord.text.inputs.files import discover, not_a_file
from onrecord.text.inputs.items import InputFailure, InputItem, byte_limit, too_big
from onrecord.text.inputs.jsonl import count_jsonl, read_json, read_jsonl
from onrecord.text.inputs.parquet import parquet_rows, read_parquet
from onrecord.text.read import DEFAULT_MAX_CHARS

__all__ = [
    "HTML_SUFFIXES",
    "JSONL_SUFFIXES",
    "JSON_SUFFIXES",
    "PARQUET_SUFFIXES",
    "TEXT_SUFFIXES",
    "InputFailure",
    "InputItem",
    "count_files",
    "discover",
    "iter_inputs",
    "read_bytes",
    "read_file",
    "to_article",
]

TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json"})
PARQUET_SUFFIXES = frozenset({".parquet"})


def iter_inputs(
    paths: Sequence[str],
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    published_from_metadata: bool = True,
) -> Iterator[InputItem | InputFailure]:
    """Read every article under ``paths``, in discovery order, one at a time.

    Raises InputError at once if a path does not exist; after that it never raises for a
    bad document, and yields an InputFailure for it instead. With
    ``published_from_metadata=False`` the dates HTML pages and JSONL lines give are dropped.
    """
    files = discover(paths)
    return _iter_files(files, max_chars=max_chars, with_dates=published_from_metadata)


def read_file(
    path: str | Path, *, max_chars: int = DEFAULT_MAX_CHARS, published_from_metadata: bool = True
) -> Iterator[InputItem | InputFailure]:
    """The articles of one discovered file (``iter_inputs`` for a single file, which must
    exist); for engines that read files where they run."""
    return _iter_files([Path(path)], max_chars=max_chars, with_dates=published_from_metadata)


def count_files(paths: Sequence[str]) -> int:
    """How many items ``iter_inputs`` will yield: one per file, one per non-empty JSONL line,
    one per Parquet row."""
    total = 0
    for path in discover(paths):
        if not_a_file(path) is not None:  # reported, never opened
            total += 1
            continue
        kind = _kind_by_name(path)
        if kind == "parquet":
            total += max(parquet_rows(path), 1)
        elif kind == "json":
            total += sum(1 for _ in read_json(path, max_chars=DEFAULT_MAX_CHARS, with_dates=False))
        elif kind == "jsonl":
            total += count_jsonl(path)
        else:
            total += 1
    return total


def _iter_files(
    files: list[Path], *, max_chars: int, with_dates: bool
) -> Iterator[InputItem | InputFailure]:
    for path in files:
        origin = str(path)
        unreadable = not_a_file(path)
        if unreadable is not None:
            yield InputFailure(origin, unreadable)
            continue
        try:
            kind = _kind_by_name(path)
            if kind == "jsonl":
                yield from read_jsonl(path, max_chars=max_chars, with_dates=with_dates)
            elif kind == "parquet":
                yield from read_parquet(path, max_chars=max_chars, with_dates=with_dates)
            elif kind == "json":
                yield from read_json(path, max_chars=max_chars, with_dates=with_dates)
            else:
                yield read_document(path, kind, max_chars=max_chars, with_dates=with_dates)
        except Exception as err:  # a bug must not end a corpus run; report it per document
            yield InputFailure(
                origin,
                f"unexpected error while reading it ({type(err).__name__}: {err}); "
                "this is a bug in onrecord, please report it",
            )


def read_bytes(
    data: bytes,
    *,
    origin: str,
    doc_id: str,
    max_chars: int = DEFAULT_MAX_CHARS,
    published_from_metadata: bool = True,
) -> InputItem | InputFailure:
    """One article from bytes that come with no file name (standard input): an HTML page
    if they look like one, as for a file without extension, otherwise UTF-8 text."""
    limit = byte_limit(max_chars)
    if len(data) > limit:
        return InputFailure(origin, too_big(len(data), limit, "file"))
    return document_from_bytes(data, origin, doc_id, "sniff", max_chars, published_from_metadata)


def to_article(item: InputItem, *, published: str | None = None) -> Article:
    """The article to analyse; ``published`` dates it unless its metadata gives a date
    (it beats a date guessed from the file name)."""
    if published is not None and item.dated_by != "metadata":
        item = replace(item, published=published, dated_by="--published")
    return Article(
        text=item.text,
        doc_id=item.doc_id,
        published=item.published,
        title=item.title,
        url=item.url,
    )


def _kind_by_name(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in PARQUET_SUFFIXES:
        return "parquet"
    if suffix in JSON_SUFFIXES:
        return "json"
    return "sniff"
