"""The indexed attribute ruler gives exactly what spaCy's matcher-driven ruler gives."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from conftest import POLNEAR_DEV, SAMPLE_TEXT, needs_polnear
from onrecord.pipeline.attribute_index import AttributeIndex, index_attribute_rulers
from onrecord.pipeline.nlp import DEFAULT_MODEL

# Contractions and colloquial forms the model's ruler has multi-token and regular
# expression patterns for, and sentences with every kind of auxiliary and expletive.
TRICKY = [
    "We're gonna win, y'all, and there's nothin' they can do. Let's go, c'mon!",
    "I ain't sure. He doesn't know if it'll work, but they've said it won't.",
    "Y' all know what I'm gotta do: there are many who'd give it to you and me.",
    "That is what that man wanted, whether or not it rained.\n\n\tIt was.",
    "",
]


def _texts() -> list[str]:
    """The tricky sentences and the sample article: texts in the repository."""
    return [*TRICKY, SAMPLE_TEXT.read_text(encoding="utf-8")]


def _polnear_texts() -> list[str]:
    folder = POLNEAR_DEV / "text"
    return [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))[:5]]


@pytest.fixture(scope="module")
def stock() -> Language:
    return spacy.load(DEFAULT_MODEL)


def _parsed(nlp: Language, texts: list[str]) -> Iterator[Doc]:
    """Documents tagged and parsed, before the attribute ruler has run."""
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        yield from nlp.pipe(texts)


def _compare_matches(nlp: Language, texts: list[str]) -> int:
    """Assert the index and spaCy's matcher agree on every text; the tokens compared."""
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    index = AttributeIndex.of(ruler)
    assert index is not None, "the default model's ruler should be indexable"
    compared = 0
    for doc in _parsed(nlp, texts):
        assert index.match(doc) == ruler.match(doc), doc.text[:60]
        compared += len(doc)
    return compared


def test_the_index_finds_exactly_the_matches_of_spacys_matcher(stock: Language) -> None:
    assert _compare_matches(stock, _texts()) > 2_000


@needs_polnear
def test_the_index_agrees_with_spacys_matcher_on_polnear_articles(stock: Language) -> None:
    assert _compare_matches(stock, _polnear_texts()) > 1_500


def test_an_indexed_pipeline_annotates_every_token_as_the_stock_one_does(
    stock: Language,
) -> None:
    indexed = spacy.load(DEFAULT_MODEL)
    index_attribute_rulers(indexed)
    texts = _texts()
    for ours, theirs in zip(indexed.pipe(texts), stock.pipe(texts), strict=True):
        assert [_annotation(t) for t in ours] == [_annotation(t) for t in theirs]


def _annotation(token: spacy.tokens.Token) -> tuple[str, ...]:
    return (token.text, token.tag_, token.pos_, str(token.morph), token.lemma_, token.dep_)


def _ruler_doc(nlp: Language) -> Doc:
    words = ["There", "is", "nothin'", "gon", "na", "stop", "y'", "all", "now"]
    tags = ["EX", "VBZ", "NN", "VBG", "TO", "VB", "PRP", "DT", "RB"]
    deps = ["expl", "ROOT", "attr", "aux", "aux", "relcl", "nsubj", "det", "advmod"]
    heads = [1, 1, 1, 5, 5, 2, 5, 6, 5]
    return Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=heads)


def test_every_kind_of_test_and_a_negative_index_match_as_in_spacy() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    ruler.add([[{"TAG": "VBZ"}]], {"POS": "AUX"})
    ruler.add([[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], {"LEMMA": "nothing"})
    ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "go"}, index=0)
    ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "to"}, index=-1)
    ruler.add([[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "are"]}}]], {"POS": "VERB"}, index=1)
    ruler.add([[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux"]}}]], {"POS": "AUX"})
    ruler.add([[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], {"LEMMA": "you"})
    ruler.add([[{"IS_SPACE": False, "TAG": "RB"}]], {"POS": "ADV"})
    index = AttributeIndex.of(ruler)
    assert index is not None

    theirs = _ruler_doc(nlp)
    ours = _ruler_doc(nlp)
    assert index.match(ours) == ruler.match(theirs)
    assert len(ruler.match(theirs)) == 8
    ruler(theirs)
    index_attribute_rulers(nlp)
    ruler(ours)
    assert [_annotation(t) for t in ours] == [_annotation(t) for t in theirs]


def test_a_ruler_with_a_pattern_the_index_cannot_read_keeps_spacys_matcher() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    ruler.add([[{"LENGTH": {">": 3}, "OP": "+"}]], {"POS": "X"})
    assert AttributeIndex.of(ruler) is None
    index_attribute_rulers(nlp)
    assert "match" not in vars(ruler)


def test_onrecord_pipelines_use_the_index() -> None:
    from onrecord.pipeline import nlp

    ruler = nlp.load().get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    assert isinstance(getattr(ruler.match, "__self__", None), AttributeIndex)
