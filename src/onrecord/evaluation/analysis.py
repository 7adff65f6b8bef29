"""Error analysis: the gold quotes a system missed and the quotes it made up."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from onrecord.evaluation.matching import dice
from onrecord.evaluation.model import EvalQuote, GoldDoc, span_text
from onrecord.evaluation.scoring import DocResult, document_results
from onrecord.evaluation.tokens import token_starts

ErrorKind = Literal["miss", "false_alarm"]


@dataclass(frozen=True)
class QuoteError:
    """A missed gold quote or a falsely alarmed predicted quote, with its text and the closest
    quote on the other side (by content Dice; ``nearest`` is None when nothing overlaps)."""

    doc_id: str
    kind: ErrorKind
    quote: EvalQuote
    text: str
    nearest: EvalQuote | None
    nearest_text: str | None
    nearest_dice: float

    def to_dict(self) -> dict[str, object]:
        return {
            "doc_id": self.doc_id,
            "kind": self.kind,
            "content": [list(span) for span in self.quote.content],
            "text": self.text,
            "nearest_text": self.nearest_text,
            "nearest_dice": self.nearest_dice,
        }


def errors_in(doc: DocResult) -> list[QuoteError]:
    """One document's misses (gold order) and false alarms (prediction order)."""
    gold_tokens = [token_starts(doc.text, q.content) for q in doc.gold]
    pred_tokens = [token_starts(doc.text, q.content) for q in doc.pred]
    errors = [
        _error(doc, "miss", doc.gold[i], gold_tokens[i], doc.pred, pred_tokens) for i in doc.missed
    ]
    errors += [
        _error(doc, "false_alarm", doc.pred[i], pred_tokens[i], doc.gold, gold_tokens)
        for i in doc.false_alarms
    ]
    return errors


def _error(
    doc: DocResult,
    kind: ErrorKind,
    quote: EvalQuote,
    tokens: frozenset[int],
    others: Sequence[EvalQuote],
    other_tokens: Sequence[frozenset[int]],
) -> QuoteError:
    scored = [(dice(tokens, t), i) for i, t in enumerate(other_tokens)]
    best, index = max(scored, default=(0.0, -1), key=lambda item: item[0])
    nearest = others[index] if best > 0 else None
    return QuoteError(
        doc_id=doc.doc_id,
        kind=kind,
        quote=quote,
        text=span_text(doc.text, quote.content),
        nearest=nearest,
        nearest_text=span_text(doc.text, nearest.content) if nearest else None,
        nearest_dice=best,
    )


def misses_and_false_alarms(
    golds: Sequence[GoldDoc],
    predictions: Mapping[str, Sequence[EvalQuote]],
    subset: str = "all",
) -> list[QuoteError]:
    """Every missed gold quote and every unmatched predicted quote, document by document."""
    docs = document_results(golds, predictions, subset)
    return [error for doc in docs for error in errors_in(doc)]
