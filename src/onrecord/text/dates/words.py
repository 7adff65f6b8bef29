"""The words date expressions are made of, read from the ``date_*.tsv`` lexicon files.

Like every lexicon, the packaged files are extended by files of the same names in the
directories of ``ONRECORD_LEXICON_PATH``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from onrecord.errors import OnrecordError
from onrecord.lexicon import lexicon_dirs, read_rows

_SIGNS = {"earlier": -1, "later": 1}
_MONTH_FORMS = frozenset({"full", "name", "short"})
_POSITIONS = frozenset({"anywhere", "clause-final"})
_QUANTITY_KINDS = frozenset({"head", "noun"})
_CONTEXT_KINDS = frozenset(
    {
        "trigger",
        "weak",
        "range",
        "determiner",
        "duration",
        "conjunction",
        "part-of-day",
        "named-day",
    }
)


@dataclass(frozen=True, slots=True)
class DateWords:
    months: dict[str, int]  # full name -> 1..12
    month_abbreviations: dict[str, int]
    name_months: frozenset[int]  # also first names or words: alone they need a strong cue
    weekdays: dict[str, int]  # 0 = Monday
    seasons: dict[str, tuple[int, int] | None]  # first and last month; None across new year
    number_words: dict[str, int]
    vague_quantities: frozenset[str]  # "several", "few": a count that is no number
    units: dict[str, str]  # word -> day | week | month | year
    vague_units: frozenset[str]  # "hours", "decades": no calendar step
    units_alone: frozenset[str]  # "days later": a date expression with no count
    directions: dict[str, int]  # "later" -> 1, wherever it stands
    clause_final_directions: dict[str, int]  # "before" -> -1, only at the end of a clause
    triggers: frozenset[str]  # before a bare year or month
    weak_triggers: frozenset[str]  # too weak before a month that is also a name
    range_connectors: frozenset[str]
    quantity_heads: frozenset[str]  # "a total of 2000"
    count_nouns: frozenset[str]  # "2000 troops"
    determiners: frozenset[str]
    duration_prepositions: frozenset[str]
    clause_final_conjunctions: frozenset[str]
    parts_of_day: frozenset[str]
    named_day_prefixes: frozenset[str]  # "Super Tuesday"

    def first_words(self) -> frozenset[str]:
        """The words besides keywords and numbers that a date expression may start with."""
        return frozenset().union(
            self.months,
            self.month_abbreviations,
            self.weekdays,
            self.seasons,
            self.number_words,
            self.vague_quantities,
            self.units,
            self.vague_units,
        )


def _words_of_kind(rows: list[list[str]], kind: str) -> frozenset[str]:
    return frozenset(row[0].lower() for row in rows if row[1] == kind)


def _rows(
    name: str, extra_dirs: tuple[Path, ...], width: int, kinds: dict[int, frozenset[str]]
) -> list[list[str]]:
    """The rows of one file; ``kinds`` gives the values a column may hold."""
    rows = list(read_rows(name, extra_dirs))
    for row in rows:
        if len(row) < width:
            raise OnrecordError(f"{name}: a row needs {width} columns, got {row!r}")
        for column, allowed in kinds.items():
            if row[column] not in allowed:
                raise OnrecordError(f"{name}: {row[column]!r} is not one of {sorted(allowed)}")
    return rows


def load_date_words(extra_dirs: tuple[Path, ...] = ()) -> DateWords:
    """Read the date lexicon files: the packaged ones, then those in ``extra_dirs``."""
    try:
        return _load(extra_dirs)
    except ValueError as err:
        raise OnrecordError(f"a date lexicon file holds a bad number: {err}") from None


def _load(extra_dirs: tuple[Path, ...]) -> DateWords:
    months = _rows("date_months.tsv", extra_dirs, 3, {2: _MONTH_FORMS})
    weekdays = _rows("date_weekdays.tsv", extra_dirs, 2, {})
    seasons = _rows("date_seasons.tsv", extra_dirs, 3, {})
    numbers = [(row[0].lower(), row[1]) for row in _rows("date_numbers.tsv", extra_dirs, 2, {})]
    units = _rows("date_units.tsv", extra_dirs, 3, {2: frozenset({"alone", "-"})})
    directions = _rows("date_directions.tsv", extra_dirs, 3, {1: frozenset(_SIGNS), 2: _POSITIONS})
    quantities = _rows("date_quantity_words.tsv", extra_dirs, 2, {1: _QUANTITY_KINDS})
    context = _rows("date_context_words.tsv", extra_dirs, 2, {1: _CONTEXT_KINDS})
    return DateWords(
        months={row[0].lower(): int(row[1]) for row in months if row[2] in ("full", "name")},
        month_abbreviations={row[0].lower(): int(row[1]) for row in months if row[2] == "short"},
        name_months=frozenset(int(row[1]) for row in months if row[2] == "name"),
        weekdays={row[0].lower(): int(row[1]) for row in weekdays},
        seasons={
            row[0].lower(): None if row[1] == "-" else (int(row[1]), int(row[2])) for row in seasons
        },
        number_words={word: int(count) for word, count in numbers if count != "-"},
        vague_quantities=frozenset(word for word, count in numbers if count == "-"),
        units={row[0].lower(): row[1] for row in units if row[1] != "-"},
        vague_units=frozenset(row[0].lower() for row in units if row[1] == "-"),
        units_alone=frozenset(row[0].lower() for row in units if row[2] == "alone"),
        directions={row[0].lower(): _SIGNS[row[1]] for row in directions if row[2] == "anywhere"},
        clause_final_directions={
            row[0].lower(): _SIGNS[row[1]] for row in directions if row[2] == "clause-final"
        },
        triggers=_words_of_kind(context, "trigger") | _words_of_kind(context, "weak"),
        weak_triggers=_words_of_kind(context, "weak"),
        range_connectors=_words_of_kind(context, "range"),
        quantity_heads=_words_of_kind(quantities, "head"),
        count_nouns=_words_of_kind(quantities, "noun"),
        determiners=_words_of_kind(context, "determiner"),
        duration_prepositions=_words_of_kind(context, "duration"),
        clause_final_conjunctions=_words_of_kind(context, "conjunction"),
        parts_of_day=_words_of_kind(context, "part-of-day"),
        named_day_prefixes=_words_of_kind(context, "named-day"),
    )


@lru_cache(maxsize=1)
def default_date_words() -> DateWords:
    """The packaged date words plus those in ``ONRECORD_LEXICON_PATH``, loaded once."""
    return load_date_words(lexicon_dirs())
