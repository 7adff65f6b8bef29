"""Properties of the whole extractor (``onrecord.analyze``) on hostile and broken input.

Whatever the text, the record ``analyze`` returns

(a) validates against the committed JSON Schema (Draft 2020-12);
(b) points into the text: every span of every quote part (content, cue, source, date),
    entity mention, date, boilerplate block and heading is a non-empty span inside the
    text, and each quote part's ``text`` is its spans' text joined by a space;
(c) gives ``direct`` and ``partial`` quotes whose content starts and ends with a
    quotation mark;
(d) never has two quotes of the same type that overlap, unless one holds the other whole
    (a report of a report: "A agreed to B, the ministry said");
(e) is the same when the text is analysed again;

and text that cannot be an article (NUL, lone surrogates) is refused with an InputError,
never another exception.

Texts come from two generators: random Unicode (with a bias towards the characters the
pipeline cares about) and news-like articles assembled from word lists: reporting
verbs, names and titles, quotation marks of every kind (paired, mismatched, nested,
never closed, running over several paragraphs), blank lines, headings, and
caption/credit lines between the paragraphs. The spaCy model is loaded once per process.
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import onrecord
from conftest import ROOT
from onrecord.errors import InputError
from onrecord.record import ArticleRecord

SCHEMA = json.loads((ROOT / "schema" / "article.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
QUOTATION_MARKS = "\"'“”„«»‘’‚‹›`"
MAX_CHARS = 1500

PROPERTY = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

Span = tuple[int, int]

# --- generators ---------------------------------------------------------------------------

# Random Unicode: any code point but NUL (which analyze refuses with an InputError) and
# lone surrogates (not text; see tests/test_regressions.py), with extra weight on marks,
# line breaks, bullets and Latin letters so that the layout and quote code has work to do.
_NOISE_ALPHABET = st.one_of(
    st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
    st.sampled_from(QUOTATION_MARKS),
    st.sampled_from(["\n", "\n", " ", " ", "\r", "\t", "\u00a0", "•", "©", ":", ",", ".", "-"]),
    st.characters(min_codepoint=ord("A"), max_codepoint=ord("z")),
)
random_texts = st.one_of(
    st.text(
        alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
        max_size=300,
    ),
    st.text(alphabet=_NOISE_ALPHABET, max_size=600),
)

NAMES = [
    "Sergei Lavrov",
    "Sergey Lavrov",
    "Vladimir Putin",
    "Olaf Scholz",
    "Zbigniew Rau",
    "Jane Doe",
    "Ned Price",
    "Maria Zakharova",
    "Vladimir Olenchenko",
    "Jens Stoltenberg",
]
SOURCES = [
    "he",
    "she",
    "they",
    "the minister",
    "the Russian leader",
    "the head of the department",
    "the expert",
    "a senior official",
    "the Kremlin",
    "NATO",
    "the State Department",
    "a spokeswoman",
]
TITLES = [
    "Foreign Minister",
    "Russian President",
    "German Chancellor",
    "NATO Secretary General",
    "State Department spokesman",
    "senior researcher at IMEMO RAS",
]
VERBS = [
    "said",
    "says",
    "told reporters",
    "told RT",
    "added",
    "noted",
    "stressed",
    "warned",
    "emphasized",
    "insisted",
    "claimed",
    "denied",
    "demanded",
    "argued",
    "wrote",
]
WORDS = [
    "we",
    "the",
    "security",
    "guarantees",
    "talks",
    "are",
    "ready",
    "to",
    "continue",
    "West",
    "responded",
    "Russia's",
    "don't",
    "partners",
    "NATO",
    "expansion",
    "is",
    "unacceptable",
    "on",
    "February",
    "15",
    "last",
    "year",
    "students’",
    "’90s",
    "O'Neill",
    "it’s",
    "a",
    "threat",
    "dialogue",
    "Moscow",
    "Washington",
    "...",
    "-",
    "(the",
    "response",
    "of",
    "RT)",
]
DATES = ["on February 15", "two days earlier", "on Tuesday", "in December last year", "", ""]
# Proper pairs, and the mismatched and mixed-up pairs sloppy copy has.
PAIRS = [
    ("“", "”"),
    ('"', '"'),
    ("„", "“"),
    ("«", "»"),
    ("»", "«"),
    ("‘", "’"),
    ("'", "'"),
    ("‚", "‘"),
    ("‹", "›"),
    ("”", "”"),
    ("“", "“"),
    ("“", '"'),
    ('"', "”"),
]
CAPTIONS = [
    "  • Photo caption",
    "  • Russian Foreign Minister Sergei Lavrov",
    "  • RIA News",
    "  • © Press Service of the Ministry of Foreign Affairs",
    "© Reuters",
    "Photo: AP",
    "Getty Images",
    "  • Gettyimages.ru",
    "Advertisement",
]
HEADINGS = ["Chance for an agreement", "Free interpretation", "Security guarantees", "RT"]
BREAKS = ["\n\n", "\n\n", "\n", "\r\n\r\n", "\n \n", "\n\n\n", "\n  \n"]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


@st.composite
def marks(draw: st.DrawFn) -> tuple[str, str]:
    """An opening and a closing mark: mostly a known pair, sometimes any two marks."""
    if draw(st.integers(0, 4)) == 0:
        return draw(st.sampled_from(QUOTATION_MARKS)), draw(st.sampled_from(QUOTATION_MARKS))
    return draw(st.sampled_from(PAIRS))


@st.composite
def words(draw: st.DrawFn, min_size: int = 1, max_size: int = 10) -> str:
    return " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=min_size, max_size=max_size)))


@st.composite
def quoted(draw: st.DrawFn) -> str:
    """Words between marks: maybe a nested quote inside, maybe no closing mark."""
    opening, closing = draw(marks())
    body = draw(words())
    if draw(st.integers(0, 3)) == 0:
        inner_open, inner_close = draw(marks())
        body = (
            f"{body} {inner_open}{draw(words(max_size=4))}{inner_close} {draw(words(max_size=3))}"
        )
    punctuation = draw(st.sampled_from([",", ".", "", "?", " ...", ", "]))
    if draw(st.integers(0, 7)) == 0:
        closing = ""  # never closed
    return f"{opening}{body}{punctuation}{closing}"


@st.composite
def source(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["name", "titled", "description"]))
    if kind == "name":
        return draw(st.sampled_from(NAMES))
    if kind == "titled":
        return f"{draw(st.sampled_from(TITLES))} {draw(st.sampled_from(NAMES))}"
    return draw(st.sampled_from(SOURCES))


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    who, verb, when = draw(source()), draw(st.sampled_from(VERBS)), draw(st.sampled_from(DATES))
    when = f" {when}" if when else ""
    form = draw(st.integers(0, 8))
    if form == 0:  # “...,” he said.
        return f"{draw(quoted())} {who} {verb}{when}."
    if form == 1:  # He said: “...”
        return f"{_upper_first(who)} {verb}{when}: {draw(quoted())}"
    if form == 2:  # indirect
        return f"{_upper_first(who)} {verb}{when} that {draw(words())}."
    if form == 3:  # “...,” he said, “...”
        return f"{draw(quoted())} {who} {verb}, {draw(quoted())}"
    if form == 4:  # partial / mixed
        lead = f"{_upper_first(who)} {verb} the {draw(words(max_size=3))}"
        return f"{lead} {draw(quoted())} {draw(words())}."
    if form == 5:  # According to
        return f"According to {who}, {draw(words())}."
    if form == 6:  # scare quotes
        opening, closing = draw(marks())
        return f"The {opening}{draw(st.sampled_from(WORDS))}{closing} {draw(words())}."
    if form == 7:  # a dash name
        return f"{draw(quoted())} - {draw(st.sampled_from(NAMES))}"
    return f"{draw(words())}."  # narrative


@st.composite
def multi_paragraph_quote(draw: st.DrawFn) -> list[str]:
    """A quote over several paragraphs; continuations reopen with a mark, or not."""
    opening, closing = draw(marks())
    count = draw(st.integers(2, 4))
    parts: list[str] = []
    for index in range(count):
        reopen = index == 0 or draw(st.booleans())
        text = (opening if reopen else "") + draw(words()) + "."
        if index == count - 1:
            closing_text = draw(st.sampled_from([f",{closing}", f", {closing}", "", closing]))
            text = text[:-1] + closing_text + f" {draw(source())} {draw(st.sampled_from(VERBS))}."
        parts.append(text)
    return parts


@st.composite
def news_texts(draw: st.DrawFn) -> str:
    blocks: list[str] = []
    if draw(st.booleans()):
        blocks.append(_upper_first(draw(words(max_size=8))))  # a headline
    for _ in range(draw(st.integers(1, 14))):
        kind = draw(st.integers(0, 9))
        if kind <= 5:
            blocks.append(draw(paragraph()))
        elif kind == 6:
            blocks.extend(draw(multi_paragraph_quote()))
        elif kind == 7:
            blocks.extend(draw(st.lists(st.sampled_from(CAPTIONS), min_size=1, max_size=3)))
        elif kind == 8:
            blocks.append(draw(st.sampled_from(HEADINGS)))
        else:
            blocks.append(draw(st.sampled_from(["", " ", "\t", "  "])))  # a blank line
    text = ""
    for index, block in enumerate(blocks):
        if index:
            text += draw(st.sampled_from(BREAKS))
        text += block
    if draw(st.booleans()):
        text += draw(st.sampled_from(["", "\n", "\n\n", " "]))
    return text[:MAX_CHARS]


# Characters that trip up offsets and line handling: line and paragraph separators other
# than "\n", zero-width and combining characters, characters outside the BMP, soft hyphens.
ODD_CHARS = [
    "\u2028",
    "\u2029",
    "\x85",
    "\x0b",
    "\x0c",
    "\r",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u0301",
    "\u00ad",
    "\u00a0",
    "\u202f",
    "\U0001f600",
    "\u05d0",
    " ",
    "\t",
]


@st.composite
def mangled_news_texts(draw: st.DrawFn) -> str:
    """A news-like text with odd characters dropped in at random places."""
    text = draw(news_texts())
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(ODD_CHARS)) + text[at:]
    return text[:MAX_CHARS]


# Hostile shapes, the ones benchmarks/growth.py measures for linear time: one line without
# full stops full of marks and cue words; opening marks each followed by a word; many short
# lines; nested and unbalanced marks of every family; names and titles; date expressions; a
# list of "X said" sentences; a table of numbers and punctuation. Up to HOSTILE_CHARS
# characters, so that the sentence-length bound of the parser (250 tokens) is reached.
HOSTILE_CHARS = 4000
_HOSTILE_PIECES = {
    "one line": ["said", "he", "told", "“", "”", '"', "“Yes,”", "war", "NATO", ",", "—", "the"],
    "opening marks": ["“said", "“he", "“NATO", "“war", "“the", "«minister", "„talks"],
    "short lines": ["said\n", "“\n", "Photo: Reuters\n", "he said\n", "”\n", "\n\n", "©\n"],
    "nested marks": [f"{a}word{b}" for a in QUOTATION_MARKS[:8] for b in QUOTATION_MARKS[6:]],
    "names": [f"{t} {n}, " for t in TITLES[:3] for n in NAMES[:4]] + ["said ", "told "],
    "dates": ["on February 15, ", "Two days earlier ", "December last year ", "2022-02-15 "],
    "said list": [f"{n} said the plan would work. " for n in NAMES[:4]] + ["He said so. "],
    "table": ["12 | ", "3.5% | ", "(7) | ", "- | ", "$1,000 | ", "\n", '" | '],
}


@st.composite
def hostile_texts(draw: st.DrawFn) -> str:
    pieces = _HOSTILE_PIECES[draw(st.sampled_from(sorted(_HOSTILE_PIECES)))]
    rng = draw(st.randoms(use_true_random=False))
    chosen = [rng.choice(pieces) for _ in range(draw(st.integers(1, 800)))]
    joiner = "" if chosen[0].endswith((" ", "\n")) else " "
    return joiner.join(chosen)[:HOSTILE_CHARS]


any_texts = st.one_of(random_texts, news_texts(), news_texts(), mangled_news_texts())


# --- the checks ---------------------------------------------------------------------------


def _in_text(text: str, span: Any, what: str) -> None:
    start, end = span
    assert 0 <= start < end <= len(text), f"{what}: span {span} outside the text or empty"


def _quote_parts(quote: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    parts = [("content", quote["content"])]
    parts += [(name, quote[name]) for name in ("cue", "source", "date") if quote[name]]
    return parts


def check_schema(record: ArticleRecord) -> None:
    errors = [e.message for e in VALIDATOR.iter_errors(json.loads(record.to_json()))]
    assert not errors, errors


def check_spans(text: str, record: ArticleRecord) -> None:
    data: dict[str, Any] = json.loads(record.to_json())
    for quote in data["quotes"]:
        for name, part in _quote_parts(quote):
            assert part["spans"], f"{quote['id']} {name}: no spans"
            for span in part["spans"]:
                _in_text(text, span, f"{quote['id']} {name}")
            joined = " ".join(text[s:e] for s, e in part["spans"])
            assert part["text"] == joined, f"{quote['id']} {name}: text is not its spans' text"
    for entity in data["entities"]:
        for span in entity["mentions"]:
            _in_text(text, span, f"entity {entity['id']} mention")
    for date in data["dates"]:
        for span in date["spans"]:
            _in_text(text, span, f"date {date['text']!r}")
    for span in data["boilerplate"]:
        _in_text(text, span, "boilerplate")
    for span in data["headings"]:
        _in_text(text, span, "heading")


def check_quotation_marks(record: ArticleRecord) -> None:
    for quote in record.quotes:
        if quote.type in ("direct", "partial"):
            content = quote.content.text
            assert content[:1] in QUOTATION_MARKS and content[-1:] in QUOTATION_MARKS, (
                f"{quote.id} ({quote.type}): {content!r} does not start and end with a mark"
            )


def check_no_overlap(record: ArticleRecord) -> None:
    for i, first in enumerate(record.quotes):
        for second in record.quotes[i + 1 :]:
            if first.type != second.type:
                continue
            for a in first.content.spans:
                for b in second.content.spans:
                    nested = (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])
                    assert nested or not (a[0] < b[1] and b[0] < a[1]), (
                        f"{first.id} and {second.id} ({first.type}) overlap: {a} and {b}"
                    )


# --- the properties -----------------------------------------------------------------------


@PROPERTY
@given(any_texts)
def test_record_validates_against_the_schema(text: str) -> None:
    check_schema(onrecord.analyze(text))


@PROPERTY
@given(any_texts)
def test_every_span_lies_inside_the_text_and_spells_its_text(text: str) -> None:
    check_spans(text, onrecord.analyze(text))


@PROPERTY
@given(any_texts)
def test_direct_and_partial_quotes_start_and_end_with_a_quotation_mark(text: str) -> None:
    check_quotation_marks(onrecord.analyze(text))


@PROPERTY
@given(any_texts)
def test_no_two_quotes_of_the_same_type_overlap(text: str) -> None:
    check_no_overlap(onrecord.analyze(text))


@PROPERTY
@given(any_texts)
def test_analysis_is_deterministic(text: str) -> None:
    first = onrecord.analyze(text, doc_id="d", published="2022-02-16")
    second = onrecord.analyze(text, doc_id="d", published="2022-02-16")
    assert first.to_dict() == second.to_dict()


@settings(PROPERTY, max_examples=60)
@given(news_texts())
def test_all_properties_hold_with_a_publication_date(text: str) -> None:
    record = onrecord.analyze(text, doc_id="dated", published="2022-02-16")
    check_schema(record)
    check_spans(text, record)
    check_quotation_marks(record)
    check_no_overlap(record)


@settings(PROPERTY, max_examples=40)
@given(hostile_texts())
def test_all_properties_hold_on_hostile_shapes(text: str) -> None:
    record = onrecord.analyze(text, doc_id="hostile", published="2022-02-16")
    check_schema(record)
    check_spans(text, record)
    check_quotation_marks(record)
    check_no_overlap(record)
    again = onrecord.analyze(text, doc_id="hostile", published="2022-02-16")
    assert again.to_dict() == record.to_dict()


@PROPERTY
@given(
    st.text(
        alphabet=st.one_of(
            st.characters(),
            st.sampled_from(["\x00", "\ud800", "\udbff", "\udc00", "\udfff"]),
            st.sampled_from(QUOTATION_MARKS + "\n "),
        ),
        max_size=300,
    )
)
def test_text_that_is_not_an_article_is_refused_with_an_input_error(text: str) -> None:
    """NUL and lone surrogates are refused with an InputError; anything else is analysed."""
    refuse = "\x00" in text or any("\ud800" <= char <= "\udfff" for char in text)
    try:
        record = onrecord.analyze(text)
    except InputError:
        assert refuse, "an InputError for text that is fine"
        return
    assert not refuse, "text with NUL or a lone surrogate was analysed"
    check_schema(record)
