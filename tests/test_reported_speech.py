"""Reported speech, speech acts, addressees, statement dates and the sourcing profile."""

from __future__ import annotations

from typing import Any

import pytest

import onrecord
from conftest import SAMPLE_GOLD, SAMPLE_PUBLISHED
from onrecord.evaluation import load_gold, predictions_from_records, score
from onrecord.lexicon import default_lexicon
from onrecord.pipeline.acts import speech_act
from onrecord.record import ArticleRecord

TWO_DAYS_EARLIER = {"Two days earlier": ["2022-02-13", "2022-02-14"]}


@pytest.fixture(scope="module")
def sample_scores(sample_record: ArticleRecord) -> Any:
    golds = load_gold(SAMPLE_GOLD, date_alternatives=TWO_DAYS_EARLIER)
    return score(golds, predictions_from_records([sample_record]))


def test_sample_speakers_end_to_end(sample_scores: Any) -> None:
    speakers = sample_scores.subsets["all"].speaker_end_to_end
    assert speakers.precision >= 0.95
    assert speakers.recall >= 0.95


def test_sample_indirect_and_mixed_statements_with_their_speakers(
    sample_record: ArticleRecord, sample_gold: dict[str, Any], sample_scores: Any
) -> None:
    [doc] = sample_scores.documents["all"]
    wanted = [i for i, q in enumerate(sample_gold["quotes"]) if q["type"] in ("indirect", "mixed")]
    right = [p for p in doc.pairs if p.gold in wanted and p.speaker]
    assert len(right) / len(wanted) >= 0.8


def test_sample_speech_acts_agree_with_the_gold(sample_scores: Any) -> None:
    assert sample_scores.subsets["all"].speech_act.value >= 0.7


def test_sample_every_gold_date_and_no_wrong_one(
    sample_record: ArticleRecord, sample_gold: dict[str, Any], sample_scores: Any
) -> None:
    assert sample_scores.subsets["all"].date.value == 1.0
    [doc] = sample_scores.documents["all"]
    for pair in doc.pairs:
        gold = sample_gold["quotes"][pair.gold]
        if gold["date"] is None:
            assert sample_record.quotes[pair.pred].date is None, gold["id"]


def test_sample_sourcing_kinds_and_sides(sample_record: ArticleRecord) -> None:
    kinds = {s.name.split()[-1]: s.kind for s in sample_record.sourcing.sources}
    for official in ("Lavrov", "Putin", "Shoigu", "Peskov"):
        assert kinds[official] == "official", official
    for expert in ("Olenchenko", "Podberezkin", "Asafov", "Ermakov"):
        assert kinds[expert] == "expert", expert
    # The other side of the negotiation is only ever paraphrased.
    direct_countries = {s.country for s in sample_record.sourcing.sources if s.direct}
    assert direct_countries <= {"RU", None}
    assert sample_record.sourcing.by_country["US"].direct == 0
    assert sample_record.sourcing.by_country["US"].reported > 0


def test_sample_addressees(sample_record: ArticleRecord) -> None:
    by_start = {q.content.text[:30]: q for q in sample_record.quotes}
    told = next(q for t, q in by_start.items() if t.startswith("“And we are talking"))
    assert told.addressee is not None and told.addressee.name == "Vladimir Putin"
    interview = next(q for t, q in by_start.items() if t.startswith("“He (the response"))
    assert interview.addressee is not None and interview.addressee.name == "RT"
    assert interview.venue == "in an interview with RT"


def test_a_follow_on_statement_shares_date_and_addressee() -> None:
    record = onrecord.analyze(
        "On March 3, Foreign Minister John Okoro told reporters the talks had failed. "
        '"We will try again," the minister added.',
        published="2023-03-05",
    )
    first, second = record.quotes
    assert first.date is not None and first.date.value == "2023-03-03"
    assert second.date is not None and second.date.value == "2023-03-03"
    assert second.speaker is not None and second.speaker.name == "John Okoro"


def test_without_a_publication_date_values_stay_partial() -> None:
    record = onrecord.analyze("On March 3, the minister said the talks had failed.")
    [quote] = record.quotes
    assert quote.date is not None and quote.date.value == "XXXX-03-03"


def test_bodies_and_passives_as_speakers() -> None:
    record = onrecord.analyze(
        "The United States criticized the exercises, saying that they escalate tensions.\n\n"
        "Such a scenario has been repeatedly rejected."
    )
    saying = next(q for q in record.quotes if q.cue is not None and q.cue.text == "saying")
    assert saying.speaker is not None and saying.speaker.name == "United States"
    assert saying.speech_act == "criticism"
    rejected = next(q for q in record.quotes if q.cue is not None and q.cue.text == "rejected")
    assert rejected.speaker is None and rejected.speech_act == "rejection"


@pytest.mark.parametrize(
    ("cue_act", "content", "venue", "expected"),
    [
        ("statement", "the decision is unacceptable", None, ("criticism", "ACCUSE")),
        ("statement", "no one here wants war", None, ("denial", None)),
        # a denial is the claim itself, not a "never" in a later sentence of a long quote
        (
            "statement",
            "Alderia has changed its course. For years it never stated its aims so plainly.",
            None,
            ("statement", None),
        ),
        ("statement", "Mr. Roe never said that", None, ("denial", None)),
        ("statement", "the U.S. never agreed to that", None, ("denial", None)),
        ("statement", "the exercises will be over soon", "report", ("report", None)),
        ("warning", "we will respond with force", None, ("warning", "THREATEN")),
        ("warning", "the economy could slow", None, ("warning", None)),
        ("statement", "the weather was fine", None, ("statement", None)),
        ("demand", "the troops leave", None, ("demand", "REQUEST")),
    ],
)
def test_speech_acts_from_cue_occasion_and_words(
    cue_act: str, content: str, venue: str | None, expected: tuple[str, str | None]
) -> None:
    lexicon = default_lexicon()
    plover = lexicon.act_plover.get(cue_act)
    assert speech_act(cue_act, plover, content, venue, lexicon) == expected


def test_unnamed_and_document_sources_in_the_profile() -> None:
    record = onrecord.analyze(
        "Experts believe that the talks will fail. "
        "A report by the ministry said that prices would rise. "
        "Senior officials in Kyiv said the attack was repelled."
    )
    kinds = {s.name: s.kind for s in record.sourcing.sources}
    assert kinds.get("experts") == "unnamed"
    assert kinds.get("report") == "document"
    assert kinds.get("senior officials") == "unnamed"
    assert record.sourcing.unnamed == 2


def test_hedges_are_reported() -> None:
    record = onrecord.analyze(
        "The ministry said the drone was allegedly launched from the border area."
    )
    assert [h.text for h in record.sourcing.hedges] == ["allegedly"]


def test_sample_date_without_publication_stays_partial(sample_text: str) -> None:
    record = onrecord.analyze(sample_text)
    values = {q.date.value for q in record.quotes if q.date is not None}
    assert values and all(v.startswith("XXXX") for v in values)
    assert SAMPLE_PUBLISHED  # the gold needs it to resolve the year
