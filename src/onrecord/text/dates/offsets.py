"""Counted offsets: "two days later", "a week ago", "several years earlier", "days later"."""

from __future__ import annotations

from onrecord.text.dates.candidate import Candidate, from_publication, vague
from onrecord.text.dates.reader import TokenReader


def match_count(reader: TokenReader, index: int, count: int | None, found: list[Candidate]) -> None:
    """A count, a unit and a direction from token index; ``count`` None is vague ("several")."""
    words = reader.words
    count_end = index
    token = reader.token(index)
    if token is None:
        return
    if token.lower in ("a", "an"):
        quantity = reader.spaced_after(index)
        if quantity is not None and quantity.lower in words.vague_quantities:
            count = None  # "a few days later"
            count_end = index + 1
            of = reader.spaced_after(count_end)
            if of is not None and of.lower == "of":
                count_end += 1
    unit_token = reader.spaced_after(count_end)
    if unit_token is None:
        return
    unit = words.units.get(unit_token.lower)
    if unit is None and unit_token.lower not in words.vague_units:
        return
    direction = reader.spaced_after(count_end + 1)
    if direction is None:
        return
    end = count_end + 2
    if direction.lower == "ago":
        if count is None or unit is None or reader.published is None:
            kind = "vague" if count is None or unit is None else "deictic"
            found.append(Candidate(index, end, kind))
            return
        value = from_publication(reader.published, unit, -count)
        found.append(Candidate(index, end, "deictic", value, "published" if value else "none"))
        return
    if direction.lower in words.directions:
        sign = words.directions[direction.lower]
    elif direction.lower in words.clause_final_directions and reader.clause_ends(end):
        sign = words.clause_final_directions[direction.lower]
    else:
        return
    if count is None or unit is None:
        found.append(vague(index, end))
    else:
        found.append(Candidate(index, end, "relative", relative=(unit, sign * count)))


def match_unit_alone(reader: TokenReader, index: int, found: list[Candidate]) -> None:
    """ "days later", "years ago": vague."""
    words = reader.words
    token = reader.token(index)
    if token is None or token.lower not in words.units_alone:
        return
    direction = reader.spaced_after(index)
    if direction is None:
        return
    if (
        direction.lower == "ago"
        or direction.lower in words.directions
        or (direction.lower in words.clause_final_directions and reader.clause_ends(index + 1))
    ):
        found.append(vague(index, index + 1))
