"""Statements across reports: grouping rules, drift flags, the evaluation on the gold."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from onrecord.statements import Grouper, Report, Version, drift, group
from onrecord.statements.grouping import prepare, query_keys

ROOT = Path(__file__).resolve().parents[1]
LONG = '"We will not send troops across the river unless our citizens are attacked."'


def test_versions_of_one_utterance_group_and_another_statement_does_not() -> None:
    groups = group(
        [
            Report("a#q1", 1, "2023-03-01", "direct", LONG),
            Report(
                "b#q4",
                1,
                "2023-03-02",
                "indirect",
                "Kell said his country would not send troops across the river unless "
                "its citizens were attacked",
            ),
            Report(
                "c#q2",
                1,
                "2023-03-01",
                "direct",
                '"Our citizens near the river deserve better roads and more doctors."',
            ),
            Report("d#q1", 1, "2023-03-20", "direct", LONG),  # weeks later: said again
            Report(
                "e#q1", 2, "2023-03-01", "indirect", "he would not send troops across the river"
            ),  # another speaker, reported
        ]
    )
    assert sorted(map(sorted, groups)) == [["a#q1", "b#q4"], ["c#q2"], ["d#q1"], ["e#q1"]]


def test_same_words_given_to_another_speaker_join_the_statement() -> None:
    assert group(
        [
            Report("a#q1", 1, "2023-03-01", "direct", LONG),
            Report("b#q1", 7, "2023-03-01", "direct", LONG),
        ]
    ) == [["a#q1", "b#q1"]]


def test_the_same_words_with_a_negation_more_from_someone_else_are_another_statement() -> None:
    ready = '"We are ready to resume negotiations without preconditions as early as next week."'
    not_yet = '"We are ready to resume negotiations without preconditions, but not next week."'
    assert group(
        [Report("a#q1", 1, "2023-09-05", "direct", ready),
         Report("b#q1", 2, "2023-09-05", "direct", not_yet)]
    ) == [["a#q1"], ["b#q1"]]  # fmt: skip


def test_candidates_come_from_the_index_not_all_pairs() -> None:
    g = Grouper()
    vocabulary = [f"word{n}" for n in range(400)]
    for i in range(300):
        said = " ".join(vocabulary[(i * 37 + k * 11) % 400] for k in range(10))
        g.add(Report(f"x#q{i}", i % 50, "2023-01-01", "direct", f'"{said}"'))
    assert g.compared < 300 * 10  # all pairs would be 44,850
    far = prepare(Report("y#q1", 1, "2024-06-01", "direct", LONG))
    near = prepare(Report("y#q2", 1, "2023-03-02", "direct", LONG))
    assert not set(query_keys(far)) & set(query_keys(near))


def _v(ref: str, text: str, speaker: int = 1, kind: str = "direct") -> Version:
    return Version(ref, speaker, f"Speaker {speaker}", kind, text)


def test_drift_flags_carry_both_texts_and_the_exact_difference() -> None:
    flags = drift(
        [
            _v("a", LONG),
            _v("b", LONG),
            _v("c", LONG.replace(" not", "")),
            _v("d", LONG.replace("troops", "police")),
            _v("e", '"We will not send troops across the river"'),
            _v("f", LONG, speaker=9),
            _v("g", 'Kell said they "may send troops across the river" soon', kind="mixed"),
            _v("h", "Kell said troops would be sent", kind="indirect"),
        ]
    )
    got = {(f.ref, f.kind): f for f in flags}
    assert set(got) == {("c", "polarity"), ("d", "words"), ("e", "truncated"), ("f", "speaker"),
                        ("g", "polarity")}  # fmt: skip
    assert got[("c", "polarity")].differences[0].op == "dropped"
    assert got[("c", "polarity")].differences[0].before == "not"
    assert got[("c", "polarity")].other_text == LONG
    assert got[("d", "words")].detail == "“troops” → “police”"
    assert got[("e", "truncated")].differences[0].before == "unless our citizens are attacked"
    assert got[("f", "speaker")].detail == "attributed to Speaker 9, not Speaker 1"
    g = got[("g", "polarity")].differences
    assert [(d.before, d.after) for d in g] == [("not", "may")]


def test_hedge_change_and_accurate_partial_quote() -> None:
    flags = drift(
        [
            _v("a", '"The central bank may raise rates again if wages keep climbing."'),
            _v("b", '"The central bank will raise rates again if wages keep climbing."'),
            _v("c", '"if wages keep climbing"', kind="partial"),
        ]
    )
    assert [(f.ref, f.kind, f.detail) for f in flags] == [("b", "hedge", "“may” → “will”")]


def test_gold_evaluation_meets_the_acceptance_targets() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks" / "statements"))
    try:
        import evaluate
    finally:
        sys.path.pop(0)
    reports = evaluate.load()
    sizes = Counter(r.group for r in reports)
    assert sum(1 for n in sizes.values() if n > 1) >= 60  # statements reported more than once
    assert sum(1 for n in sizes.values() if n == 1) >= 40  # and once
    gold = {r.ref: r.group for r in reports}
    predicted, _ = evaluate.grouped(reports)
    scores = evaluate.pairwise(gold, predicted)
    assert scores["precision"] >= 0.95 and scores["f1"] >= 0.90
    d = evaluate.drift_scores(reports)
    assert d["recall"] >= 0.9 and d["precision"] >= 0.9  # type: ignore[operator]
