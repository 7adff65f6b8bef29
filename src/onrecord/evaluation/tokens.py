"""Tokens for overlap metrics and the "direct" subset rule."""

from __future__ import annotations

import re
from dataclasses import dataclass

from onrecord.evaluation.model import EvalQuote, Spans
from onrecord.text.quote_marks import DOUBLE_MARKS, TYPEWRITER_DOUBLES

TOKEN = re.compile(r"\w+|[^\w\s]")


def token_starts(text: str, spans: Spans) -> frozenset[int]:
    """The start offsets of the tokens in the text of each span (each span tokenised on its own)."""
    return frozenset(m.start() for s, e in spans for m in TOKEN.finditer(text, s, e))


def has_quotation_mark(text: str, spans: Spans) -> bool:
    """Whether the text of the spans contains a double quotation mark (the "direct" subset
    rule); single marks do not count, as they are also apostrophes."""
    return any(
        not DOUBLE_MARKS.isdisjoint(text[s:e]) or any(m in text[s:e] for m in TYPEWRITER_DOUBLES)
        for s, e in spans
    )


def spans_overlap(a: Spans, b: Spans) -> bool:
    """Whether any span of ``a`` shares at least one character with any span of ``b``."""
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


@dataclass(frozen=True)
class QuoteTokens:
    """A quote with the token sets of its content, cue and source in one document's text."""

    quote: EvalQuote
    content: frozenset[int]
    cue: frozenset[int]
    source: frozenset[int]


def tokenize_quote(text: str, quote: EvalQuote) -> QuoteTokens:
    return QuoteTokens(
        quote=quote,
        content=token_starts(text, quote.content),
        cue=token_starts(text, quote.cue),
        source=token_starts(text, quote.source),
    )
