"""The turns of an interview printed as questions and answers: paragraphs that open with
"Q:" and "A:" (or "Q." and "A.")."""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Sequence

_QUESTION = re.compile(r"[ \t]*Q\s*[:.]\s")
_ANSWER = re.compile(r"[ \t]*A\s*[:.]\s")
_PARAGRAPH_START = re.compile(r"^", re.MULTILINE)


def question_paragraphs(text: str) -> list[tuple[int, int]]:
    """The character spans of the interviewer's question paragraphs, in text order."""
    questions, _answers = question_and_answer_starts(text)
    spans = []
    for start in questions:
        end = text.find("\n", start)
        spans.append((start, len(text) if end < 0 else end))
    return spans


def question_and_answer_starts(text: str) -> tuple[list[int], list[int]]:
    """Where the question paragraphs and the answer paragraphs of ``text`` start."""
    questions: list[int] = []
    answers: list[int] = []
    for match in _PARAGRAPH_START.finditer(text):
        start = match.start()
        if _QUESTION.match(text, start):
            questions.append(start)
        elif _ANSWER.match(text, start):
            answers.append(start)
    return questions, answers


def within(spans: Sequence[tuple[int, int]], position: int) -> bool:
    """Whether ``position`` lies in one of the sorted, disjoint ``spans``."""
    at = bisect.bisect_right(spans, (position, sys.maxsize)) - 1
    return at >= 0 and spans[at][0] <= position < spans[at][1]
