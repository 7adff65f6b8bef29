"""Via: the outlet an article credits for a statement, apart from its venue. The sentences
are invented."""

from __future__ import annotations

import pytest

from conftest import quote_with
from onrecord.lexicon import default_lexicon
from onrecord.pipeline.via import find_via, is_outlet


def via(sentence: str) -> str | None:
    return find_via(sentence, 0, len(sentence), [], default_lexicon())


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The minister told RIA Novosti on Tuesday that talks would resume.", "RIA Novosti"),
        ("Prices will fall, the governor said, according to Interfax.", "Interfax"),
        ("She said so in an interview with CNN's Wolf Blitzer.", "CNN"),
        ("The spokesman told reporters in Moscow, TASS reported.", "TASS"),
        ("Kell said on Tuesday Baltic Wire reported.", "Baltic Wire"),
        ("The senator told The New York Times last week.", "New York Times"),
        ("The mayor spoke to reporters, citing Vostok Agency figures.", "Vostok Agency"),
        ("The envoy told Radio Meridian he would stay.", "Radio Meridian"),
        ("He said it in remarks to the Associated Press.", "Associated Press"),
        ("The general told reporters the war was over.", None),
        ("She said it according to White House Press Secretary Jim Dole.", None),
        ("The Kremlin reported no progress.", None),
        ("Kell told Baltic Wire, Nordpost Daily reported.", "Baltic Wire"),
        # newspapers' own names: "... Sun", "... Star", "... Globe"
        ("Kell said at a press conference, according to the Riverton Sun.", "Riverton Sun"),
        ("Kell said it in a bill, according to the Harbor Star.", "Harbor Star"),
    ],
)
def test_the_outlet_a_sentence_credits(sentence: str, expected: str | None) -> None:
    assert via(sentence) == expected


def test_quoted_words_are_not_searched() -> None:
    sentence = '"He told CNN nothing," the aide said.'
    assert find_via(sentence, 0, len(sentence), [(0, 24)], default_lexicon()) is None


def test_an_outlet_is_a_media_name() -> None:
    lexicon = default_lexicon()
    assert is_outlet("Reuters", lexicon) and is_outlet("Baltic Wire", lexicon)
    assert not is_outlet("NATO", lexicon) and not is_outlet("Radio", lexicon)


def test_the_record_names_the_via_apart_from_the_venue() -> None:
    quote = quote_with(
        "“The border will stay open,” Foreign Minister Arvid Kell said in an interview "
        "with CNN on Monday.",
        "border",
    )
    assert quote.via == "CNN" and quote.venue is not None and "interview" in quote.venue
    told = quote_with(
        "“We will not pay for the pipeline,” Finance Minister Lena Moravec told Reuters.",
        "pipeline",
    )
    assert told.via == "Reuters"


def test_an_outlet_quoted_as_its_own_source_is_not_its_via() -> None:
    quote = quote_with("Troops crossed the river at dawn, according to Interfax.", "Troops")
    assert quote.via is None


def test_a_continuing_quote_keeps_its_via() -> None:
    text = (
        "“The border will stay open,” Foreign Minister Arvid Kell told Baltic Wire. "
        "“Trade will go on as before.”"
    )
    assert quote_with(text, "Trade").via == "Baltic Wire"


def test_reported_speech_that_runs_over_the_credit_still_credits_it() -> None:
    quote = quote_with(
        "Kell said the talks in Geneva had failed, Baltic Wire reported.", "talks in Geneva"
    )
    assert quote.type == "indirect" and quote.via == "Baltic Wire"
    inside = quote_with(
        "Kell said that Baltic Wire reported the talks had failed last week.", "talks"
    )
    assert inside.via is None  # what the speaker says an outlet reported is no credit
