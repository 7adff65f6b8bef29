"""Weekdays: "on Tuesday", "last Friday", "Tuesday last week", "Tuesday, February 15"."""

from __future__ import annotations

from dataclasses import replace

from onrecord.text.dates.absolute import match_month, match_number
from onrecord.text.dates.arithmetic import iso_date, weekday_dates
from onrecord.text.dates.candidate import Candidate
from onrecord.text.dates.reader import TokenReader
from onrecord.text.dates.tokens import DIGITS, TOUCHING, is_spaced

_WEEK_MODES = {"last": "lastweek", "this": "thisweek", "next": "nextweek"}


def _weekday_candidate(
    reader: TokenReader, start: int, end: int, weekday: int, mode: str
) -> Candidate:
    if reader.published is None:
        return Candidate(start, end, "deictic")
    date, other_date = weekday_dates(reader.published, weekday, mode)
    value = None if date is None else iso_date(date)
    other = None if other_date is None else iso_date(other_date)
    anchor = "published" if value else "none"
    return Candidate(start, end, "deictic", value, anchor, (other,) if other else ())


def _is_named_day(reader: TokenReader, index: int) -> bool:
    """ "Super Tuesday", "our Friday nights", "a Tuesday" ("said that Tuesday ..." is kept)."""
    words = reader.words
    previous = reader.spaced_before(index)
    if previous is None:
        return False
    if previous.lower in words.named_day_prefixes and previous.text[0].isupper():
        return True
    return previous.lower in words.determiners and previous.lower != "that"


def _is_title(reader: TokenReader, index: int) -> bool:
    """ "Saturday Night Live", "Monday Night Football"."""
    part_of_day = reader.spaced_after(index)
    after = reader.spaced_after(index + 1)
    return (
        part_of_day is not None
        and part_of_day.lower in reader.words.parts_of_day
        and part_of_day.text[0].isupper()
        and after is not None
        and after.text[0].isupper()
        and after.text.isalpha()
    )


def match_weekday(
    reader: TokenReader,
    index: int,
    found: list[Candidate],
    start: int | None = None,
    mode: str = "plain",
) -> None:
    """The weekday at token index; ``start`` is where a word before it ("last") began."""
    token = reader.token(index)
    if token is None:
        return
    weekday = reader.words.weekdays[token.lower]
    first = index if start is None else start
    if start is None and _is_named_day(reader, index):
        return
    if _is_title(reader, index):
        return
    if mode == "plain":
        _match_weekday_date(reader, index, first, found)
        # "Tuesday last week"
        which = reader.spaced_after(index)
        week = reader.spaced_after(index + 1)
        if which is not None and week is not None and week.lower == "week":
            week_mode = _WEEK_MODES.get(which.lower)
            if week_mode is not None:
                found.append(_weekday_candidate(reader, first, index + 2, weekday, week_mode))
    end = reader.part_of_day_end(index)
    found.append(_weekday_candidate(reader, first, end, weekday, mode))


def _match_weekday_date(
    reader: TokenReader, index: int, first: int, found: list[Candidate]
) -> None:
    """ "Tuesday, February 15", "Tuesday 15 February": the date after the weekday."""
    date_index = index + 1
    following = reader.token(date_index)
    if following is not None and following.text == "," and following.gap == TOUCHING:
        date_index += 1
        following = reader.token(date_index)
    if following is not None and is_spaced(following):
        dates: list[Candidate] = []
        match_month(reader, date_index, dates, bare_ok=False)
        if following.text[0] in DIGITS:
            match_number(reader, date_index, dates, bare_ok=False)
        found.extend(replace(date, start=first) for date in dates if date.month_day)
