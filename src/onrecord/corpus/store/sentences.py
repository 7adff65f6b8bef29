"""The sentence around a quote, by a simple boundary rule over the article text.

A sentence ends at a line break, or after ``.``, ``!``, ``?`` or ``…`` (with any
closing quotation marks or brackets) followed by white space — unless the word
before the full stop is a single letter (an initial) or a common abbreviation
("Mr.", "Gen.", "U.S."), or the next word starts in lower case.
"""

from __future__ import annotations

import re

from onrecord.record import Quote

_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)|[.!?…]+[\"'”’»)\]]*$|\n")
_ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "maj", "capt", "sgt", "cmdr",
        "adm", "sen", "rep", "gov", "pres", "st", "jr", "sr", "vs", "etc", "inc", "ltd",
        "corp", "dept", "jan", "feb", "aug", "sep", "sept", "oct", "nov", "dec",
        "u.s", "u.k", "u.n", "e.g", "i.e",
    }
)  # fmt: skip
REACH = 2000  # characters looked at before and after a quote for its sentence's bounds
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_NEXT_CHAR = re.compile(r"\s*(\S)")


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    if match.group() == "\n":
        return True
    if match.group().startswith("."):
        before = _WORD_BEFORE.search(text[max(0, match.start() - 24) : match.start()])
        word = before.group(1).lower() if before else ""
        if len(word) == 1 or word in _ABBREVIATIONS:
            return False
    after = _NEXT_CHAR.match(text, match.end())
    return not (after and after.group(1).islower())


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """From the start of the sentence holding ``start`` to the end of the one holding ``end``,
    looking no further than REACH characters either side (a text without sentence ends
    would otherwise make every quote scan all of it)."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    sentence_start = 0
    window = max(0, start - 400)  # look back a little first: most sentences are short
    farthest = max(0, start - REACH)
    while True:
        for match in _END.finditer(text, window, start + 64):
            if match.end() > start:
                break
            if _is_boundary(text, match):
                sentence_start = match.end()
        if sentence_start or window <= farthest:
            break
        window = farthest
    if not sentence_start and farthest:
        sentence_start = farthest  # no boundary within reach: start at a word there
        while sentence_start < start and not text[sentence_start - 1].isspace():
            sentence_start += 1
    while sentence_start < start and text[sentence_start].isspace():
        sentence_start += 1
    sentence_end = len(text)
    # A boundary that ends inside the content (its last full stop) ends the sentence too.
    # (The search stops a little past the reach, so that a match there is seen whole.)
    found = False
    for match in _END.finditer(text, max(start, end - 3), end + REACH + 64):
        if match.start() > end + REACH:
            break
        if match.end() >= end and _is_boundary(text, match):
            sentence_end = match.start() if match.group() == "\n" else match.end()
            found = True
            break
    if not found and end + REACH < len(text):
        sentence_end = end + REACH  # no boundary within reach: end at a word there
        while sentence_end > end and not text[sentence_end].isspace():
            sentence_end -= 1
    while sentence_end > end and text[sentence_end - 1].isspace():
        sentence_end -= 1
    return sentence_start, max(sentence_end, end)


def quote_sentence(text: str, quote: Quote) -> tuple[int, int]:
    """The sentence of a quote: before the earliest of cue, source and content, to the end
    of the sentence holding the end of the content."""
    spans = list(quote.content.spans)
    if not spans:
        return 0, 0
    begin = min(s for s, _ in spans)
    for part in (quote.cue, quote.source):
        if part is not None and part.spans:
            begin = min(begin, *(s for s, _ in part.spans))
    content_end = max(e for _, e in spans)
    return sentence_bounds(text, begin, content_end)
