"""The turns of an interview printed as questions and answers: paragraphs that open with
"Q:" and "A:" (or "Q." and "A.")."""

from __future__ import annotations

import re

_QUESTION = re.compile(r"[ \t]*Q\s*[:.]\s")
_ANSWER = re.compile(r"[ \t]*A\s*[:.]\s")
_PARAGRAPH_START = re.compile(r"^", re.MULTILINE)


def opens_question(text: str, paragraph_start: int) -> bool:
    """Whether the paragraph starting at ``paragraph_start`` is an interviewer's question."""
    return _QUESTION.match(text, paragraph_start) is not None


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
