"""Grouping reports into statements in memory (:mod:`.grouping` has the rules); the store
does the same with its tables."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from onrecord.statements.candidates import CandidateIndex
from onrecord.statements.grouping import Report, best_match, prepare


class Grouper:
    """Incremental grouping in memory.

    >>> g = Grouper()
    >>> said = '"We will not accept an ultimatum from NATO"'
    >>> g.add(Report("a#q1", 1, "2022-02-15", "direct", said))
    0
    >>> g.add(Report("b#q2", 1, "2022-02-16", "direct", said.replace("an", "any")))
    0
    """

    def __init__(self) -> None:
        self._index = CandidateIndex()
        self._refs: list[tuple[str, int]] = []  # (ref, statement) in the order added
        self._next = 0

    @property
    def compared(self) -> int:
        """Candidates compared so far (the work an index saves)."""
        return self._index.compared

    def add(self, report: Report) -> int:
        """Put ``report`` in a statement (an existing one or a new one); return its id."""
        p = prepare(report)
        candidates = self._index.find(p)
        best = best_match(p, ((c.statement, c.prepared) for c in candidates))
        if best is None:
            statement = self._next
            self._next += 1
        else:
            statement = best
        self._index.add(len(self._refs), statement, p)
        self._refs.append((report.ref, statement))
        return statement

    def groups(self) -> dict[int, list[str]]:
        out: dict[int, list[str]] = defaultdict(list)
        for ref, statement in self._refs:
            out[statement].append(ref)
        return dict(out)


def group(reports: Sequence[Report]) -> list[list[str]]:
    """The statements of ``reports`` (given in the order they arrive), as lists of refs."""
    g = Grouper()
    for r in reports:
        g.add(r)
    return list(g.groups().values())
