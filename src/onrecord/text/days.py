"""Days written YYYY-MM-DD: the one form a publication date or a day given on the command
line, in a form or in an API call takes, checked here with one message for every input."""

from __future__ import annotations

import datetime as dt
import re

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SHOWN_CHARS = 40


def parse_day(value: str) -> dt.date:
    """The day ``value`` names, written YYYY-MM-DD (white space around it ignored).

    Raises :class:`ValueError` saying which form is expected for any other spelling
    ("2022-2-15", "20220215", "15/02/2022", a time after the day) and for a day the
    calendar does not have ("2022-02-30", year 0)."""
    stripped = value.strip() if isinstance(value, str) else ""
    if _DAY.fullmatch(stripped):
        day = calendar_day(int(stripped[:4]), int(stripped[5:7]), int(stripped[8:10]))
        if day is not None:
            return day
    shown = (
        value[:_SHOWN_CHARS] + "…"
        if isinstance(value, str) and len(value) > _SHOWN_CHARS
        else value
    )
    raise ValueError(f"expected a real date as YYYY-MM-DD, like 2022-02-15, not {shown!r}")


def iso_day(value: str) -> str:
    """``value`` checked by :func:`parse_day`, without the white space around it."""
    return parse_day(value).isoformat()


def calendar_day(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when the calendar has no such day (February 30, year 0)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
