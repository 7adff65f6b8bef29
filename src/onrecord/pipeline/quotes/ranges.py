"""Token ranges: inclusive ``(first, last)`` token indices, and trimming their edges."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from onrecord.text.quote_marks import CLOSING_TOKENS, OPENING_TOKENS

TokRange = tuple[int, int]

_DISCOURSE = ("cc", "advmod")


def trim(
    doc: Doc,
    first: int,
    last: int,
    *,
    connectives: frozenset[tuple[str, ...]] | set[tuple[str, ...]],
) -> TokRange:
    """Drop edge punctuation, spaces, a leading "that" and leading connectives from a range."""
    changed = True
    while changed and first <= last:
        changed = False
        token = doc[first]
        if token.is_space or (token.is_punct and not _is_open_quote(token)):
            first += 1
            changed = True
            continue
        if token.dep_ == "mark" and token.lower_ in ("that",):
            first += 1
            changed = True
            continue
        for phrase in connectives:
            end = first + len(phrase)
            if (
                end <= last
                and all(doc[first + k].lower_ == word for k, word in enumerate(phrase))
                and (doc[end].is_punct or (len(phrase) == 1 and doc[first].dep_ in _DISCOURSE))
            ):
                first = end
                changed = True
                break
    while last >= first:
        token = doc[last]
        if token.is_space or (token.is_punct and not _is_close_quote(token)):
            last -= 1
            continue
        break
    return first, last


def _is_open_quote(token: Token) -> bool:
    return token.text in OPENING_TOKENS


def _is_close_quote(token: Token) -> bool:
    return token.text in CLOSING_TOKENS or token.text.endswith(("”", '"'))
