"""Quotation-mark pairing (onrecord.text.marks): examples first, then properties.

``pair_quotes(text, paragraphs)`` returns the outermost quoted passages, each
from its opening mark to just after its closing mark. Paragraphs are given as
``(start, end)`` spans, one per non-blank line, as ``clean.find_layout`` makes
them; the helper ``paragraphs_of`` below does the same for test texts.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onrecord.lexicon import default_lexicon
from onrecord.text.clean import find_layout
from onrecord.text.marks import (
    MAX_CONTINUATION_CHARS,
    MAX_CONTINUATION_PARAGRAPHS,
    QuotedSpan,
    find_marks,
    pair_quotes,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SAMPLE = "rt_2022-02-15_security-guarantees"
MARKS = "\"“”„«»‘’‚‹›'`"

Span = tuple[int, int]


def paragraphs_of(text: str) -> list[Span]:
    """One paragraph per non-blank line, without its line break (like find_layout)."""
    spans: list[Span] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line.rstrip("\r"))
        if line.strip():
            spans.append((start, end))
        start += len(line) + 1
    return spans


def pairs(text: str) -> list[QuotedSpan]:
    return pair_quotes(text, paragraphs_of(text))


def quoted(text: str) -> list[str]:
    """The quoted passages of the text, marks included."""
    return [text[q.start : q.end] for q in pairs(text)]


# --- kinds of marks -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “no” twice.", ["“no”"]),
        ('He said "no" twice.', ['"no"']),
        ("He said ‘no’ twice.", ["‘no’"]),
        ("He said 'no' twice.", ["'no'"]),
        ("Er sagte „nein“ zweimal.", ["„nein“"]),
        ("Il a dit « non » deux fois.", ["« non »"]),
        ("Il a dit «non» deux fois.", ["«non»"]),
        ("Han sa ‹nej› två gånger.", ["‹nej›"]),
        ("He said, “No.” Then he left.", ["“No.”"]),
        ('He said: "No!"', ['"No!"']),
        ("“No,” he said.", ["“No,”"]),
        ("'No,' he said.", ["'No,'"]),
    ],
)
def test_each_kind_of_mark_pairs(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("''That is a big story,'' the economist said.", ["''That is a big story,''"]),
        ("He added, ''it gets harder.'' Then he left.", ["''it gets harder.''"]),
        ("He said ``this is 'fine' now.''", ["``this is 'fine' now.''"]),
        ("''We call it 'partners,' '' she said.", ["''We call it 'partners,' ''"]),
        ("''Vamos a casa,'' he said. ''Y ya.''", ["''Vamos a casa,''", "''Y ya.''"]),
    ],
)  # fmt: skip
def test_typewriter_double_marks_of_two_characters_pair_whole(
    text: str, expected: list[str]
) -> None:
    assert quoted(text) == expected
    assert all(q.family == "double" for q in pairs(text))


def test_a_multi_paragraph_quote_in_typewriter_marks() -> None:
    text = "''The first part.\n''The second part,'' he said."
    assert quoted(text) == [text[: text.index(" he said")]]


def test_several_kinds_in_one_paragraph() -> None:
    text = "He said “no”, then 'yes', then ‘maybe’ and finally \"fine\"."
    assert quoted(text) == ["“no”", "'yes'", "‘maybe’", '"fine"']


def test_family_and_paragraph_count_are_reported() -> None:
    (double,) = pairs("He said “no” twice.")
    (single,) = pairs("He said ‘no’ twice.")
    assert (double.family, double.paragraphs) == ("double", 1)
    assert (single.family, single.paragraphs) == ("single", 1)
    assert double.span == (double.start, double.end)


# --- apostrophes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I don't know.",
        "I don’t know.",
        "Castellan's campaign and Castellan’s campaign.",
        "The students’ union met the teachers' union.",
        "It was the ’90s, or the '90s, or the 1990’s.",
        "Rock ’n’ roll and O’Neill and O'Brien.",
        "The students’ union, Castellan's aides and the ’90s don't pair.",
    ],
)
def test_apostrophes_never_pair(text: str) -> None:
    assert quoted(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said ‘I don’t know’ today.", ["‘I don’t know’"]),
        ("He said 'I don't know' today.", ["'I don't know'"]),
        ("‘Castellan’s aides won’t talk,’ she said.", ["‘Castellan’s aides won’t talk,’"]),
        ("‘The students’ union is with us,’ she said.", ["‘The students’ union is with us,’"]),
        ("‘It was the ’90s,’ she said.", ["‘It was the ’90s,’"]),
        ("The students’ union said ‘no’.", ["‘no’"]),
        ("They said ‘no’ to the students’ union.", ["‘no’"]),
        ("“The students’ union won’t go,” she said.", ["“The students’ union won’t go,”"]),
    ],
)
def test_apostrophes_inside_and_beside_single_quotes(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


# --- nesting ------------------------------------------------------------------------------


def test_single_inside_double_is_one_outer_quote() -> None:
    assert quoted("“He said ‘no’ yesterday,” she said.") == ["“He said ‘no’ yesterday,”"]


def test_double_inside_double_is_one_outer_quote() -> None:
    assert quoted("“A “B” C,” she said.") == ["“A “B” C,”"]
    assert quoted("She said: “A “B” C”.") == ["“A “B” C”"]


def test_uk_style_double_inside_single_is_one_quote() -> None:
    assert quoted("‘He said “no”,’ she said.") == ["‘He said “no”,’"]
    assert quoted("She said: ‘He said “no”’.") == ["‘He said “no”’"]


def test_nested_quote_at_the_end_of_the_outer_one() -> None:
    assert quoted("He said: “I quote: ‘enough’”.") == ["“I quote: ‘enough’”"]


def test_double_quotes_inside_a_single_pair_that_crosses_a_double_one() -> None:
    # ‘... “no” ... “yes’ ...” : the single pair crosses the second double pair, so it is
    # not a quote; both double pairs are then outermost.
    text = "He said ‘I told him “no” and “yes’ at once” today."
    assert quoted(text) == ["“no”", "“yes’ at once”"]


def test_nested_quotes_side_by_side() -> None:
    text = "He said “a ‘b’ c” and she said ‘d “e” f’."
    assert quoted(text) == ["“a ‘b’ c”", "‘d “e” f’"]


# --- quotes over several paragraphs -------------------------------------------------------


def test_continuation_paragraphs_reopen_with_a_mark() -> None:
    text = "“First part.\n\n“Second part.\n\n“Third part,” he said.\n\nNext paragraph."
    (quote,) = pairs(text)
    assert text[quote.start : quote.end] == "“First part.\n\n“Second part.\n\n“Third part,”"
    assert quote.paragraphs == 3


def test_continuation_with_straight_marks() -> None:
    text = '"First part.\n\n"Second part," he said.'
    assert quoted(text) == ['"First part.\n\n"Second part,"']


def test_continuation_with_a_nested_quote_in_the_first_paragraph() -> None:
    text = "“They call it ‘peace’.\n\n“We do not,” he said."
    assert quoted(text) == ["“They call it ‘peace’.\n\n“We do not,”"]


def test_sloppy_continuation_without_opening_marks() -> None:
    text = "“First part.\n\nSecond part.\n\nThird part,” he said."
    (quote,) = pairs(text)
    assert text[quote.start : quote.end] == text[: text.index("”") + 1]
    assert quote.paragraphs == 3


def test_sloppy_continuation_closed_with_a_space_before_the_mark() -> None:
    text = (
        "“It is necessary to reach compromise solutions.\n\n"
        "Well, I see that they begin to realize it, ”said the researcher."
    )
    assert quoted(text) == [text[: text.index("”") + 1]]


def test_sloppy_continuation_with_a_nested_quote_before_the_break() -> None:
    text = "“Every day dates for the “invasion” are set.\n\nBut they know it, ”the analyst said."
    assert quoted(text) == [text[: text.rindex("”") + 1]]


def test_sloppy_continuation_with_a_nested_quote_after_the_break() -> None:
    text = "“Every day dates are set.\n\nThey call it an “invasion” now, ”the analyst said."
    assert quoted(text) == [text[: text.rindex("”") + 1]]


def test_sloppy_continuation_with_a_nested_quote_in_a_middle_paragraph() -> None:
    text = (
        "“Every day dates are set.\n\n"
        "They call it an “invasion” now.\n\n"
        "But we know better, ”the analyst said."
    )
    (quote,) = pairs(text)
    assert (quote.start, quote.end, quote.paragraphs) == (0, text.rindex("”") + 1, 3)


def test_unclosed_quote_is_dropped_before_a_new_multi_paragraph_quote() -> None:
    text = "“Never closed.\n\nHe said: “First part.\n\n“Second part,” he said."
    assert quoted(text) == ["“First part.\n\n“Second part,”"]


def test_uk_style_continuation_with_single_marks() -> None:
    text = "‘First part.\n\n‘Second part, with the students’ union,’ she said."
    (quote,) = pairs(text)
    assert (quote.start, quote.end) == (0, text.rindex("’") + 1)
    assert (quote.family, quote.paragraphs) == ("single", 2)


def test_unclosed_single_quote_is_dropped_when_the_next_paragraph_does_not_reopen_it() -> None:
    text = "He said ‘this is never closed.\n\nThe students’ union disagreed, she said."
    assert quoted(text) == []


def test_unclosed_quote_is_dropped_when_a_new_one_opens_mid_paragraph() -> None:
    text = "“This quote is never closed.\n\nThen he said “a new one” to reporters."
    assert quoted(text) == ["“a new one”"]


def test_unclosed_quote_is_dropped_when_a_new_one_opens_mid_paragraph_straight() -> None:
    text = '"This quote is never closed.\n\nThen he said "a new one" to reporters.'
    assert quoted(text) == ['"a new one"']


def test_quote_left_open_beyond_the_continuation_limit_is_dropped() -> None:
    filler = "\n\n".join(f"Paragraph {i} goes on." for i in range(MAX_CONTINUATION_PARAGRAPHS + 2))
    text = f"“Opened here.\n\n{filler}\n\nand closed, ” he said. Then “a short one” came."
    assert quoted(text) == ["“a short one”"]


def test_quote_within_the_continuation_limit_is_kept() -> None:
    filler = "\n\n".join(f"Paragraph {i} goes on." for i in range(MAX_CONTINUATION_PARAGRAPHS - 2))
    text = f"“Opened here.\n\n{filler}\n\nand closed,” he said."
    (quote,) = pairs(text)
    assert (quote.start, quote.end) == (0, text.index("”") + 1)
    assert quote.paragraphs == MAX_CONTINUATION_PARAGRAPHS


def test_quote_left_open_over_too_many_characters_is_dropped() -> None:
    long_paragraph = "word " * (MAX_CONTINUATION_CHARS // 5 + 10)
    text = f"“Opened here.\n\n{long_paragraph.strip()}.\n\nClosed,” he said."
    assert quoted(text) == []


def test_indented_continuation_paragraph_reopens_the_quote() -> None:
    text = "“First part.\n\n   “Second part,” he said."
    assert quoted(text) == [text[: text.index("”") + 1]]


def test_quote_never_closed_at_the_end_of_the_text_gives_nothing() -> None:
    assert quoted("He said “this never ends.\n\nAnd more.") == []


def test_paragraphs_between_quotes_do_not_join_them() -> None:
    text = "“One,” he said.\n\nNarrative.\n\n“Two,” she said."
    assert quoted(text) == ["“One,”", "“Two,”"]


# --- stray and mismatched marks -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "He said ” stray and “ stray.",
        "“",
        "”",
        '"',
        "'",
        "“ ” “ ”",
        "“““",
        "”””",
        "‘’‘’",
        '" " "',
        "\"'\"'",
        "« » « »",
        "„“”‚‘’",
        "He said “ and then nothing.\n\n” And a stray close.",
    ],
)
def test_stray_marks_never_crash_and_never_make_odd_spans(text: str) -> None:
    for quote in pairs(text):
        assert text[quote.start] in MARKS and text[quote.end - 1] in MARKS


def test_stray_closing_mark_before_a_real_quote() -> None:
    assert quoted("Here is a stray ” and then “a real quote”.") == ["“a real quote”"]


def test_stray_opening_mark_in_an_earlier_paragraph() -> None:
    text = "A stray “ in narrative.\n\nThen he said “a real quote” today."
    assert quoted(text) == ["“a real quote”"]


def test_stray_closing_mark_typed_like_an_opening_one_does_not_swallow_later_quotes() -> None:
    # The ', ”said' close of a quote that was dropped must not open a new quote.
    filler = "\n\n".join(f"Paragraph {i} goes on." for i in range(MAX_CONTINUATION_PARAGRAPHS + 2))
    text = f"“Opened here.\n\n{filler}\n\nand closed, ”said he. Then “a short one” came."
    assert quoted(text) == ["“a short one”"]


def test_one_quote_typed_with_a_closing_mark_at_both_ends_in_curly_text() -> None:
    text = "“Yes,” he said. ”No way,” she said."
    assert quoted(text) == ["“Yes,”", "”No way,”"]


def test_text_typed_with_only_right_double_marks() -> None:
    text = "”We will not back down,” he said. Critics called it ”a disaster”."
    assert quoted(text) == ["”We will not back down,”", "”a disaster”"]


def test_text_typed_with_only_left_double_marks() -> None:
    text = "“We will not back down,“ he said. Critics called it “a disaster“."
    assert quoted(text) == ["“We will not back down,“", "“a disaster“"]


def test_mixed_straight_and_curly_in_one_text() -> None:
    text = 'He said “no” and she said "yes".\n\n"Fine," they said.'
    assert quoted(text) == ["“no”", '"yes"', '"Fine,"']


def test_find_marks_reports_every_double_mark() -> None:
    text = "He said “no” and ”stray."
    ((index, doubles, singles),) = find_marks(text, paragraphs_of(text))
    assert index == 0
    assert [m.char for m in doubles] == ["“", "”", "”"]
    assert singles == []


# --- the sample article -------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> tuple[str, dict[str, Any]]:
    text = (EXAMPLES / f"{SAMPLE}.txt").read_text(encoding="utf-8")
    gold = json.loads((EXAMPLES / f"{SAMPLE}.gold.json").read_text(encoding="utf-8"))
    return text, gold


@pytest.fixture(scope="module")
def sample_pairs(sample: tuple[str, dict[str, Any]]) -> list[Span]:
    text, _ = sample
    layout = find_layout(text, default_lexicon())
    return [q.span for q in pair_quotes(text, layout.paragraphs)]


def _gold_quoted_passages(text: str, gold: dict[str, Any]) -> list[Span]:
    """Gold direct and partial contents, plus the quoted passages inside mixed contents."""
    passages: list[Span] = []
    for quote in gold["quotes"]:
        spans: list[Span] = [(start, end) for start, end in quote["content"]["spans"]]
        if quote["type"] in ("direct", "partial"):
            passages.extend(spans)
        elif quote["type"] == "mixed":
            for start, end in spans:
                marks = [i for i in range(start, end) if text[i] in '"“”']
                passages.extend((marks[i], marks[i + 1] + 1) for i in range(0, len(marks), 2))
    return sorted(passages)


def test_sample_gold_direct_and_partial_quotes_are_found(
    sample: tuple[str, dict[str, Any]], sample_pairs: list[Span]
) -> None:
    text, gold = sample
    for quote in gold["quotes"]:
        if quote["type"] in ("direct", "partial"):
            for start, end in quote["content"]["spans"]:
                assert (start, end) in sample_pairs, (quote["id"], text[start:end])


def test_sample_pairs_are_exactly_the_gold_passages_plus_the_top_level_scare_quote(
    sample: tuple[str, dict[str, Any]], sample_pairs: list[Span]
) -> None:
    text, gold = sample
    partners, russian_invasion = (tuple(span) for span in gold["scare_quotes"])
    assert text[partners[0] : partners[1]] == '"partners"'
    assert text[russian_invasion[0] : russian_invasion[1]] == "“Russian invasion”"
    expected = sorted([*_gold_quoted_passages(text, gold), partners])
    assert sample_pairs == expected


def test_sample_scare_quotes(sample: tuple[str, dict[str, Any]], sample_pairs: list[Span]) -> None:
    text, gold = sample
    partners, russian_invasion = (tuple(span) for span in gold["scare_quotes"])
    # Pairing does not judge scare quotes: "partners" is a quoted passage like any other.
    assert partners in sample_pairs
    # “Russian invasion” is nested inside Asafov's direct quote, so it is not an outer one.
    assert russian_invasion not in sample_pairs
    outer = [span for span in sample_pairs if span[0] < russian_invasion[0] < span[1]]
    assert len(outer) == 1
    assert text[outer[0][0] : outer[0][0] + 14] == "“The situation"
    assert outer[0][1] >= russian_invasion[1]


def test_sample_multi_paragraph_quotes_are_one_span_each(
    sample: tuple[str, dict[str, Any]],
) -> None:
    text, _ = sample
    layout = find_layout(text, default_lexicon())
    multi = [q for q in pair_quotes(text, layout.paragraphs) if q.paragraphs > 1]
    assert [text[q.start : q.start + 12] for q in multi] == [
        "“He (the res",
        "“As for the ",
        "“Earlier, Ru",
        "“The situati",
        "“Russia is w",
        "“Any provoca",
        "“Maneuvers i",
        "“For the fir",
    ]
    # Olenchenko's quote runs over "RT" and ") showed ..." to its ', ”said' close.
    assert multi[0].paragraphs == 4
    assert text[multi[0].end - 3 : multi[0].end + 4] == ", ”said"


# --- properties ---------------------------------------------------------------------------

WORDS = [
    "the",
    "minister",
    "said",
    "on",
    "Tuesday",
    "that",
    "talks",
    "with",
    "NATO",
    "would",
    "go",
    "on",
    "Russia's",
    "students’",
    "don't",
    "’90s",
    "O'Neill",
    "it's",
    "Castellan's",
]
MARK_CHARS = list(MARKS)

tokens = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(MARK_CHARS),
    st.tuples(st.sampled_from(MARK_CHARS), st.sampled_from(WORDS)).map("".join),
    st.tuples(st.sampled_from(WORDS), st.sampled_from(MARK_CHARS)).map("".join),
    st.tuples(
        st.sampled_from(WORDS), st.sampled_from([",", ".", "?", " -"]), st.sampled_from(MARK_CHARS)
    ).map("".join),
    st.sampled_from(["\n", "\n\n", "\n \n", "\r\n", "  • Photo caption\n", "© AFP\n", ".", ","]),
)
texts = st.lists(tokens, max_size=60).map(" ".join)

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(texts)
def test_spans_are_sorted_disjoint_and_start_and_end_at_marks(text: str) -> None:
    paragraphs = paragraphs_of(text)
    result = pair_quotes(text, paragraphs)
    previous_end = 0
    for quote in result:
        assert previous_end <= quote.start < quote.end <= len(text)
        assert text[quote.start] in MARKS
        assert text[quote.end - 1] in MARKS
        assert quote.end - quote.start >= 2
        touched = [p for p in paragraphs if p[0] < quote.end and quote.start < p[1]]
        assert touched and touched[0][0] <= quote.start and quote.end <= touched[-1][1]
        assert quote.paragraphs == len(touched)
        assert quote.family in ("double", "single")
        previous_end = quote.end


@FAST
@given(texts)
def test_pairing_is_deterministic(text: str) -> None:
    paragraphs = paragraphs_of(text)
    assert pair_quotes(text, paragraphs) == pair_quotes(text, list(paragraphs))


@FAST
@given(texts)
def test_pairing_with_find_layout_paragraphs(text: str) -> None:
    layout = find_layout(text, default_lexicon())
    for quote in pair_quotes(text, layout.paragraphs):
        assert 0 <= quote.start < quote.end <= len(text)
        assert text[quote.start] in MARKS and text[quote.end - 1] in MARKS


@FAST
@given(texts, st.sampled_from(["Plain words here.", "No marks at all", "Another line."]))
def test_mark_free_paragraphs_around_the_text_change_nothing_but_offsets(
    text: str, plain: str
) -> None:
    before = [(q.start, q.end, q.family, q.paragraphs) for q in pairs(text)]
    prefix = plain + "\n\n"
    shifted = [
        (q.start - len(prefix), q.end - len(prefix), q.family, q.paragraphs)
        for q in pairs(prefix + text + "\n\n" + plain)
    ]
    assert shifted == before


# Well-formed quoting: the text is built together with the spans pair_quotes must find.
PLAIN = WORDS[:12]
APOSTROPHE_WORDS = ["Russia's", "students’", "don't", "’90s", "O'Neill", "it’s"]
# (outer open, outer close, inner open, inner close)
STYLES = [
    ("“", "”", "‘", "’"),  # US curly
    ("‘", "’", "“", "”"),  # UK curly
    ('"', '"', "'", "'"),  # straight
    ('"', '"', "‘", "’"),  # straight outside, curly inside
]


@st.composite
def quote_body(
    draw: st.DrawFn, style: tuple[str, str, str, str], start_plain: bool, closes: bool = True
) -> str:
    """Words, apostrophes and closed inner quotes; never ends with an apostrophe.

    A possessive apostrophe after a letter ("students’ union") inside single marks is
    told from a closing mark by a surer closing mark later in the paragraph; in a
    paragraph where the quote does not close (``closes=False``) it would be ambiguous.
    """
    _, _, inner_open, inner_close = style
    apostrophes = [word for word in APOSTROPHE_WORDS if closes or not word.endswith(style[1])]
    items: list[str] = []
    for position in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["plain", "plain", "apostrophe", "inner"]))
        if kind == "inner" and not (start_plain and position == 0):
            words = draw(st.lists(st.sampled_from(PLAIN), min_size=1, max_size=3))
            items.append(inner_open + " ".join(words) + inner_close)
        elif kind == "apostrophe":
            items.append(draw(st.sampled_from(apostrophes)))
        else:
            items.append(draw(st.sampled_from(PLAIN)))
    items.append(draw(st.sampled_from(PLAIN)))
    return " ".join(items)


@st.composite
def article(draw: st.DrawFn) -> tuple[str, list[Span]]:
    text = ""
    expected: list[Span] = []
    for block in range(draw(st.integers(1, 5))):
        if block:
            text += draw(st.sampled_from(["\n\n", "\n", "\n \n"]))
        kind = draw(st.sampled_from(["narrative", "continued", "sloppy"]))
        style = draw(st.sampled_from(STYLES))
        opening, closing = style[0], style[1]
        if kind == "narrative":
            for segment in range(draw(st.integers(1, 3))):
                if segment:
                    text += ", "
                if draw(st.booleans()):
                    text += " ".join(draw(st.lists(st.sampled_from(PLAIN), min_size=1, max_size=5)))
                    continue
                body = draw(quote_body(style, start_plain=False))
                expected.append((len(text), len(text) + len(body) + 3))
                text += f"{opening}{body},{closing} he said"
            continue
        if kind == "sloppy":
            style = STYLES[0]  # continuation paragraphs without marks: curly double marks
            opening, closing = style[0], style[1]
        count = draw(st.integers(2, 4))
        start = len(text)
        for index in range(count):
            if index:
                text += draw(st.sampled_from(["\n\n", "\n"]))
            last = index == count - 1
            if index == 0 or kind == "continued":
                text += opening
            text += draw(quote_body(style, start_plain=index > 0 and kind == "sloppy", closes=last))
            if index < count - 1:
                text += "."
        ending = draw(st.sampled_from([",{} he said", ", {}said"] if kind == "sloppy" else [",{}"]))
        expected.append((start, len(text) + ending.index("{}") + 1))
        text += ending.format(closing)
        text += " the minister said."
    return text, expected


@FAST
@given(article())
def test_well_formed_quotes_are_found_exactly(case: tuple[str, list[Span]]) -> None:
    text, expected = case
    assert [q.span for q in pairs(text)] == expected, [text[s:e] for s, e in expected]


# --- linear time --------------------------------------------------------------------------


def _many_marks(count: int, seed: int) -> str:
    rnd = random.Random(seed)
    shapes = [
        lambda m: f" {m}word",
        lambda m: f"word{m} ",
        lambda m: f" {m} ",
        lambda m: f"w{m}w",
        lambda m: f", {m}",
    ]
    return "".join(rnd.choice(shapes)(rnd.choice(MARKS)) for _ in range(count))


def _best_time(text: str, paragraphs: list[Span], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        pair_quotes(text, paragraphs)
        best = min(best, time.perf_counter() - start)
    return best


def test_one_paragraph_with_many_marks_is_paired_in_linear_time() -> None:
    small, large = _many_marks(20_000, 1), _many_marks(200_000, 2)
    assert sum(char in MARKS for char in small) == 20_000
    assert sum(char in MARKS for char in large) == 200_000
    small_time = _best_time(small, [(0, len(small))], runs=5)
    large_time = _best_time(large, [(0, len(large))], runs=2)
    assert large_time / small_time < 30, (small_time, large_time)


def test_many_paragraphs_of_open_quotes_are_paired_in_linear_time() -> None:
    def text_of(count: int) -> str:
        # Quotes left open, reopened, and followed by paragraphs that make the pairing
        # look ahead for a sloppy continuation's closing mark.
        shapes = ["“Open " + "“a” ‘b’ " * 3, "He said “x” and ‘y’ again.", "No marks here."]
        return "\n\n".join(shapes[i % 3] for i in range(count))

    small, large = text_of(500), text_of(5_000)
    small_time = _best_time(small, paragraphs_of(small), runs=5)
    large_time = _best_time(large, paragraphs_of(large), runs=3)
    assert large_time / small_time < 30, (small_time, large_time)


def test_the_marks_of_markup_attribute_values_are_no_quotation_marks() -> None:
    text = 'Voters reacted. <tweet author="maraquist" tweet_id="6677">She said "no" twice.</tweet>'
    assert quoted(text) == ['"no"']
