"""Token ranges: inclusive ``(first, last)`` token indices, and trimming their edges."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token

from onrecord.text.quote_marks import CLOSING_TOKENS, OPENING_TOKENS

TokRange = tuple[int, int]

_DISCOURSE = ("cc", "advmod")


def title_cased(tokens: Iterable[Token]) -> bool:
    """Every word capitalised but short ones, as in a name or a title ("Meet the Press")."""
    return all(
        t.text[0].isupper() or not t.is_alpha or len(t.text) <= 3
        for t in tokens
        if not (t.is_punct or t.is_space)
    )


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


def exclude(content: TokRange, others: Sequence[TokRange]) -> TokRange | None:
    """Cut the content so it does not overlap the cue or the source."""
    first, last = content
    for o_first, o_last in others:
        if o_last < first or o_first > last:
            continue
        if o_first <= first and o_last >= last:
            return None
        if o_first <= first:
            first = o_last + 1
        elif o_last >= last:
            last = o_first - 1
        else:  # inside: keep the longer side
            if o_first - first >= last - o_last:
                last = o_first - 1
            else:
                first = o_last + 1
    return (first, last) if first <= last else None
