"""The scan: one pass over the tokens, the longest expression at each position that can
start one, anaphoric expressions resolved against the last day-precise date before them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from onrecord.text.dates.absolute import match_month, match_number, match_season_year
from onrecord.text.dates.arithmetic import shift
from onrecord.text.dates.candidate import Candidate
from onrecord.text.dates.expression import DateExpression
from onrecord.text.dates.keywords import KEYWORDS
from onrecord.text.dates.offsets import match_count, match_unit_alone
from onrecord.text.dates.reader import TokenReader
from onrecord.text.dates.tokens import DIGITS, TokenStream, segments_outside, tokenize
from onrecord.text.dates.weekdays import match_weekday
from onrecord.text.dates.words import default_date_words
from onrecord.text.days import parse_day

_LOOK_BEHIND = 16  # tokens kept behind the scan position


def find_dates(
    text: str,
    published: str | None = None,
    *,
    skip: Sequence[tuple[int, int]] = (),
) -> list[DateExpression]:
    """Find and normalise the date expressions in ``text``.

    ``published`` is the article's publication date (``YYYY-MM-DD``) or None;
    a malformed value raises :class:`ValueError` (see :func:`onrecord.text.days.parse_day`).
    Dates inside the ``skip`` spans (boilerplate) are ignored, and no
    expression spans across one. The result is sorted by ``start`` and
    non-overlapping; at each position the longest expression wins.
    """
    publication = parse_day(published) if published is not None else None
    if not isinstance(text, str) or not text:
        return []
    words = default_date_words()
    first_words = words.first_words() | KEYWORDS.keys()
    stream = TokenStream(tokenize(text, segments_outside(len(text), skip)))
    reader = TokenReader(stream, publication, words)
    found: list[DateExpression] = []
    last_day: str | None = None  # the most recent day-precise value
    index = 0
    while True:
        token = stream.get(index)
        if token is None:
            break
        could_start = token.text[0] in DIGITS or token.lower in first_words
        candidate = _longest_at(reader, index) if could_start else None
        if candidate is None:
            index += 1
            stream.release(index - _LOOK_BEHIND)
            continue
        first, last = stream.get(candidate.start), stream.get(candidate.end)
        if first is None or last is None:  # pragma: no cover - tokens are buffered
            index += 1
            continue
        value, anchor, alternatives = _resolve(candidate, publication, last_day)
        if value is None:
            anchor = "none"
        elif len(value) == 10:
            last_day = value
        found.append(
            DateExpression(
                start=first.start,
                end=last.end,
                text=text[first.start : last.end],
                value=value,
                kind=candidate.kind,
                anchor=anchor,
                alternatives=alternatives,
            )
        )
        reader.last_end = candidate.end
        index = candidate.end + 1
        stream.release(index - _LOOK_BEHIND)
    return found


def _resolve(
    candidate: Candidate, publication: dt.date | None, last_day: str | None
) -> tuple[str | None, str, tuple[str, ...]]:
    """(value, anchor, alternatives): an anaphoric candidate counts from the last day-precise
    date before it, else from publication; any other keeps its own."""
    if candidate.relative is None:
        return candidate.value, candidate.anchor, candidate.alternatives
    unit, count = candidate.relative
    from_publication = None if publication is None else shift(publication.isoformat(), unit, count)
    if last_day is None:
        return from_publication, "published" if from_publication is not None else "none", ()
    value = shift(last_day, unit, count)
    anchor = "previous" if value is not None else "none"
    if from_publication is not None and from_publication != value:
        return value, anchor, (from_publication,)
    return value, anchor, ()


def _longest_at(reader: TokenReader, index: int) -> Candidate | None:
    """The candidate starting at token index that ends furthest in the text (the first of
    equals)."""
    best: Candidate | None = None
    best_end = -1
    for candidate in _candidates(reader, index):
        token = reader.token(candidate.end)
        if token is not None and token.end > best_end:
            best, best_end = candidate, token.end
    return best


def _candidates(reader: TokenReader, index: int) -> list[Candidate]:
    token = reader.token(index)
    found: list[Candidate] = []
    if token is None:
        return found
    first_character = token.text[0]
    if first_character in DIGITS:
        match_number(reader, index, found, bare_ok=False)
        return found
    if not first_character.isalpha():
        return found
    word = token.lower
    words = reader.words
    if word in words.months or word in words.month_abbreviations:
        match_month(reader, index, found, bare_ok=False)
    if word in words.weekdays:
        match_weekday(reader, index, found)
    if word in words.seasons:
        match_season_year(reader, index, found)
    if word in words.number_words:
        match_count(reader, index, words.number_words[word], found)
    if word in words.vague_quantities:
        match_count(reader, index, None, found)
    if word in words.units or word in words.vague_units:
        match_unit_alone(reader, index, found)
    keyword = KEYWORDS.get(word)
    if keyword is not None:
        keyword(reader, index, found)
    return found
