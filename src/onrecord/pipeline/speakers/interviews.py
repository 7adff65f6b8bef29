"""Interviews printed as questions and answers ("Q: ..." / "A: ..."): "I" and "we" in an
answer are the person interviewed, and "you" in a question is that person too.

The person interviewed is the one the headline names ("Q&A with Vice President Jane
Doe"), else the one the introduction before the first question names most often.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from onrecord.pipeline.entities import EntityIndex
from onrecord.pipeline.quotes.ranges import TokRange
from onrecord.text.interview_turns import question_and_answer_starts, within

_MIN_QUESTIONS = 2  # one "Q:" paragraph may be anything; two and an answer are an interview


@dataclass(frozen=True, slots=True)
class Interview:
    person: int  # the entity interviewed
    answers: tuple[tuple[int, int], ...]  # character spans from each "A:" to the next "Q:"
    questions: tuple[tuple[int, int], ...]  # and from each "Q:" to the next "A:"

    def answering(self, position: int) -> bool:
        return within(self.answers, position)

    def asking(self, position: int) -> bool:
        return within(self.questions, position)


def interview_of(doc: Doc, index: EntityIndex, headline: TokRange | None) -> Interview | None:
    """The article's questions and answers and whom they are put to, if it prints any."""
    text = doc.text
    questions, answers = question_and_answer_starts(text)
    if len(questions) < _MIN_QUESTIONS or not answers:
        return None
    person = _person_interviewed(doc, index, headline, questions[0])
    if person is None:
        return None
    turns = sorted([(q, "Q") for q in questions] + [(a, "A") for a in answers])
    ends = [start for start, _kind in turns[1:]] + [len(text)]
    spans = [(start, end, kind) for (start, kind), end in zip(turns, ends, strict=True)]
    return Interview(
        person,
        tuple((start, end) for start, end, kind in spans if kind == "A"),
        tuple((start, end) for start, end, kind in spans if kind == "Q"),
    )


def _person_interviewed(
    doc: Doc, index: EntityIndex, headline: TokRange | None, first_question: int
) -> int | None:
    people = [n for n, entity in enumerate(index.entities) if entity.type == "PERSON"]
    if headline is not None:
        named = [
            n for n in people if _named_within(index, n, doc[headline[0]].idx, doc[headline[1]].idx)
        ]
        if len(named) == 1:
            return named[0]
    counts: Counter[int] = Counter()
    for number in people:
        counts[number] = sum(1 for m in index.entities[number].mentions if m.start < first_question)
    ranked = [(count, number) for number, count in counts.items() if count > 0]
    if not ranked:
        return None
    best = max(count for count, _number in ranked)
    return min(
        (number for count, number in ranked if count == best),
        key=lambda number: index.entities[number].mentions[0].start,
    )


def _named_within(index: EntityIndex, number: int, start: int, end: int) -> bool:
    return any(start <= m.start <= end for m in index.entities[number].mentions)
