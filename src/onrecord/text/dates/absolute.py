"""Dates the text names: "February 15, 2022", "15th of February", "August 2019", "in 2019",
"2022-02-15", "summer 2019"; a month-day or month without a year takes it from publication."""

from __future__ import annotations

from onrecord.text.dates.arithmetic import (
    MOST_DAYS_IN_MONTH,
    date_value,
    iso_month,
    iso_year,
    month_day_in_year,
    month_in_year,
)
from onrecord.text.dates.candidate import Candidate
from onrecord.text.dates.offsets import match_count
from onrecord.text.dates.reader import TokenReader
from onrecord.text.dates.tokens import DIGITS, SPACE, TOUCHING, Token, is_spaced

_DATE_SEPARATORS = ("-", ".", "/")


def _add_month_day(
    reader: TokenReader, found: list[Candidate], *, start: int, month: int, day: int, last: int
) -> None:
    """A month-day ending at token ``last`` (its day or its month), with the year after it if
    there is one."""
    published = reader.published
    explicit_year = reader.explicit_year_after(last)
    if explicit_year is not None:
        year, year_index = explicit_year
        value = date_value(year, month, day)
        found.append(Candidate(start, year_index, "absolute", value, month_day=True))
        return
    relative_year = reader.relative_year_after(last)
    if relative_year is not None:
        offset, end = relative_year
        if published is None:
            value = f"XXXX-{month:02d}-{day:02d}"
            found.append(Candidate(start, end, "deictic", value, month_day=True))
        else:
            value = date_value(published.year + offset, month, day)
            found.append(Candidate(start, end, "deictic", value, "published", month_day=True))
    if published is None:
        value = f"XXXX-{month:02d}-{day:02d}"
        found.append(Candidate(start, last, "absolute", value, month_day=True))
    else:
        value, alternatives = month_day_in_year(published, month, day)
        found.append(
            Candidate(start, last, "absolute", value, "published", alternatives, month_day=True)
        )


def _add_month_alone(
    reader: TokenReader, start: int, month: int, last: int, found: list[Candidate]
) -> None:
    if reader.published is None:
        found.append(Candidate(start, last, "absolute", f"XXXX-{month:02d}"))
    else:
        value, alternatives = month_in_year(reader.published, month)
        found.append(Candidate(start, last, "absolute", value, "published", alternatives))


def match_month(
    reader: TokenReader,
    index: int,
    found: list[Candidate],
    *,
    bare_ok: bool,
    start: int | None = None,
) -> None:
    """From a month name: "February 15[, 2022]", "August [of] 2019", "December last year",
    and a bare month after a cue (or anywhere when ``bare_ok``)."""
    month_name = reader.month_at(index)
    if month_name is None:
        return
    month, name_end, abbreviated = month_name
    first = index if start is None else start
    following = reader.token(name_end + 1)
    dotted = name_end > index
    if following is not None and (is_spaced(following) or (dotted and following.gap == TOUCHING)):
        day_at = reader.day_at(name_end + 1)
        if day_at is not None and day_at[0] <= MOST_DAYS_IN_MONTH[month]:
            day, day_end = day_at
            _add_month_day(reader, found, start=first, month=month, day=day, last=day_end)
    # "August 2019", "August of 2019", "August, 2019"
    year_index = name_end + 1
    if following is not None and (
        (following.lower == "of" and is_spaced(following))
        or (following.text == "," and following.gap == TOUCHING)
    ):
        year_index = name_end + 2
    year = reader.spaced_year_at(year_index)
    if year is not None:
        found.append(Candidate(first, year_index, "absolute", iso_month(year, month)))
    relative_year = reader.relative_year_after(name_end)
    if relative_year is not None and not abbreviated:
        offset, end = relative_year
        if reader.published is None:
            found.append(Candidate(first, end, "deictic", f"XXXX-{month:02d}"))
        else:
            value = iso_month(reader.published.year + offset, month)
            found.append(Candidate(first, end, "deictic", value, "published" if value else "none"))
    if abbreviated:
        return
    name_month = month in reader.words.name_months
    if not (bare_ok or reader.follows_cue(index, name_month=name_month)):
        return
    after = reader.spaced_after(name_end)
    if after is not None and after.text[0] in DIGITS and len(after.text) <= 2:
        return  # "February 30", "May 5,000": not a day, and not a bare month either
    if name_month and _starts_name(after):
        return  # "by April Moreau", "in June Carter's"
    _add_month_alone(reader, first, month, name_end, found)


def _starts_name(token: Token | None) -> bool:
    return (
        token is not None
        and token.gap == SPACE
        and token.text[0].isupper()
        and token.text.isalpha()
    )


def match_number(reader: TokenReader, index: int, found: list[Candidate], *, bare_ok: bool) -> None:
    """From a number: a numeric date, "15 February [2022]", "15th of February", "in 2019",
    "2 days later"."""
    token = reader.token(index)
    if token is None:
        return
    match_numeric_date(reader, index, found)
    day_at = reader.day_at(index)
    if day_at is not None:
        day, day_end = day_at
        month_index = day_end + 1
        following = reader.token(month_index)
        if following is not None and following.lower == "of" and is_spaced(following):
            month_index += 1
            following = reader.token(month_index)
        if following is not None and is_spaced(following):
            month_at = reader.month_at(month_index)
            if month_at is not None and day <= MOST_DAYS_IN_MONTH[month_at[0]]:
                month, month_end, _ = month_at
                _add_month_day(reader, found, start=index, month=month, day=day, last=month_end)
    # "in 2019"
    if bare_ok or reader.follows_cue(index):
        year = reader.year_at(index, 1900, 2099)
        if year is not None:
            found.append(Candidate(index, index, "absolute", iso_year(year)))
    # "two days later"
    if len(token.text) <= 2 and not reader.touches_number_before(index):
        count = int(token.text)
        if 1 <= count <= 99:
            match_count(reader, index, count, found)


def match_numeric_date(reader: TokenReader, index: int, found: list[Candidate]) -> None:
    """2022-02-15, 15.02.2022 (day.month), 2/15/2022 (month/day unless day > 12)."""
    first = reader.token(index)
    separator = reader.touching_after(index)
    if first is None or separator is None or separator.text not in _DATE_SEPARATORS:
        return
    parts: list[Token] = [first]
    for part_index in range(index, index + 4):
        part = reader.touching_after(part_index)
        if part is None:
            return
        parts.append(part)
    left, first_separator, middle, second_separator, right = parts
    if first_separator.text != second_separator.text:
        return
    if first_separator.text not in _DATE_SEPARATORS:
        return
    if not (middle.text[0] in DIGITS and right.text[0] in DIGITS and len(middle.text) <= 2):
        return
    if reader.in_longer_number(index, index + 4):
        return
    if len(left.text) == 4 and first_separator.text == "-" and len(right.text) <= 2:
        year, month, day = int(left.text), int(middle.text), int(right.text)
    elif len(left.text) <= 2 and len(right.text) == 4 and first_separator.text in (".", "/"):
        year, first_number, second_number = int(right.text), int(left.text), int(middle.text)
        if first_separator.text == "." or first_number > 12:
            day, month = first_number, second_number
        else:
            month, day = first_number, second_number
    else:
        return
    value = date_value(year, month, day)
    if 1000 <= year <= 2999 and value is not None:
        found.append(Candidate(index, index + 4, "absolute", value, month_day=True))


def match_season_year(
    reader: TokenReader, index: int, found: list[Candidate], start: int | None = None
) -> None:
    """ "summer 2019", "the spring of 2016" -> the year."""
    first = index if start is None else start
    year_index = index + 1
    following = reader.spaced_after(index)
    if following is not None and following.lower == "of":
        year_index += 1
    year = reader.spaced_year_at(year_index)
    if year is not None:
        found.append(Candidate(first, year_index, "absolute", iso_year(year)))
