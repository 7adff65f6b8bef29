"""What date finding returns, and the publication date it resolves expressions against."""

from __future__ import annotations

from dataclasses import dataclass, field


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
