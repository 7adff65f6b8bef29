"""Mojibake (UTF-8 read as Windows-1252): the parser sees the letters, offsets stay."""

from __future__ import annotations

import onrecord
from onrecord.evaluation.speakers import normalize_name
from onrecord.text.mojibake import mend_for_parser


def test_a_garbled_letter_is_spelled_as_a_letter_and_an_accent_of_the_same_length() -> None:
    text = "Tobias BrÃ©val met JoÃ£o PeÃ±a in DÃ¼sseldorf."
    mended = mend_for_parser(text)
    assert len(mended) == len(text)
    assert "Bre\u0301val" in mended and "Pen\u0303a" in mended and "Du\u0308sseldorf" in mended


def test_what_does_not_decode_is_left_alone() -> None:
    for text in ["Ã", "Ãa", "Ã\n", "plain text", "Ã© at the end Ã"]:
        assert len(mend_for_parser(text)) == len(text)
    assert mend_for_parser("Ãa and Ã") == "Ãa and Ã"


def test_a_garbled_name_is_kept_whole_and_named_with_its_letters() -> None:
    text = "The prosecutor Tobias BrÃ©val said on Monday that the inquiry was closed."
    record = onrecord.analyze(text)
    (quote,) = record.quotes
    assert quote.speaker is not None and quote.speaker.name == "Tobias Bréval"
    assert quote.source is not None and quote.source.text.endswith("Tobias BrÃ©val")


def test_the_evaluation_reads_a_garbled_gold_name_as_its_letters() -> None:
    assert normalize_name("Tobias BrÃ©val") == normalize_name("Tobias Bréval")
