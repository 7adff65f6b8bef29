"""Regressions: the smallest inputs that broke an invariant, found by the property tests
(tests/test_properties.py) and the fuzz target (benchmarks/fuzz.py).

Each test says which tool found it and what the invariant is. A bug not fixed yet is a
strict ``xfail`` naming the module to fix (strict: once fixed, drop the marker); all the
bugs below are fixed.
"""

from __future__ import annotations

import pytest

import onrecord
from onrecord.errors import InputError
from onrecord.text.read import check_text, decode

# --- lone surrogates (fuzz: check_text stage) ---------------------------------------------
# A Python str can hold a lone surrogate ("\ud800", e.g. from json.loads('"\\ud800"') or
# from bytes decoded with "surrogateescape"). It is not text: it has no UTF-8 encoding, so
# hashing the text for the record's text_sha256 fails. check_text should refuse it with an
# InputError the way it refuses NUL, and analyze should never raise anything else.
# Before the fix check_text let it through and analyze raised UnicodeEncodeError (the
# JSONL reader already refused such lines). Fixed in read.check_text.


def test_check_text_refuses_a_lone_surrogate() -> None:
    # The fuzz finding, shrunk: the UTF-16 reading of the bytes b"\x00\xd8".
    text = b"\x00\xd8".decode("utf-16-le", "surrogatepass")
    assert text == "\ud800"
    with pytest.raises(InputError):
        check_text(text, origin="fuzz")


@pytest.mark.parametrize("text", ["\ud800", "\udc00 hello", "“We are ready,\udfff” he said."])
def test_analyze_refuses_a_lone_surrogate_with_an_input_error(text: str) -> None:
    with pytest.raises(InputError):
        onrecord.analyze(text)


def test_utf8_encoded_surrogates_are_refused_by_decode() -> None:
    # The byte-level path is safe: strict UTF-8 never decodes to a surrogate.
    with pytest.raises(InputError):
        decode(b"\xed\xa0\x80 hello")


# --- an entity made of a blank token (property: spans inside the text) ---------------------
# spaCy tags "the" plus the whitespace token after it ("\x0c\n", "\n ") as an ORG;
# entities.build_entities drops the leading "the" and is left with the whitespace token
# only, whose stripped text is empty: an ORG entity named "" with the empty mention [3, 3].
# Found by test_every_span_lies_inside_the_text_and_spells_its_text; the examples are
# hypothesis' shrunk one and a longer run's, cut down line by line, word by word.
# Fixed in entities.build_entities.


@pytest.mark.parametrize("text", ["THE\x0c\nA0nZ", "the\n H", "the\n H."])
def test_no_entity_is_made_of_whitespace_after_the(text: str) -> None:
    record = onrecord.analyze(text)
    for entity in record.entities:
        assert entity.name.strip(), entity
        for start, end in entity.mentions:
            assert 0 <= start < end <= len(text), entity
            assert text[start:end].strip(), entity


# --- two mixed quotes over the same words (property: no overlap within a type) -----------
# An empty or one-word quote after a reporting verb, a dash, then a word the cue lexicon
# reads as a cue ("guarantees") and a second quote: extract makes one mixed quote with
# "guarantees" as its cue that starts at the sentence start ("They insist the «x»") and a
# second one with "insist" as its cue over "the «x» - guarantees NO.«”": both hold
# "the «x»". The first example is the random one cut down word by word and character by
# character, the others keep its shape. Found by
# test_no_two_quotes_of_the_same_type_overlap in a longer run (3,000-character texts).
# Fixed in extract (a later quote that would overlap one of its type is dropped).


@pytest.mark.parametrize(
    "text",
    [
        "insist e R«»- guarantees NO.«”",
        "They insist the «x» - guarantees NO.«”",
        "They insist the “” - guarantees NO. “”",
    ],
)
def test_mixed_quotes_never_overlap(text: str) -> None:
    quotes = onrecord.analyze(text).quotes
    for i, first in enumerate(quotes):
        for second in quotes[i + 1 :]:
            if first.type != second.type:
                continue
            for a in first.content.spans:
                for b in second.content.spans:
                    assert not (a[0] < b[1] and b[0] < a[1]), (first, second)


# --- a quotation mark inside a token (hypothesis: test_properties span invariant) ---------
# '0"0"0' is one spaCy token, so the quote '"0"' starts in the middle of it. The quote's
# token range began at the next token start, past the end of the document, and extraction
# raised IndexError. Fixed in extract_context.Context: a quote's tokens are those it
# overlaps, from the one holding its first character.


@pytest.mark.parametrize("text", ['0"0"0', 'a"b"c', 'x "0"0"0" y said.'])
def test_a_mark_inside_a_token_does_not_break_extraction(text: str) -> None:
    record = onrecord.analyze(text)
    for quote in record.quotes:
        for start, end in quote.content.spans:
            assert 0 <= start <= end <= len(text)


# --- a headline quote that runs on into the body (hypothesis: test_properties marks) ------
# A headline '"we "we" we, X says.' whose opening mark pairs with a closing mark paragraphs
# later gave a headline statement typed direct whose content ('"we "we" we') did not end
# with a quotation mark. Fixed in headline_statements._kind: the quotation must end within
# the headline's content for the statement to be direct.


def test_a_quotation_running_past_the_headline_is_not_the_headlines_direct_quote() -> None:
    text = (
        '"we "we" we, Mara Quist says.\n\n'
        '"we "we" we, Mara Quist said on February 15.\n\n'
        '"we "we" we." Mara Quist said on February 15.'
    )
    for quote in onrecord.analyze(text).quotes:
        if quote.type in ("direct", "partial"):
            content = quote.content.text
            assert content[:1] == '"' and content[-1:] == '"', quote


# --- a subject of punctuation alone (property: every span lies inside the text) -----------
# The parser made "»" the subject of the sentence before a standalone quote; trimming its
# punctuation left an empty range, which became the quote's source as an empty span.
# Found by test_every_span_lies_inside_the_text_and_spells_its_text on a new machine.
# Fixed in quotes.rules.uncued_quote: such a quote has no source.


def test_a_subject_of_punctuation_alone_is_no_source() -> None:
    record = onrecord.analyze(";»00000000000000000Y 0;5\n'$0 0’")
    for quote in record.quotes:
        if quote.source is not None:
            assert all(start < end for start, end in quote.source.spans), quote.source


# --- a name of a possessive ending alone (property: every span lies inside the text) -----
# The tagger read "’s" (with a line break) as an organisation; without its possessive
# ending the name was empty, and the first-name test read the first word of nothing.
# Found by test_every_span_lies_inside_the_text_and_spells_its_text.
# Fixed in entity_building.build_entities: such a mention is no name.


def test_a_possessive_ending_alone_is_no_name() -> None:
    record = onrecord.analyze("00t’s\n @aaanE")
    assert all(entity.name.strip() for entity in record.entities)
