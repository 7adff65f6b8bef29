"""What date finding returns, and the publication date it resolves expressions against."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

_PUBLISHED_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True, slots=True)
class DateExpression:
    """One date expression found in a text.

    ``start``/``end`` are ``str`` offsets into the text and ``text`` is
    ``text[start:end]``: the date words only, without a leading preposition
    ("on February 15" -> "February 15"). ``alternatives`` holds other
    plausible values: for an anaphoric expression the value computed from the
    publication date, for a weekday the other (future/earlier) occurrence, for
    a month(-day) whose year was inferred from the publication date the other
    candidate year.
    """

    start: int
    end: int
    text: str
    value: str | None
    kind: str
    anchor: str
    alternatives: tuple[str, ...] = field(default=())


def parse_published(value: str) -> dt.date:
    """Parse a publication date given as ``YYYY-MM-DD``.

    Raises :class:`ValueError` with a message naming the bad input.
    """
    if not isinstance(value, str):
        raise ValueError(f"published date must be YYYY-MM-DD, got {value!r}")
    shown = value if len(value) <= 40 else value[:40] + "..."
    stripped = value.strip()
    if _PUBLISHED_RE.fullmatch(stripped) is None:
        raise ValueError(f"published date must be YYYY-MM-DD, got {shown!r}")
    try:
        return dt.date(int(stripped[:4]), int(stripped[5:7]), int(stripped[8:10]))
    except ValueError:
        raise ValueError(
            f"published date must be YYYY-MM-DD and a real calendar date, got {shown!r}"
        ) from None
