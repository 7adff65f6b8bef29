"""JSON articles: a JSONL file (one object a line), a JSON file (one object or a list of
them), and the article of one record of FIELDS, which a Parquet row is read as too."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from onrecord.errors import InputError
from onrecord.text.days import parse_day
from onrecord.text.inputs.files import os_reason, read_bounded
from onrecord.text.inputs.items import InputFailure, InputItem, byte_limit, failure_reason, too_big
from onrecord.text.read import DEFAULT_MAX_CHARS, check_text, decode

FIELDS = ("id", "text", "title", "published", "url", "outlet")  # of a JSONL line, a Parquet row

_SNIFF_BYTES = 65536
_SKIP_CHUNK = 1 << 20


def read_jsonl(
    path: Path, *, max_chars: int, with_dates: bool
) -> Iterator[InputItem | InputFailure]:
    """The articles of a JSONL file, one a non-empty line."""
    origin = str(path)
    limit = byte_limit(max_chars)
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
                    yield InputFailure(line_origin, too_big(line, limit, "line"))
                    continue
                yield _jsonl_item(line, line_origin, f"{path.stem}-{number}", max_chars, with_dates)
    except OSError as err:
        yield InputFailure(origin, os_reason(err, path))
        return
    if empty:
        yield InputFailure(origin, "empty file")


def count_jsonl(path: Path) -> int:
    """How many items ``read_jsonl`` yields for a file: one per non-empty line, or one
    failure for a binary, empty or unreadable file."""
    try:
        with path.open("rb") as file:
            if b"\x00" in file.read(_SNIFF_BYTES):
                return 1
            file.seek(0)
            lines = sum(1 for _, line in _lines(file, byte_limit(DEFAULT_MAX_CHARS)) if line)
    except OSError:
        lines = 0
    return max(lines, 1)


def _jsonl_item(
    line: bytes, origin: str, default_id: str, max_chars: int, with_dates: bool
) -> InputItem | InputFailure:
    if line.startswith(b"\xef\xbb\xbf"):
        line = line[3:]
    try:
        record = json.loads(decode(line, origin=origin).strip())
    except InputError as err:
        return InputFailure(origin, failure_reason(err, origin))
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
    return fields_item(record, origin, default_id, max_chars, with_dates, kind="jsonl")


def fields_item(
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
    if published is not None:
        try:
            parse_day(published)
        except ValueError as err:
            return InputFailure(origin, f'"published": {err}')
    for value in (text, doc_id, *fields.values()):
        if value is not None and not _is_encodable(value):
            return InputFailure(
                origin, "contains a lone surrogate escape (e.g. \\ud800), which is not text"
            )
    try:
        check_text(text, origin=origin, max_chars=max_chars)
    except InputError as err:
        return InputFailure(origin, failure_reason(err, origin))
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


def read_json(
    path: Path, *, max_chars: int, with_dates: bool
) -> Iterator[InputItem | InputFailure]:
    """The article of a JSON file, or one for each object of its list."""
    origin = str(path)
    data = read_bounded(path, byte_limit(max_chars))
    if isinstance(data, InputFailure):
        yield data
        return
    try:
        value = json.loads(decode(data, origin=origin))
    except InputError as err:
        yield InputFailure(origin, failure_reason(err, origin))
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
            yield fields_item(value, origin, path.stem, max_chars, with_dates, kind="json")
        return
    if not isinstance(value, list) or not value:
        what = "an empty JSON list" if isinstance(value, list) else f"a JSON {_json_type(value)}"
        yield InputFailure(origin, _NOT_AN_ARTICLE.format(what=what))
        return
    for number, element in enumerate(value, 1):
        element_origin = f"{origin}:{number}"
        if isinstance(element, dict):
            default_id = f"{path.stem}-{number}"
            yield fields_item(
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


def _is_encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
