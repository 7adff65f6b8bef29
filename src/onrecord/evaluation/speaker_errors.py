"""Speaker errors: matched quotes whose real speaker is wrong, grouped by what went wrong.

The kinds follow the source mention (the predicted one, else the gold one) and the two speakers:
a pronoun, first person, a document or poll, a body or group, a possessive or collective that
collapsed into its owner, a role description, a name, no source at all, a wrong source mention,
or a speaker given where the gold has none.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from onrecord.evaluation.model import EvalQuote, GoldDoc, span_text
from onrecord.evaluation.scoring import DocResult, MatchedPair, document_results

_FIRST_PERSON = {"i", "we", "me", "us", "my", "our"}
_PRONOUNS = {"he", "she", "they", "him", "her", "them", "it", "his", "its", "their"}
_DOCUMENT_WORDS = re.compile(
    r"\b(poll|polls|survey|report|analysis|data|study|statement|letter|memo|email|filing|"
    r"ruling|review|audit|figures|estimate|projection|tally|document|release|post|tweet)\b",
    re.IGNORECASE,
)
_COLLECTIVE_WORDS = re.compile(
    r"\b(campaign|administration|family|team|staff|office|aides|allies|government|department|"
    r"committee|party|agency|court|police|company|firm|officials|leaders|group)\b",
    re.IGNORECASE,
)
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,}(\([^)]*\))?\s*[-—–]")

KIND_ORDER = (
    "wrong source mention",
    "no source",
    "first person",
    "pronoun",
    "document or poll",
    "possessive or collective",
    "body or group",
    "dateline",
    "role description",
    "name",
    "speaker where gold has none",
)


@dataclass(frozen=True)
class SpeakerError:
    doc_id: str
    kind: str
    gold_speaker: str | None
    pred_speaker: str | None
    gold_source: str
    pred_source: str
    content: str

    def __str__(self) -> str:
        return (
            f"{self.doc_id}: gold {self.gold_speaker!r} ({self.gold_source!r}), "
            f"predicted {self.pred_speaker!r} ({self.pred_source!r}): {self.content[:70]!r}"
        )


def speaker_errors(
    golds: Sequence[GoldDoc], predictions: Mapping[str, Sequence[EvalQuote]], subset: str = "all"
) -> list[SpeakerError]:
    """Every matched quote with a wrong speaker, in documents that have a speaker layer."""
    docs = [d for d in document_results(golds, predictions, subset) if d.speakers_annotated]
    return [_error(doc, pair) for doc in docs for pair in doc.pairs if pair.speaker is False]


def by_kind(errors: Sequence[SpeakerError]) -> dict[str, list[SpeakerError]]:
    """The errors grouped by kind, kinds in a fixed order, empty kinds left out."""
    groups: dict[str, list[SpeakerError]] = {kind: [] for kind in KIND_ORDER}
    for error in errors:
        groups[error.kind].append(error)
    return {kind: found for kind, found in groups.items() if found}


def _error(doc: DocResult, pair: MatchedPair) -> SpeakerError:
    gold, pred = doc.gold[pair.gold], doc.pred[pair.pred]
    gold_source = span_text(doc.text, gold.source)
    pred_source = span_text(doc.text, pred.source)
    return SpeakerError(
        doc_id=doc.doc_id,
        kind=classify(gold, pred, gold_source, pred_source, pair.attribution),
        gold_speaker=gold.speaker,
        pred_speaker=pred.speaker,
        gold_source=gold_source,
        pred_source=pred_source,
        content=span_text(doc.text, gold.content).replace("\n", " "),
    )


def classify(
    gold: EvalQuote, pred: EvalQuote, gold_source: str, pred_source: str, attribution: bool
) -> str:
    """The kind of a speaker error (one of ``KIND_ORDER``)."""
    if gold.speaker is None:
        return "speaker where gold has none"
    if not pred_source:
        return "no source"
    if _DATELINE.match(pred_source):
        return "dateline"
    if not attribution:
        return "wrong source mention"
    mention = pred_source
    words = mention.casefold().split()
    if words and words[0] in _FIRST_PERSON and len(words) == 1:
        return "first person"
    if words and words[0] in _PRONOUNS and len(words) == 1:
        return "pronoun"
    if _DOCUMENT_WORDS.search(mention):
        return "document or poll"
    if _COLLECTIVE_WORDS.search(mention) and ("'s" in mention or "’s" in mention):
        return "possessive or collective"
    if _COLLECTIVE_WORDS.search(mention) or _COLLECTIVE_WORDS.search(gold.speaker):
        return "body or group"
    if mention[:1].islower() or words[:1] in (["the"], ["a"], ["an"]):
        return "role description"
    return "name"
