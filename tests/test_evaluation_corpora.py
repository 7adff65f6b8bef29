"""The evaluation package on the real gold files: PolNeAR dev and the canonical sample."""

from __future__ import annotations

from dataclasses import replace

import pytest

from conftest import POLNEAR_DEV
from conftest import SAMPLE_GOLD as SAMPLE
from onrecord.evaluation import EvalQuote, GoldDoc, load_gold, score
from onrecord.evaluation.brat import parse_ann
from onrecord.evaluation.scoring import in_subset

needs_polnear = pytest.mark.skipif(not POLNEAR_DEV.is_dir(), reason="PolNeAR dev not available")
needs_sample = pytest.mark.skipif(not SAMPLE.is_file(), reason="sample gold not available")

TWO_DAYS_EARLIER = [f"q{n}" for n in range(6, 14)]


@pytest.fixture(scope="module")
def polnear_dev() -> list[GoldDoc]:
    return load_gold(POLNEAR_DEV)


def perfect(golds: list[GoldDoc]) -> None:
    """Gold scored against itself is 1.0 on every metric it has."""
    report = score(golds, {g.doc_id: g.quotes for g in golds})
    for scores in report.subsets.values():
        for component in ("cue", "source", "content", "quote"):
            for mode in ("exact", "overlap"):
                prf = scores.citron.get(component, mode)
                assert (prf.precision, prf.recall, prf.f1) == (1.0, 1.0, 1.0), (component, mode)
        for prf in (scores.content_1to1, scores.exact_content_1to1, scores.end_to_end):
            assert (prf.precision, prf.recall, prf.f1) == (1.0, 1.0, 1.0)
        assert scores.attribution.value == 1.0
        for ratio in (scores.speaker, scores.speech_act, scores.date, scores.type_agreement):
            assert ratio is None or ratio.value == 1.0


@needs_polnear
def test_polnear_dev_counts(polnear_dev: list[GoldDoc]) -> None:
    assert len(polnear_dev) == 84
    assert all(doc.published for doc in polnear_dev)
    quotes = [(doc, q) for doc in polnear_dev for q in doc.quotes]
    # 2193 events, one of them without Content
    assert len(quotes) == 2192
    # 86 of them in NYT copy, which types its double marks as two apostrophes ('')
    assert sum(in_subset(doc.text, q, "direct") for doc, q in quotes) == 710
    assert sum(not q.source for _, q in quotes) == 126
    assert sum(len(q.content) > 1 for _, q in quotes) > 0


@needs_polnear
def test_polnear_dev_offsets_match_annotated_text() -> None:
    checked = 0
    for ann_path in sorted((POLNEAR_DEV / "attributions").glob("*.ann")):
        text = (POLNEAR_DEV / "text" / f"{ann_path.stem}.txt").read_bytes().decode("utf-8")
        lines = ann_path.read_bytes().decode("utf-8").splitlines()
        bounds, _ = parse_ann("\n".join(lines))
        for line in lines:
            fields = line.split("\t")
            if fields[0] in bounds:
                spans = bounds[fields[0]].spans
                assert " ".join(text[s:e] for s, e in spans) == fields[2]
                checked += 1
    assert checked > 8000


@needs_polnear
def test_polnear_dev_scored_against_itself_is_perfect(polnear_dev: list[GoldDoc]) -> None:
    perfect(polnear_dev)


@needs_sample
def test_sample_gold_loads_48_quotes() -> None:
    [doc] = load_gold(SAMPLE)
    assert doc.doc_id == "rt_2022-02-15_security-guarantees"
    assert len(doc.quotes) == 48
    assert sum(q.type == "direct" for q in doc.quotes) == 15
    assert sum(q.speaker is not None for q in doc.quotes) == 42
    assert doc.quotes[1].speaker == "Sergei Lavrov"
    assert "Sergey Lavrov" in doc.quotes[1].speaker_aliases
    perfect([doc])


@needs_sample
def test_sample_two_days_earlier_accepts_either_date() -> None:
    [strict] = load_gold(SAMPLE)
    [lenient] = load_gold(SAMPLE, date_alternatives={"Two days earlier": ["2022-02-14"]})
    assert [q.id for q in strict.quotes if q.date == "2022-02-13"] == TWO_DAYS_EARLIER
    widened = [q.id for q, s in zip(lenient.quotes, strict.quotes, strict=True) if q != s]
    assert widened == TWO_DAYS_EARLIER

    def deictic(q: EvalQuote) -> EvalQuote:
        return replace(q, date="2022-02-14") if q.id in TWO_DAYS_EARLIER else q

    predictions = {strict.doc_id: [deictic(q) for q in strict.quotes]}
    strict_date = score([strict], predictions).subsets["all"].date
    lenient_date = score([lenient], predictions).subsets["all"].date
    assert strict_date is not None and (strict_date.num, strict_date.den) == (16, 24)
    assert lenient_date is not None and (lenient_date.num, lenient_date.den) == (24, 24)
