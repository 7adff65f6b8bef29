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

import json
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import BinaryIO

from onrecord.article import Article
from onrecord.errors import InputError
from onrecord.html import extract_html
from onrecord.read import DEFAULT_MAX_CHARS, check_text, decode

TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json"})
PARQUET_SUFFIXES = frozenset({".parquet"})
FIELDS = ("id", "text", "title", "published", "url", "outlet")  # of a JSONL line, a Parquet row

_SNIFF_BYTES = 65536
_HTML_TAG = re.compile(rb"<(?:html|body|p)[\s>/]", re.I)
_LEADING = b" \t\r\n\f\v\xef\xbb\xbf"  # whitespace and the UTF-8 byte order mark
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_SKIP_CHUNK = 1 << 20
_PARQUET_BATCH = 256  # rows read at once


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


def discover(paths: Sequence[str]) -> list[Path]:
    """The files to read: files given directly, and every file below each folder given.

    Folders are walked recursively in name order, skipping hidden files and folders (a name
    starting with ".") and backup files (a name ending in "~"); symbolic links are followed,
    each file and folder is listed once. A folder that cannot be listed is returned as
    itself, so reading it reports the problem. Raises InputError, before looking inside any
    folder, when a path does not exist.
    """
    for raw in paths:
        if not raw or not os.path.exists(raw):
            raise InputError(f"{raw or '(empty path)'}: no such file or folder")
    found: list[Path] = []
    seen: set[tuple[int, int]] = set()
    for raw in paths:
        root = Path(raw)
        if root.is_dir():
            found.extend(_walk(root, seen))
        elif _first_time(root, seen):
            found.append(root)
    return found


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
        if _not_a_file(path) is not None:  # reported, never opened
            total += 1
            continue
        if _kind_by_name(path) == "parquet":
            total += max(_parquet_rows(path), 1)
            continue
        if _kind_by_name(path) == "json":
            total += sum(1 for _ in _read_json(path, max_chars=DEFAULT_MAX_CHARS, with_dates=False))
            continue
        if _kind_by_name(path) != "jsonl":
            total += 1
            continue
        try:
            with path.open("rb") as file:
                if b"\x00" in file.read(_SNIFF_BYTES):
                    total += 1
                    continue
                file.seek(0)
                lines = sum(1 for _, line in _lines(file, _byte_limit(DEFAULT_MAX_CHARS)) if line)
        except OSError:
            lines = 0
        total += max(lines, 1)
    return total


# --- discovery ---------------------------------------------------------------------------


def _walk(root: Path, seen: set[tuple[int, int]]) -> Iterator[Path]:
    if not _first_time(root, seen):
        return
    listing = _list_folder(root, seen)
    if listing is None:
        yield root  # reading it reports why it cannot be listed
        return
    stack = [iter(listing)]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        path, is_folder = entry
        if not is_folder or (listing := _list_folder(path, seen)) is None:
            yield path  # a folder that cannot be listed: reading it says why
        else:
            stack.append(iter(listing))


def _list_folder(folder: Path, seen: set[tuple[int, int]]) -> list[tuple[Path, bool]] | None:
    """The visible files and folders in ``folder``, by name; None if it cannot be listed."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError:
        return None
    listing: list[tuple[Path, bool]] = []
    for entry in entries:
        if entry.name.startswith(".") or entry.name.endswith("~"):
            continue
        try:
            is_folder = entry.is_dir()
            if not (is_folder or entry.is_file()):
                # sockets, FIFOs, devices, broken links: listed, so that reading reports
                # them (without opening them)
                listing.append((folder / entry.name, False))
                continue
            info = entry.stat()
        except OSError:
            listing.append((folder / entry.name, False))
            continue
        key = (info.st_dev, info.st_ino)
        if key not in seen:  # a link back to a folder already walked, or a file listed twice
            seen.add(key)
            listing.append((folder / entry.name, is_folder))
    return listing


def _not_a_file(path: Path) -> str | None:
    """Why ``path`` is not read (never opening it: a FIFO would wait for a writer
    forever), or None for a regular file or a folder (reading a folder says why it fails)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            return f"a broken symbolic link (to {os.readlink(path)}); nothing to read"
        return "no such file"
    except OSError as err:
        return f"cannot read it: {err.strerror or err}"
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kind = (
        "a named pipe (FIFO)"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
    )
    return f"{kind}, not a regular file; onrecord reads only files (copy the content to one)"


def _first_time(path: Path, seen: set[tuple[int, int]]) -> bool:
    try:
        info = path.stat()
    except OSError:
        return True
    key = (info.st_dev, info.st_ino)
    if key in seen:
        return False
    seen.add(key)
    return True


# --- reading -----------------------------------------------------------------------------


def _iter_files(
    files: list[Path], *, max_chars: int, with_dates: bool
) -> Iterator[InputItem | InputFailure]:
    for path in files:
        origin = str(path)
        unreadable = _not_a_file(path)
        if unreadable is not None:
            yield InputFailure(origin, unreadable)
            continue
        try:
            if _kind_by_name(path) == "jsonl":
                yield from _read_jsonl(path, max_chars=max_chars, with_dates=with_dates)
            elif _kind_by_name(path) == "parquet":
                yield from _read_parquet(path, max_chars=max_chars, with_dates=with_dates)
            elif _kind_by_name(path) == "json":
                yield from _read_json(path, max_chars=max_chars, with_dates=with_dates)
            else:
                yield _read_document(path, max_chars=max_chars, with_dates=with_dates)
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
    limit = _byte_limit(max_chars)
    if len(data) > limit:
        return InputFailure(origin, _too_big(len(data), limit, "file"))
    return _document(data, origin, doc_id, "sniff", max_chars, published_from_metadata)


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


def _read_document(path: Path, *, max_chars: int, with_dates: bool) -> InputItem | InputFailure:
    origin = str(path)
    limit = _byte_limit(max_chars)
    data = _read_bounded(path, limit)
    if isinstance(data, InputFailure):
        return data
    return _document(data, origin, path.stem, _kind_by_name(path), max_chars, with_dates)


def _document(
    data: bytes, origin: str, stem: str, kind: str, max_chars: int, with_dates: bool
) -> InputItem | InputFailure:
    limit = _byte_limit(max_chars)
    if kind == "sniff":
        kind = "html" if _looks_like_html(data) else "text"
    try:
        if kind == "html":
            text, meta = extract_html(data, origin, max_bytes=limit)
            check_text(text, origin=origin, max_chars=max_chars)
            published, dated_by = _dating(meta.published if with_dates else None, stem)
            return InputItem(
                origin,
                text,
                stem,
                "html",
                title=meta.title,
                published=published,
                url=meta.url,
                outlet=meta.outlet,
                dated_by=dated_by if with_dates else None,
            )
        text = check_text(decode(data, origin=origin), origin=origin, max_chars=max_chars)
    except InputError as err:
        return InputFailure(origin, _reason(err, origin))
    if not text.strip():
        return InputFailure(origin, "empty file")
    published, dated_by = _dating(None, stem) if with_dates else (None, None)
    return InputItem(origin, text, stem, "text", published=published, dated_by=dated_by)


def date_in_name(name: str) -> str | None:
    """A date written YYYY-MM-DD in a file name ("breitbart_2016-09-15_x"), if it is one."""
    for match in _NAME_DATE.finditer(name):
        try:
            return date(*(int(part) for part in match.groups())).isoformat()
        except ValueError:
            continue
    return None


def _dating(from_metadata: str | None, stem: str) -> tuple[str | None, str | None]:
    """(publication date, where it came from): the document's metadata, else its name."""
    if from_metadata is not None:
        return from_metadata, "metadata"
    named = date_in_name(stem)
    return (named, "file name") if named is not None else (None, None)


def _read_jsonl(
    path: Path, *, max_chars: int, with_dates: bool
) -> Iterator[InputItem | InputFailure]:
    origin = str(path)
    limit = _byte_limit(max_chars)
    try:
        with path.open("rb") as file:
            if b"\x00" in file.read(_SNIFF_BYTES):
                yield InputFailure(
                    origin,
                    "looks like a binary file (it contains NUL bytes); "
                    "give onrecord a UTF-8 JSONL file, one JSON object per line",
                )
                return
            file.seek(0)
            empty = True
            for number, line in _lines(file, limit):
                if line is None:
                    continue
                empty = False
                line_origin = f"{origin}:{number}"
                if isinstance(line, int):
                    yield InputFailure(line_origin, _too_big(line, limit, "line"))
                    continue
                yield _jsonl_item(line, line_origin, f"{path.stem}-{number}", max_chars, with_dates)
    except OSError as err:
        yield InputFailure(origin, _os_reason(err, path))
        return
    if empty:
        yield InputFailure(origin, "empty file")


def _jsonl_item(
    line: bytes, origin: str, default_id: str, max_chars: int, with_dates: bool
) -> InputItem | InputFailure:
    if line.startswith(b"\xef\xbb\xbf"):
        line = line[3:]
    try:
        record = json.loads(decode(line, origin=origin).strip())
    except InputError as err:
        return InputFailure(origin, _reason(err, origin))
    except json.JSONDecodeError as err:
        detail = f"{err.msg.removesuffix(' at')} at column {err.colno}"
        return InputFailure(origin, f"invalid JSON ({detail}); write one JSON object per line")
    except (ValueError, RecursionError) as err:  # nested too deeply, huge integer, ...
        return InputFailure(
            origin, f"invalid JSON ({type(err).__name__}); write one JSON object per line"
        )
    if not isinstance(record, dict):
        return InputFailure(
            origin,
            f"a JSON {_json_type(record)}, not an object; "
            'write one object per line, e.g. {"id": "a1", "text": "..."}',
        )
    return _fields_item(record, origin, default_id, max_chars, with_dates, kind="jsonl")


def _fields_item(
    record: dict[str, object],
    origin: str,
    default_id: str,
    max_chars: int,
    with_dates: bool,
    *,
    kind: str,
) -> InputItem | InputFailure:
    """The article of one JSONL or JSON object or Parquet row (FIELDS), or what is wrong
    with it."""
    unit = {"jsonl": "line", "parquet": "row"}.get(kind, "article")
    text = record.get("text")
    if text is None or (isinstance(text, str) and not text.strip()):
        return InputFailure(
            origin, f'no "text"; each {unit} needs the article text in its "text" field'
        )
    if not isinstance(text, str):
        return InputFailure(origin, f'"text" is a JSON {_json_type(text)}; it must be a string')
    fields: dict[str, str | None] = {}
    for key in ("title", "published", "url", "outlet"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            return InputFailure(
                origin, f'"{key}" is a JSON {_json_type(value)}; it must be a string or null'
            )
        fields[key] = value.strip() or None if isinstance(value, str) else None
    raw_id = record.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int | None):
        return InputFailure(
            origin, f'"id" is a JSON {_json_type(raw_id)}; it must be a string or a number'
        )
    doc_id = str(raw_id).strip() if raw_id is not None else ""
    published = fields["published"]
    if published is not None and not _is_iso_date(published):
        return InputFailure(
            origin, f'"published" is {_show(published)}; give the date as YYYY-MM-DD or null'
        )
    for value in (text, doc_id, *fields.values()):
        if value is not None and not _is_encodable(value):
            return InputFailure(
                origin, "contains a lone surrogate escape (e.g. \\ud800), which is not text"
            )
    try:
        check_text(text, origin=origin, max_chars=max_chars)
    except InputError as err:
        return InputFailure(origin, _reason(err, origin))
    return InputItem(
        origin,
        text,
        doc_id or default_id,
        kind,
        title=fields["title"],
        published=published if with_dates else None,
        url=fields["url"],
        outlet=fields["outlet"],
        dated_by="metadata" if with_dates and published is not None else None,
    )


def _read_json(
    path: Path, *, max_chars: int, with_dates: bool
) -> Iterator[InputItem | InputFailure]:
    origin = str(path)
    data = _read_bounded(path, _byte_limit(max_chars))
    if isinstance(data, InputFailure):
        yield data
        return
    try:
        value = json.loads(decode(data, origin=origin))
    except InputError as err:
        yield InputFailure(origin, _reason(err, origin))
        return
    except json.JSONDecodeError as err:
        detail = f"{err.msg.removesuffix(' at')} at line {err.lineno} column {err.colno}"
        yield InputFailure(origin, f"invalid JSON ({detail})")
        return
    except (ValueError, RecursionError) as err:  # nested too deeply, huge integer, ...
        yield InputFailure(origin, f"invalid JSON ({type(err).__name__})")
        return
    if isinstance(value, dict):
        if "text" not in value:
            yield InputFailure(origin, _NOT_AN_ARTICLE.format(what='a JSON object without "text"'))
        else:
            yield _fields_item(value, origin, path.stem, max_chars, with_dates, kind="json")
        return
    if not isinstance(value, list) or not value:
        what = "an empty JSON list" if isinstance(value, list) else f"a JSON {_json_type(value)}"
        yield InputFailure(origin, _NOT_AN_ARTICLE.format(what=what))
        return
    for number, element in enumerate(value, 1):
        element_origin = f"{origin}:{number}"
        if isinstance(element, dict):
            default_id = f"{path.stem}-{number}"
            yield _fields_item(
                element, element_origin, default_id, max_chars, with_dates, kind="json"
            )
        else:
            yield InputFailure(
                element_origin, f"a JSON {_json_type(element)} in the list, not an article object"
            )


_NOT_AN_ARTICLE = (
    "{what}, so not an article; a .json file is read as one article "
    '{{"text": "...", "id", "title", "published", "url", "outlet"}} or a list of them'
)


def _read_parquet(
    path: Path, *, max_chars: int, with_dates: bool
) -> Iterator[InputItem | InputFailure]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    origin = str(path)
    try:
        table = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as err:
        yield InputFailure(origin, _parquet_reason(err))
        return
    columns = [name for name in FIELDS if name in table.schema_arrow.names]
    if "text" not in columns:
        yield InputFailure(
            origin,
            'no "text" column; a Parquet corpus needs the article text in a "text" column '
            "(and may have id, title, published, url, outlet)",
        )
        return
    number = 0
    try:
        for batch in table.iter_batches(batch_size=_PARQUET_BATCH, columns=columns):
            for row in batch.to_pylist():
                number += 1
                published = row.get("published")
                if isinstance(published, date):  # a date (or timestamp) column
                    row["published"] = published.isoformat()[:10]
                yield _fields_item(
                    row,
                    f"{origin}:{number}",
                    f"{path.stem}-{number}",
                    max_chars,
                    with_dates,
                    kind="parquet",
                )
    except (OSError, pa.ArrowException) as err:
        yield InputFailure(f"{origin}:{number + 1}", _parquet_reason(err))
        return
    if number == 0:
        yield InputFailure(origin, "empty file")


def _parquet_rows(path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        return int(pq.ParquetFile(path).metadata.num_rows)
    except (OSError, pa.ArrowException):
        return 0


def _parquet_reason(err: Exception) -> str:
    return f"not a readable Parquet file ({err}); check that the file is whole and is Parquet"


def _lines(file: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | int | None]]:
    """Number each line: its bytes; None when blank; its size when over ``limit`` bytes.

    A line over the limit is skipped in chunks, never held in memory whole; whether a line
    is blank does not depend on the limit, so ``count_files`` agrees with ``iter_inputs``.
    """
    number = 0
    while chunk := file.readline(limit + 1):
        number += 1
        blank = not chunk.strip()
        if len(chunk) > limit and not chunk.endswith(b"\n"):
            size = len(chunk)
            while more := file.readline(_SKIP_CHUNK):
                size += len(more)
                blank = blank and not more.strip()
                if more.endswith(b"\n"):
                    size -= 1  # the line break is not part of the line
                    break
            yield number, None if blank else size
        else:
            yield number, None if blank else chunk


def _read_bounded(path: Path, limit: int) -> bytes | InputFailure:
    origin = str(path)
    try:
        if path.is_dir():
            return InputFailure(origin, _folder_reason(path))
        size = path.stat().st_size
        if size > limit:
            return InputFailure(origin, _too_big(size, limit, "file"))
        with path.open("rb") as file:
            data = file.read(limit + 1)
    except OSError as err:
        return InputFailure(origin, _os_reason(err, path))
    if len(data) > limit:  # grew since, or not a regular file
        return InputFailure(origin, _too_big(len(data), limit, "file"))
    return data


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


def _looks_like_html(data: bytes) -> bool:
    return data.lstrip(_LEADING).startswith(b"<") and _HTML_TAG.search(data) is not None


# --- messages ----------------------------------------------------------------------------


def _byte_limit(max_chars: int) -> int:
    return max(max_chars, 1) * 4


def _reason(err: InputError, origin: str) -> str:
    message = str(err)
    prefix = f"{origin}: "
    return message[len(prefix) :] if message.startswith(prefix) else message


def _too_big(size: int, limit: int, what: str) -> str:
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


def _os_reason(err: OSError, path: Path) -> str:
    if isinstance(err, FileNotFoundError):
        return "no such file (it was moved or deleted during the run)"
    if isinstance(err, IsADirectoryError):
        return _folder_reason(path)
    return f"cannot be read ({err.strerror or err}); check that you may read it"


def _folder_reason(path: Path) -> str:
    try:
        with os.scandir(path):
            pass
    except OSError as err:
        return f"is a folder that cannot be listed ({err.strerror or err}); check its permissions"
    return "is a folder; give the article files inside it"


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _show(value: str) -> str:
    return json.dumps(value if len(value) <= 40 else value[:40] + "…", ensure_ascii=False)


def _is_iso_date(value: str) -> bool:
    if not _ISO_DATE.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
