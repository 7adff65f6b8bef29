"""One article a file: UTF-8 text, or an HTML page whose main text is the article; dated
by the page's metadata or a date in the file name."""

from __future__ import annotations

import re
from pathlib import Path

from onrecord.errors import InputError
from onrecord.text.days import calendar_day
from onrecord.text.html import extract_html
from onrecord.text.inputs.files import read_bounded
from onrecord.text.inputs.items import InputFailure, InputItem, byte_limit, failure_reason
from onrecord.text.read import check_text, decode

_HTML_TAG = re.compile(rb"<(?:html|body|p)[\s>/]", re.I)
_LEADING = b" \t\r\n\f\v\xef\xbb\xbf"  # whitespace and the UTF-8 byte order mark
_NAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def read_document(
    path: Path, kind: str, *, max_chars: int, with_dates: bool
) -> InputItem | InputFailure:
    """The article of a file of ``kind`` "text", "html" or "sniff" (HTML if it looks like a
    page, otherwise text)."""
    origin = str(path)
    limit = byte_limit(max_chars)
    data = read_bounded(path, limit)
    if isinstance(data, InputFailure):
        return data
    return document_from_bytes(data, origin, path.stem, kind, max_chars, with_dates)


def document_from_bytes(
    data: bytes, origin: str, stem: str, kind: str, max_chars: int, with_dates: bool
) -> InputItem | InputFailure:
    limit = byte_limit(max_chars)
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
        return InputFailure(origin, failure_reason(err, origin))
    if not text.strip():
        return InputFailure(origin, "empty file")
    published, dated_by = _dating(None, stem) if with_dates else (None, None)
    return InputItem(origin, text, stem, "text", published=published, dated_by=dated_by)


def date_in_name(name: str) -> str | None:
    """A date written YYYY-MM-DD in a file name ("breitbart_2016-09-15_x"), if it is one."""
    for match in _NAME_DATE.finditer(name):
        day = calendar_day(*(int(part) for part in match.groups()))
        if day is not None:
            return day.isoformat()
    return None


def _dating(from_metadata: str | None, stem: str) -> tuple[str | None, str | None]:
    """(publication date, where it came from): the document's metadata, else its name."""
    if from_metadata is not None:
        return from_metadata, "metadata"
    named = date_in_name(stem)
    return (named, "file name") if named is not None else (None, None)


def _looks_like_html(data: bytes) -> bool:
    return data.lstrip(_LEADING).startswith(b"<") and _HTML_TAG.search(data) is not None
