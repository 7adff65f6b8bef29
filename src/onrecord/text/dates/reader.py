"""What the matchers ask of the tokens around a position: neighbours, and the smallest
parts of a date (a month name, a day number, a year, a cue before a bare year)."""

from __future__ import annotations

import datetime as dt

from onrecord.text.dates.tokens import (
    BREAK,
    DIGITS,
    NEWLINE,
    NUMBER_SEPARATORS,
    TOUCHING,
    Token,
    TokenStream,
    is_spaced,
)
from onrecord.text.dates.words import DateWords

# Signs before a number that make it an amount or a count, not part of a date.
_SIGNS_BEFORE_AMOUNTS = ("$", "£", "€", "#", "№", "+")
_PERCENT_SIGNS = ("%", "‰")


class TokenReader:
    """The token stream seen from the matchers, with the publication date and the date words.

    ``last_end`` is the token index where the last expression found ended ("2014 to 2016"
    reads the bare year after one).
    """

    def __init__(self, stream: TokenStream, published: dt.date | None, words: DateWords) -> None:
        self.stream = stream
        self.published = published
        self.words = words
        self.last_end = -10

    # --- neighbours ----------------------------------------------------------------

    def token(self, index: int) -> Token | None:
        return self.stream.get(index) if index >= 0 else None

    def spaced_after(self, index: int) -> Token | None:
        """Token index+1 if separated from token index by spaces or a single newline."""
        token = self.stream.get(index + 1)
        return token if token is not None and is_spaced(token) else None

    def touching_after(self, index: int) -> Token | None:
        """Token index+1 if it touches token index."""
        token = self.stream.get(index + 1)
        return token if token is not None and token.gap == TOUCHING else None

    def spaced_before(self, index: int) -> Token | None:
        """Token index-1 if separated from token index by spaces or a single newline."""
        token = self.token(index)
        if token is None or not is_spaced(token):
            return None
        return self.token(index - 1)

    def clause_ends(self, index: int) -> bool:
        """Nothing but punctuation, a line break or a conjunction follows token index."""
        token = self.stream.get(index + 1)
        if token is None or token.gap >= BREAK:
            return True
        if token.text[0].isalnum():
            return token.lower in self.words.clause_final_conjunctions
        return token.text not in ("'", "’", "-", "–", "$", "£", "€", "#", "&")

    def in_longer_number(self, first: int, last: int) -> bool:
        """Tokens first..last sit inside a longer number ("1,997", "2.15.2022.3")."""
        token = self.token(first)
        if token is not None and token.gap == TOUCHING:
            previous = self.token(first - 1)
            if previous is not None:
                if previous.text[0] in DIGITS or previous.text in _SIGNS_BEFORE_AMOUNTS:
                    return True
                if previous.text in NUMBER_SEPARATORS:
                    before_previous = self.token(first - 2)
                    if (
                        previous.gap == TOUCHING
                        and before_previous is not None
                        and before_previous.text[0] in DIGITS
                    ):
                        return True
        following = self.touching_after(last)
        if following is not None:
            if following.text[0] in DIGITS or following.text in _PERCENT_SIGNS:
                return True
            if following.text in NUMBER_SEPARATORS:
                after_following = self.touching_after(last + 1)
                if after_following is not None and after_following.text[0] in DIGITS:
                    return True
        return False

    def touches_number_before(self, index: int) -> bool:
        token = self.token(index)
        if token is None or token.gap != TOUCHING:
            return False
        previous = self.token(index - 1)
        return previous is not None and (
            previous.text[0] in DIGITS or previous.text in (".", ",", ":", "/", "$")
        )

    def part_of_day_end(self, index: int) -> int:
        """The index of "morning"/"night" etc. right after token index, else index."""
        following = self.spaced_after(index)
        if following is not None and following.lower in self.words.parts_of_day:
            return index + 1
        return index

    # --- the parts of a date ---------------------------------------------------------

    def month_at(self, index: int) -> tuple[int, int, bool] | None:
        """(month, last token index, abbreviated) for a capitalised month name."""
        token = self.token(index)
        if token is None or not token.text[0].isupper():
            return None
        month = self.words.months.get(token.lower)
        if month is not None:
            return month, index, False
        month = self.words.month_abbreviations.get(token.lower)
        if month is None:
            return None
        dot = self.touching_after(index)
        if dot is not None and dot.text == ".":
            return month, index + 1, True
        return month, index, True

    def day_at(self, index: int) -> tuple[int, int] | None:
        """(day, last token index) for "15" / "15th"; "15" in "15-17" is fine."""
        token = self.token(index)
        if token is None or token.text[0] not in DIGITS or len(token.text) > 2:
            return None
        day = int(token.text)
        if not 1 <= day <= 31:
            return None
        last = index
        suffix = self.touching_after(index)
        if suffix is not None and suffix.lower in ("st", "nd", "rd", "th"):
            last = index + 1
        after = self.touching_after(last)
        if after is not None:
            if after.text[0].isalnum() or after.text in _PERCENT_SIGNS:
                return None  # "15am", "15%"
            after_next = self.touching_after(last + 1)
            is_range = (
                after.text in ("-", "–") and after_next is not None and len(after_next.text) <= 2
            )
            if after_next is not None and after_next.text[0] in DIGITS and not is_range:
                return None  # "15.5", "15:30", "15/02", "15-2022"; "15-17" is a range
        if token.gap == TOUCHING:
            previous = self.token(index - 1)
            if previous is not None:
                if previous.text[0] in DIGITS or previous.text in _SIGNS_BEFORE_AMOUNTS:
                    return None
                before_previous = self.token(index - 2)
                numeric = (
                    previous.gap == TOUCHING
                    and before_previous is not None
                    and before_previous.text[0] in DIGITS
                )
                is_range = (
                    previous.text in ("-", "–")
                    and before_previous is not None
                    and len(before_previous.text) <= 2
                )
                if numeric and not is_range:
                    return None  # "1.15", "10:15", "2022-15"; "15-16 February" is fine
        return day, last

    def year_at(self, index: int, lowest: int, highest: int) -> int | None:
        token = self.token(index)
        if token is None or len(token.text) != 4 or token.text[0] not in DIGITS:
            return None
        year = int(token.text)
        if not lowest <= year <= highest:
            return None
        following = self.touching_after(index)
        if following is not None and following.text[0].isalpha():
            return None  # "2020s"
        if self.in_longer_number(index, index):
            return None
        noun = self.spaced_after(index)
        if noun is not None and noun.lower in self.words.count_nouns and noun.text.islower():
            return None
        return year

    def spaced_year_at(self, index: int) -> int | None:
        """The year 1000 to 2999 at token index, if spaces or a single newline precede it."""
        token = self.token(index)
        if token is None or not is_spaced(token):
            return None
        return self.year_at(index, 1000, 2999)

    def explicit_year_after(self, index: int) -> tuple[int, int] | None:
        """(year, its token index) for an explicit year after token index: " 2022", ", 2022"."""
        token = self.token(index + 1)
        if token is None:
            return None
        year_index = index + 1
        if token.text == "," and token.gap == TOUCHING:
            year_index = index + 2
            token = self.token(year_index)
            if token is None:
                return None
        if not is_spaced(token):
            return None
        year = self.year_at(year_index, 1000, 2999)
        return None if year is None else (year, year_index)

    def relative_year_after(self, index: int) -> tuple[int, int] | None:
        """(offset, last token index) for "last year" / "this year" / "next year" after token
        index."""
        which = self.spaced_after(index)
        if which is None or which.lower not in ("last", "this", "next"):
            return None
        year = self.spaced_after(index + 1)
        if year is None or year.lower != "year":
            return None
        return {"last": -1, "this": 0, "next": 1}[which.lower], index + 2

    def follows_cue(self, index: int, name_month: bool = False) -> bool:
        """Whether the words before token index make a bare year or month a date there."""
        token = self.token(index)
        previous = self.token(index - 1)
        if token is None or previous is None:
            return False
        if token.gap == TOUCHING and previous.text in ("-", "–", "—"):
            return self.last_end == index - 2  # "January–March"
        if not is_spaced(token):
            return False
        words = self.words
        if previous.lower in words.triggers:
            if name_month and previous.lower in words.weak_triggers:
                return False
            if previous.lower == "of":
                head = self.spaced_before(index - 1)
                if head is not None and head.lower in words.quantity_heads:
                    return False
            return True
        if previous.lower == "year" and not name_month:
            return True  # "the year 2000"
        return (
            previous.lower in words.range_connectors
            and self.last_end == index - 2
            and previous.gap <= NEWLINE
        )
