"""Which reports are versions of one statement: the rules, and an index of candidates.

A *report* is one quote as an article gives it. Two reports are versions of the same
statement when (see :func:`match`):

- their statement dates are at most :data:`WINDOW_DAYS` apart (an undated one matches
  any date), and
- they have the same speaker and share enough content words: at least
  :data:`MIN_SHARED` stems, covering :data:`MIN_OVERLAP` of the shorter one's content
  (a truncated or paraphrased version covers much of the shorter side); two direct
  quotes must also keep :data:`DIRECT_ORDER` of the shorter one's stems in the same
  order (the same words rearranged into another sentence are another statement), or
- they are both direct (direct, mixed or partial quotes) with near-identical wording
  (:data:`VERBATIM_SHARED` stems, or :data:`VERBATIM_WORDS` words, covering
  :data:`VERBATIM_OVERLAP` of the shorter), whoever
  they are attributed to: the same words given to someone else is a misattribution, which
  drift flags, not another statement; but the same words with a negation more or less, said
  by someone else, are another statement ("ready to resume talks, but not next week").

Candidates come from MinHash/LSH keys (:func:`keys`), never from all pairs: a report is
compared only with the reports that share a key with it. Keys are salted with a 4-day
date bucket (a report looks in its own bucket and the two next to it) and, for the
same-speaker keys, the speaker, so the number of candidates depends on how much one
speaker says in a few days, not on the size of the corpus.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import TypeVar

from onrecord.statements.text import NEGATIONS, content_sequence, key_int, signature, words

T = TypeVar("T")

WINDOW_DAYS = 3
BUCKET_DAYS = 4
MIN_SHARED = 3
MIN_OVERLAP = 0.6
VERBATIM_SHARED = 5
VERBATIM_OVERLAP = 0.85
VERBATIM_WORDS = 8  # or this many words, stop words too, covering VERBATIM_OVERLAP
DIRECT_ORDER = 0.75  # two direct quotes: this share of the shorter's stems in the same order
SPEAKER_BANDS = 16  # one MinHash row each: a candidate when any of them agrees
VERBATIM_BANDS = 8  # three rows each: near-identical wording only
VERBATIM_ROWS = 3
DIRECT_TYPES = frozenset({"direct", "mixed", "partial"})


@dataclass(frozen=True)
class Report:
    """One quote of one article, as the grouping sees it."""

    ref: str  # "doc_id#q3"
    speaker: Hashable | None  # the corpus speaker (id or name); None: unresolved
    date: str | None  # statement date, YYYY-MM-DD
    type: str  # direct | mixed | partial | indirect
    text: str  # the quote's content text


@dataclass(frozen=True)
class Prepared:
    """A report with what matching and indexing compute from it once."""

    report: Report
    content: frozenset[str]
    sequence: tuple[str, ...]  # the content stems in their order
    words: frozenset[str]  # every word, stop words too
    day: int | None  # proleptic ordinal of the date
    signature: tuple[int, ...] = field(repr=False)

    @property
    def direct(self) -> bool:
        return self.report.type in DIRECT_TYPES


def _day(date: str | None) -> int | None:
    if not date or len(date) < 10:
        return None
    try:
        return dt.date.fromisoformat(date[:10]).toordinal()
    except ValueError:
        return None


def prepare(report: Report, *, indexed: bool = True) -> Prepared:
    """``indexed``: compute the MinHash signature too (a candidate, only compared, needs
    none)."""
    sequence = tuple(content_sequence(report.text))
    stems = frozenset(sequence)
    every = frozenset(words(report.text))
    sig = signature(stems) if indexed else ()
    return Prepared(report, stems, sequence, every, _day(report.date), sig)


def in_order(a: Sequence[str], b: Sequence[str]) -> float:
    """The share of the shorter sequence that the other has in the same order."""
    if not a or not b:
        return 0.0
    blocks = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return sum(block.size for block in blocks) / min(len(a), len(b))


def _buckets(day: int | None) -> tuple[str, ...]:
    if day is None:
        return ("u",)
    b = day // BUCKET_DAYS
    return (str(b - 1), str(b), str(b + 1))


def _band_keys(p: Prepared, bucket: str) -> list[int]:
    sig = p.signature
    if not sig:
        return []
    out: list[int] = []
    if p.report.speaker is not None:
        for i in range(SPEAKER_BANDS):
            out.append(key_int(f"s{i}:{bucket}:{p.report.speaker}:{sig[i]}"))
    if p.direct:
        for i in range(VERBATIM_BANDS):
            rows = sig[SPEAKER_BANDS + i * VERBATIM_ROWS : SPEAKER_BANDS + (i + 1) * VERBATIM_ROWS]
            out.append(key_int(f"v{i}:{bucket}:{':'.join(map(str, rows))}"))
    return out


def keys(p: Prepared) -> list[int]:
    """The LSH keys a report is indexed under."""
    return _band_keys(p, _buckets(p.day)[len(_buckets(p.day)) // 2])


def query_keys(p: Prepared) -> list[int]:
    """The keys under which a report's candidate versions are indexed."""
    return [k for bucket in _buckets(p.day) for k in _band_keys(p, bucket)]


def match(a: Prepared, b: Prepared) -> float | None:
    """How well ``a`` and ``b`` agree as versions of one statement (higher is better), or
    None when they are not versions of one statement (see the module's rules)."""
    if a.day is not None and b.day is not None and abs(a.day - b.day) > WINDOW_DAYS:
        return None
    if not a.content or not b.content:
        return None
    shared = len(a.content & b.content)
    overlap = shared / min(len(a.content), len(b.content))
    jaccard = shared / len(a.content | b.content)
    same = a.report.speaker is not None and a.report.speaker == b.report.speaker
    both_direct = a.report.type == b.report.type == "direct"
    if (
        same
        and shared >= min(MIN_SHARED, len(a.content), len(b.content))
        and overlap >= MIN_OVERLAP
        and (not both_direct or in_order(a.sequence, b.sequence) >= DIRECT_ORDER)
    ):
        return overlap + jaccard
    if a.direct and b.direct and (same or a.words & NEGATIONS == b.words & NEGATIONS):
        every = len(a.words & b.words) / min(len(a.words), len(b.words))
        if (shared >= VERBATIM_SHARED and overlap >= VERBATIM_OVERLAP) or (
            min(len(a.words), len(b.words)) >= VERBATIM_WORDS and every >= VERBATIM_OVERLAP
        ):
            return overlap + jaccard - (0.0 if same else 0.5)
    return None


def alike(p: Prepared) -> tuple[Hashable | None, str | None, str, str]:
    """All that :func:`match` reads of a report. Two reports alike in it score alike
    against any other, so the later of them can never be a better candidate than the
    earlier one (:func:`best_match` keeps the first of equal scores): an index of candidates
    keeps the earliest of each kind under a key, and a text that repeats one quote a
    thousand times costs a thousand look-ups, not a million comparisons."""
    r = p.report
    return (r.speaker, r.date, r.type, r.text)


def speaker_bound(p: Prepared) -> bool:
    """Whether only reports by the same (known) speaker can be versions of ``p`` by
    :func:`match`'s rules: it is not direct, or too short for near-identical wording to
    count (fewer than :data:`VERBATIM_SHARED` stems and :data:`VERBATIM_WORDS` words). Its
    candidates are then looked up among its speaker's reports only: "“We agree,” X said"
    from a thousand different people compares each with its own speaker's reports, not with
    every earlier "We agree"."""
    return not p.direct or (len(p.content) < VERBATIM_SHARED and len(p.words) < VERBATIM_WORDS)


def best_match(new: Prepared, candidates: Iterable[tuple[T, Prepared]]) -> T | None:
    """The label of the candidate ``new`` agrees with best, or None."""
    best: tuple[float, T] | None = None
    for label, c in candidates:
        score = match(new, c)
        if score is not None and (best is None or score > best[0]):
            best = (score, label)
    return best[1] if best else None
