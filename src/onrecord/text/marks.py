"""Quotation-mark pairing: from raw text to the spans of quoted passages.

Pure functions over the text, linear in its length. Handles curly and
straight, double and single marks, and the typewriter double marks made of two
characters (''...'' and ``...'', as some wires and archives type them);
apostrophes (don't, the students’ union, ’90s); nested quotes; quotes that run
over several paragraphs (each continuation paragraph opening with a mark, or,
for double marks in sloppy copy, with none); closing marks typed with a space
before them; stray marks (dropped, never turned into a span that does not start
and end at a mark).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from onrecord.record import Span
from onrecord.text.quote_marks import (
    DOUBLE_CLOSE,
    DOUBLE_MARKS,
    DOUBLE_OPEN,
    ONE_CHARACTER_MARKS,
    SINGLE_CLOSE,
    SINGLE_OPEN,
    TWO_APOSTROPHES,
    TWO_BACKTICKS,
)

_MARK_RE = re.compile(f"{TWO_APOSTROPHES}|{TWO_BACKTICKS}|[{ONE_CHARACTER_MARKS}]")
_OPEN_BEFORE = frozenset(" \t\n\r\u00a0([{—–-/\u2009\u202f") | frozenset(DOUBLE_OPEN + SINGLE_OPEN)
_CLOSE_AFTER = frozenset(" \t\n\r\u00a0.,;:!?)]}—–-/…\u2009\u202f") | frozenset(
    DOUBLE_CLOSE + SINGLE_CLOSE
)
_SPACE = frozenset(" \t\n\r\u00a0")
# markup left in a text ('<tweet author="X" tweet_id="1">'): an attribute's value marks
# are no quotation marks
_ATTRIBUTE_VALUE = re.compile(r'(?<=[\w-]=)"[^"\n<>]*"')
_WORD_AFTER_SPACE = re.compile(r"\s+[^\s.,;:!?)\]}…—–-]")  # the sentence runs on

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
    char: str  # one character, or two for TWO_APOSTROPHES and TWO_BACKTICKS
    role: Role
    at_paragraph_start: bool
    open_context: bool
    close_context: bool
    # A closing single mark right after a letter, with the sentence running on after it
    # ("the students’ union"): an apostrophe when a surer closing mark follows in the
    # paragraph before the next opening one.
    weak: bool = False


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    start: int  # offset of the opening mark
    end: int  # offset just after the closing mark
    family: str  # "double" | "single"
    paragraphs: int  # how many paragraphs it runs over

    @property
    def span(self) -> Span:
        return (self.start, self.end)


def _context(text: str, pos: int, width: int, para_start: int, para_end: int) -> tuple[bool, bool]:
    before = text[pos - 1] if pos > para_start else " "
    after = text[pos + width] if pos + width < para_end else " "
    open_context = before in _OPEN_BEFORE and after not in _SPACE
    close_context = before not in _SPACE and (after in _CLOSE_AFTER or after in "\"'")
    return open_context, close_context


def _double_role(char: str, open_ctx: bool, close_ctx: bool, curly_reliable: bool) -> Role:
    if char == TWO_BACKTICKS:
        return Role.OPEN
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
        return Role.NONE  # apostrophe: don't, Marrow's
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
    markup = _attribute_marks(text) if '="' in text else frozenset()
    result = []
    for index, (p_start, p_end) in enumerate(paragraphs):
        doubles: list[Mark] = []
        singles: list[Mark] = []
        first = p_start
        while first < p_end and text[first].isspace():
            first += 1
        for match in _MARK_RE.finditer(text, p_start, p_end):
            pos = match.start()
            if pos in markup:
                continue
            char = match.group()
            open_ctx, close_ctx = _context(text, pos, len(char), p_start, p_end)
            at_start = pos == first
            if len(char) == 2 or char in DOUBLE_MARKS:
                role = _double_role(char, open_ctx, close_ctx, curly_reliable)
                doubles.append(Mark(pos, char, role, at_start, open_ctx, close_ctx))
            else:
                role = _single_role(text, pos, char, open_ctx, close_ctx)
                if role is not Role.NONE:
                    weak = (
                        role is Role.CLOSE
                        and pos > p_start
                        and text[pos - 1].isalpha()
                        and _WORD_AFTER_SPACE.match(text, pos + 1, p_end) is not None
                    )
                    singles.append(Mark(pos, char, role, at_start, open_ctx, close_ctx, weak))
        result.append((index, doubles, singles))
    return result


def _attribute_marks(text: str) -> frozenset[int]:
    """Where the marks around markup attribute values are."""
    return frozenset(
        pos for match in _ATTRIBUTE_VALUE.finditer(text) for pos in (match.start(), match.end() - 1)
    )


def _pair_run(
    marks: Sequence[Mark], stack: list[Mark], lenient: bool
) -> tuple[list[tuple[Mark, Mark]], list[Mark]]:
    """Pair one paragraph's marks on top of the quotes still open (``stack``, outermost first).

    Returns the outermost (opening, closing) pairs completed in the paragraph and the
    marks still open at its end. ``lenient``: with no quote open, a closing-shaped mark
    in opening context (”Hello) opens one.
    """
    stack = list(stack)
    found: list[tuple[Mark, Mark]] = []
    # Whether a sure closing mark follows before the next opening one: then a weak
    # closing mark ("the students’ union") is an apostrophe, not the end of the quote.
    sure_close_ahead = [False] * len(marks)
    ahead = False
    for i in range(len(marks) - 1, -1, -1):
        sure_close_ahead[i] = ahead
        if marks[i].role is Role.OPEN:
            ahead = False
        elif marks[i].role is Role.CLOSE and not marks[i].weak:
            ahead = True
    for i, mark in enumerate(marks):
        opens = mark.role is Role.OPEN or (mark.role is Role.EITHER and not stack)
        if (
            lenient
            and not stack
            and mark.role is Role.CLOSE
            and mark.open_context
            and not mark.close_context
        ):
            opens = True  # a closing mark typed where an opening one belongs
        if opens and stack and mark.char in DOUBLE_OPEN and mark.close_context:
            opens = False  # an opening mark typed where a closing one belongs
        if opens:
            stack.append(mark)
            continue
        if not stack or (mark.weak and sure_close_ahead[i]):
            continue  # a stray closing mark, or an apostrophe
        opener = stack.pop()
        if not stack:
            found.append((opener, mark))
    return found, stack


def _pair_paragraph(
    marks: Sequence[Mark], stack: list[Mark], lenient: bool
) -> tuple[list[tuple[Mark, Mark]], list[Mark]]:
    found, still_open = _pair_run(marks, stack, lenient)
    if lenient and any(mark.role is Role.CLOSE for mark in still_open):
        # A closing-shaped mark read as an opening one must close in its own paragraph;
        # left open, it was a stray closing mark after all (", ”said" of a dropped quote).
        found, still_open = _pair_run(marks, stack, lenient=False)
    return found, still_open


def _too_far(paragraphs: Sequence[Span], index: int, carried: Mark, carried_from: int) -> bool:
    return (
        index - carried_from > MAX_CONTINUATION_PARAGRAPHS
        or paragraphs[index][0] - carried.pos > MAX_CONTINUATION_CHARS
    )


def _closes_later(
    per_paragraph: Sequence[list[Mark]],
    paragraphs: Sequence[Span],
    index: int,
    carried: Mark,
    carried_from: int,
) -> bool:
    """Whether the double quote carried into paragraph ``index``, read as continuing, closes
    within the continuation limit.

    Decides between a sloppy continuation whose paragraph holds a nested quote before the
    closing mark ("They call it an “invasion” now, ”he said") and an unclosed quote
    followed by a new one (which then never closes the old one, or itself runs on over
    a paragraph break). Reads at most MAX_CONTINUATION_PARAGRAPHS + 1 paragraphs.
    """
    for j in range(index, len(per_paragraph)):
        if _too_far(paragraphs, j, carried, carried_from):
            return False
        marks: Sequence[Mark] = per_paragraph[j]
        if j > index and marks and marks[0].at_paragraph_start and marks[0].role is not Role.CLOSE:
            marks = marks[1:]
        found, still_open = _pair_paragraph(marks, [carried], lenient=True)
        if found:
            return True
        if len(still_open) > 1:
            return False  # a new quote runs on into the next paragraph: the old one ended
    return False


def _pair_family(
    per_paragraph: Sequence[list[Mark]],
    paragraphs: Sequence[Span],
    family: str,
    sloppy: bool,
) -> list[QuotedSpan]:
    """Pair the marks of one family over the paragraphs, carrying a quote left open.

    A quote still open at the end of a paragraph continues into the next one when that
    paragraph opens with a mark of the family; with ``sloppy`` (double marks), also when
    its first mark is not an opening one, or when, read as continuing, the quote closes
    within the limit (continuation paragraphs typed without an opening mark).
    """
    lenient = family == "double"
    pairs: list[QuotedSpan] = []
    carried: Mark | None = None  # an outer quote still open at the end of a paragraph
    carried_from = 0
    for index, all_marks in enumerate(per_paragraph):
        marks: Sequence[Mark] = all_marks
        stack: list[Mark] = []
        if carried is not None:
            if _too_far(paragraphs, index, carried, carried_from):
                carried = None
            elif marks and marks[0].at_paragraph_start and marks[0].role is not Role.CLOSE:
                marks = marks[1:]  # the mark that reopens a continued quote
                stack = [carried]
            elif sloppy and (
                not marks
                or marks[0].role is not Role.OPEN
                or _closes_later(per_paragraph, paragraphs, index, carried, carried_from)
            ):
                stack = [carried]
            else:
                carried = None  # an unclosed quote: drop it
        found, still_open = _pair_paragraph(marks, stack, lenient)
        for opener, closer in found:
            first_para = carried_from if opener is carried else index
            end = closer.pos + len(closer.char)
            pairs.append(QuotedSpan(opener.pos, end, family, index - first_para + 1))
        if not still_open:
            carried = None
        elif still_open[0] is not carried:
            carried, carried_from = still_open[0], index
    return pairs


def pair_quotes(text: str, paragraphs: Sequence[Span]) -> list[QuotedSpan]:
    """The outermost quoted passages of the text, in order, never overlapping."""
    per_paragraph = find_marks(text, paragraphs)
    doubles = _pair_family([d for _, d, _ in per_paragraph], paragraphs, "double", sloppy=True)
    singles = _pair_family([s for _, _, s in per_paragraph], paragraphs, "single", sloppy=False)
    # Double pairs are sure; a single pair is kept unless it crosses a double pair or lies
    # inside one (then it is nested, or an apostrophe read as a mark).
    kept: list[QuotedSpan] = []
    first = 0
    for single in singles:
        while first < len(doubles) and doubles[first].end <= single.start:
            first += 1
        index = first
        while index < len(doubles) and doubles[index].start < single.end:
            double = doubles[index]
            if double.start < single.start or double.end > single.end:
                break
            index += 1
        else:
            kept.append(single)
    outer: list[QuotedSpan] = []
    for quote in sorted(doubles + kept, key=lambda q: (q.start, -q.end)):
        if outer and quote.start < outer[-1].end:
            continue  # nested inside the previous quote
        outer.append(quote)
    return outer
