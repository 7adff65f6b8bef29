"""Layout: paragraphs, boilerplate (captions, credits, bylines, share lines) and headings.

Nothing is deleted. Boilerplate and headings are *blanked* in the copy of the
text the parser sees (every character but newlines becomes a space), so every
offset stays an offset into the original text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from onrecord.lexicon import Lexicon
from onrecord.record import Span

BULLETS = "•·▪●◦‣∙■□►▸–-*"
_TERMINAL = ".!?;:,\"“”'’»)…"
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
MAX_HEADING_WORDS = 10
MAX_CAPTION_WORDS = 16
_NOT_LINE_BREAK = re.compile(r"[^\r\n]")
# "BRUSSELS - ", "DALLAS (AP) — ", "NEW YORK, Feb. 3 (Reuters) - ", "SAN JUAN, Puerto Rico
# (AP) _ ", "MOSCOW, March 3. /TASS/. ": a place in capitals, an optional ", state or date",
# then "(agency)" and a dash, or a dash alone, or "/agency/.", opening one of the first
# paragraphs; or a place in title case before an agency in capitals ("Paris (AFP) - ").
_DATELINE = re.compile(
    r"[A-Z][A-Z'’.]*[A-Z][A-Z'’.-]*(?: [A-Z][A-Z'’.-]+)*"
    r"(?:, [^\n—–()/]{1,40}?)?"
    r"(?: ?\([^)\n]{1,30}\) ?(?:—|–|--|-|_) | ?(?:—|–|--|-) |\.? ?/[A-Z][\w .-]{1,30}/\.? )"
    # "Paris (AFP) - ": a place in title case only before an agency in capitals
    r"|[A-Z][a-z'’.-]+(?: [A-Z][a-z'’.-]+){0,2}(?:, [^\n—–()/]{1,40}?)?"
    r" ?\([A-Z]{2,8}\) ?(?:—|–|--|-) "
)
# markup left in a plain text ('<tweet author="X">', '</tweet>'): boilerplate, like a credit
_MARKUP_TAG = re.compile(  # bounded, so that no input makes it backtrack for long
    r"</?[A-Za-z][\w-]{0,30}"
    r"(?:[ \t]{1,10}[A-Za-z_][\w:.-]{0,40}"
    r"(?:=(?:\"[^\"<>\n]{0,500}\"|'[^'<>\n]{0,500}'|[^\s\"'<>=]{1,200}))?){0,30}"
    r"[ \t]{0,10}/?>"
)
DATELINE_PARAGRAPHS = 3  # a headline that ends with a full stop, a standfirst, then the lede
_SIGN_OFF = re.compile(
    r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,2}, [A-Z][\w.'’-]*(?:,? [\w.'’-]+){0,3}"
)


@dataclass(frozen=True, slots=True)
class Line:
    start: int  # offset of the first character of the line (after the previous newline)
    end: int  # offset of the newline or the end of the text
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True, slots=True)
class Layout:
    paragraphs: list[Span]
    boilerplate: list[Span]
    headings: list[Span]
    title: Span | None

    def parser_text(self, text: str) -> str:
        """The text the parser sees: boilerplate and headings blanked, offsets unchanged."""
        return blank(text, [*self.boilerplate, *self.headings])


def blank(text: str, spans: Sequence[Span]) -> str:
    """The text with every character inside the spans but line breaks made a space.

    Spans may come in any order and overlap; the result has the length of the text.
    """
    if not spans:
        return text
    parts: list[str] = []
    last = 0
    for start, end in sorted(spans):
        start = max(start, last)
        if end <= start:
            continue
        parts.append(text[last:start])
        parts.append(_NOT_LINE_BREAK.sub(" ", text[start:end]))
        last = end
    parts.append(text[last:])
    return "".join(parts)


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    start = 0
    for match in re.finditer(r"\n", text):
        lines.append(Line(start, match.start(), text[start : match.start()]))
        start = match.end()
    lines.append(Line(start, len(text), text[start:]))
    return lines


def _words(line: str) -> int:
    return len(_WORD.findall(line))


def _is_bullet_caption(line: Line) -> bool:
    stripped = line.stripped
    if not stripped or stripped[0] not in BULLETS or stripped[:2] in ("--", "**"):
        return False
    body = stripped.lstrip(BULLETS).strip()
    return bool(body) and body[-1] not in ".!?" and _words(body) <= MAX_CAPTION_WORDS


def _trimmed(line: Line) -> Span:
    """The line without trailing carriage return, as a whole-line span."""
    end = line.end
    while end > line.start and line.text[end - line.start - 1] == "\r":
        end -= 1
    return (line.start, end)


def find_layout(text: str, lexicon: Lexicon) -> Layout:
    lines = split_lines(text)
    content = [i for i, line in enumerate(lines) if not line.blank]
    boiler: set[int] = set()
    in_list = False  # bullet lines after a line ending with ":" are a list, not captions
    for i in content:
        line = lines[i]
        if line.stripped[0] not in BULLETS:
            in_list = line.stripped.endswith(":")
        caption = not in_list and _is_bullet_caption(line)
        # "MOSCOW, March 3. /TASS/. The minister said ...": a paragraph with a dateline
        # naming the agency is news, not a photo credit
        credit = (
            lexicon.is_boilerplate_line(line.stripped) and dateline(text, _trimmed(line)) is None
        )
        if caption or credit:
            boiler.add(i)
    # A short unpunctuated line right before a credit line is that photo's caption.
    for pos, i in enumerate(content[:-1]):
        nxt = content[pos + 1]
        if i not in boiler and nxt in boiler and lexicon.is_credit_line(lines[nxt].stripped):
            stripped = lines[i].stripped
            if stripped[-1] not in ".!?\"”'’" and _words(stripped) <= MAX_CAPTION_WORDS:
                boiler.add(i)

    body = [i for i in content if i not in boiler]
    # The headline is the first line of the body (boilerplate such as a date or an
    # "Advertisement" slot may come before it).
    title: Span | None = None
    if body and _looks_like_title(lines, body[0]):
        title = _trimmed(lines[body[0]])
    headings: list[Span] = []
    for pos, i in enumerate(body):
        if pos == 0 and title is not None:
            continue
        prev_i = body[pos - 1] if pos > 0 else None
        next_i = body[pos + 1] if pos + 1 < len(body) else None
        if _is_heading(lines, i, prev_i, next_i):
            headings.append(_trimmed(lines[i]))

    paragraphs = [_trimmed(lines[i]) for i in body]
    first_paragraphs = [p for p in paragraphs if p != title][:DATELINE_PARAGRAPHS]
    datelines = [span for p in first_paragraphs if (span := dateline(text, p)) is not None]
    tags = [m.span() for m in _MARKUP_TAG.finditer(text)] if "<" in text else []
    return Layout(
        paragraphs=paragraphs,
        boilerplate=sorted([*(_trimmed(lines[i]) for i in sorted(boiler)), *datelines, *tags]),
        headings=headings,
        title=title,
    )


def first_dateline(text: str, layout: Layout) -> Span | None:
    """The dateline of the article's lede, if it has one ("ANKARA, Turkey - ")."""
    paragraphs = [p for p in layout.paragraphs if p != layout.title][:DATELINE_PARAGRAPHS]
    return next((span for p in paragraphs if (span := dateline(text, p)) is not None), None)


def dateline(text: str, paragraph: Span) -> Span | None:
    """The dateline opening a paragraph ("BRUSSELS - ", "DALLAS (AP) — "), dash included."""
    start, end = paragraph
    found = _DATELINE.match(text, start, end)
    if found is None or found.end() >= end:
        return None
    if text[found.end()].islower():
        return None  # "NATO - the alliance - said ...": an aside after the subject
    return (start, found.end() - 1)


def _looks_like_title(lines: list[Line], index: int) -> bool:
    stripped = lines[index].stripped
    followed_by_blank = index + 1 < len(lines) and lines[index + 1].blank
    if not followed_by_blank or (not stripped[0].isupper() and stripped[0] not in "\"“‘'"):
        return False
    ends_like_sentence = stripped[-1] in ".!?" and stripped[-2:] not in ("'.", "’.")
    return not ends_like_sentence and _words(stripped) <= 20


def _is_heading(lines: list[Line], i: int, prev_i: int | None, next_i: int | None) -> bool:
    stripped = lines[i].stripped
    if _SIGN_OFF.fullmatch(stripped):
        return False  # "Peter Lindqvist, Duluth": a letter's signature, read with its letter
    if stripped[-1] in _TERMINAL or not (stripped[0].isupper() or stripped[0].isdigit()):
        return False
    if not 1 <= _words(stripped) <= MAX_HEADING_WORDS or len(stripped) > 80:
        return False
    surrounded = (i == 0 or lines[i - 1].blank) and (i + 1 >= len(lines) or lines[i + 1].blank)
    if not surrounded:
        return False
    # A heading stands between finished paragraphs; a short line inside a sentence or a
    # quote that runs on (a fragment like "RT" between "-" and ")") is not one.
    if prev_i is not None and lines[prev_i].stripped[-1] not in ".!?\"”'’»:…)":
        return False
    if next_i is None:
        return False
    first = lines[next_i].stripped[0]
    return first.isupper() or first.isdigit() or first in "\"“‘'«„"
