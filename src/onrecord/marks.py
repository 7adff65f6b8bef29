"""Quotation-mark pairing: from raw text to the spans of quoted passages.

Pure functions over the text, linear in the number of marks. Handles curly and
straight, double and single marks; nested quotes; quotes that run over several
paragraphs (each continuation paragraph opening with a mark, or, in sloppy
copy, with none); closing marks typed with a space before them; stray marks
(dropped, never turned into a span that does not start and end at a mark).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

Span = tuple[int, int]

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
QUOTE_CHARS = frozenset('"“”„«»‹›')  # marks that always quote (singles can be apostrophes)
ALL_MARKS = frozenset("\"'“”„«»‘’‚‹›")
_MARK_RE = re.compile("[\"'“”„«»‘’‚‹›]")
_OPEN_BEFORE = frozenset(" \t\n\r\u00a0([{—–-/\u2009\u202f") | frozenset(DOUBLE_OPEN + SINGLE_OPEN)
_CLOSE_AFTER = frozenset(" \t\n\r\u00a0.,;:!?)]}—–-/…\u2009\u202f") | frozenset(DOUBLE_CLOSE + SINGLE_CLOSE)

MAX_CONTINUATION_PARAGRAPHS = 8
MAX_CONTINUATION_CHARS = 8000


class Role(Enum):
    OPEN = 1
    CLOSE = 2
    EITHER = 3
    NONE = 4


@dataclass(frozen=True, slots=True)
class Mark:
    pos: int
    char: str
    role: Role
    at_paragraph_start: bool
    open_context: bool
    close_context: bool


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    start: int  # offset of the opening mark
    end: int  # offset just after the closing mark
    family: str  # "double" | "single"
    paragraphs: int  # how many paragraphs it runs over

    @property
    def span(self) -> Span:
        return (self.start, self.end)


def _context(text: str, pos: int, para_start: int, para_end: int) -> tuple[bool, bool, bool]:
    before = text[pos - 1] if pos > para_start else " "
    after = text[pos + 1] if pos + 1 < para_end else " "
    at_start = not text[para_start:pos].strip()
    open_context = before in _OPEN_BEFORE and after not in " \t\n\r\u00a0"
    close_context = before not in " \t\n\r\u00a0" and (after in _CLOSE_AFTER or after in "\"'")
    return at_start, open_context, close_context


def _double_role(char: str, open_ctx: bool, close_ctx: bool, curly_reliable: bool) -> Role:
    if curly_reliable and char in DOUBLE_OPEN:
        return Role.OPEN
    if curly_reliable and char in DOUBLE_CLOSE:
        return Role.CLOSE
    if open_ctx and not close_ctx:
        return Role.OPEN
    if close_ctx and not open_ctx:
        return Role.CLOSE
    return Role.EITHER


def _single_role(text: str, pos: int, char: str, open_ctx: bool, close_ctx: bool) -> Role:
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return Role.NONE  # apostrophe: don't, Clinton's
    if after.isdigit() and not before.isalnum():
        return Role.NONE  # elision: '90s
    if char in SINGLE_OPEN or char == "'":
        if open_ctx:
            return Role.OPEN
        if char == "'" and close_ctx:
            return Role.CLOSE
        return Role.NONE
    # ’ or ›
    if close_ctx:
        return Role.CLOSE
    return Role.NONE


def find_marks(text: str, paragraphs: Sequence[Span]) -> list[tuple[int, list[Mark], list[Mark]]]:
    """Per paragraph: (index, double marks, single marks) with their roles."""
    curly_open = sum(text.count(c) for c in DOUBLE_OPEN)
    curly_close = sum(text.count(c) for c in DOUBLE_CLOSE)
    # A text typed with only one curly form uses it for both ends: read it from context.
    curly_reliable = curly_open > 0 and curly_close > 0
    result = []
    for index, (p_start, p_end) in enumerate(paragraphs):
        doubles: list[Mark] = []
        singles: list[Mark] = []
        for match in _MARK_RE.finditer(text, p_start, p_end):
            pos = match.start()
            char = match.group()
            at_start, open_ctx, close_ctx = _context(text, pos, p_start, p_end)
            if char in "\"“”„«»":
                role = _double_role(char, open_ctx, close_ctx, curly_reliable)
                doubles.append(Mark(pos, char, role, at_start, open_ctx, close_ctx))
            else:
                role = _single_role(text, pos, char, open_ctx, close_ctx)
                if role is not Role.NONE:
                    singles.append(Mark(pos, char, role, at_start, open_ctx, close_ctx))
        result.append((index, doubles, singles))
    return result


def _pair_doubles(
    per_paragraph: list[tuple[int, list[Mark], list[Mark]]], paragraphs: Sequence[Span]
) -> list[QuotedSpan]:
    pairs: list[QuotedSpan] = []
    carried: Mark | None = None  # an outer quote still open at the end of a paragraph
    carried_from = 0
    for index, doubles, _ in per_paragraph:
        stack: list[Mark] = []
        marks = list(doubles)
        if carried is not None:
            too_far = (
                index - carried_from > MAX_CONTINUATION_PARAGRAPHS
                or paragraphs[index][0] - carried.pos > MAX_CONTINUATION_CHARS
            )
            if too_far:
                carried = None
            elif marks and marks[0].at_paragraph_start and marks[0].role is not Role.CLOSE:
                marks = marks[1:]  # the mark that reopens a continued quote
                stack = [carried]
            elif not marks or marks[0].role is not Role.OPEN:
                stack = [carried]
            else:
                carried = None  # an unclosed quote: drop it
        for mark in marks:
            opens = mark.role is Role.OPEN or (mark.role is Role.EITHER and not stack)
            if not stack and mark.role is Role.CLOSE and mark.open_context and not mark.close_context:
                opens = True  # a closing mark typed where an opening one belongs
            if opens and stack and mark.char in DOUBLE_OPEN and mark.close_context:
                opens = False  # an opening mark typed where a closing one belongs
            if opens:
                stack.append(mark)
                continue
            if not stack:
                continue  # a stray closing mark
            opener = stack.pop()
            if not stack:
                first_para = carried_from if opener is carried else index
                pairs.append(
                    QuotedSpan(opener.pos, mark.pos + 1, "double", index - first_para + 1)
                )
                carried = None
        if stack:
            outer = stack[0]
            if outer is not carried:
                carried, carried_from = outer, index
        else:
            carried = None
    return pairs


def _pair_singles(per_paragraph: list[tuple[int, list[Mark], list[Mark]]]) -> list[QuotedSpan]:
    pairs: list[QuotedSpan] = []
    for _, _, singles in per_paragraph:
        stack: list[Mark] = []
        for mark in singles:
            if mark.role is Role.OPEN or (mark.role is Role.EITHER and not stack):
                stack.append(mark)
            elif stack:
                opener = stack.pop()
                if not stack:
                    pairs.append(QuotedSpan(opener.pos, mark.pos + 1, "single", 1))
    return pairs


def pair_quotes(text: str, paragraphs: Sequence[Span]) -> list[QuotedSpan]:
    """The outermost quoted passages of the text, in order, never overlapping."""
    per_paragraph = find_marks(text, paragraphs)
    doubles = _pair_doubles(per_paragraph, paragraphs)
    singles = _pair_singles(per_paragraph)
    candidates = sorted(doubles + singles, key=lambda q: (q.start, -q.end))
    outer: list[QuotedSpan] = []
    for quote in candidates:
        if outer and quote.start < outer[-1].end:
            if quote.end <= outer[-1].end:
                continue  # nested inside the previous quote
            if quote.family == "single":
                continue  # a single pair crossing a quote boundary is not a quote
            if outer[-1].family == "single":
                outer.pop()
            else:
                continue
        outer.append(quote)
    return outer
