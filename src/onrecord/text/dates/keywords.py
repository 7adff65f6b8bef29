"""Date expressions that start with a keyword: "today", "last month", "this past Friday",
"later that day", "early 2019", "mid-March", "the next day", "that same day", "recently"."""

from __future__ import annotations

from collections.abc import Callable

from onrecord.text.dates.absolute import match_month, match_season_year
from onrecord.text.dates.arithmetic import iso_month, iso_year, month_index
from onrecord.text.dates.candidate import (
    Candidate,
    days_from_publication,
    unit_from_publication,
    vague,
)
from onrecord.text.dates.reader import TokenReader
from onrecord.text.dates.tokens import DIGITS, NUMBER_SEPARATORS, SPACE, TOUCHING, is_spaced
from onrecord.text.dates.weekdays import match_weekday
from onrecord.text.quote_marks import CLOSING_TOKENS, OPENING_TOKENS

_CLOSE_QUOTES = CLOSING_TOKENS | {"“"}  # also the high mark of „Today“
_DAYS_FROM_PUBLICATION = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
_SIGNS = {"last": -1, "this": 0, "next": 1}
_ORDER_SIGNS = {"next": 1, "following": 1, "previous": -1, "preceding": -1, "same": 0}


def match_day_word(reader: TokenReader, index: int, found: list[Candidate]) -> None:
    """today / tonight / yesterday / tomorrow [morning|night...]."""
    token = reader.token(index)
    if token is None:
        return
    if token.lower == "today" and _is_title_today(reader, index):
        return
    days = _DAYS_FROM_PUBLICATION[token.lower]
    end = index if token.lower == "tonight" else reader.part_of_day_end(index)
    found.append(days_from_publication(reader.published, index, end, days))


def _is_title_today(reader: TokenReader, index: int) -> bool:
    """ "USA Today", "Russia Today", "the Today show", NBC's “Today”."""
    token = reader.token(index)
    previous = reader.token(index - 1)
    if token is None:
        return False
    named = previous is not None and (
        previous.lower == "usa"
        or (token.text[0] == "T" and previous.text[0].isupper() and previous.text.isalpha())
    )
    if named and token.gap <= SPACE:
        return True
    following = reader.spaced_after(index)
    if following is not None and following.lower in ("show", "programme", "program", "newspaper"):
        return True
    closing = reader.touching_after(index)
    quoted = previous is not None and closing is not None and previous.text in OPENING_TOKENS
    return (
        quoted and token.gap == TOUCHING and closing is not None and closing.text in _CLOSE_QUOTES
    )


def match_last_this_next(
    reader: TokenReader, index: int, found: list[Candidate], start: int | None = None
) -> None:
    """last / this / next (this past, this coming) + night, week, month, weekday, season..."""
    token = reader.token(index)
    if token is None:
        return
    first = index if start is None else start
    if start is None:
        previous = reader.spaced_before(index)
        if previous is not None and previous.lower in reader.words.determiners:
            return  # "the last year" (a duration), "a next step"
    mode = token.lower
    end = index + 1
    following = reader.spaced_after(index)
    if following is None:
        return
    if mode == "this" and following.lower in ("past", "coming"):
        mode = "last" if following.lower == "past" else "next"
        end += 1
        following = reader.spaced_after(index + 1)
        if following is None:
            return
    word = following.lower
    words = reader.words
    published = reader.published
    if word == "night" and mode == "last":
        found.append(days_from_publication(published, first, end, -1))
    elif word in ("morning", "afternoon", "evening") and mode == "this":
        found.append(days_from_publication(published, first, end, 0))
    elif word in ("week", "weekend", "decade", "century"):
        found.append(vague(first, end))
    elif word in ("month", "year"):
        found.append(unit_from_publication(published, first, end, word, _SIGNS[mode]))
    elif word in words.weekdays:
        weekday_mode = "plain" if mode == "this" else mode
        match_weekday(reader, end, found, start=first, mode=weekday_mode)
    elif word in words.seasons:
        found.append(_season(reader, first, end, word, mode))
    elif word in words.months and following.text[0].isupper():
        found.append(_month(reader, first, end, words.months[word], mode))


def _month(reader: TokenReader, start: int, end: int, month: int, mode: str) -> Candidate:
    """ "last March": the last March before publication; "next March", "this March"."""
    published = reader.published
    if published is None:
        return Candidate(start, end, "deictic", f"XXXX-{month:02d}")
    current = month_index(published.year, published.month)
    if mode == "this":
        year = published.year
    elif mode == "last":
        before = month_index(published.year, month) < current
        year = published.year if before else published.year - 1
    else:
        after = month_index(published.year, month) > current
        year = published.year if after else published.year + 1
    value = iso_month(year, month)
    return Candidate(start, end, "deictic", value, "published" if value else "none")


def _season(reader: TokenReader, start: int, end: int, season: str, mode: str) -> Candidate:
    """ "last summer": the year of the last summer before publication."""
    months = reader.words.seasons[season]
    published = reader.published
    if published is None or months is None:
        return Candidate(start, end, "deictic") if months is not None else vague(start, end)
    first_month, last_month = months
    year = published.year
    if mode == "last":
        year = year if published.month > last_month else year - 1
    elif mode == "next":
        year = year if published.month < first_month else year + 1
    return Candidate(start, end, "deictic", iso_year(year), "published")


def match_earlier_later(reader: TokenReader, index: int, found: list[Candidate]) -> None:
    """earlier/later + this month, today, Tuesday, that day, in the day; "earlier" alone."""
    token = reader.token(index)
    following = reader.spaced_after(index)
    if token is None:
        return
    if following is not None:
        word = following.lower
        if word in ("this", "last", "next"):
            match_last_this_next(reader, index + 1, found, start=index)
        elif word in ("today", "tonight"):
            found.append(days_from_publication(reader.published, index, index + 1, 0))
        elif word in reader.words.weekdays:
            match_weekday(reader, index + 1, found, start=index)
        elif word == "that":
            unit = reader.spaced_after(index + 1)
            if unit is not None:
                _add_unit_step(reader, index, index + 2, unit.lower, 0, found)
        elif word == "in":
            the = reader.spaced_after(index + 1)
            unit = reader.spaced_after(index + 2)
            if the is not None and the.lower == "the" and unit is not None:
                _add_unit_step(reader, index, index + 3, unit.lower, 0, found)
    if token.lower == "earlier":
        previous = reader.spaced_before(index)
        if previous is not None and previous.lower in reader.words.determiners:
            return  # "an earlier version"
        if following is not None and following.lower == "than":
            return
        found.append(vague(index, index))


def _add_unit_step(
    reader: TokenReader, start: int, end: int, unit: str, sign: int, found: list[Candidate]
) -> None:
    """A day (or part of one), month or year ``sign`` steps from the previous date ("the next
    day", "that same month"); a week is vague."""
    if unit in reader.words.parts_of_day or unit == "day":
        found.append(Candidate(start, end, "relative", relative=("day", sign)))
    elif unit in ("week", "weekend"):
        found.append(vague(start, end))
    elif unit in ("month", "year"):
        found.append(Candidate(start, end, "relative", relative=(unit, sign)))


def match_early_late_mid(reader: TokenReader, index: int, found: list[Candidate]) -> None:
    """early/late/mid + month, year, weekday, season, last year..."""
    token = reader.token(index)
    if token is None:
        return
    next_index = index + 1
    following = reader.token(next_index)
    if following is None:
        return
    if token.lower == "mid" and following.text in ("-", "–") and following.gap == TOUCHING:
        next_index += 1
        following = reader.token(next_index)
        if following is None or following.gap != TOUCHING:
            return
    elif not is_spaced(following):
        return
    word = following.lower
    words = reader.words
    if word in words.months or word in words.month_abbreviations:
        match_month(reader, next_index, found, bare_ok=True, start=index)
    elif following.text[0] in DIGITS:
        if following.gap != TOUCHING:
            year = reader.year_at(next_index, 1900, 2099)
        else:
            year = _year_after_dash(reader, next_index)
        if year is not None:
            found.append(Candidate(index, next_index, "absolute", iso_year(year)))
    elif token.lower == "mid":
        return
    elif word in ("last", "this", "next"):
        match_last_this_next(reader, next_index, found, start=index)
    elif word in words.weekdays:
        match_weekday(reader, next_index, found, start=index)
    elif word in words.seasons:
        match_season_year(reader, next_index, found, start=index)


def _year_after_dash(reader: TokenReader, index: int) -> int | None:
    """The year in "mid-2019" (a dash before it is expected)."""
    token = reader.token(index)
    if token is None or len(token.text) != 4:
        return None
    year = int(token.text)
    if not 1900 <= year <= 2099:
        return None
    following = reader.touching_after(index)
    if following is not None and (following.text[0].isalnum() or following.text == "%"):
        return None
    if following is not None and following.text in NUMBER_SEPARATORS:
        after_following = reader.touching_after(index + 1)
        if after_following is not None and after_following.text[0] in DIGITS:
            return None
    return year


def match_the(reader: TokenReader, index: int, found: list[Candidate]) -> None:
    """the next day / the day before / the following week / the same day."""
    first = reader.spaced_after(index)
    if first is None:
        return
    previous = reader.spaced_before(index)
    if first.lower == "weekend":
        if previous is not None and previous.lower in ("over", "at", "during", "on"):
            found.append(vague(index, index + 1))
        return
    if previous is not None and previous.lower in reader.words.duration_prepositions:
        return  # "over the next year", "for the next day"
    second = reader.spaced_after(index + 1)
    if second is None:
        return
    if first.lower in _ORDER_SIGNS:
        _add_unit_step(reader, index, index + 2, second.lower, _ORDER_SIGNS[first.lower], found)
        return
    if second.lower in ("before", "after"):
        sign = -1 if second.lower == "before" else 1
        third = reader.spaced_after(index + 2)
        is_day = first.lower == "day" or first.lower in reader.words.parts_of_day
        if is_day and third is not None:
            if third.lower == "yesterday" and sign < 0:
                found.append(days_from_publication(reader.published, index, index + 3, -2))
                return
            if third.lower == "tomorrow" and sign > 0:
                found.append(days_from_publication(reader.published, index, index + 3, 2))
                return
        if not reader.clause_ends(index + 2):
            return
        _add_unit_step(reader, index, index + 2, first.lower, sign, found)


def match_that_same(reader: TokenReader, index: int, found: list[Candidate]) -> None:
    """ "that same day"."""
    same = reader.spaced_after(index)
    unit = reader.spaced_after(index + 1)
    if same is not None and unit is not None and same.lower == "same":
        _add_unit_step(reader, index, index + 2, unit.lower, 0, found)


def match_vague_adverb(reader: TokenReader, index: int, found: list[Candidate]) -> None:
    """recently / lately / previously."""
    found.append(vague(index, index))


KEYWORDS: dict[str, Callable[[TokenReader, int, list[Candidate]], None]] = {
    "today": match_day_word,
    "tonight": match_day_word,
    "yesterday": match_day_word,
    "tomorrow": match_day_word,
    "last": match_last_this_next,
    "this": match_last_this_next,
    "next": match_last_this_next,
    "earlier": match_earlier_later,
    "later": match_earlier_later,
    "early": match_early_late_mid,
    "late": match_early_late_mid,
    "mid": match_early_late_mid,
    "the": match_the,
    "that": match_that_same,
    "recently": match_vague_adverb,
    "lately": match_vague_adverb,
    "previously": match_vague_adverb,
}
