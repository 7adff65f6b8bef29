"""The evaluation package on small hand-made fixtures, with hand-computed expected values."""

from __future__ import annotations

import json
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest

from onrecord.errors import InputError
from onrecord.evaluation import (
    PRF,
    EvalQuote,
    GoldDoc,
    format_report,
    load_gold,
    load_predictions,
    misses_and_false_alarms,
    parse_date_alternatives,
    predictions_from_records,
    quotes_from_record,
    score,
)
from onrecord.evaluation.brat import parse_ann
from onrecord.evaluation.matching import Pair, dice, match_one_to_one
from onrecord.evaluation.model import Spans, normalize_spans
from onrecord.evaluation.speakers import normalize_name, speaker_matches
from onrecord.evaluation.tokens import has_quotation_mark, token_starts
from onrecord.record import ArticleRecord

FIXTURES = Path(__file__).parent / "fixtures" / "eval"
BRAT = FIXTURES / "polnear_mini"
TINY = FIXTURES / "json" / "tiny.gold.json"


def at(text: str, piece: str, after: str = "") -> Spans:
    """The one span of ``piece`` in ``text`` (first occurrence after ``after``)."""
    start = text.index(piece, text.index(after) if after else 0)
    return ((start, start + len(piece)),)


def assert_prf(prf: PRF, precision: Fraction | float, recall: Fraction | float) -> None:
    assert prf.precision == pytest.approx(float(precision))
    assert prf.recall == pytest.approx(float(recall))
    p, r = float(precision), float(recall)
    assert prf.f1 == pytest.approx(2 * p * r / (p + r) if p + r else 0.0)


@pytest.fixture
def brat_docs() -> dict[str, GoldDoc]:
    return {doc.doc_id: doc for doc in load_gold(BRAT)}


@pytest.fixture
def tiny() -> GoldDoc:
    [doc] = load_gold(TINY)
    return doc


# --- reading gold ---------------------------------------------------------------------------


def test_brat_split_reads_documents_dates_and_discontinuous_content(
    brat_docs: dict[str, GoldDoc],
) -> None:
    assert sorted(brat_docs) == ["doc_a", "doc_b"]
    doc_a = brat_docs["doc_a"]
    assert doc_a.published == "2016-09-12"
    assert doc_a.annotated == frozenset()
    assert len(doc_a.quotes) == 3
    jane = doc_a.quotes[2]
    assert jane.content == ((85, 101), (117, 139))
    assert [doc_a.text[s:e] for s, e in jane.content] == [
        '"It is a waste,"',
        '"and nobody needs it."',
    ]
    assert doc_a.text[slice(*jane.cue[0])] == "said"
    assert doc_a.text[slice(*jane.source[0])] == "Jane Doe"
    assert jane.speaker is None and jane.type is None


def test_brat_event_without_source_is_kept_and_event_without_content_dropped(
    brat_docs: dict[str, GoldDoc],
) -> None:
    doc_b = brat_docs["doc_b"]
    assert doc_b.published == "2016-10-01"
    # E1 (Attribution-no-source) and E3; E2 ("Officials said") has no Content.
    assert len(doc_b.quotes) == 2
    reported, smith = doc_b.quotes
    assert reported.source == ()
    assert doc_b.text[slice(*reported.cue[0])] == "It was reported"
    # "Content" and "Content2" roles both give content spans.
    assert [doc_b.text[s:e] for s, e in smith.content] == [
        "that rates must fall",
        "and that wages must grow",
    ]


def test_parse_ann_strips_role_digits_and_ignores_notes() -> None:
    bounds, events = parse_ann(
        "T1\tContent 0 4;6 9\tabcd fgh\nE1\tAttribution:T2 Content2:T1\n#1\tAnnotatorNotes T1\tx\n"
    )
    assert bounds["T1"].spans == ((0, 4), (6, 9))
    assert events[0].type == "Attribution" and events[0].args == (("Content", "T1"),)


def test_normalize_spans_sorts_and_merges() -> None:
    assert normalize_spans([[10, 12], [0, 3], [3, 5], [11, 14], [7, 7]]) == ((0, 5), (10, 14))


def test_gold_json_reads_speakers_aliases_and_date_alternatives(tiny: GoldDoc) -> None:
    assert tiny.doc_id == "tiny" and tiny.published == "2022-02-16"
    assert tiny.annotated == frozenset({"type", "speaker", "speech_act", "date"})
    q1, q2, q3 = tiny.quotes
    assert q1.speaker == "Sergei Lavrov" and q1.speaker_kind == "PERSON"
    assert "the minister" in q1.speaker_aliases
    assert q3.speaker_kind == "ORG" and q3.date is None and q3.date_accepted == frozenset()
    # The file's own mapping accepts 2022-02-13 for "Two days earlier"...
    assert q2.date_accepted == {"2022-02-12", "2022-02-13"}
    assert q1.date_accepted == {"2022-02-14"}
    # ...and the caller can add more.
    [doc] = load_gold(TINY, date_alternatives={"Two days earlier": ["2022-02-14"]})
    assert doc.quotes[1].date_accepted == {"2022-02-12", "2022-02-13", "2022-02-14"}
    assert doc.quotes[1].accepts_date("2022-02-14") and not doc.quotes[1].accepts_date(None)


def test_gold_json_directory(tmp_path: Path) -> None:
    for name in ("tiny.gold.json", "tiny.txt"):
        (tmp_path / name).write_bytes((TINY.parent / name).read_bytes())
    [doc] = load_gold(tmp_path)
    assert doc.doc_id == "tiny" and len(doc.quotes) == 3


def test_gold_json_may_carry_its_text_and_per_quote_alternatives(tmp_path: Path) -> None:
    text = 'He said "yes" yesterday.'
    gold = {
        "quotes": [
            {
                "content": {"spans": [[8, 13]]},
                "cue": {"spans": [[3, 7]]},
                "source": None,
                "speaker": None,
                "date": "2020-01-01",
                "date_alternatives": ["2020-01-02"],
            }
        ],
        "text": text,
    }
    path = tmp_path / "x.gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    [doc] = load_gold(path)
    assert doc.doc_id == "x" and doc.text == text
    assert doc.quotes[0].date_accepted == {"2020-01-01", "2020-01-02"}
    assert doc.annotated == frozenset({"speaker", "date"})


def test_load_gold_rejects_unknown_layout(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        load_gold(tmp_path)


def test_parse_date_alternatives() -> None:
    assert parse_date_alternatives(
        ["Two days earlier=2022-02-14", "Two days earlier=2022-02-13"]
    ) == {"Two days earlier": ["2022-02-14", "2022-02-13"]}
    with pytest.raises(InputError):
        parse_date_alternatives(["2022-02-14"])


# --- tokens, subsets, matching ------------------------------------------------------------


def test_tokens_are_words_and_punctuation_by_start_offset() -> None:
    text = 'He said, "Go home."'
    assert token_starts(text, ((0, 19),)) == {0, 3, 7, 9, 10, 13, 17, 18}
    # each span is tokenised on its own: a span starting mid-word starts a token there
    assert token_starts(text, ((4, 7), (11, 12))) == {4, 11}


def test_direct_subset_rule_is_any_quotation_mark() -> None:
    text = "“Yes,” he said; «oui» and 'no' and plain"
    assert has_quotation_mark(text, at(text, "“Yes,”"))
    assert has_quotation_mark(text, at(text, "«oui»"))
    assert not has_quotation_mark(text, at(text, "'no'"))
    assert not has_quotation_mark(text, at(text, "plain"))
    typed = "''Yes,'' he said; ``maybe'' and don't"
    assert has_quotation_mark(typed, at(typed, "''Yes,''"))
    assert has_quotation_mark(typed, at(typed, "``maybe''"))
    assert not has_quotation_mark(typed, at(typed, "don't"))


def test_dice() -> None:
    assert dice(frozenset({1, 2, 3, 4}), frozenset({3, 4, 5})) == pytest.approx(4 / 7)
    assert dice(frozenset(), frozenset()) == 0.0


def test_greedy_matching_takes_best_dice_first_and_uses_each_quote_once() -> None:
    gold = [frozenset({1, 2, 3, 4}), frozenset({5, 6, 7, 8})]
    wide = frozenset({1, 2, 3, 4, 5, 6})  # Dice 0.8 with gold 0, 0.4 with gold 1
    narrow = frozenset({1, 2, 3})  # Dice 6/7 with gold 0
    assert match_one_to_one([wide, narrow], gold) == [Pair(pred=1, gold=0, dice=6 / 7)]


def test_one_prediction_spanning_two_gold_quotes_counts_once() -> None:
    text = "Alpha beta gamma delta. Epsilon zeta eta theta."
    gold = GoldDoc(
        "d",
        text,
        None,
        [
            EvalQuote(content=at(text, "Alpha beta gamma delta")),
            EvalQuote(content=at(text, "Epsilon zeta eta theta")),
        ],
    )
    both = EvalQuote(content=at(text, "Alpha beta gamma delta. Epsilon zeta eta theta"))
    report = score([gold], {"d": [both]})
    scores = report.subsets["all"]
    assert_prf(scores.content_1to1, 1, Fraction(1, 2))
    # equal Dice (8/13) with both: the tie goes to the first gold quote in the document
    [pair] = report.documents["all"][0].pairs
    assert pair.gold == 0
    assert pair.dice == pytest.approx(8 / 13)


# --- the Citron-style and one-to-one metrics on hand-computed values ---------------------


def doc_a_predictions(text: str) -> list[EvalQuote]:
    """Three predictions for doc_a (see the test below for what each gets right)."""
    return [
        # the mayor's quote: cue and content exact, source "mayor" (gold "The mayor")
        EvalQuote(
            content=at(text, '"We will build the bridge."'),
            cue=at(text, "said"),
            source=at(text, "mayor"),
        ),
        # the critics: cue and source exact, content one token too long (the full stop)
        EvalQuote(
            content=at(text, "the plan was too costly."),
            cue=at(text, "claimed"),
            source=at(text, "Critics"),
        ),
        # a fragment of Jane Doe's quote, no cue, no source: Dice 6/17, unmatched
        EvalQuote(content=at(text, "nobody needs it")),
    ]


def test_citron_style_metrics_by_hand(brat_docs: dict[str, GoldDoc]) -> None:
    doc = brat_docs["doc_a"]
    report = score([doc], {"doc_a": doc_a_predictions(doc.text)})
    scores = report.subsets["all"]
    citron = scores.citron
    assert (scores.gold, scores.pred) == (3, 3)
    # exact cue: 2 of 2 predicted cues, 2 of 3 gold cues (the third prediction has no cue)
    assert_prf(citron.get("cue", "exact"), 1, Fraction(2, 3))
    # exact source: only the critics' (the mayor's differs; cue-less fragment anchors nothing)
    assert_prf(citron.get("source", "exact"), Fraction(1, 3), Fraction(1, 3))
    # exact content: only the mayor's
    assert_prf(citron.get("content", "exact"), Fraction(1, 3), Fraction(1, 3))
    # exact quote: none has cue, source and content all exact
    assert_prf(citron.get("quote", "exact"), 0, 0)
    # overlap, in tokens. Gold cue 1+1+1, source 2+1+2 ("The mayor", "Critics", "Jane Doe"),
    # content 8+5+14. Predicted cue 1+1, source 1+1, content 8+6+3.
    assert_prf(citron.get("cue", "overlap"), 1, Fraction(2, 3))
    assert_prf(citron.get("source", "overlap"), 1, Fraction(2, 5))
    assert_prf(citron.get("content", "overlap"), Fraction(16, 17), Fraction(16, 27))
    assert_prf(citron.get("quote", "overlap"), Fraction(20, 21), Fraction(20, 35))
    # one-to-one: the mayor (Dice 1) and the critics (Dice 10/11) match
    assert_prf(scores.content_1to1, Fraction(2, 3), Fraction(2, 3))
    assert_prf(scores.exact_content_1to1, Fraction(1, 3), Fraction(1, 3))
    # "mayor" overlaps "The mayor": both matched pairs are correctly attributed
    assert (scores.attribution.num, scores.attribution.den) == (2, 2)
    assert_prf(scores.end_to_end, Fraction(2, 3), Fraction(2, 3))
    # PolNeAR gives no speakers, speech acts, dates or types
    assert scores.speaker is None and scores.speaker_end_to_end is None
    assert scores.speech_act is None and scores.date is None and scores.types == {}


def test_direct_subset_applies_to_gold_and_predictions_alike(
    brat_docs: dict[str, GoldDoc],
) -> None:
    doc = brat_docs["doc_a"]
    direct = score([doc], {"doc_a": doc_a_predictions(doc.text)}).subsets["direct"]
    # gold: the mayor's and Jane Doe's quotes; predicted: only the mayor's has a mark
    assert (direct.gold, direct.pred) == (2, 1)
    assert_prf(direct.content_1to1, 1, Fraction(1, 2))
    assert_prf(direct.citron.get("content", "exact"), 1, Fraction(1, 2))


def test_attribution_without_gold_source_wants_no_predicted_source(
    brat_docs: dict[str, GoldDoc],
) -> None:
    doc = brat_docs["doc_b"]
    reported, smith = doc.quotes
    predictions = [
        replace(reported, source=()),  # right: no source either
        replace(smith, source=at(doc.text, "Officials")),  # wrong source
    ]
    scores = score([doc], {"doc_b": predictions}).subsets["all"]
    assert (scores.attribution.num, scores.attribution.den) == (1, 2)
    assert_prf(scores.end_to_end, Fraction(1, 2), Fraction(1, 2))
    with_source = replace(reported, source=at(doc.text, "Officials"))
    scores = score([doc], {"doc_b": [with_source]}).subsets["all"]
    assert (scores.attribution.num, scores.attribution.den) == (0, 1)


def test_missing_predictions_score_as_none_and_extra_documents_are_listed(
    brat_docs: dict[str, GoldDoc],
) -> None:
    report = score(list(brat_docs.values()), {"doc_a": [], "elsewhere": []})
    assert report.docs_without_predictions == ["doc_b"]
    assert report.predictions_without_gold == ["elsewhere"]
    scores = report.subsets["all"]
    assert scores.content_1to1.precision is None and scores.content_1to1.recall == 0.0
    assert scores.content_1to1.f1 == 0.0


# --- speakers, speech acts, dates ---------------------------------------------------------

LAVROV = EvalQuote(
    content=((0, 1),),
    speaker="Sergei Lavrov",
    speaker_aliases=frozenset({"Sergei Lavrov", "Sergey Lavrov", "Lavrov", "the minister"}),
    speaker_kind="PERSON",
)


def said_by(name: str | None, *aliases: str, kind: str | None = None) -> EvalQuote:
    return EvalQuote(
        content=((0, 1),), speaker=name, speaker_aliases=frozenset(aliases), speaker_kind=kind
    )


def test_normalize_name() -> None:
    assert normalize_name("  The Minister, ") == "minister"
    assert normalize_name("U.S.") == "us"
    assert normalize_name("Jean-Claude Juncker") == "jean claude juncker"
    assert normalize_name("theodore") == "theodore"


@pytest.mark.parametrize(
    ("pred", "right"),
    [
        (said_by("Sergey Lavrov"), True),  # a gold alias (transliteration)
        (said_by("The Minister"), True),  # alias after casefolding and dropping "the"
        (said_by("S. Lavrov"), True),  # same surname
        (said_by("Russian Foreign Minister", "Lavrov"), True),  # a predicted alias is a gold alias
        (said_by("Sergei Shoigu"), False),
        (said_by("the minister's spokesman"), False),
        (said_by(None), False),
    ],
)
def test_speaker_matching(pred: EvalQuote, right: bool) -> None:
    assert speaker_matches(pred, LAVROV) is right


def test_surname_rule_only_for_person_like_names() -> None:
    ministry = said_by("Russian Ministry of Defense", kind="ORG")
    assert not speaker_matches(said_by("UK Ministry of Defense"), ministry)
    # untyped gold: multiword capitalised names count as person-like
    assert speaker_matches(said_by("Mrs. Castellan"), said_by("Nora Castellan"))
    assert not speaker_matches(said_by("the Castellan campaign"), said_by("the campaign"))
    # both null is right; one null is wrong
    assert speaker_matches(said_by(None), said_by(None))
    assert not speaker_matches(said_by("Lavrov"), said_by(None))


def test_speaker_speech_act_date_and_type_agreement(tiny: GoldDoc) -> None:
    q1, q2, q3 = tiny.quotes
    predictions = [
        replace(q1, speaker="Lavrov", speaker_aliases=frozenset(), speech_act="warning"),
        # 2022-02-13: the file's accepted alternative for "Two days earlier"
        replace(q2, speaker=None, date="2022-02-13", type="mixed"),
        replace(q3, speaker="North Atlantic Treaty Organization", speaker_aliases=frozenset()),
    ]
    scores = score([tiny], {"tiny": predictions}).subsets["all"]
    assert scores.speaker is not None and (scores.speaker.num, scores.speaker.den) == (1, 3)
    assert scores.speaker_end_to_end is not None
    assert_prf(scores.speaker_end_to_end, Fraction(1, 3), Fraction(1, 3))
    assert scores.speech_act is not None and (scores.speech_act.num, scores.speech_act.den) == (
        2,
        3,
    )
    # q3 has no gold date, so two pairs are judged; both dates are accepted
    assert scores.date is not None and (scores.date.num, scores.date.den) == (2, 2)
    assert scores.type_agreement is not None and scores.type_agreement.num == 2
    assert {
        name: (c.gold, c.pred, c.matched, c.type_right) for name, c in scores.types.items()
    } == {
        "direct": (1, 0, 1, 0),
        "indirect": (2, 2, 2, 2),
        "mixed": (0, 1, 0, 0),
    }
    # a null predicted date is wrong, a date outside the accepted ones too
    undated = [replace(q1, date=None), replace(q2, date="2022-02-14"), q3]
    scores = score([tiny], {"tiny": undated}).subsets["all"]
    assert scores.date is not None and (scores.date.num, scores.date.den) == (0, 2)


def test_gold_scored_against_itself_is_perfect(
    brat_docs: dict[str, GoldDoc], tiny: GoldDoc
) -> None:
    golds = [*brat_docs.values(), tiny]
    report = score(golds, {g.doc_id: g.quotes for g in golds})
    for scores in report.subsets.values():
        metrics: list[PRF] = [
            scores.citron.get(component, mode)
            for component in ("cue", "source", "content", "quote")
            for mode in ("exact", "overlap")
        ]
        metrics += [scores.content_1to1, scores.exact_content_1to1, scores.end_to_end]
        assert scores.speaker_end_to_end is not None
        metrics.append(scores.speaker_end_to_end)
        for prf in metrics:
            assert (prf.precision, prf.recall, prf.f1) == (1.0, 1.0, 1.0)
        for ratio in (scores.attribution, scores.speaker, scores.speech_act, scores.date):
            assert ratio is not None and ratio.value == 1.0


# --- error analysis and reporting ---------------------------------------------------------


def test_misses_and_false_alarms(brat_docs: dict[str, GoldDoc]) -> None:
    doc = brat_docs["doc_a"]
    errors = misses_and_false_alarms([doc], {"doc_a": doc_a_predictions(doc.text)})
    assert [(e.kind, e.text) for e in errors] == [
        ("miss", '"It is a waste," "and nobody needs it."'),
        ("false_alarm", "nobody needs it"),
    ]
    assert errors[1].nearest_text == errors[0].text
    assert errors[1].nearest_dice == pytest.approx(6 / 17)
    direct = misses_and_false_alarms([doc], {"doc_a": doc_a_predictions(doc.text)}, "direct")
    assert [e.kind for e in direct] == ["miss"]


def test_report_as_dict_and_text(brat_docs: dict[str, GoldDoc], tiny: GoldDoc) -> None:
    doc = brat_docs["doc_a"]
    report = score([doc, tiny], {"doc_a": doc_a_predictions(doc.text), "tiny": tiny.quotes})
    data = json.loads(json.dumps(report.to_dict()))
    content = data["subsets"]["all"]["content_1to1"]
    assert (content["p_num"], content["p_den"], content["r_den"]) == (5, 6, 6)
    assert data["documents"]["direct"][0] == {
        "doc_id": "doc_a",
        "gold": 2,
        "pred": 1,
        "matched": 1,
        "attributed": 1,
    }
    text = format_report(report)
    assert text.startswith("[all] 6 gold, 6 predicted quotes in 2 documents")
    for label in ("cue", "source", "content", "quote", "content 1:1", "attribution accuracy"):
        assert f"\n  {label} " in text
    # only tiny annotates speakers
    assert "speaker accuracy      1.000  (3/3)" in text
    assert "date agreement" in text and "[direct]" in text


# --- predictions from records -------------------------------------------------------------


def record_from_gold(doc: GoldDoc) -> ArticleRecord:
    """An article record carrying the gold quotes of ``doc``, speakers as entities."""

    def spans(spans: Spans, **extra: str) -> dict[str, object] | None:
        if not spans:
            return None
        return {"spans": spans, "text": " ".join(doc.text[s:e] for s, e in spans), **extra}

    entities: dict[str, dict[str, object]] = {}
    quotes: list[dict[str, object]] = []
    for number, q in enumerate(doc.quotes, start=1):
        speaker = None
        if q.speaker is not None:
            entity = entities.setdefault(
                q.speaker,
                {
                    "id": f"e{len(entities) + 1}",
                    "type": q.speaker_kind or "PERSON",
                    "name": q.speaker,
                    "aliases": sorted(q.speaker_aliases),
                    "titles": [],
                    "affiliation": None,
                    "country": None,
                    "mentions": [],
                },
            )
            speaker = {"entity": entity["id"], "name": q.speaker}
        quotes.append(
            {
                "id": f"q{number}",
                "type": q.type or "indirect",
                "content": spans(q.content),
                "cue": spans(q.cue, lemma="say"),
                "source": spans(q.source),
                "speaker": speaker,
                "speech_act": q.speech_act or "statement",
                "date": {"value": q.date, "text": "", "spans": []} if q.date else None,
                "confidence": 1.0,
            }
        )
    sourcing = {
        "distinct_sources": 0,
        "sources": [],
        "by_kind": {},
        "by_country": {},
        "by_affiliation": {},
        "direct": 0,
        "reported": 0,
        "direct_share": None,
        "unnamed": 0,
        "hedges": [],
    }
    return ArticleRecord.model_validate(
        {
            "doc_id": doc.doc_id,
            "title": None,
            "published": doc.published,
            "language": "en",
            "text_sha256": "0" * 64,
            "quotes": quotes,
            "entities": list(entities.values()),
            "dates": [],
            "boilerplate": [],
            "headings": [],
            "sourcing": sourcing,
        }
    )


def test_quotes_from_record_carry_speaker_aliases_and_dates(tiny: GoldDoc) -> None:
    record = record_from_gold(tiny)
    quotes = quotes_from_record(record)
    assert [q.content for q in quotes] == [q.content for q in tiny.quotes]
    assert quotes[0].speaker == "Sergei Lavrov" and "Lavrov" in quotes[0].speaker_aliases
    assert quotes[0].speaker_kind == "PERSON"
    assert quotes[0].date == "2022-02-14" and quotes[2].date is None
    assert quotes[1].type == "direct" and quotes[1].speech_act == "warning"
    scores = score([tiny], predictions_from_records([record])).subsets["all"]
    assert scores.speaker is not None and scores.speaker.value == 1.0


def test_load_predictions_from_jsonl_json_and_directory(
    tmp_path: Path, brat_docs: dict[str, GoldDoc], tiny: GoldDoc
) -> None:
    records = [record_from_gold(d) for d in [*brat_docs.values(), tiny]]
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text("".join(r.to_json() + "\n" for r in records), encoding="utf-8")
    folder = tmp_path / "records"
    folder.mkdir()
    for r in records:
        (folder / f"{r.doc_id}.json").write_text(r.to_json(indent=2), encoding="utf-8")
    expected = predictions_from_records(records)
    assert load_predictions(jsonl) == expected
    assert load_predictions(folder) == expected
    assert load_predictions(folder / "tiny.json") == {"tiny": expected["tiny"]}
    assert sorted(expected) == ["doc_a", "doc_b", "tiny"]
    with pytest.raises(InputError):
        predictions_from_records([records[0], records[0]])
    (tmp_path / "bad.jsonl").write_text('{"doc_id": "x"}\n', encoding="utf-8")
    with pytest.raises(InputError):
        load_predictions(tmp_path / "bad.jsonl")
