"""Citron-style exact and token-overlap metrics for cue, source, content and whole quotes.

After BBC Citron's ``citron/metrics.py``, per document:

- exact cue: a predicted cue is right when some gold quote has exactly the same cue spans
  (only quotes that have a cue count);
- exact source / content: right when some gold quote's cue overlaps the predicted cue and its
  source / content span list is exactly the same;
- exact quote: cue, source and content span lists all exactly the same;
- exact precision is the share of predicted quotes with such a gold counterpart, recall the
  share of gold quotes with such a predicted counterpart (Citron divides the predicted count by
  itself plus the unmatched gold count, which differs only when several quotes match one);
- overlap: precision is the share of predicted tokens that are gold tokens, recall the share of
  gold tokens that are predicted tokens, summed over quotes; "quote" sums cue, source and content.

Citron sums the overlaps of every (predicted, gold) pair of quotes, which counts a token twice
when two gold quotes share it (a source introducing two quotes, a quote nested in another),
pushing precision above 1 even for gold scored against itself, and when two predicted quotes
share it (one cue predicted for both halves of a split quote), crediting recall twice. Here each
predicted quote's tokens are compared with the union of the document's gold tokens (and each
gold quote's with the union of predicted tokens): the same numbers as Citron's when no two gold
and no two predicted quotes share a token, and never above 1.
(Citron also passes predicted and gold lengths swapped for whole-quote overlap, exchanging its
precision and recall; here precision is always over predicted tokens.)

Generalisations for quotes Citron cannot represent: a quote without a cue is anchored by its
content instead (two cue-less quotes "overlap" when their contents do); a missing source is an
empty span list, equal to another missing source as in Citron.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields

from onrecord.evaluation.metrics import PRF
from onrecord.evaluation.tokens import QuoteTokens, spans_overlap

COMPONENTS = ("cue", "source", "content", "quote")


def anchored(pred: QuoteTokens, gold: QuoteTokens) -> bool:
    """Citron's "cues overlap" test, falling back to content overlap for two cue-less quotes."""
    p, g = pred.quote, gold.quote
    if p.cue and g.cue:
        return spans_overlap(p.cue, g.cue)
    return not p.cue and not g.cue and spans_overlap(p.content, g.content)


def _same_cue(pred: QuoteTokens, gold: QuoteTokens) -> bool:
    return bool(pred.quote.cue) and pred.quote.cue == gold.quote.cue


def _same_source(pred: QuoteTokens, gold: QuoteTokens) -> bool:
    return anchored(pred, gold) and pred.quote.source == gold.quote.source


def _same_content(pred: QuoteTokens, gold: QuoteTokens) -> bool:
    return anchored(pred, gold) and pred.quote.content == gold.quote.content


def _same_quote(pred: QuoteTokens, gold: QuoteTokens) -> bool:
    p, g = pred.quote, gold.quote
    return p.cue == g.cue and p.source == g.source and p.content == g.content


def _exact(
    pred: Sequence[QuoteTokens],
    gold: Sequence[QuoteTokens],
    same: Callable[[QuoteTokens, QuoteTokens], bool],
) -> PRF:
    """Predicted quotes with a gold counterpart over all predicted; gold quotes with a predicted
    counterpart over all gold."""
    pred_hits = sum(any(same(p, g) for g in gold) for p in pred)
    gold_hits = sum(any(same(p, g) for p in pred) for g in gold)
    return PRF(pred_hits, len(pred), gold_hits, len(gold))


def _overlap(pred: Sequence[frozenset[int]], gold: Sequence[frozenset[int]]) -> PRF:
    all_pred = frozenset[int]().union(*pred)
    all_gold = frozenset[int]().union(*gold)
    return PRF(
        sum(len(p & all_gold) for p in pred),
        sum(map(len, pred)),
        sum(len(g & all_pred) for g in gold),
        sum(map(len, gold)),
    )


@dataclass(frozen=True)
class CitronScores:
    """Exact and overlap P/R/F1 per component (cue, source, content, quote)."""

    cue_exact: PRF = field(default_factory=PRF)
    source_exact: PRF = field(default_factory=PRF)
    content_exact: PRF = field(default_factory=PRF)
    quote_exact: PRF = field(default_factory=PRF)
    cue_overlap: PRF = field(default_factory=PRF)
    source_overlap: PRF = field(default_factory=PRF)
    content_overlap: PRF = field(default_factory=PRF)
    quote_overlap: PRF = field(default_factory=PRF)

    def __add__(self, other: CitronScores) -> CitronScores:
        return CitronScores(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def get(self, component: str, mode: str) -> PRF:
        """``component`` in ``COMPONENTS``, ``mode`` "exact" or "overlap"."""
        value = getattr(self, f"{component}_{mode}")
        assert isinstance(value, PRF)
        return value


def citron_scores(pred: Sequence[QuoteTokens], gold: Sequence[QuoteTokens]) -> CitronScores:
    """Citron-style scores for one document's predicted and gold quotes."""
    pred_cued = [p for p in pred if p.quote.cue]
    gold_cued = [g for g in gold if g.quote.cue]
    cue = _overlap([p.cue for p in pred], [g.cue for g in gold])
    source = _overlap([p.source for p in pred], [g.source for g in gold])
    content = _overlap([p.content for p in pred], [g.content for g in gold])
    return CitronScores(
        cue_exact=_exact(pred_cued, gold_cued, _same_cue),
        source_exact=_exact(pred, gold, _same_source),
        content_exact=_exact(pred, gold, _same_content),
        quote_exact=_exact(pred, gold, _same_quote),
        cue_overlap=cue,
        source_overlap=source,
        content_overlap=content,
        quote_overlap=cue + source + content,
    )
