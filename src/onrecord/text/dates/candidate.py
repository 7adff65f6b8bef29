"""A date expression as the matchers find it, over token indices, and the ways to make one
whose value counts from the publication date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from onrecord.text.dates.arithmetic import add_days, iso_date, shift


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int  # token index, inclusive
    end: int  # token index, inclusive
    kind: str
    value: str | None = None
    anchor: str = "none"
    alternatives: tuple[str, ...] = ()
    relative: tuple[str, int] | None = None  # anaphoric: (unit, count) from the previous date
    month_day: bool = False  # a month-day (with or without year)


def vague(start: int, end: int) -> Candidate:
    return Candidate(start, end, "vague")


def from_publication(published: dt.date | None, unit: str, count: int) -> str | None:
    """The publication date shifted by ``count`` units, at day precision."""
    if published is None:
        return None
    return shift(published.isoformat(), unit, count)


def days_from_publication(published: dt.date | None, start: int, end: int, days: int) -> Candidate:
    """ "yesterday", "the day before yesterday": a day counted from publication."""
    if published is None:
        return Candidate(start, end, "deictic")
    date = add_days(published, days)
    value = None if date is None else iso_date(date)
    return Candidate(start, end, "deictic", value, "published" if value else "none")


def unit_from_publication(
    published: dt.date | None, start: int, end: int, unit: str, count: int
) -> Candidate:
    """ "last month", "next year": a month or year counted from publication."""
    value = from_publication(published, unit, count)
    if value is not None:
        value = value[:7] if unit == "month" else value[:4]
    return Candidate(start, end, "deictic", value, "published" if value else "none")
