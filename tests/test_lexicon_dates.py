"""The date word lists (src/onrecord/lexicon/data/date_*.tsv): their shape and their
values, so that an edit that breaks a file fails here rather than as a missed date."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pytest

from onrecord.text.dates.words import load_date_words

DATA = Path(__file__).resolve().parents[1] / "src" / "onrecord" / "lexicon" / "data"

WIDTHS = {
    "date_context_words.tsv": 2,
    "date_directions.tsv": 3,
    "date_months.tsv": 3,
    "date_numbers.tsv": 2,
    "date_quantity_words.tsv": 2,
    "date_seasons.tsv": 3,
    "date_units.tsv": 3,
    "date_weekdays.tsv": 2,
}


def rows(name: str) -> list[list[str]]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.split("\n") if line.strip() and line[0] != "#"]


def test_every_date_file_is_listed() -> None:
    assert {p.name for p in DATA.glob("date_*.tsv")} == set(WIDTHS)


@pytest.mark.parametrize(("name", "width"), sorted(WIDTHS.items()))
def test_shape(name: str, width: int) -> None:
    raw = (DATA / name).read_bytes().decode("utf-8")
    assert "\r" not in raw and raw.endswith("\n") and not raw.endswith("\n\n")
    keys = []
    for row in rows(name):
        assert len(row) == width, row
        assert all(cell == cell.strip() and cell for cell in row), row
        assert row[0] == row[0].lower(), f"{name}: words are lowercase: {row}"
        # a context word may be of several kinds ("in": a trigger and a duration)
        keys.append(tuple(row[:2]) if name == "date_context_words.tsv" else row[0])
    assert keys, name
    repeated = [k for k, n in Counter(keys).items() if n > 1]
    assert repeated == [], f"{name}: listed twice: {repeated}"


def test_the_loader_reads_them_and_every_kind_is_used() -> None:
    words = load_date_words()  # raises on a kind or a number it does not know
    for field in dataclasses.fields(words):
        assert getattr(words, field.name), f"no date word of the kind {field.name}"


def test_directions() -> None:
    for _, direction, position in rows("date_directions.tsv"):
        assert direction in {"earlier", "later"}
        assert position in {"anywhere", "clause-final"}


def test_months_cover_the_year_with_full_names() -> None:
    full = {}
    for word, month, form in rows("date_months.tsv"):
        assert form in {"full", "name", "short"}
        assert 1 <= int(month) <= 12
        if form in {"full", "name"}:
            full[int(month)] = word
    assert sorted(full) == list(range(1, 13))
    assert full[5] == "may" and full[1] == "january"


def test_numbers_are_counts_or_vague() -> None:
    counts = {word: count for word, count in rows("date_numbers.tsv")}
    assert all(count == "-" or int(count) >= 1 for count in counts.values())
    assert counts["a"] == counts["one"] == "1" and counts["two"] == "2"
    assert counts["several"] == "-"


def test_quantity_word_kinds() -> None:
    assert {kind for _, kind in rows("date_quantity_words.tsv")} <= {"head", "noun"}


def test_seasons_are_month_ranges() -> None:
    for word, first, last in rows("date_seasons.tsv"):
        if first == last == "-":  # spans the turn of the year
            continue
        assert 1 <= int(first) <= int(last) <= 12, word
    assert ["winter", "-", "-"] in rows("date_seasons.tsv")


def test_units() -> None:
    units = {word: (unit, alone) for word, unit, alone in rows("date_units.tsv")}
    assert {unit for unit, _ in units.values()} == {"day", "week", "month", "year", "-"}
    assert {alone for _, alone in units.values()} <= {"alone", "-"}
    assert units["days"] == ("day", "alone")


def test_weekdays_monday_first() -> None:
    days = {word: int(day) for word, day in rows("date_weekdays.tsv")}
    assert days["monday"] == 0 and days["sunday"] == 6
    assert set(days.values()) == set(range(7))
