"""Layout (onrecord.text.clean): boilerplate, headings, title, and the blanked parser text.

Spans are whole lines, ``(start, end)`` of the line without its line break, as
offsets into the original text. Nothing is deleted: ``Layout.parser_text``
blanks boilerplate and headings so every offset stays the same.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import onrecord
from onrecord.lexicon import Lexicon, default_lexicon
from onrecord.text.clean import Layout, blank, find_layout

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SAMPLE = "rt_2022-02-15_security-guarantees"

Span = tuple[int, int]


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return default_lexicon()


def layout_of(text: str) -> Layout:
    return find_layout(text, default_lexicon())


def lines_of(text: str, spans: list[Span]) -> list[str]:
    return [text[start:end] for start, end in spans]


def boilerplate(text: str) -> list[str]:
    return lines_of(text, layout_of(text).boilerplate)


def headings(text: str) -> list[str]:
    return lines_of(text, layout_of(text).headings)


def title(text: str) -> str | None:
    span = layout_of(text).title
    return None if span is None else text[span[0] : span[1]]


# --- the sample article -------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> tuple[str, dict[str, Any]]:
    text = (EXAMPLES / f"{SAMPLE}.txt").read_text(encoding="utf-8")
    gold = json.loads((EXAMPLES / f"{SAMPLE}.gold.json").read_text(encoding="utf-8"))
    return text, gold


def test_sample_boilerplate_is_exactly_the_gold(
    sample: tuple[str, dict[str, Any]], lexicon: Lexicon
) -> None:
    text, gold = sample
    layout = find_layout(text, lexicon)
    assert layout.boilerplate == [tuple(span) for span in gold["boilerplate"]]
    assert lines_of(text, layout.boilerplate)[:3] == [
        "  • Russian Foreign Minister Sergei Lavrov",
        "  • RIA News",
        "  • © Press Service of the Ministry of Foreign Affairs of the Russian Federation",
    ]


def test_sample_headings_are_exactly_the_gold(
    sample: tuple[str, dict[str, Any]], lexicon: Lexicon
) -> None:
    text, gold = sample
    layout = find_layout(text, lexicon)
    assert layout.headings == [tuple(span) for span in gold["headings"]]
    assert lines_of(text, layout.headings) == [
        "Chance for an agreement",
        "Free interpretation",
        "Change of position",
    ]


def test_sample_short_line_inside_a_quote_is_not_a_heading(
    sample: tuple[str, dict[str, Any]], lexicon: Lexicon
) -> None:
    text, _ = sample
    layout = find_layout(text, lexicon)
    start = text.index("\n\nRT\n\n") + 2
    rt = (start, start + 2)
    assert text[rt[0] : rt[1]] == "RT"
    assert rt not in layout.headings
    assert rt not in layout.boilerplate
    assert rt in layout.paragraphs  # it stays in the text the quote pairing reads


def test_sample_opening_sentence_is_neither_title_nor_heading(
    sample: tuple[str, dict[str, Any]], lexicon: Lexicon
) -> None:
    text, _ = sample
    layout = find_layout(text, lexicon)
    first_line = (0, text.index("\n"))
    assert layout.title is None
    assert first_line not in layout.headings
    assert layout.paragraphs[0] == first_line


def test_sample_paragraphs_are_the_other_non_blank_lines(
    sample: tuple[str, dict[str, Any]], lexicon: Lexicon
) -> None:
    text, _ = sample
    layout = find_layout(text, lexicon)
    non_blank = [span for span in whole_lines(text) if text[span[0] : span[1]].strip()]
    assert layout.paragraphs == [span for span in non_blank if span not in layout.boilerplate]


def test_sample_parser_text_blanks_in_place(
    sample: tuple[str, dict[str, Any]], lexicon: Lexicon
) -> None:
    text, _ = sample
    layout = find_layout(text, lexicon)
    parsed = layout.parser_text(text)
    assert len(parsed) == len(text)
    assert [i for i, c in enumerate(parsed) if c == "\n"] == [
        i for i, c in enumerate(text) if c == "\n"
    ]
    blanked: set[int] = set()
    for start, end in [*layout.boilerplate, *layout.headings]:
        assert parsed[start:end] == " " * (end - start)
        blanked.update(range(start, end))
    assert all(parsed[i] == text[i] for i in range(len(text)) if i not in blanked)
    assert "RIA News" not in parsed and "Change of position" not in parsed
    assert "\nRT\n" in parsed


# --- small articles -----------------------------------------------------------------------

ARTICLE = """\
Ministers agree on budget deal

By Jane Doe

The finance ministers agreed on Tuesday to a new budget deal.

Finance ministers at the meeting in Brussels
Photo: Reuters

“This is a good day,” the minister said.

Share this article

Advertisement

What comes next

The deal must still be approved by parliament.

The plan includes:

• Higher taxes on tobacco products from next year.
• A new fund for regional development.
• Lower fees for students.

Protesters outside the parliament building
© AFP

The vote is expected next week."""


def test_article_boilerplate(lexicon: Lexicon) -> None:
    assert boilerplate(ARTICLE) == [
        "By Jane Doe",
        "Finance ministers at the meeting in Brussels",
        "Photo: Reuters",
        "Share this article",
        "Advertisement",
        "Protesters outside the parliament building",
        "© AFP",
    ]


def test_article_heading_and_title() -> None:
    assert headings(ARTICLE) == ["What comes next"]
    assert title(ARTICLE) == "Ministers agree on budget deal"


def test_article_bulleted_sentences_stay_in_the_body() -> None:
    layout = layout_of(ARTICLE)
    bullets = [line for line in lines_of(ARTICLE, layout.paragraphs) if line.startswith("•")]
    assert bullets == [
        "• Higher taxes on tobacco products from next year.",
        "• A new fund for regional development.",
        "• Lower fees for students.",
    ]
    assert not any(line.startswith("•") for line in boilerplate(ARTICLE))


def test_bulleted_fragments_after_a_colon_are_a_list_not_captions() -> None:
    text = (
        "The agreement covers three areas:\n\n"
        "  • Missile deployments in Europe\n"
        "  • Military exercises near borders\n"
        "  • Incidents at sea\n\n"
        "Talks on each will start in March."
    )
    assert boilerplate(text) == []
    assert len(layout_of(text).paragraphs) == 5


def test_bulleted_caption_lines_after_a_paragraph_are_boilerplate() -> None:
    text = (
        "The minister spoke on Tuesday.\n\n"
        "  • Foreign Minister Sergei Lavrov\n\n"
        "  • RIA News\n\n"
        "  • © Press Service of the Ministry\n\n"
        "He said talks would continue."
    )
    assert boilerplate(text) == [
        "  • Foreign Minister Sergei Lavrov",
        "  • RIA News",
        "  • © Press Service of the Ministry",
    ]


@pytest.mark.parametrize(
    "credit", ["Photo: Reuters", "© AFP", "Photo: AFP/Getty Images", "Image: Jane Doe/AP"]
)
def test_caption_line_followed_by_a_credit_line(credit: str) -> None:
    text = (
        "The talks went on late into the night.\n\n"
        f"Delegates leave the building in Geneva\n{credit}\n\n"
        "A second round is planned for March."
    )
    assert boilerplate(text) == ["Delegates leave the building in Geneva", credit]
    assert headings(text) == []


def test_caption_line_separated_from_its_credit_by_a_blank_line() -> None:
    text = (
        "The talks went on late into the night.\n\n"
        "Delegates leave the building in Geneva\n\n© AFP\n\n"
        "A second round is planned for March."
    )
    assert boilerplate(text) == ["Delegates leave the building in Geneva", "© AFP"]


def test_sentence_before_a_credit_line_is_not_a_caption() -> None:
    text = "The talks went on late into the night.\n\nThe delegates left at dawn.\n© AFP"
    assert boilerplate(text) == ["© AFP"]


@pytest.mark.parametrize(
    "line",
    [
        "Share this article",
        "Share",
        "Advertisement",
        "ADVERTISEMENT",
        "Share on Facebook",
        "Facebook | Twitter | Email",
        "By Jane Doe",
        "BY JANE DOE",
        "Read more: Talks collapse in Geneva",
        "© 2022 Example News",
        "Copyright 2022 Example News. All rights reserved.",
    ],
)
def test_single_boilerplate_lines_between_paragraphs(line: str) -> None:
    text = f"The first paragraph ends here.\n\n{line}\n\nThe second paragraph ends here."
    assert boilerplate(text) == [line]
    assert headings(text) == []


@pytest.mark.parametrize(
    "line",
    [
        "By contrast, the opposition rejected the plan.",
        "By the end of the day, no agreement had been reached.",
        "Photos of the meeting were published on Tuesday, the ministry said.",
        "Share prices fell sharply after the announcement.",
        "Advertisements for the campaign ran all week.",
    ],
)
def test_body_sentences_that_look_like_boilerplate_are_not(line: str) -> None:
    text = f"The first paragraph ends here.\n\n{line}\n\nThe second paragraph ends here."
    assert boilerplate(text) == []


def test_section_heading_between_paragraphs() -> None:
    text = (
        "The first part of the story ends here.\n\n"
        "Reaction in Washington\n\n"
        "The White House said it would respond."
    )
    assert headings(text) == ["Reaction in Washington"]
    assert boilerplate(text) == []
    assert title(text) is None


@pytest.mark.parametrize(
    "text",
    [
        # A short line that continues an unfinished sentence.
        "The talks were held in\n\nGeneva\n\nand ended on Tuesday.",
        # A short line followed by a paragraph that starts in lower case.
        "The talks ended.\n\nIn Geneva\n\nthey said nothing more.",
        # A short line that ends like a sentence.
        "The talks ended.\n\nNothing more was said.\n\nThe delegates left.",
        # A short line in the middle of a paragraph block, not set apart by blank lines.
        "The talks ended.\nIn Geneva\nThe delegates left.",
        # A short line at the very end.
        "The talks ended.\n\nThe End",
    ],
)
def test_short_lines_that_are_not_headings(text: str) -> None:
    assert headings(text) == []


def test_first_line_headline_is_the_title_not_a_heading() -> None:
    text = "Talks collapse in Geneva\n\nThe talks ended on Tuesday.\n\nNo date was set."
    layout = layout_of(text)
    assert title(text) == "Talks collapse in Geneva"
    assert layout.headings == []
    assert layout.title not in layout.boilerplate


def test_quoted_headline_is_the_title() -> None:
    text = "“We will not back down”: minister\n\nThe minister spoke on Tuesday."
    assert title(text) == "“We will not back down”: minister"


def test_first_line_sentence_is_not_a_title() -> None:
    assert title("The talks ended on Tuesday.\n\nNo date was set.") is None


def test_first_line_without_a_blank_line_after_it_is_not_a_title() -> None:
    assert title("Talks collapse in Geneva\nThe talks ended on Tuesday.") is None


def test_leading_boilerplate_is_not_the_title() -> None:
    text = "Advertisement\n\nTalks collapse in Geneva\n\nThe talks ended on Tuesday."
    assert boilerplate(text) == ["Advertisement"]
    assert title(text) == "Talks collapse in Geneva"
    assert headings(text) == []


def test_windows_line_endings() -> None:
    text = ARTICLE.replace("\n", "\r\n")
    layout = layout_of(text)
    unix = layout_of(ARTICLE)
    assert lines_of(text, layout.boilerplate) == lines_of(ARTICLE, unix.boilerplate)
    assert lines_of(text, layout.headings) == lines_of(ARTICLE, unix.headings)
    assert lines_of(text, layout.paragraphs) == lines_of(ARTICLE, unix.paragraphs)
    assert layout.title is not None and text[layout.title[0] : layout.title[1]] == (
        "Ministers agree on budget deal"
    )
    for start, end in [*layout.boilerplate, *layout.headings, *layout.paragraphs]:
        assert "\r" not in text[start:end]
        assert text[end : end + 2] == "\r\n" or end == len(text)
    parsed = layout.parser_text(text)
    assert len(parsed) == len(text)
    assert parsed.count("\r\n") == text.count("\r\n")


@pytest.mark.parametrize("text", ["", "\n", "\n\n\n", "   \n \t \n", "\r\n\r\n", "•", "©"])
def test_empty_and_degenerate_texts(text: str) -> None:
    layout = layout_of(text)
    assert len(layout.parser_text(text)) == len(text)
    for start, end in [*layout.paragraphs, *layout.boilerplate, *layout.headings]:
        assert 0 <= start < end <= len(text)


# --- blank --------------------------------------------------------------------------------


def test_blank_replaces_characters_but_keeps_line_breaks() -> None:
    assert blank("ab\ncd\r\nef", [(1, 8)]) == "a \n  \r\n f"


def test_blank_with_no_spans_returns_the_text() -> None:
    assert blank("abc", []) == "abc"


def test_blank_accepts_unsorted_spans() -> None:
    assert blank("abcdef", [(4, 5), (0, 2)]) == "  cd f"


def test_blank_with_overlapping_spans_keeps_the_length() -> None:
    assert blank("abcdef", [(0, 3), (2, 5)]) == "     f"
    assert blank("abcdef", [(0, 5), (1, 2)]) == "     f"
    assert blank("abcdef", [(2, 2), (3, 3)]) == "abcdef"


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
    "in",
    "Geneva",
    "Russia's",
    "“we",
    "will”",
    "‘no’",
    '"yes"',
]
SPECIAL_LINES = [
    "  • Russian Foreign Minister Sergei Lavrov",
    "  • RIA News",
    "  • © Dursun Aydemir/Anadolu Agency",
    "Photo: Reuters",
    "© AFP",
    "Share this article",
    "Advertisement",
    "By Jane Doe",
    "Reaction in Washington",
    "RT",
    "• A full sentence in a list.",
    "",
    " ",
]

sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(
    lambda words: " ".join(words) + "."
)
fragment = st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join)
line = st.one_of(sentence, fragment, st.sampled_from(SPECIAL_LINES))
texts = st.tuples(
    st.lists(st.tuples(line, st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"])), max_size=25),
    st.booleans(),
).map(lambda t: "".join(text + end for text, end in t[0]) + ("" if t[1] else "tail"))

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def whole_lines(text: str) -> list[Span]:
    """Every line of the text without its line break (\\n or \\r\\n)."""
    spans: list[Span] = []
    start = 0
    for raw in text.split("\n"):
        spans.append((start, start + len(raw.rstrip("\r"))))
        start += len(raw) + 1
    return spans


@FAST
@given(texts)
def test_layout_spans_are_whole_non_blank_lines(text: str) -> None:
    layout = layout_of(text)
    lines = whole_lines(text)
    line_set = set(lines)
    non_blank = [span for span in lines if text[span[0] : span[1]].strip()]
    for spans in (layout.paragraphs, layout.boilerplate, layout.headings):
        assert spans == sorted(spans)
        assert len(set(spans)) == len(spans)
        for span in spans:
            assert span in line_set
            assert text[span[0] : span[1]].strip()
    assert not set(layout.boilerplate) & set(layout.headings)
    assert set(layout.headings) <= set(layout.paragraphs)
    assert layout.paragraphs == [span for span in non_blank if span not in layout.boilerplate]
    if layout.title is not None:
        assert layout.title in layout.paragraphs
        assert layout.title not in layout.headings


@FAST
@given(texts)
def test_parser_text_keeps_length_and_line_breaks(text: str) -> None:
    layout = layout_of(text)
    parsed = layout.parser_text(text)
    assert len(parsed) == len(text)
    for original, seen in zip(text, parsed, strict=True):
        assert seen == original or (seen == " " and original not in "\r\n")
    blanked = {
        i for start, end in [*layout.boilerplate, *layout.headings] for i in range(start, end)
    }
    assert all(parsed[i] == text[i] for i in range(len(text)) if i not in blanked)
    assert all(parsed[i] == " " for i in blanked)


@FAST
@given(texts)
def test_layout_is_deterministic_and_independent_of_a_trailing_newline(text: str) -> None:
    first, second = layout_of(text), layout_of(text)
    assert first == second
    with_newline = layout_of(text + "\n")
    assert with_newline.boilerplate == first.boilerplate
    assert with_newline.paragraphs == first.paragraphs


@FAST
@given(st.text(alphabet=st.sampled_from(list("ab .•©\n\r\t:“”")), max_size=80))
def test_layout_never_fails_on_odd_text(text: str) -> None:
    layout = layout_of(text)
    assert len(layout.parser_text(text)) == len(text)
    for start, end in [*layout.paragraphs, *layout.boilerplate, *layout.headings]:
        assert 0 <= start < end <= len(text)


@FAST
@given(
    st.text(alphabet=st.sampled_from(list("ab\n\r ")), max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=5),
)
def test_blank_keeps_length_and_line_breaks_for_any_spans(
    text: str, raw_spans: list[tuple[int, int]]
) -> None:
    spans = [(min(a, b, len(text)), min(max(a, b), len(text))) for a, b in raw_spans]
    blanked = blank(text, spans)
    assert len(blanked) == len(text)
    covered = {i for start, end in spans for i in range(start, end)}
    for i, (original, seen) in enumerate(zip(text, blanked, strict=True)):
        if i in covered and original not in "\r\n":
            assert seen == " "
        else:
            assert seen == original


# --- linear time --------------------------------------------------------------------------


def _best_time(text: str, runs: int) -> float:
    lexicon = default_lexicon()
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        find_layout(text, lexicon)
        best = min(best, time.perf_counter() - start)
    return best


def test_many_lines_are_laid_out_in_linear_time() -> None:
    def text_of(count: int) -> str:
        lines = ["Section heading", "  • RIA News", "A body sentence that ends here."]
        return "\n\n".join(lines[i % 3] for i in range(count))

    # 20 times the lines: about 20-30 times the time when linear; a layout that rescans
    # the lines before and after each line took about 85 times.
    small, large = text_of(2_000), text_of(40_000)
    small_time, large_time = _best_time(small, runs=5), _best_time(large, runs=2)
    assert large_time / small_time < 50, (small_time, large_time)


# --- markup left in a plain text ------------------------------------------------------------


def test_markup_tags_left_in_a_text_are_boilerplate() -> None:
    text = (
        "Harbour vote.\n\nVoters reacted quickly.\n\n"
        '<tweet pic="" author="maraquist" tweet_id="6677">The harbour deal is dead.</tweet>\n\n'
        "A value of x < 3 and y > 2 is fine."
    )
    assert boilerplate(text) == ['<tweet pic="" author="maraquist" tweet_id="6677">', "</tweet>"]


def test_the_marks_of_a_tag_s_attributes_open_no_quote() -> None:
    text = (
        "Voters reacted quickly.\n\n"
        '<tweet pic="" author="maraquist" timestamp="1448038800" tweet_id="6677">The harbour'
        " deal is dead.</tweet>\n\n“We will win,” Mara Quist said."
    )
    quotes = onrecord.analyze(text).quotes
    assert [q.content.text for q in quotes] == ["“We will win,”"]
