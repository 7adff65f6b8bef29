"""What differs between the versions of one statement.

Each version is compared with the statement's *reference*: the direct version whose
quoted words most other direct versions repeat exactly (ties: the earliest). Only the
words inside quotation marks are compared, and only between direct versions (direct,
mixed, partial): a paraphrase is not a misquote. Flags:

- ``polarity``: a negation ("not", "n't", "never", ...) is added, dropped or changed;
- ``hedge``: a modal or hedge ("may" → "will", "possibly" dropped) changed;
- ``words``: other words inside the marks changed, added or dropped;
- ``truncated``: a direct quote is the reference cut at either end by at least
  :data:`TRUNCATION_WORDS` words (a partial or mixed quote quotes fragments by nature:
  only differences inside a fragment count);
- ``speaker``: the version is attributed to someone other than the statement's speaker
  (the speaker most versions give; ties: the earliest).

One version gets at most one wording flag (the first of polarity, hedge, words,
truncated that applies, carrying all the differences) and at most one speaker flag.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from onrecord.statements.grouping import DIRECT_TYPES
from onrecord.statements.text import HEDGES, NEGATIONS, words
from onrecord.text.quote_marks import QUOTE_PAIRS

TRUNCATION_WORDS = 3

_QUOTED = re.compile(
    "|".join(f"{opening}([^{closing}]+)[{closing}]" for opening, closing in QUOTE_PAIRS)
)


@dataclass(frozen=True)
class Version:
    """One report of a statement, in time order."""

    ref: str
    speaker: Hashable | None  # corpus speaker id or name
    speaker_name: str | None
    type: str
    text: str


@dataclass(frozen=True)
class Difference:
    op: str  # changed | added | dropped
    before: str  # the reference's words ("" when added)
    after: str  # this version's words ("" when dropped)


@dataclass(frozen=True)
class DriftFlag:
    kind: str  # polarity | hedge | words | truncated | speaker
    ref: str  # the version flagged
    other: str  # the reference it differs from
    text: str  # the flagged version's text
    other_text: str
    differences: tuple[Difference, ...]
    detail: str


def quoted(version: Version) -> list[list[str]]:
    """The words inside quotation marks, fragment by fragment. A direct quote whose marks
    were not kept in its text is one fragment."""
    fragments = [
        next(g for g in m.groups() if g is not None) for m in _QUOTED.finditer(version.text)
    ]
    if not fragments and version.type == "direct":
        fragments = [version.text]
    return [w for w in (words(f) for f in fragments) if w]


def _flat(version: Version) -> list[str]:
    return [w for fragment in quoted(version) for w in fragment]


def reference(versions: Sequence[Version]) -> Version | None:
    """The direct version most others repeat word for word (ties: the earliest)."""
    direct = [v for v in versions if v.type in DIRECT_TYPES and _flat(v)]
    if not direct:
        return None
    whole = [v for v in direct if v.type == "direct"] or direct
    counts = Counter(tuple(_flat(v)) for v in direct)
    # by position, not whole.index(v): a search of the list per version was versions x
    # versions for a statement repeated a thousand times
    best = max(range(len(whole)), key=lambda i: (counts[tuple(_flat(whole[i]))], -i))
    return whole[best]


def _opcode_differences(
    ref: list[str], other: list[str], *, trim: bool
) -> tuple[list[Difference], list[Difference]]:
    """Differences of ``other`` against ``ref``; with ``trim``, words of ``ref`` missing
    before the first and after the last matching block are not differences but a cut,
    returned apart."""
    ops = SequenceMatcher(None, ref, other, autojunk=False).get_opcodes()
    cut: list[Difference] = []
    if trim and any(op[0] == "equal" for op in ops):
        while ops and ops[0][0] == "delete":
            cut.append(Difference("dropped", " ".join(ref[ops[0][1] : ops[0][2]]), ""))
            ops = ops[1:]
        while ops and ops[-1][0] == "delete":
            cut.append(Difference("dropped", " ".join(ref[ops[-1][1] : ops[-1][2]]), ""))
            ops = ops[:-1]
    out: list[Difference] = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            continue
        op = {"replace": "changed", "insert": "added", "delete": "dropped"}[tag]
        out.append(Difference(op, " ".join(ref[i1:i2]), " ".join(other[j1:j2])))
    return out, cut


def _fragment_differences(ref: list[str], fragment: list[str]) -> list[Difference]:
    """A fragment of a partial or mixed quote against the reference: aligned on its
    longest common run, the words either side that differ."""
    matcher = SequenceMatcher(None, ref, fragment, autojunk=False)
    block = matcher.find_longest_match(0, len(ref), 0, len(fragment))
    if block.size == 0:
        return []  # quotes something the reference does not: nothing to compare
    start = max(0, block.a - block.b)
    end = min(len(ref), block.a + (len(fragment) - block.b))
    diffs, _ = _opcode_differences(ref[start:end], fragment, trim=False)
    return diffs


def _kind(diffs: Sequence[Difference]) -> str:
    changed = {w for d in diffs for w in (d.before + " " + d.after).split()}
    before = Counter(w for d in diffs for w in d.before.split())
    after = Counter(w for d in diffs for w in d.after.split())
    if any(before[w] != after[w] for w in NEGATIONS & changed):
        return "polarity"
    if any(before[w] != after[w] for w in HEDGES & changed):
        return "hedge"
    return "words"


def _describe(diffs: Sequence[Difference]) -> str:
    parts = []
    for d in diffs:
        if d.op == "changed":
            parts.append(f"“{d.before}” → “{d.after}”")
        elif d.op == "added":
            parts.append(f"added “{d.after}”")
        else:
            parts.append(f"dropped “{d.before}”")
    return "; ".join(parts)


def wording_flag(ref: Version, version: Version) -> DriftFlag | None:
    """How the quoted words of ``version`` differ from those of ``ref``, if they do."""
    if version is ref or version.type not in DIRECT_TYPES:
        return None
    ref_words = _flat(ref)
    if not ref_words:
        return None
    diffs: list[Difference] = []
    cut: list[Difference] = []
    if version.type == "direct":
        diffs, cut = _opcode_differences(ref_words, _flat(version), trim=True)
    else:
        for fragment in quoted(version):
            diffs.extend(_fragment_differences(ref_words, fragment))
    if diffs:
        kind = _kind(diffs)
        return DriftFlag(kind, version.ref, ref.ref, version.text, ref.text, tuple(diffs),
                         _describe(diffs))  # fmt: skip
    if cut:
        kind = _kind(cut)
        if kind == "words" and sum(len(d.before.split()) for d in cut) < TRUNCATION_WORDS:
            return None
        kind = "truncated" if kind == "words" else kind
        return DriftFlag(kind, version.ref, ref.ref, version.text, ref.text, tuple(cut),
                         "cut: " + _describe(cut))  # fmt: skip
    return None


def statement_speaker(versions: Sequence[Version]) -> Hashable | None:
    """The speaker most versions give (ties: the earliest); None if none has one."""
    counts = Counter(v.speaker for v in versions if v.speaker is not None)
    if not counts:
        return None
    order = {s: i for i, s in reversed(list(enumerate(v.speaker for v in versions)))}
    return max(counts, key=lambda s: (counts[s], -order[s]))


def drift(versions: Sequence[Version]) -> list[DriftFlag]:
    """The drift flags of a statement's versions (given in time order)."""
    flags: list[DriftFlag] = []
    ref = reference(versions)
    speaker = statement_speaker(versions)
    named = next((v for v in versions if v.speaker == speaker), None)
    for v in versions:
        if ref is not None:
            flag = wording_flag(ref, v)
            if flag is not None:
                flags.append(flag)
        if speaker is not None and v.speaker is not None and v.speaker != speaker:
            other = named or v
            flags.append(
                DriftFlag(
                    "speaker", v.ref, other.ref, v.text, other.text,
                    (Difference("changed", other.speaker_name or "", v.speaker_name or ""),),
                    f"attributed to {v.speaker_name}, not {other.speaker_name}",
                )
            )  # fmt: skip
    return flags
