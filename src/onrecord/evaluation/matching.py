"""One-to-one matching of predicted and gold quotes by content token overlap."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: Minimum Dice coefficient of content token sets for a predicted and a gold quote to match.
DICE_THRESHOLD = 0.5


def dice(a: frozenset[int], b: frozenset[int]) -> float:
    """Dice coefficient ``2|A∩B| / (|A|+|B|)``; 0 for two empty sets."""
    total = len(a) + len(b)
    return 2 * len(a & b) / total if total else 0.0


@dataclass(frozen=True)
class Pair:
    """A predicted quote (index ``pred``) matched to a gold quote (index ``gold``)."""

    pred: int
    gold: int
    dice: float


def match_one_to_one(
    pred: Sequence[frozenset[int]],
    gold: Sequence[frozenset[int]],
    *,
    threshold: float = DICE_THRESHOLD,
) -> list[Pair]:
    """Greedy one-to-one matching: candidate pairs with Dice >= ``threshold``, best Dice first,
    ties in document order (earliest gold quote, then earliest predicted quote, by first token);
    each quote is used at most once. Returned in gold order."""
    candidates: list[tuple[float, int, int, int, int]] = []
    for p, p_tokens in enumerate(pred):
        for g, g_tokens in enumerate(gold):
            if p_tokens.isdisjoint(g_tokens):
                continue
            score = dice(p_tokens, g_tokens)
            if score >= threshold:
                candidates.append((-score, min(g_tokens), min(p_tokens), g, p))
    candidates.sort()
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    pairs: list[Pair] = []
    for neg_score, _, _, g, p in candidates:
        if p in used_pred or g in used_gold:
            continue
        used_pred.add(p)
        used_gold.add(g)
        pairs.append(Pair(pred=p, gold=g, dice=-neg_score))
    pairs.sort(key=lambda pair: pair.gold)
    return pairs
