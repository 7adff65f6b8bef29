"""HTML pages to article text: main-content extraction with trafilatura, offline only.

Only the bytes given are read: nothing is fetched, no script is run, and scripts, styles,
embedded frames and form controls are removed before trafilatura looks for the main text.
Metadata (title, date, canonical URL, site name) comes from the page's own markup.
"""

from __future__ import annotations

import codecs
import copy
import re
from dataclasses import dataclass
from typing import Any

import trafilatura

from onrecord.errors import InputError
from onrecord.text.days import calendar_day
from onrecord.text.read import DEFAULT_MAX_CHARS

NO_TEXT = "no article text found in the HTML page"

# Elements whose content is never article text. ``with_tail=False`` keeps the text that
# follows them, so "a <script>...</script> b" still reads "a  b".
_NEVER_TEXT = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "svg",
    "math",
    "canvas",
    "textarea",
    "select",
    "button",
    "input",
)

# Blocks in trafilatura's output tree; everything else (hi, ref, del, ...) is inline.
_BLOCKS = frozenset(
    {"p", "head", "item", "list", "quote", "code", "table", "row", "cell", "div", "graphic"}
)

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_PRESCAN_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:\-]+)""")
_XML_DECLARATION = re.compile(r"^\s*<\?xml\b[^>]*>")
# WHATWG Encoding Standard labels whose Python codec of the same name decodes differently.
_WHATWG_ALIASES = {
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso_8859-1": "cp1252",
    "l1": "cp1252",
    "iso-8859-9": "cp1254",
    "iso8859-9": "cp1254",
    "tis-620": "cp874",
    "iso-8859-11": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "euc-kr": "cp949",
    "x-user-defined": "cp1252",
}
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WHITESPACE = re.compile(r"\s+")
_URL = re.compile(r"^https?://[^\s\x00-\x1f\x7f]+$", re.I)


@dataclass(frozen=True, slots=True)
class HtmlMetadata:
    """What the page says about itself; each field is None when the page does not say."""

    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None  # the canonical URL when the page declares one (http/https only)
    outlet: str | None = None  # site name


def extract_html(
    data: bytes, origin: str, *, max_bytes: int = DEFAULT_MAX_CHARS * 4
) -> tuple[str, HtmlMetadata]:
    """Return the main text of an HTML page (paragraphs separated by a blank line) and its metadata.

    Raises InputError (message prefixed with ``origin``) when the page is too large, binary,
    or has no main text.
    """
    if len(data) > max_bytes:
        raise InputError(
            f"{origin}: {len(data):,} bytes is more than the limit of {max_bytes:,}; "
            "split it into articles, or raise the limit with --max-chars"
        )
    markup = decode_html(data, origin=origin)
    markup = _XML_DECLARATION.sub("", markup, count=1)
    if "<html" not in markup[:_PRESCAN_BYTES].lower():
        # trafilatura rejects a bare one-element fragment ("<p>...</p>") as "not HTML".
        markup = f"<html><body>{markup}</body></html>"
    try:
        tree = trafilatura.load_html(markup)
        if tree is None:
            raise InputError(f"{origin}: {NO_TEXT}")
        metadata = _metadata(copy.deepcopy(tree))
        for element in _never_text(tree):
            element.drop_tree()
        document = trafilatura.bare_extraction(
            tree,
            with_metadata=False,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            include_formatting=False,
            deduplicate=False,
        )
    except InputError:
        raise
    except Exception as err:  # untrusted markup inside a third-party extractor
        raise InputError(
            f"{origin}: the HTML page could not be read (trafilatura failed: "
            f"{type(err).__name__}); save the article text as a .txt file instead"
        ) from None
    text = _body_text(getattr(document, "body", None))
    if not text:
        raise InputError(f"{origin}: {NO_TEXT}")
    return text, metadata


def decode_html(data: bytes, *, origin: str = "input") -> str:
    """Decode an HTML document: byte order mark, then the declared charset, then UTF-8.

    Bytes the chosen encoding cannot decode become U+FFFD; NUL bytes (outside UTF-16/32)
    mean the file is not HTML at all.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    if b"\x00" in data:
        raise InputError(
            f"{origin}: looks like a binary file (it contains NUL bytes); "
            "give onrecord an HTML or UTF-8 text file"
        )
    declared = _declared_encoding(data[:_PRESCAN_BYTES])
    if declared is not None:
        try:
            return data.decode(declared, errors="replace")
        except (UnicodeError, LookupError):  # codecs such as idna only decode strictly
            pass
    return data.decode("utf-8", errors="replace")


def _declared_encoding(head: bytes) -> str | None:
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if match is None:
        return None
    label = match.group(1).decode("ascii").lower()
    if label.startswith(("utf-16", "utf-32", "utf16", "utf32")):
        return "utf-8"  # an ASCII-compatible page cannot really be UTF-16 (WHATWG rule)
    label = _WHATWG_ALIASES.get(label, label)
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True):  # base64, zlib, rot13, ...
        return None
    return info.name


def _never_text(tree: Any) -> list[Any]:
    found = [element for element in tree.iter(*_NEVER_TEXT) if element.getparent() is not None]
    # drop outermost first; a nested one goes with its ancestor
    return [e for e in found if not any(a.tag in _NEVER_TEXT for a in e.iterancestors())]


def _metadata(tree: Any) -> HtmlMetadata:
    document = trafilatura.extract_metadata(
        tree,
        # dates from the page's markup and URL only, never guessed from the article text
        date_config={"extensive_search": False, "original_date": True},
        extensive=False,
    )
    return HtmlMetadata(
        title=_clean(document.title),
        published=_iso_date(document.date),
        url=_http_url(document.url),
        outlet=_clean(document.sitename),
    )


def _body_text(body: Any) -> str:
    """Render trafilatura's output tree: blocks become paragraphs separated by a blank line,
    ``<lb/>`` (from ``<br>``) a line break, and two or more in a row a paragraph break.

    Whitespace inside text is collapsed, except in the one shape trafilatura's last-resort
    fallback produces (a single ``<p>`` whose text runs are joined by newlines), where the
    newlines are the only structure left and are kept as line breaks.
    """
    if body is None:
        return ""
    paragraphs: list[str] = []
    pieces: list[str] = []

    def flush() -> None:
        lines: list[str] = []
        for line in [*"".join(pieces).split("\n"), ""]:
            if line := " ".join(line.split()):
                lines.append(line)
            elif lines:
                paragraphs.append("\n".join(lines))
                lines = []
        pieces.clear()

    def walk(element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        is_block = tag in _BLOCKS
        if is_block:
            flush()
        if tag == "lb":
            pieces.append("\n")
        if element.text:
            pieces.append(_WHITESPACE.sub(" ", element.text))
        for child in element:
            walk(child)
            if child.tail:
                pieces.append(_WHITESPACE.sub(" ", child.tail))
        if is_block:
            flush()

    children = list(body)
    if len(children) == 1 and len(children[0]) == 0 and "\n" in (children[0].text or ""):
        pieces.append(children[0].text)
    else:
        walk(body)
    flush()
    return "\n\n".join(paragraphs)


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    cleaned = " ".join(value.split())
    return cleaned or None


def _iso_date(value: object) -> str | None:
    if not isinstance(value, str) or not (match := _DATE.match(value.strip())):
        return None
    day = calendar_day(*(int(part) for part in match.groups()))
    return day.isoformat() if day is not None else None


def _http_url(value: object) -> str | None:
    if not isinstance(value, str) or not _URL.match(value.strip()):
        return None
    return value.strip()
