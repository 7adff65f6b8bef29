"""Calendar arithmetic on ISO 8601 values at day, month or year precision.

Values are ``"2022-02-15"``, ``"2022-02"`` or ``"2022"``, with ``XXXX`` for an
unknown year. A computation that leaves the years 1000 to 9999 gives None.
"""

from __future__ import annotations

import datetime as dt

# The most days each month can have (index 1 to 12; February in a leap year).
MOST_DAYS_IN_MONTH = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def is_calendar_date(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def iso_date(date: dt.date) -> str | None:
    return date.isoformat() if date.year >= 1000 else None


def date_value(year: int, month: int, day: int) -> str | None:
    """The ISO value of year-month-day, None if there is no such day."""
    return iso_date(dt.date(year, month, day)) if is_calendar_date(year, month, day) else None


def iso_month(year: int, month: int) -> str | None:
    return f"{year:04d}-{month:02d}" if 1000 <= year <= 9999 else None


def iso_year(year: int) -> str | None:
    return f"{year:04d}" if 1000 <= year <= 9999 else None


def add_days(date: dt.date, days: int) -> dt.date | None:
    try:
        return date + dt.timedelta(days=days)
    except OverflowError:
        return None


def month_index(year: int, month: int) -> int:
    """Months since the start of year 0: consecutive months have consecutive indices."""
    return year * 12 + (month - 1)


def _from_month_index(index: int) -> tuple[int, int]:
    return index // 12, index % 12 + 1


def shift(value: str, unit: str, count: int) -> str | None:
    """Shift a day-precise value ("2022-02-15" / "XXXX-02-15") by ``count`` units."""
    year_text, month_text, day_text = value.split("-")
    month, day = int(month_text), int(day_text)
    days_per_unit = 7 if unit == "week" else 1
    if year_text == "XXXX":
        if unit == "year":
            return None
        if unit == "month":
            return f"XXXX-{(month - 1 + count) % 12 + 1:02d}"
        # Arithmetic in a stand-in year: leap only when the anchor is Feb 29.
        stand_in = 2000 if (month, day) == (2, 29) else 2001
        shifted = add_days(dt.date(stand_in, month, day), count * days_per_unit)
        return None if shifted is None else f"XXXX-{shifted.month:02d}-{shifted.day:02d}"
    year = int(year_text)
    if unit == "year":
        return iso_year(year + count)
    if unit == "month":
        return iso_month(*_from_month_index(month_index(year, month) + count))
    shifted = add_days(dt.date(year, month, day), count * days_per_unit)
    return None if shifted is None else iso_date(shifted)


def _too_far_ahead(published: dt.date, year: int, month: int, day: int | None) -> bool:
    """True if year-month(-day) lies more than two calendar months after publication."""
    months_ahead = month_index(year, month) - month_index(published.year, published.month)
    if months_ahead != 2 or day is None:
        return months_ahead > 2
    return day > published.day


def month_day_in_year(
    published: dt.date, month: int, day: int
) -> tuple[str | None, tuple[str, ...]]:
    """A month-day's date and the other likely one: the publication year unless that puts it
    more than about two months ahead, then the year before."""
    publication_year = published.year
    chosen: int | None = None
    for year in range(publication_year, publication_year - 8, -1):
        if is_calendar_date(year, month, day) and not _too_far_ahead(published, year, month, day):
            chosen = year
            break
    if chosen is None:
        return None, ()
    value = iso_date(dt.date(chosen, month, day))
    if chosen == publication_year:
        other_years = range(chosen - 1, chosen - 8, -1)
    else:
        other_years = range(chosen + 1, publication_year + 8)
    other = next((year for year in other_years if is_calendar_date(year, month, day)), None)
    other_value = None if other is None else iso_date(dt.date(other, month, day))
    return value, (other_value,) if other_value else ()


def month_in_year(published: dt.date, month: int) -> tuple[str | None, tuple[str, ...]]:
    """A month's value and the other likely one, chosen as for a month-day."""
    too_far = _too_far_ahead(published, published.year, month, None)
    year = published.year - 1 if too_far else published.year
    other_year = published.year if year != published.year else published.year - 1
    other = iso_month(other_year, month)
    return iso_month(year, month), (other,) if other else ()


def weekday_dates(
    published: dt.date, weekday: int, mode: str
) -> tuple[dt.date | None, dt.date | None]:
    """(date, alternative) of a weekday; mode plain/last/next/lastweek/thisweek/nextweek."""
    published_weekday = published.weekday()
    if mode == "plain":
        back = (published_weekday - weekday) % 7
        return add_days(published, -back), add_days(
            published, (weekday - published_weekday) % 7 or 7
        )
    if mode == "last":
        date = add_days(published, -((published_weekday - weekday) % 7 or 7))
        return date, None if date is None else add_days(date, -7)
    if mode == "next":
        date = add_days(published, (weekday - published_weekday) % 7 or 7)
        return date, None if date is None else add_days(date, 7)
    offset = {"lastweek": -7, "thisweek": 0, "nextweek": 7}[mode]
    return add_days(published, weekday - published_weekday + offset), None
