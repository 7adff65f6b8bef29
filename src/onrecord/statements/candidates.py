"""The candidate versions a new report is compared with: an index by LSH key, bounded.

Under each key (:func:`~onrecord.statements.grouping.keys`) a statement offers at most
:data:`VERSIONS_KEPT` of its reports: its first one and its latest ones. Without that bound
a statement reported a thousand times in near-identical words (the same long quote in a
thousand articles, each a word apart) would have every new version compared with all the
earlier ones: time quadratic in the versions of one statement. With it, a report is
compared with a bounded number of versions of each statement that shares a key with it,
and a statement still grows by chains of versions, since the latest ones are kept.

Both groupings use it: :class:`~onrecord.statements.grouping.Grouper` in memory, and the
store (:mod:`onrecord.corpus.store.statements`) for an article's quotes against the stored ones.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from onrecord.statements.grouping import Prepared, alike, keys, query_keys, speaker_bound

VERSIONS_KEPT = 8  # per statement and key: the first version and the latest ones


@dataclass(frozen=True)
class Candidate:
    """A report indexed as a candidate version: ``order`` is its place in storage order."""

    order: int
    statement: int
    prepared: Prepared


class CandidateIndex:
    """Reports by key, each key keeping at most :data:`VERSIONS_KEPT` per statement.

    Add reports in storage order (:meth:`add`); :meth:`find` gives a new report's
    candidates in that order, so the first of equally good matches stays the earliest.
    """

    def __init__(self) -> None:
        self._by_key: dict[int, dict[int, Candidate]] = {}
        self._by_speaker: dict[tuple[int, Hashable], dict[int, Candidate]] = {}
        self._kept: dict[tuple[int, int], list[Candidate]] = {}
        # kinds of report (grouping.alike) already indexed under each key: a later report
        # alike can never be a better candidate than the earlier one
        self._kinds: dict[int, set[tuple[Hashable | None, str | None, str, str]]] = {}
        self.compared = 0  # candidates handed out so far (the work the index bounds)

    def add(
        self, order: int, statement: int, prepared: Prepared, *, under: Iterable[int] = ()
    ) -> None:
        """Index a report of ``statement`` under its keys (or the keys it is stored
        ``under``: a stored report needs no signature)."""
        candidate = Candidate(order, statement, prepared)
        kind = alike(prepared)
        for key in under or keys(prepared):
            kinds = self._kinds.setdefault(key, set())
            if kind in kinds:
                continue
            kinds.add(kind)
            kept = self._kept.setdefault((key, statement), [])
            if len(kept) >= VERSIONS_KEPT:
                self._forget(key, kept.pop(1))  # the first version stays
            kept.append(candidate)
            self._by_key.setdefault(key, {})[order] = candidate
            speaker = prepared.report.speaker
            if speaker is not None:
                self._by_speaker.setdefault((key, speaker), {})[order] = candidate

    def _forget(self, key: int, candidate: Candidate) -> None:
        del self._by_key[key][candidate.order]
        speaker = candidate.prepared.report.speaker
        if speaker is not None:
            del self._by_speaker[(key, speaker)][candidate.order]

    def find(self, prepared: Prepared) -> list[Candidate]:
        """The candidates ``prepared`` is compared with, in storage order: only its own
        speaker's reports when no other can match (grouping.speaker_bound)."""
        speaker = prepared.report.speaker
        pools: Iterable[dict[int, Candidate]]
        if not speaker_bound(prepared):
            pools = (self._by_key.get(k, {}) for k in query_keys(prepared))
        elif speaker is not None:
            pools = (self._by_speaker.get((k, speaker), {}) for k in query_keys(prepared))
        else:
            pools = ()
        found: dict[int, Candidate] = {}
        for pool in pools:
            found.update(pool)
        self.compared += len(found)
        return [found[order] for order in sorted(found)]
