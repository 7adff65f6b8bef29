"""The Python API: one article, many articles, bad input."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

import onrecord
from onrecord import Article, InputError
from onrecord.errors import ModelError
from onrecord.lexicon import default_lexicon


def test_analyze_returns_a_record_with_offsets_into_the_input() -> None:
    text = 'Rain fell all day.\n\n"We will rebuild the bridge," the mayor said on Monday.'
    record = onrecord.analyze(text, doc_id="bridge")
    assert record.doc_id == "bridge"
    [quote] = record.quotes
    assert quote.type == "direct"
    assert quote.content.text == '"We will rebuild the bridge,"'
    assert quote.cue is not None and quote.cue.lemma == "say"
    assert quote.source is not None and quote.source.text == "the mayor"
    start, end = quote.content.spans[0]
    assert text[start:end] == quote.content.text


def test_analyze_many_keeps_order_and_gives_ids() -> None:
    texts: list[Article | str] = [
        '"One," she said.',
        "Nothing quoted here.",
        Article(text='"Three," he said.', doc_id="c"),
    ]
    records = list(onrecord.analyze_many(texts))
    assert [r.doc_id for r in records] == ["doc1", "doc2", "c"]
    assert [len(r.quotes) for r in records] == [1, 0, 1]


def test_one_analyzer_analyses_with_its_own_lexicon_and_travels_as_model_and_lexicon() -> None:
    text = (
        "The harbour board of Wexmoor met on Tuesday and agreed to build a new pier.\n\n"
        '"We have waited for this day for a very long time," said Orla Quennell.'
    )
    analyzer = onrecord.Analyzer()
    record = analyzer.analyze(Article(text=text, doc_id="pier"))
    assert record == onrecord.analyze(text, doc_id="pier")
    assert record.language == "en" and record.quotes
    # a lexicon that knows no English function words reads nothing as English
    mute = dataclasses.replace(default_lexicon(), function_words=frozenset())
    assert onrecord.Analyzer(None, mute).analyze(text).language == "und"
    again = pickle.loads(pickle.dumps(analyzer))  # as a worker process receives it
    assert again.model == analyzer.model and again.lexicon == analyzer.lexicon
    assert again.analyze(Article(text=text, doc_id="pier")) == record


@pytest.mark.parametrize(
    "text", ["", "   \n\n  ", "\ufeff", "«»", '"""""""', "“", "no quotes at all"]
)
def test_degenerate_text_gives_an_empty_record(text: str) -> None:
    record = onrecord.analyze(text)
    assert record.quotes == [] or all(q.content.spans for q in record.quotes)
    assert record.text_sha256


def test_text_with_nul_characters_is_refused_with_a_reason() -> None:
    with pytest.raises(InputError, match="NUL"):
        onrecord.analyze("a\x00b")


def test_an_unknown_model_says_how_to_get_one() -> None:
    with pytest.raises(ModelError, match="not installed"):
        onrecord.analyze("text", model="no_such_pipeline_xyz")


def test_terminal_report_neutralises_control_characters() -> None:
    from onrecord.cli.render import format_record

    record = onrecord.analyze('"Clear the \x1b[2Jscreen," the official said.')
    report = format_record(record)
    assert "\x1b" not in report
    assert "\\x1b[2Jscreen" in report


def test_long_texts_are_parsed_in_pieces_with_offsets_kept(
    monkeypatch: pytest.MonkeyPatch, sample_text: str
) -> None:
    from onrecord.pipeline import nlp

    whole = onrecord.analyze(sample_text, published="2022-02-16")
    monkeypatch.setattr(nlp, "CHUNK_CHARS", 500)
    assert len(nlp.split_text(sample_text)) > 20
    pieces = onrecord.analyze(sample_text, published="2022-02-16")
    direct = [q.content.spans for q in whole.quotes if q.type == "direct"]
    assert direct == [q.content.spans for q in pieces.quotes if q.type == "direct"]
    for quote in pieces.quotes:
        for start, end in quote.content.spans:
            assert 0 <= start < end <= len(sample_text)


def test_split_text_keeps_every_character() -> None:
    from onrecord.pipeline.nlp import split_text

    text = ("word " * 50 + "\n") * 40 + "x" * 3000
    parts = split_text(text, limit=700)
    assert "".join(parts) == text
    assert all(len(p) <= 700 for p in parts)
