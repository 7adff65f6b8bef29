"""Statement grouping and drift flags scored on the invented gold set (issue 13).

    .venv/bin/python benchmarks/statements/evaluate.py [--json]

Grouping: every report of ``gold.txt`` (its rules are at the top of that file) is given
to :class:`onrecord.statements.Grouper` in time order (ties: file order), the way
ingest gives them to the store; the groups are scored against the gold ones by pairwise
precision/recall/F1 (over pairs of reports put together) and B-cubed.

Drift: for each gold group, two copies of its first direct report are added as if from
two more outlets on the same day: one unedited (a control) and one with a planted edit,
cycling through changed words, a dropped negation (or an added "not" where there is
none), a changed hedge, a truncation and a swapped speaker (an edit that does not apply
to a report goes to the next kind). Everything is grouped again, and
:func:`onrecord.statements.drift` runs on each statement. A planted edit is *found*
when its copy gets a flag of its kind ("words" for changed words); a flag on a copy is
*right* when that copy has a planted edit of the flag's kind (a truncation that cuts a
negation or hedge away is rightly flagged as polarity or hedge, the flag saying "cut").
Flags on the gold reports themselves (their natural differences, "percent"/"per
cent") are counted apart.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import combinations
from pathlib import Path

from onrecord.statements import Grouper, Report, Version, drift

GOLD = Path(__file__).with_name("gold.txt")
TYPES = {"D": "direct", "M": "mixed", "P": "partial", "I": "indirect"}


@dataclass(frozen=True)
class GoldReport:
    group: str
    ref: str
    speaker: str
    date: str
    type: str
    outlet: str
    via: str | None
    text: str


def load(path: Path = GOLD) -> list[GoldReport]:
    out: list[GoldReport] = []
    group = speaker = ""
    base = dt.date.min
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("=="):
            group, speaker, day = (p.strip() for p in line[2:].split("|"))
            base = dt.date.fromisoformat(day)
            continue
        kind, outlet, offset, via, text = (p.strip() for p in line.split("|", 4))
        n = sum(r.group == group for r in out) + 1
        date = (base + dt.timedelta(days=int(offset))).isoformat()
        out.append(GoldReport(group, f"{group}#{n}", speaker, date, TYPES[kind], outlet,
                              via or None, text))  # fmt: skip
    return out


def _report(g: GoldReport) -> Report:
    return Report(g.ref, g.speaker, g.date, g.type, g.text)


def grouped(reports: Sequence[GoldReport]) -> tuple[dict[str, int], int]:
    """Predicted statement of each ref, and the candidates compared."""
    grouper = Grouper()
    order = sorted(range(len(reports)), key=lambda i: (reports[i].date, i))
    predicted = {reports[i].ref: grouper.add(_report(reports[i])) for i in order}
    return predicted, grouper.compared


def pairwise(gold: dict[str, str], pred: dict[str, int]) -> dict[str, float]:
    refs = sorted(gold)
    tp = fp = fn = 0
    for a, b in combinations(refs, 2):
        g, p = gold[a] == gold[b], pred[a] == pred[b]
        tp += g and p
        fp += p and not g
        fn += g and not p
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def bcubed(gold: dict[str, str], pred: dict[str, int]) -> dict[str, float]:
    by_gold: dict[str, set[str]] = defaultdict(set)
    by_pred: dict[int, set[str]] = defaultdict(set)
    for ref in gold:
        by_gold[gold[ref]].add(ref)
        by_pred[pred[ref]].add(ref)
    p = r = 0.0
    for ref in gold:
        g, s = by_gold[gold[ref]], by_pred[pred[ref]]
        both = len(g & s)
        p += both / len(s)
        r += both / len(g)
    p, r = p / len(gold), r / len(gold)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r)}


# --- planted drift -----------------------------------------------------------------------

_NEGATION = re.compile(r"\s(not|never)\b|n't\b")
_HEDGE = {"will": "may", "may": "will", "might": "will", "could": "will", "would": "might"}
_CHANGES = {"north": "east", "troops": "police", "half": "most", "fair": "generous",
            "safe": "harmless", "April": "May", "Monday": "Friday", "two": "three"}  # fmt: skip
KINDS = ("words", "polarity", "hedge", "truncated", "speaker")


def plant(report: GoldReport, kind: str, other_speaker: str) -> GoldReport | None:
    """``report`` with one edit of ``kind``, or None if it does not apply."""
    text = report.text
    if kind == "words":
        words = re.findall(r"[A-Za-z]{5,}", text)
        target = next((w for w in words if w in _CHANGES), None)
        if target is not None:
            return replace(report, text=text.replace(target, _CHANGES[target], 1))
        content = [w for w in words if w.lower() not in {"would", "could", "might", "never"}]
        if len(content) < 3:
            return None
        target = content[len(content) // 2]
        return replace(report, text=re.sub(rf"\b{target}\b", "entire " + target, text, count=1))
    if kind == "polarity":
        m = _NEGATION.search(text)
        if m is not None:  # a negation dropped
            return replace(report, text=text[: m.start()] + text[m.end() :])
        m = re.search(r"\b(will|is|are|was|were|must|can|should|has|have)\b", text)
        if m is None:
            return None  # else one added
        return replace(report, text=text[: m.end()] + " not" + text[m.end() :])
    if kind == "hedge":
        for word, other in _HEDGE.items():
            if re.search(rf"\b{word}\b", text):
                return replace(report, text=re.sub(rf"\b{word}\b", other, text, count=1))
        return None
    if kind == "truncated":
        words = text.rstrip('."”').split()
        if len(words) < 8:
            return None
        cut = " ".join(words[: len(words) - max(3, len(words) // 3)])
        return replace(report, text=cut + '"')
    if kind == "speaker":
        return replace(report, speaker=other_speaker)
    raise ValueError(kind)


def planted_set(reports: Sequence[GoldReport]) -> tuple[list[GoldReport], dict[str, str]]:
    """The gold reports with a control and an edited copy per group; the kind planted
    in each edited copy."""
    groups: dict[str, list[GoldReport]] = defaultdict(list)
    for r in reports:
        groups[r.group].append(r)
    speakers = sorted({r.speaker for r in reports})
    out = list(reports)
    planted: dict[str, str] = {}
    turn = 0
    for group, members in groups.items():
        if len(members) < 2:
            continue
        source = next((m for m in members if m.type == "direct"), None)
        if source is None:
            continue
        out.append(replace(source, ref=f"{group}#control", outlet="Copy Desk"))
        swap = speakers[(speakers.index(source.speaker) + 1) % len(speakers)]
        for attempt in range(len(KINDS)):
            kind = KINDS[(turn + attempt) % len(KINDS)]
            edited = plant(source, kind, swap)
            if edited is not None:
                out.append(replace(edited, ref=f"{group}#planted", outlet="Second Desk"))
                planted[f"{group}#planted"] = kind
                break
        turn += 1
    return out, planted


def _right(kind: str, detail: str, planted: str | None) -> bool:
    """A truncation that cuts a negation or a hedge is flagged as that change."""
    if planted == "truncated" and kind in ("polarity", "hedge"):
        return detail.startswith("cut:")
    return kind == planted


def drift_scores(reports: Sequence[GoldReport]) -> dict[str, object]:
    everything, planted = planted_set(reports)
    predicted, _ = grouped(everything)
    by_ref = {r.ref: r for r in everything}
    members: dict[int, list[GoldReport]] = defaultdict(list)
    for r in sorted(everything, key=lambda r: (r.date, everything.index(r))):
        members[predicted[r.ref]].append(r)
    flags = []
    for group in members.values():
        versions = [Version(r.ref, r.speaker, r.speaker, r.type, r.text) for r in group]
        flags.extend(drift(versions))
    on_copies = [f for f in flags if f.ref.endswith(("#planted", "#control"))]
    right = [f for f in on_copies if _right(f.kind, f.detail, planted.get(f.ref))]
    found = {ref for ref, kind in planted.items()
             if any(f.ref == ref and _right(f.kind, f.detail, kind) for f in flags)}  # fmt: skip
    by_kind = {
        kind: f"{sum(1 for r in found if planted[r] == kind)}/"
        f"{sum(1 for k in planted.values() if k == kind)}"
        for kind in KINDS
    }
    wrong = [f"{f.ref} {f.kind}: {f.detail}" for f in on_copies if f not in right]
    missed = [f"{ref} {planted[ref]}: {by_ref[ref].text}" for ref in planted if ref not in found]
    return {
        "planted": len(planted),
        "found": len(found),
        "recall": len(found) / len(planted),
        "flags_on_copies": len(on_copies),
        "right": len(right),
        "precision": len(right) / len(on_copies) if on_copies else 1.0,
        "found_by_kind": by_kind,
        "flags_on_gold_reports": len(flags) - len(on_copies),
        "wrong": wrong,
        "missed": missed,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    reports = load()
    gold = {r.ref: r.group for r in reports}
    predicted, compared = grouped(reports)
    groups = {r.group for r in reports}
    sizes = Counter(r.group for r in reports)
    result = {
        "reports": len(reports),
        "groups": sum(1 for g in groups if sizes[g] > 1),
        "singles": sum(1 for g in groups if sizes[g] == 1),
        "candidates_compared": compared,
        "pairwise": pairwise(gold, predicted),
        "bcubed": bcubed(gold, predicted),
        "drift": drift_scores(reports),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    pw, b3, d = result["pairwise"], result["bcubed"], result["drift"]
    assert isinstance(pw, dict) and isinstance(b3, dict) and isinstance(d, dict)
    print(f"{result['reports']} reports, {result['groups']} groups, {result['singles']} singles; "
          f"{compared} candidate pairs compared")  # fmt: skip
    print(f"pairwise  P {pw['precision']:.3f}  R {pw['recall']:.3f}  F1 {pw['f1']:.3f}  "
          f"(tp {pw['tp']}, fp {pw['fp']}, fn {pw['fn']})")  # fmt: skip
    print(f"B-cubed   P {b3['precision']:.3f}  R {b3['recall']:.3f}  F1 {b3['f1']:.3f}")
    print(f"drift     found {d['found']}/{d['planted']} ({d['recall']:.3f}), right "
          f"{d['right']}/{d['flags_on_copies']} ({d['precision']:.3f}); "
          f"by kind {d['found_by_kind']};"
          f" {d['flags_on_gold_reports']} flags on the gold reports' own differences")  # fmt: skip
    for line in d["wrong"]:
        print("  wrong:", line)
    for line in d["missed"]:
        print("  missed:", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
