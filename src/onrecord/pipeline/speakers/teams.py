"""A person's own team: "Voss' campaign", "her advisers", "the Delacroix administration".

The article's body for a person's campaign, team or administration is named by the person's
surname and the noun ("Voss campaign"), as reporters and the speaker guide name it; a
person's staff ("Voss advisers", "her strategists") speak for that team when the article
names it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from onrecord.pipeline.speakers.bodies import TEAMS, NamedBody


@dataclass(slots=True)
class TeamIndex:
    """The teams an article names, by each capitalised word of their names."""

    by_word: dict[str, list[NamedBody]] = field(default_factory=dict)
    made: dict[str, int] = field(default_factory=dict)  # surname -> a team named for them

    @classmethod
    def of(cls, named: list[NamedBody]) -> TeamIndex:
        index = cls()
        for body in named:
            if body.noun not in TEAMS:
                continue
            for word in body.name.replace("’", " ").replace("'", " ").split():
                if word[:1].isupper():
                    index.by_word.setdefault(word, []).append(body)
        return index

    def team_of(
        self, surname: str, position: int, nouns: frozenset[str] = TEAMS
    ) -> NamedBody | None:
        """The named team of a person with that surname: the latest named before
        ``position``, else the first named after it."""
        found = [b for b in self.by_word.get(surname, ()) if b.noun in nouns]
        if not found:
            return None
        at = bisect.bisect_left(found, position, key=lambda b: b.start)
        return found[at - 1] if at else found[0]


def team_name(surname: str, full_name: str, noun: str) -> tuple[str, tuple[str, ...]]:
    """ "Voss campaign", also "Anton Voss campaign"."""
    name = f"{surname} {noun}"
    fuller = f"{full_name} {noun}"
    return name, (fuller,) if fuller != name else ()
