"""Find date expressions in English news text and normalise them to ISO 8601.

Pure Python, standard library only. :func:`find_dates` scans the text once,
left to right, over a stream of word/number/punctuation tokens with a small
bounded look-behind and look-ahead, so it runs in time linear in the length of
the text and keeps only a small window of tokens in memory. No regular
expression here can backtrack catastrophically: the only pattern applied to the
text is a tokeniser made of single character classes.

Values are ISO 8601 strings at day, month or year precision, with ``XXXX`` for
an unknown year: ``"2022-02-15"``, ``"XXXX-02-15"``, ``"2021-12"``,
``"XXXX-12"``, ``"2019"``. Expressions that name no single day, month or year
("last week", "recently") are reported with ``value=None`` and kind ``"vague"``.

Kinds:

* ``absolute`` -- the text itself names the date ("February 15, 2022",
  "in 2019"). When the year is missing ("February 15") it is taken from the
  publication date (``anchor="published"``), or left as ``XXXX``.
* ``deictic`` -- relative to the moment of publication ("today",
  "on Tuesday", "last month", "December last year", "two days ago").
* ``relative`` -- anaphoric, relative to the most recent preceding day-precise
  date in the text ("two days later", "the next day"); ``anchor="previous"``,
  or ``"published"`` when there is no such date.
* ``vague`` -- a time reference with no single value ("last week",
  "recently", "earlier", "the following week").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

__all__ = ["DateExpression", "find_dates", "parse_published"]


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


_PUBLISHED_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


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


# --------------------------------------------------------------------------- tokens

_TOKEN_RE = re.compile(r"[^\W\d_]+|[0-9]+|\S")
_DIGITS = frozenset("0123456789")

# Gap between a token and the one before it.
_ADJ = 0  # no space: "Feb" "." / "15" "th"
_SPACE = 1  # spaces/tabs only
_NEWLINE = 2  # whitespace with one newline (same paragraph)
_BREAK = 3  # blank line, start of text or of a segment between skip spans


class _Tok(NamedTuple):
    start: int
    end: int
    text: str
    low: str
    gap: int


def _segments(n: int, skip: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for item in skip:
        try:
            a, b = int(item[0]), int(item[1])
        except (TypeError, ValueError, IndexError):
            continue
        a, b = max(0, a), min(n, b)
        if a < b:
            spans.append((a, b))
    spans.sort()
    out: list[tuple[int, int]] = []
    pos = 0
    for a, b in spans:
        if a > pos:
            out.append((pos, a))
        pos = max(pos, b)
    if pos < n:
        out.append((pos, n))
    return out


def _tokens(text: str, segments: list[tuple[int, int]]) -> Iterator[_Tok]:
    for a, b in segments:
        prev_end = -1
        for m in _TOKEN_RE.finditer(text, a, b):
            s, e = m.span()
            if prev_end < 0:
                gap = _BREAK
            elif s == prev_end:
                gap = _ADJ
            else:
                newlines = text.count("\n", prev_end, s)
                gap = _SPACE if newlines == 0 else _NEWLINE if newlines == 1 else _BREAK
            word = m.group()
            yield _Tok(s, e, word, word.lower(), gap)
            prev_end = e


class _Stream:
    """Random access by absolute index into a lazily produced token stream.

    Tokens far behind the scan position are released, so memory stays bounded
    by the look-ahead window, not by the text length.
    """

    def __init__(self, it: Iterator[_Tok]) -> None:
        self._it = it
        self._buf: list[_Tok] = []
        self._base = 0
        self._done = False

    def get(self, i: int) -> _Tok | None:
        k = i - self._base
        if 0 <= k < len(self._buf):
            return self._buf[k]
        if k < 0:
            return None
        while k >= len(self._buf):
            if self._done:
                return None
            nxt = next(self._it, None)
            if nxt is None:
                self._done = True
                return None
            self._buf.append(nxt)
        return self._buf[k]

    def release(self, i: int) -> None:
        k = i - self._base
        if k > 1024:
            del self._buf[:k]
            self._base = i


# --------------------------------------------------------------------------- lexicon

_MONTHS = {
    name: n
    for n, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_MONTH_ABBR = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# Months that are also common first names / words: a bare month needs a strong cue.
_NAME_MONTHS = frozenset({4, 5, 6, 8})
_MAXDAY = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

_WEEKDAYS = {
    name: n
    for n, name in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}
# "Super Tuesday", "Black Friday": named days, not a weekday reference.
_NAMED_DAY_PREFIX = frozenset(
    {
        "super",
        "black",
        "good",
        "ash",
        "cyber",
        "bloody",
        "holy",
        "easter",
        "palm",
        "maundy",
        "giving",
        "ruby",
        "girl",
        "manic",
        "blue",
        "fat",
    }
)
_PART_OF_DAY = frozenset({"morning", "afternoon", "evening", "night"})
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11), "winter": None}

_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_VAGUE_QUANTITY = frozenset({"few", "several", "many", "some", "couple", "numerous"})
_UNITS = {
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
}
_VAGUE_UNITS = frozenset(
    {"hour", "hours", "minute", "minutes", "decade", "decades", "moment", "moments"}
)
_PLURAL_UNITS = frozenset({"days", "weeks", "months", "years", "hours", "minutes", "decades"})
_DIR_FREE = {"earlier": -1, "later": 1, "afterwards": 1, "afterward": 1}
# These are prepositions too ("two days before the vote"): only clause-final.
_DIR_CLAUSE_FINAL = {"before": -1, "prior": -1, "after": 1, "on": 1}

# A bare 4-digit year or a bare month counts only after one of these.
_TRIGGERS = frozenset(
    {
        "in",
        "since",
        "until",
        "till",
        "by",
        "of",
        "from",
        "before",
        "after",
        "through",
        "throughout",
        "during",
        "between",
        "circa",
    }
)
# Triggers too weak before a month that is also a name ("by May", "of April").
_WEAK_TRIGGERS = frozenset({"by", "of", "from", "between"})
# "2014 to 2016", "January and March": only right after another date.
_RANGE_CONNECTORS = frozenset({"to", "and", "or", "-", "–", "—", "through", "until", "till"})
# "a total of 2000": quantity heads before "of".
_QUANTITY_HEADS = frozenset(
    {
        "total",
        "number",
        "sum",
        "maximum",
        "minimum",
        "average",
        "estimate",
        "estimated",
        "force",
        "crowd",
        "group",
        "out",
        "up",
        "one",
        "none",
        "half",
        "all",
        "each",
        "any",
        "some",
        "most",
        "many",
        "majority",
        "minority",
        "population",
        "fraction",
        "tally",
        "count",
        "figure",
        "budget",
        "cost",
        "price",
        "value",
        "score",
        "amount",
        "rate",
        "army",
        "contingent",
        "deployment",
    }
)
# "in 2000 troops": a number counting something, not a year.
_COUNT_NOUNS = frozenset(
    {
        "people",
        "persons",
        "troops",
        "soldiers",
        "servicemen",
        "votes",
        "voters",
        "members",
        "cases",
        "deaths",
        "jobs",
        "times",
        "units",
        "dollars",
        "euros",
        "pounds",
        "rubles",
        "roubles",
        "yuan",
        "tons",
        "tonnes",
        "miles",
        "kilometers",
        "kilometres",
        "km",
        "meters",
        "metres",
        "feet",
        "acres",
        "percent",
        "per",
        "points",
        "seats",
        "signatures",
        "pages",
        "words",
        "residents",
        "refugees",
        "migrants",
        "workers",
        "employees",
        "students",
        "children",
        "men",
        "women",
        "delegates",
        "pieces",
        "copies",
        "rounds",
        "missiles",
        "tanks",
        "aircraft",
        "planes",
        "vehicles",
        "officers",
        "police",
        "protesters",
        "demonstrators",
        "supporters",
        "households",
        "homes",
        "families",
        "lives",
        "victims",
        "patients",
        "dead",
        "wounded",
        "others",
        "more",
        "fewer",
        "less",
    }
)
_DETERMINERS = frozenset(
    {
        "the",
        "a",
        "an",
        "its",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "that",
        "this",
        "these",
        "those",
        "whose",
        "every",
        "each",
    }
)
# "over the next year", "for the next day": durations.
_DURATION_PREPS = frozenset(
    {"over", "for", "within", "during", "throughout", "in", "across", "through", "into"}
)
_OPEN_QUOTES = frozenset({'"', "“", "‘", "'", "«", "„"})
_CLOSE_QUOTES = frozenset({'"', "”", "’", "'", "»", "“"})
_CLAUSE_FINAL_WORDS = frozenset({"and", "but", "when", "as", "while"})


# --------------------------------------------------------------------------- arithmetic


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


def _iso_date(d: dt.date) -> str | None:
    return d.isoformat() if d.year >= 1000 else None


def _iso_month(y: int, m: int) -> str | None:
    return f"{y:04d}-{m:02d}" if 1000 <= y <= 9999 else None


def _iso_year(y: int) -> str | None:
    return f"{y:04d}" if 1000 <= y <= 9999 else None


def _add_days(d: dt.date, n: int) -> dt.date | None:
    try:
        return d + dt.timedelta(days=n)
    except OverflowError:
        return None


def _month_index(y: int, m: int) -> int:
    return y * 12 + (m - 1)


def _from_month_index(k: int) -> tuple[int, int]:
    return k // 12, k % 12 + 1


def _shift(value: str, unit: str, n: int) -> str | None:
    """Shift a day-precise value ("2022-02-15" / "XXXX-02-15") by n units."""
    ys, ms, ds = value.split("-")
    m, d = int(ms), int(ds)
    if ys == "XXXX":
        if unit == "year":
            return None
        if unit == "month":
            return f"XXXX-{(m - 1 + n) % 12 + 1:02d}"
        # Arithmetic in a stand-in year: leap only when the anchor is Feb 29.
        proxy = 2000 if (m, d) == (2, 29) else 2001
        shifted = _add_days(dt.date(proxy, m, d), n * (7 if unit == "week" else 1))
        return None if shifted is None else f"XXXX-{shifted.month:02d}-{shifted.day:02d}"
    y = int(ys)
    if unit == "year":
        return _iso_year(y + n)
    if unit == "month":
        return _iso_month(*_from_month_index(_month_index(y, m) + n))
    shifted = _add_days(dt.date(y, m, d), n * (7 if unit == "week" else 1))
    return None if shifted is None else _iso_date(shifted)


def _too_far(pub: dt.date, y: int, m: int, d: int | None) -> bool:
    """True if y-m(-d) lies more than two calendar months after publication."""
    diff = _month_index(y, m) - _month_index(pub.year, pub.month)
    if diff != 2 or d is None:
        return diff > 2
    return d > pub.day


def _infer_md(pub: dt.date, m: int, d: int) -> tuple[str | None, tuple[str, ...]]:
    """Year for a month-day: the publication year unless that is > ~2 months ahead."""
    y0 = pub.year
    chosen: int | None = None
    for y in range(y0, y0 - 8, -1):
        if _valid(y, m, d) and not _too_far(pub, y, m, d):
            chosen = y
            break
    if chosen is None:
        return None, ()
    value = _iso_date(dt.date(chosen, m, d))
    alt_years = range(chosen - 1, chosen - 8, -1) if chosen == y0 else range(chosen + 1, y0 + 8)
    alt = next((y for y in alt_years if _valid(y, m, d)), None)
    alts = () if alt is None else tuple(v for v in (_iso_date(dt.date(alt, m, d)),) if v)
    return value, alts


def _infer_m(pub: dt.date, m: int) -> tuple[str | None, tuple[str, ...]]:
    y = pub.year - 1 if _too_far(pub, pub.year, m, None) else pub.year
    other = pub.year if y != pub.year else pub.year - 1
    alt = _iso_month(other, m)
    return _iso_month(y, m), (alt,) if alt else ()


def _weekday(pub: dt.date, wd: int, mode: str) -> tuple[dt.date | None, dt.date | None]:
    """(value, alternative) for a weekday; mode plain/last/next/lastweek/thisweek/nextweek."""
    cur = pub.weekday()
    if mode == "plain":
        back = (cur - wd) % 7
        return _add_days(pub, -back), _add_days(pub, (wd - cur) % 7 or 7)
    if mode == "last":
        value = _add_days(pub, -((cur - wd) % 7 or 7))
        return value, None if value is None else _add_days(value, -7)
    if mode == "next":
        value = _add_days(pub, (wd - cur) % 7 or 7)
        return value, None if value is None else _add_days(value, 7)
    offset = {"lastweek": -7, "thisweek": 0, "nextweek": 7}[mode]
    return _add_days(pub, wd - cur + offset), None


# --------------------------------------------------------------------------- matcher


@dataclass(frozen=True, slots=True)
class _Cand:
    start: int  # token index, inclusive
    end: int  # token index, inclusive
    kind: str
    value: str | None = None
    anchor: str = "none"
    alts: tuple[str, ...] = ()
    rel: tuple[str, int] | None = None  # anaphoric (unit, n)
    md: bool = False  # a month-day (with or without year)


def _vague(start: int, end: int) -> _Cand:
    return _Cand(start, end, "vague")


class _Matcher:
    def __init__(self, stream: _Stream, pub: dt.date | None) -> None:
        self.s = stream
        self.pub = pub
        self.last_end = -10  # token index where the last emitted expression ended

    # ------------------------------------------------------------ token helpers

    def tok(self, j: int) -> _Tok | None:
        return self.s.get(j) if j >= 0 else None

    def follow(self, j: int) -> _Tok | None:
        """Token j+1 if separated from token j by spaces or a single newline."""
        t = self.s.get(j + 1)
        return t if t is not None and _SPACE <= t.gap <= _NEWLINE else None

    def adjacent(self, j: int) -> _Tok | None:
        """Token j+1 if it touches token j."""
        t = self.s.get(j + 1)
        return t if t is not None and t.gap == _ADJ else None

    def before(self, j: int) -> _Tok | None:
        """Token j-1 if separated from token j by spaces or a single newline."""
        t = self.tok(j)
        if t is None or not _SPACE <= t.gap <= _NEWLINE:
            return None
        return self.tok(j - 1)

    def clause_end(self, j: int) -> bool:
        """Nothing but punctuation, a line break or a conjunction follows token j."""
        t = self.s.get(j + 1)
        if t is None or t.gap >= _BREAK:
            return True
        if t.text[0].isalnum():
            return t.low in _CLAUSE_FINAL_WORDS
        return t.text not in ("'", "’", "-", "–", "$", "£", "€", "#", "&")

    def numeric_context(self, j: int, last: int) -> bool:
        """Tokens j..last sit inside a longer number ("1,997", "2.15.2022.3")."""
        t = self.tok(j)
        if t is not None and t.gap == _ADJ:
            p = self.tok(j - 1)
            if p is not None:
                if p.text[0] in _DIGITS or p.text in ("$", "£", "€", "#", "№", "+"):
                    return True
                if p.text in (".", ",", ":", "/", "-", "–"):
                    pp = self.tok(j - 2)
                    if p.gap == _ADJ and pp is not None and pp.text[0] in _DIGITS:
                        return True
        n = self.adjacent(last)
        if n is not None:
            if n.text[0] in _DIGITS or n.text in ("%", "‰"):
                return True
            if n.text in (".", ",", ":", "/", "-", "–"):
                nn = self.adjacent(last + 1)
                if nn is not None and nn.text[0] in _DIGITS:
                    return True
        return False

    # ------------------------------------------------------------ atoms

    def month_at(self, j: int) -> tuple[int, int, bool] | None:
        """(month, last token index, abbreviated) for a capitalised month name."""
        t = self.tok(j)
        if t is None or not t.text[0].isupper():
            return None
        m = _MONTHS.get(t.low)
        if m is not None:
            return m, j, False
        m = _MONTH_ABBR.get(t.low)
        if m is None:
            return None
        dot = self.adjacent(j)
        return (m, j + 1, True) if dot is not None and dot.text == "." else (m, j, True)

    def day_at(self, j: int) -> tuple[int, int] | None:
        """(day, last token index) for "15" / "15th"; "15" in "15-17" is fine."""
        t = self.tok(j)
        if t is None or t.text[0] not in _DIGITS or len(t.text) > 2:
            return None
        d = int(t.text)
        if not 1 <= d <= 31:
            return None
        last = j
        suffix = self.adjacent(j)
        if suffix is not None and suffix.low in ("st", "nd", "rd", "th"):
            last = j + 1
        after = self.adjacent(last)
        if after is not None:
            if after.text[0].isalnum() or after.text in ("%", "‰"):
                return None  # "15am", "15%"
            nn = self.adjacent(last + 1)
            is_range = after.text in ("-", "–") and nn is not None and len(nn.text) <= 2
            if nn is not None and nn.text[0] in _DIGITS and not is_range:
                return None  # "15.5", "15:30", "15/02", "15-2022"; "15-17" is a range
        if t.gap == _ADJ:
            p = self.tok(j - 1)
            if p is not None:
                if p.text[0] in _DIGITS or p.text in ("$", "£", "€", "#", "№", "+"):
                    return None
                pp = self.tok(j - 2)
                numeric = p.gap == _ADJ and pp is not None and pp.text[0] in _DIGITS
                is_range = p.text in ("-", "–") and pp is not None and len(pp.text) <= 2
                if numeric and not is_range:
                    return None  # "1.15", "10:15", "2022-15"; "15-16 February" is fine
        return d, last

    def _numeric_before(self, j: int) -> bool:
        t = self.tok(j)
        if t is None or t.gap != _ADJ:
            return False
        p = self.tok(j - 1)
        return p is not None and (p.text[0] in _DIGITS or p.text in (".", ",", ":", "/", "$"))

    def year_at(self, j: int, lo: int, hi: int) -> int | None:
        t = self.tok(j)
        if t is None or len(t.text) != 4 or t.text[0] not in _DIGITS:
            return None
        y = int(t.text)
        if not lo <= y <= hi:
            return None
        n = self.adjacent(j)
        if n is not None and n.text[0].isalpha():
            return None  # "2020s"
        if self.numeric_context(j, j):
            return None
        noun = self.follow(j)
        if noun is not None and noun.low in _COUNT_NOUNS and noun.text.islower():
            return None
        return y

    def year_after(self, j: int) -> tuple[int, int] | None:
        """An explicit year after token j: " 2022" or ", 2022"."""
        n = self.tok(j + 1)
        if n is None:
            return None
        k = j + 1
        if n.text == "," and n.gap == _ADJ:
            k = j + 2
            n = self.tok(k)
            if n is None:
                return None
        if not _SPACE <= n.gap <= _NEWLINE:
            return None
        y = self.year_at(k, 1000, 2999)
        return None if y is None else (y, k)

    def rel_year_after(self, j: int) -> tuple[int, int] | None:
        """ "last year" / "this year" / "next year" after token j: (offset, last index)."""
        a = self.follow(j)
        if a is None or a.low not in ("last", "this", "next"):
            return None
        b = self.follow(j + 1)
        if b is None or b.low != "year":
            return None
        return {"last": -1, "this": 0, "next": 1}[a.low], j + 2

    def has_trigger(self, i: int, name_month: bool = False) -> bool:
        t = self.tok(i)
        p = self.tok(i - 1)
        if t is None or p is None:
            return False
        if t.gap == _ADJ and p.text in ("-", "–", "—"):
            return self.last_end == i - 2  # "January–March"
        if not _SPACE <= t.gap <= _NEWLINE:
            return False
        if p.low in _TRIGGERS:
            if name_month and p.low in _WEAK_TRIGGERS:
                return False
            if p.low == "of":
                pp = self.before(i - 1)
                if pp is not None and pp.low in _QUANTITY_HEADS:
                    return False
            return True
        if p.low == "year" and not name_month:
            return True  # "the year 2000"
        return p.low in _RANGE_CONNECTORS and self.last_end == i - 2 and p.gap <= _NEWLINE

    # ------------------------------------------------------------ dispatch

    def best_at(self, i: int) -> _Cand | None:
        cands = self.candidates(i, bare_ok=False)
        best: _Cand | None = None
        best_end = -1
        for c in cands:
            t = self.tok(c.end)
            if t is not None and t.end > best_end:
                best, best_end = c, t.end
        return best

    def candidates(self, i: int, *, bare_ok: bool) -> list[_Cand]:
        t = self.tok(i)
        out: list[_Cand] = []
        if t is None:
            return out
        c0 = t.text[0]
        if c0 in _DIGITS:
            self.from_number(i, out, bare_ok=bare_ok)
            return out
        if not c0.isalpha():
            return out
        low = t.low
        if low in _MONTHS or low in _MONTH_ABBR:
            self.from_month(i, out, bare_ok=bare_ok)
        if low in _WEEKDAYS:
            self.from_weekday(i, out)
        if low in _SEASONS:
            self.from_season(i, out)
        if low in _NUMBER_WORDS:
            self.from_count(i, _NUMBER_WORDS[low], out)
        if low in _VAGUE_QUANTITY:
            self.from_count(i, None, out)
        if low in _UNITS or low in _VAGUE_UNITS:
            self.from_bare_unit(i, out)
        handler = _KEYWORDS.get(low)
        if handler is not None:
            handler(self, i, out)
        return out

    # ------------------------------------------------------------ absolute

    def _md(self, start: int, m: int, d: int, last: int, out: list[_Cand]) -> None:
        """A month-day ending at token ``last``; looks for a year after it."""
        ya = self.year_after(last)
        if ya is not None:
            y, k = ya
            value = _iso_date(dt.date(y, m, d)) if _valid(y, m, d) else None
            out.append(_Cand(start, k, "absolute", value, md=True))
            return
        ra = self.rel_year_after(last)
        if ra is not None:
            off, k = ra
            if self.pub is None:
                out.append(_Cand(start, k, "deictic", f"XXXX-{m:02d}-{d:02d}", md=True))
            else:
                y = self.pub.year + off
                value = _iso_date(dt.date(y, m, d)) if _valid(y, m, d) else None
                out.append(_Cand(start, k, "deictic", value, "published", md=True))
        if self.pub is None:
            out.append(_Cand(start, last, "absolute", f"XXXX-{m:02d}-{d:02d}", md=True))
        else:
            value, alts = _infer_md(self.pub, m, d)
            out.append(_Cand(start, last, "absolute", value, "published", alts, md=True))

    def _month_only(self, start: int, m: int, last: int, out: list[_Cand]) -> None:
        if self.pub is None:
            out.append(_Cand(start, last, "absolute", f"XXXX-{m:02d}"))
        else:
            value, alts = _infer_m(self.pub, m)
            out.append(_Cand(start, last, "absolute", value, "published", alts))

    def from_month(self, i: int, out: list[_Cand], *, bare_ok: bool, start: int = -1) -> None:
        mm = self.month_at(i)
        if mm is None:
            return
        m, k, abbr = mm
        st = i if start < 0 else start
        nxt = self.tok(k + 1)
        dotted = k > i
        if nxt is not None and (_SPACE <= nxt.gap <= _NEWLINE or (dotted and nxt.gap == _ADJ)):
            dd = self.day_at(k + 1)
            if dd is not None and dd[0] <= _MAXDAY[m]:
                self._md(st, m, dd[0], dd[1], out)
        # "August 2019", "August of 2019", "August, 2019"
        j = k + 1
        if nxt is not None and (
            (nxt.low == "of" and _SPACE <= nxt.gap <= _NEWLINE)
            or (nxt.text == "," and nxt.gap == _ADJ)
        ):
            j = k + 2
        yt = self.tok(j)
        if yt is not None and _SPACE <= yt.gap <= _NEWLINE:
            y = self.year_at(j, 1000, 2999)
            if y is not None:
                out.append(_Cand(st, j, "absolute", _iso_month(y, m)))
        ra = self.rel_year_after(k)
        if ra is not None and not abbr:
            off, kk = ra
            if self.pub is None:
                out.append(_Cand(st, kk, "deictic", f"XXXX-{m:02d}"))
            else:
                value = _iso_month(self.pub.year + off, m)
                out.append(_Cand(st, kk, "deictic", value, "published" if value else "none"))
        if abbr:
            return
        if not (bare_ok or self.has_trigger(i, name_month=m in _NAME_MONTHS)):
            return
        n = self.follow(k)
        if n is not None and n.text[0] in _DIGITS and len(n.text) <= 2:
            return  # "February 30", "May 5,000": not a day, and not a bare month either
        name_like = n is not None and n.gap == _SPACE and n.text[0].isupper() and n.text.isalpha()
        if m in _NAME_MONTHS and name_like:
            return  # "by April Ryan", "in June Carter's"
        self._month_only(st, m, k, out)

    def from_number(self, i: int, out: list[_Cand], *, bare_ok: bool) -> None:
        t = self.tok(i)
        if t is None:
            return
        self.from_numeric_date(i, out)
        # "15 February [2022]", "15th of February"
        dd = self.day_at(i)
        if dd is not None:
            d, k = dd
            j = k + 1
            n = self.tok(j)
            if n is not None and n.low == "of" and _SPACE <= n.gap <= _NEWLINE:
                j += 1
                n = self.tok(j)
            if n is not None and _SPACE <= n.gap <= _NEWLINE:
                mm = self.month_at(j)
                if mm is not None and d <= _MAXDAY[mm[0]]:
                    self._md(i, mm[0], d, mm[1], out)
        # "in 2019"
        if bare_ok or self.has_trigger(i):
            y = self.year_at(i, 1900, 2099)
            if y is not None:
                out.append(_Cand(i, i, "absolute", _iso_year(y)))
        # "two days later"
        if len(t.text) <= 2 and not self._numeric_before(i):
            n_val = int(t.text)
            if 1 <= n_val <= 99:
                self.from_count(i, n_val, out)

    def from_numeric_date(self, i: int, out: list[_Cand]) -> None:
        """2022-02-15, 15.02.2022 (day.month), 2/15/2022 (month/day unless day > 12)."""
        t0 = self.tok(i)
        sep = self.adjacent(i)
        if t0 is None or sep is None or sep.text not in ("-", ".", "/"):
            return
        toks: list[_Tok] = [t0]
        for k in range(i, i + 4):
            n = self.adjacent(k)
            if n is None:
                return
            toks.append(n)
        a, s1, b, s2, c = toks
        if s1.text != s2.text or s1.text not in ("-", ".", "/"):
            return
        if not (b.text[0] in _DIGITS and c.text[0] in _DIGITS and len(b.text) <= 2):
            return
        if self.numeric_context(i, i + 4):
            return
        if len(a.text) == 4 and s1.text == "-" and len(c.text) <= 2:
            y, m, d = int(a.text), int(b.text), int(c.text)
        elif len(a.text) <= 2 and len(c.text) == 4 and s1.text in (".", "/"):
            y, x1, x2 = int(c.text), int(a.text), int(b.text)
            if s1.text == "." or x1 > 12:
                d, m = x1, x2
            else:
                m, d = x1, x2
        else:
            return
        if 1000 <= y <= 2999 and _valid(y, m, d):
            out.append(_Cand(i, i + 4, "absolute", _iso_date(dt.date(y, m, d)), md=True))

    # ------------------------------------------------------------ weekdays

    def _weekday_cand(self, start: int, end: int, wd: int, mode: str) -> _Cand:
        if self.pub is None:
            return _Cand(start, end, "deictic")
        value, alt = _weekday(self.pub, wd, mode)
        v = None if value is None else _iso_date(value)
        a = None if alt is None else _iso_date(alt)
        return _Cand(start, end, "deictic", v, "published" if v else "none", (a,) if a else ())

    def _pod_after(self, j: int) -> int:
        """Extend over "morning"/"night" etc. after token j."""
        n = self.follow(j)
        return j + 1 if n is not None and n.low in _PART_OF_DAY else j

    def from_weekday(self, i: int, out: list[_Cand], start: int = -1, mode: str = "plain") -> None:
        t = self.tok(i)
        if t is None:
            return
        wd = _WEEKDAYS[t.low]
        st = i if start < 0 else start
        if start < 0:
            p = self.before(i)
            if p is not None and p.low in _NAMED_DAY_PREFIX and p.text[0].isupper():
                return  # "Super Tuesday"
            if p is not None and p.low in _DETERMINERS and p.low != "that":
                return  # "our Friday nights", "a Tuesday" ("said that Tuesday ..." is kept)
        pod = self.follow(i)
        after = self.follow(i + 1)
        if (
            pod is not None
            and pod.low in _PART_OF_DAY
            and pod.text[0].isupper()
            and after is not None
            and after.text[0].isupper()
            and after.text.isalpha()
        ):
            return  # "Saturday Night Live", "Monday Night Football"
        if mode == "plain":
            # "Tuesday, February 15", "Tuesday 15 February"
            j = i + 1
            n = self.tok(j)
            if n is not None and n.text == "," and n.gap == _ADJ:
                j += 1
                n = self.tok(j)
            if n is not None and _SPACE <= n.gap <= _NEWLINE:
                sub: list[_Cand] = []
                self.from_month(j, sub, bare_ok=False)
                if n.text[0] in _DIGITS:
                    self.from_number(j, sub, bare_ok=False)
                out.extend(replace(c, start=st) for c in sub if c.md)
            # "Tuesday last week"
            a = self.follow(i)
            b = self.follow(i + 1)
            if a is not None and b is not None and b.low == "week":
                wmode = {"last": "lastweek", "this": "thisweek", "next": "nextweek"}.get(a.low)
                if wmode is not None:
                    out.append(self._weekday_cand(st, i + 2, wd, wmode))
        out.append(self._weekday_cand(st, self._pod_after(i), wd, mode))

    # ------------------------------------------------------------ seasons

    def from_season(self, i: int, out: list[_Cand], start: int = -1) -> None:
        """ "summer 2019", "the spring of 2016" -> the year."""
        st = i if start < 0 else start
        j = i + 1
        n = self.follow(i)
        if n is not None and n.low == "of":
            j += 1
        yt = self.tok(j)
        if yt is not None and _SPACE <= yt.gap <= _NEWLINE:
            y = self.year_at(j, 1000, 2999)
            if y is not None:
                out.append(_Cand(st, j, "absolute", _iso_year(y)))

    def _season_deictic(self, start: int, end: int, season: str, mode: str) -> _Cand:
        months = _SEASONS[season]
        if self.pub is None or months is None:
            return _Cand(start, end, "deictic") if months is not None else _vague(start, end)
        first, last = months
        y = self.pub.year
        if mode == "last":
            y = y if self.pub.month > last else y - 1
        elif mode == "next":
            y = y if self.pub.month < first else y + 1
        return _Cand(start, end, "deictic", _iso_year(y), "published")

    # ------------------------------------------------------------ counted offsets

    def from_count(self, i: int, n: int | None, out: list[_Cand]) -> None:
        """ "two days later", "a week ago", "several years earlier" (n None: vague)."""
        j = i
        t = self.tok(i)
        if t is None:
            return
        if t.low in ("a", "an"):
            q = self.follow(i)
            if q is not None and q.low in _VAGUE_QUANTITY:
                n = None
                j = i + 1
                o = self.follow(j)
                if o is not None and o.low == "of":
                    j += 1
        u = self.follow(j)
        if u is None:
            return
        unit = _UNITS.get(u.low)
        if unit is None and u.low not in _VAGUE_UNITS:
            return
        d = self.follow(j + 1)
        if d is None:
            return
        end = j + 2
        if d.low == "ago":
            if n is None or unit is None or self.pub is None:
                kind = "vague" if n is None or unit is None else "deictic"
                out.append(_Cand(i, end, kind))
                return
            value = self._from_pub(unit, -n)
            out.append(_Cand(i, end, "deictic", value, "published" if value else "none"))
            return
        if d.low in _DIR_FREE:
            sign = _DIR_FREE[d.low]
        elif d.low in _DIR_CLAUSE_FINAL and self.clause_end(end):
            sign = _DIR_CLAUSE_FINAL[d.low]
        else:
            return
        if n is None or unit is None:
            out.append(_vague(i, end))
        else:
            out.append(_Cand(i, end, "relative", rel=(unit, sign * n)))

    def from_bare_unit(self, i: int, out: list[_Cand]) -> None:
        """ "days later", "years ago": vague."""
        t = self.tok(i)
        if t is None or t.low not in _PLURAL_UNITS:
            return
        d = self.follow(i)
        if d is None:
            return
        if (
            d.low == "ago"
            or d.low in _DIR_FREE
            or (d.low in _DIR_CLAUSE_FINAL and self.clause_end(i + 1))
        ):
            out.append(_vague(i, i + 1))

    def _from_pub(self, unit: str, n: int) -> str | None:
        if self.pub is None:
            return None
        return _shift(self.pub.isoformat(), unit, n)

    def _pub_cand(self, start: int, end: int, days: int) -> _Cand:
        if self.pub is None:
            return _Cand(start, end, "deictic")
        d = _add_days(self.pub, days)
        value = None if d is None else _iso_date(d)
        return _Cand(start, end, "deictic", value, "published" if value else "none")

    def _unit_cand(self, start: int, end: int, unit: str, n: int) -> _Cand:
        """last/this/next month|year relative to publication."""
        value = self._from_pub(unit, n)
        if value is not None:
            value = value[:7] if unit == "month" else value[:4]
        return _Cand(start, end, "deictic", value, "published" if value else "none")

    # ------------------------------------------------------------ keywords

    def kw_day(self, i: int, out: list[_Cand]) -> None:
        """today / tonight / yesterday / tomorrow [morning|night...]."""
        t = self.tok(i)
        if t is None:
            return
        if t.low == "today":
            p = self.tok(i - 1)
            named = p is not None and (
                p.low == "usa" or (t.text[0] == "T" and p.text[0].isupper() and p.text.isalpha())
            )
            if named and t.gap <= _SPACE:
                return  # "USA Today", "Russia Today"
            n = self.follow(i)
            if n is not None and n.low in ("show", "programme", "program", "newspaper"):
                return
            o, c = self.tok(i - 1), self.adjacent(i)
            quoted = o is not None and c is not None and o.text in _OPEN_QUOTES
            if quoted and t.gap == _ADJ and c is not None and c.text in _CLOSE_QUOTES:
                return  # NBC's “Today”: a title
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[t.low]
        end = i if t.low == "tonight" else self._pod_after(i)
        out.append(self._pub_cand(i, end, offset))

    def kw_last_this_next(self, i: int, out: list[_Cand], start: int = -1) -> None:
        t = self.tok(i)
        if t is None:
            return
        st = i if start < 0 else start
        if start < 0:
            p = self.before(i)
            if p is not None and p.low in _DETERMINERS:
                return  # "the last year" (a duration), "a next step"
        mode = t.low
        j = i + 1
        n = self.follow(i)
        if n is None:
            return
        if mode == "this" and n.low in ("past", "coming"):
            mode = "last" if n.low == "past" else "next"
            j += 1
            n = self.follow(i + 1)
            if n is None:
                return
        nl = n.low
        sign = {"last": -1, "this": 0, "next": 1}[mode]
        if nl == "night" and mode == "last":
            out.append(self._pub_cand(st, j, -1))
        elif nl in ("morning", "afternoon", "evening") and mode == "this":
            out.append(self._pub_cand(st, j, 0))
        elif nl in ("week", "weekend", "decade", "century"):
            out.append(_vague(st, j))
        elif nl in ("month", "year"):
            out.append(self._unit_cand(st, j, nl, sign))
        elif nl in _WEEKDAYS:
            self.from_weekday(j, out, start=st, mode="plain" if mode == "this" else mode)
        elif nl in _SEASONS:
            out.append(self._season_deictic(st, j, nl, mode))
        elif nl in _MONTHS and n.text[0].isupper():
            m = _MONTHS[nl]
            if self.pub is None:
                out.append(_Cand(st, j, "deictic", f"XXXX-{m:02d}"))
                return
            cur = _month_index(self.pub.year, self.pub.month)
            if mode == "this":
                y = self.pub.year
            elif mode == "last":
                y = self.pub.year if _month_index(self.pub.year, m) < cur else self.pub.year - 1
            else:
                y = self.pub.year if _month_index(self.pub.year, m) > cur else self.pub.year + 1
            value = _iso_month(y, m)
            out.append(_Cand(st, j, "deictic", value, "published" if value else "none"))

    def kw_earlier_later(self, i: int, out: list[_Cand]) -> None:
        t = self.tok(i)
        n = self.follow(i)
        if t is None:
            return
        if n is not None:
            nl = n.low
            if nl in ("this", "last", "next"):
                self.kw_last_this_next(i + 1, out, start=i)
            elif nl in ("today", "tonight"):
                out.append(self._pub_cand(i, i + 1, 0))
            elif nl in _WEEKDAYS:
                self.from_weekday(i + 1, out, start=i)
            elif nl == "that":
                u = self.follow(i + 1)
                if u is not None:
                    self._same_unit(i, i + 2, u.low, out)
            elif nl == "in":
                the = self.follow(i + 1)
                u = self.follow(i + 2)
                if the is not None and the.low == "the" and u is not None:
                    self._same_unit(i, i + 3, u.low, out)
        if t.low == "earlier":
            p = self.before(i)
            if p is not None and p.low in _DETERMINERS:
                return  # "an earlier version"
            if n is not None and n.low == "than":
                return
            out.append(_vague(i, i))

    def _same_unit(self, start: int, end: int, unit: str, out: list[_Cand]) -> None:
        """ "that day", "that same day", "that month": the anchor's day/month/year."""
        if unit in _PART_OF_DAY or unit == "day":
            out.append(_Cand(start, end, "relative", rel=("day", 0)))
        elif unit in ("month", "year"):
            out.append(_Cand(start, end, "relative", rel=(unit, 0)))
        elif unit in ("week", "weekend"):
            out.append(_vague(start, end))

    def kw_early_late(self, i: int, out: list[_Cand]) -> None:
        """early/late/mid + month, year, weekday, season, last year..."""
        t = self.tok(i)
        if t is None:
            return
        j = i + 1
        n = self.tok(j)
        if n is None:
            return
        if t.low == "mid" and n.text in ("-", "–") and n.gap == _ADJ:
            j += 1
            n = self.tok(j)
            if n is None or n.gap != _ADJ:
                return
        elif not _SPACE <= n.gap <= _NEWLINE:
            return
        nl = n.low
        if nl in _MONTHS or nl in _MONTH_ABBR:
            self.from_month(j, out, bare_ok=True, start=i)
        elif n.text[0] in _DIGITS:
            y = self.year_at(j, 1900, 2099) if n.gap != _ADJ else self._dash_year(j)
            if y is not None:
                out.append(_Cand(i, j, "absolute", _iso_year(y)))
        elif t.low == "mid":
            return
        elif nl in ("last", "this", "next"):
            self.kw_last_this_next(j, out, start=i)
        elif nl in _WEEKDAYS:
            self.from_weekday(j, out, start=i)
        elif nl in _SEASONS:
            self.from_season(j, out, start=i)

    def _dash_year(self, j: int) -> int | None:
        """The year in "mid-2019" (a dash before it is expected)."""
        t = self.tok(j)
        if t is None or len(t.text) != 4:
            return None
        y = int(t.text)
        if not 1900 <= y <= 2099:
            return None
        n = self.adjacent(j)
        if n is not None and (n.text[0].isalnum() or n.text == "%"):
            return None
        if n is not None and n.text in (".", ",", ":", "/", "-", "–"):
            nn = self.adjacent(j + 1)
            if nn is not None and nn.text[0] in _DIGITS:
                return None
        return y

    def kw_the(self, i: int, out: list[_Cand]) -> None:
        """the next day / the day before / the following week / the same day."""
        n1 = self.follow(i)
        if n1 is None:
            return
        p = self.before(i)
        if n1.low == "weekend":
            if p is not None and p.low in ("over", "at", "during", "on"):
                out.append(_vague(i, i + 1))
            return
        if p is not None and p.low in _DURATION_PREPS:
            return  # "over the next year", "for the next day"
        n2 = self.follow(i + 1)
        if n2 is None:
            return
        a, b = n1.low, n2.low
        if a in ("next", "following", "previous", "preceding", "same"):
            sign = {"next": 1, "following": 1, "previous": -1, "preceding": -1, "same": 0}[a]
            if b == "day" or b in _PART_OF_DAY:
                out.append(_Cand(i, i + 2, "relative", rel=("day", sign)))
            elif b in ("week", "weekend"):
                out.append(_vague(i, i + 2))
            elif b in ("month", "year"):
                out.append(_Cand(i, i + 2, "relative", rel=(b, sign)))
            return
        if b in ("before", "after"):
            sign = -1 if b == "before" else 1
            n3 = self.follow(i + 2)
            if (a == "day" or a in _PART_OF_DAY) and n3 is not None:
                if n3.low == "yesterday" and sign < 0:
                    out.append(self._pub_cand(i, i + 3, -2))
                    return
                if n3.low == "tomorrow" and sign > 0:
                    out.append(self._pub_cand(i, i + 3, 2))
                    return
            if not self.clause_end(i + 2):
                return
            if a == "day" or a in _PART_OF_DAY:
                out.append(_Cand(i, i + 2, "relative", rel=("day", sign)))
            elif a in ("week", "weekend"):
                out.append(_vague(i, i + 2))
            elif a in ("month", "year"):
                out.append(_Cand(i, i + 2, "relative", rel=(a, sign)))

    def kw_that(self, i: int, out: list[_Cand]) -> None:
        """ "that same day"."""
        a = self.follow(i)
        b = self.follow(i + 1)
        if a is not None and b is not None and a.low == "same":
            self._same_unit(i, i + 2, b.low, out)

    def kw_vague(self, i: int, out: list[_Cand]) -> None:
        """recently / lately / previously."""
        out.append(_vague(i, i))


_KEYWORDS: dict[str, Callable[[_Matcher, int, list[_Cand]], None]] = {
    "today": _Matcher.kw_day,
    "tonight": _Matcher.kw_day,
    "yesterday": _Matcher.kw_day,
    "tomorrow": _Matcher.kw_day,
    "last": _Matcher.kw_last_this_next,
    "this": _Matcher.kw_last_this_next,
    "next": _Matcher.kw_last_this_next,
    "earlier": _Matcher.kw_earlier_later,
    "later": _Matcher.kw_earlier_later,
    "early": _Matcher.kw_early_late,
    "late": _Matcher.kw_early_late,
    "mid": _Matcher.kw_early_late,
    "the": _Matcher.kw_the,
    "that": _Matcher.kw_that,
    "recently": _Matcher.kw_vague,
    "lately": _Matcher.kw_vague,
    "previously": _Matcher.kw_vague,
}


# Every word ``_Matcher.candidates`` can start an expression at (besides numbers).
_STARTERS = frozenset().union(
    _MONTHS,
    _MONTH_ABBR,
    _WEEKDAYS,
    _SEASONS,
    _NUMBER_WORDS,
    _VAGUE_QUANTITY,
    _UNITS,
    _VAGUE_UNITS,
    _KEYWORDS,
)


# --------------------------------------------------------------------------- API


def find_dates(
    text: str,
    published: str | None = None,
    *,
    skip: Sequence[tuple[int, int]] = (),
) -> list[DateExpression]:
    """Find and normalise the date expressions in ``text``.

    ``published`` is the article's publication date (``YYYY-MM-DD``) or None;
    a malformed value raises :class:`ValueError` (see :func:`parse_published`).
    Dates inside the ``skip`` spans (boilerplate) are ignored, and no
    expression spans across one. The result is sorted by ``start`` and
    non-overlapping; at each position the longest expression wins.
    """
    pub = parse_published(published) if published is not None else None
    if not isinstance(text, str) or not text:
        return []
    stream = _Stream(_tokens(text, _segments(len(text), skip)))
    matcher = _Matcher(stream, pub)
    out: list[DateExpression] = []
    last_full: str | None = None  # most recent day-precise value
    i = 0
    while True:
        tok = stream.get(i)
        if tok is None:
            break
        could_start = tok.text[0] in _DIGITS or tok.low in _STARTERS
        cand = matcher.best_at(i) if could_start else None
        if cand is None:
            i += 1
            stream.release(i - 16)
            continue
        first, last = stream.get(cand.start), stream.get(cand.end)
        if first is None or last is None:  # pragma: no cover - tokens are buffered
            i += 1
            continue
        value, anchor, alts = cand.value, cand.anchor, cand.alts
        if cand.rel is not None:
            unit, n = cand.rel
            from_pub = None if pub is None else _shift(pub.isoformat(), unit, n)
            if last_full is not None:
                value = _shift(last_full, unit, n)
                anchor = "previous" if value is not None else "none"
                alts = (from_pub,) if from_pub is not None and from_pub != value else ()
            else:
                value = from_pub
                anchor = "published" if value is not None else "none"
                alts = ()
        if value is None:
            anchor = "none"
        elif len(value) == 10:
            last_full = value
        out.append(
            DateExpression(
                start=first.start,
                end=last.end,
                text=text[first.start : last.end],
                value=value,
                kind=cand.kind,
                anchor=anchor,
                alternatives=alts,
            )
        )
        matcher.last_end = cand.end
        i = cand.end + 1
        stream.release(i - 16)
    return out
