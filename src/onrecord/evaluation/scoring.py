"""Score predicted quotes against gold documents: per document, then summed per subset."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from onrecord.errors import InputError
from onrecord.evaluation.citron import CitronScores, citron_scores
from onrecord.evaluation.matching import Pair, match_one_to_one
from onrecord.evaluation.metrics import PRF, Ratio
from onrecord.evaluation.model import EvalQuote, GoldDoc
from onrecord.evaluation.speakers import speaker_matches
from onrecord.evaluation.tokens import QuoteTokens, has_quotation_mark, tokenize_quote

#: "all" quotes, and "direct": quotes whose content contains a quotation mark.
SUBSETS = ("all", "direct")


def in_subset(text: str, quote: EvalQuote, subset: str) -> bool:
    """The subset rule, the same for gold and predicted quotes."""
    if subset == "all":
        return True
    if subset == "direct":
        return has_quotation_mark(text, quote.content)
    raise ValueError(f"unknown subset {subset!r}; expected one of {SUBSETS}")


@dataclass(frozen=True)
class MatchedPair:
    """A one-to-one content match and what is right about it.

    ``speaker``, ``speech_act``, ``date`` and ``type`` are None when the gold does not give them.
    """

    pred: int
    gold: int
    dice: float
    attribution: bool
    speaker: bool | None = None
    speech_act: bool | None = None
    date: bool | None = None
    type: bool | None = None


@dataclass(frozen=True)
class DocResult:
    """One document's quotes in one subset, its one-to-one matches and its Citron-style counts."""

    doc_id: str
    text: str
    gold: tuple[EvalQuote, ...]
    pred: tuple[EvalQuote, ...]
    pairs: tuple[MatchedPair, ...]
    exact_matches: int
    citron: CitronScores
    speakers_annotated: bool

    @property
    def missed(self) -> list[int]:
        """Indices of gold quotes no prediction matched."""
        matched = {pair.gold for pair in self.pairs}
        return [i for i in range(len(self.gold)) if i not in matched]

    @property
    def false_alarms(self) -> list[int]:
        """Indices of predicted quotes that matched no gold quote."""
        matched = {pair.pred for pair in self.pairs}
        return [i for i in range(len(self.pred)) if i not in matched]


def attribution_correct(pred: QuoteTokens, gold: QuoteTokens) -> bool:
    """Source tokens overlap; a gold quote without a source wants a prediction without one."""
    if not gold.quote.source:
        return not pred.quote.source
    return not pred.source.isdisjoint(gold.source)


def _check(
    pair: Pair, pred: QuoteTokens, gold: QuoteTokens, speakers_annotated: bool
) -> MatchedPair:
    p, g = pred.quote, gold.quote
    return MatchedPair(
        pred=pair.pred,
        gold=pair.gold,
        dice=pair.dice,
        attribution=attribution_correct(pred, gold),
        speaker=speaker_matches(p, g) if speakers_annotated else None,
        speech_act=None if g.speech_act is None else p.speech_act == g.speech_act,
        date=None if g.date is None else g.accepts_date(p.date),
        type=None if g.type is None else p.type == g.type,
    )


def score_document(gold: GoldDoc, predicted: Sequence[EvalQuote], subset: str = "all") -> DocResult:
    """Match and count one document's quotes in one subset."""
    gold_quotes = tuple(q for q in gold.quotes if in_subset(gold.text, q, subset))
    pred_quotes = tuple(q for q in predicted if in_subset(gold.text, q, subset))
    gold_tokens = [tokenize_quote(gold.text, q) for q in gold_quotes]
    pred_tokens = [tokenize_quote(gold.text, q) for q in pred_quotes]
    pred_content = [t.content for t in pred_tokens]
    gold_content = [t.content for t in gold_tokens]
    speakers = "speaker" in gold.annotated
    pairs = tuple(
        _check(pair, pred_tokens[pair.pred], gold_tokens[pair.gold], speakers)
        for pair in match_one_to_one(pred_content, gold_content)
    )
    exact = match_one_to_one(pred_content, gold_content, threshold=1.0)
    return DocResult(
        doc_id=gold.doc_id,
        text=gold.text,
        gold=gold_quotes,
        pred=pred_quotes,
        pairs=pairs,
        exact_matches=len(exact),
        citron=citron_scores(pred_tokens, gold_tokens),
        speakers_annotated=speakers,
    )


@dataclass(frozen=True)
class TypeCounts:
    """Quotes of one type: gold, predicted, gold matched, and matched with the type right."""

    gold: int = 0
    pred: int = 0
    matched: int = 0
    type_right: int = 0

    def to_dict(self) -> dict[str, int]:
        return {
            "gold": self.gold,
            "pred": self.pred,
            "matched": self.matched,
            "type_right": self.type_right,
        }


@dataclass(frozen=True)
class SubsetScores:
    """All metrics for one subset, summed over documents.

    Optional metrics are None when the gold does not annotate what they measure.
    """

    subset: str
    docs: int
    gold: int
    pred: int
    citron: CitronScores
    content_1to1: PRF
    exact_content_1to1: PRF
    attribution: Ratio
    end_to_end: PRF
    speaker: Ratio | None = None
    speaker_end_to_end: PRF | None = None
    speech_act: Ratio | None = None
    date: Ratio | None = None
    type_agreement: Ratio | None = None
    types: dict[str, TypeCounts] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        def opt(x: Ratio | PRF | None) -> object:
            return None if x is None else x.to_dict()

        return {
            "subset": self.subset,
            "docs": self.docs,
            "gold": self.gold,
            "pred": self.pred,
            "citron": {
                f"{component}_{mode}": self.citron.get(component, mode).to_dict()
                for component in ("cue", "source", "content", "quote")
                for mode in ("exact", "overlap")
            },
            "content_1to1": self.content_1to1.to_dict(),
            "exact_content_1to1": self.exact_content_1to1.to_dict(),
            "attribution": self.attribution.to_dict(),
            "end_to_end": self.end_to_end.to_dict(),
            "speaker": opt(self.speaker),
            "speaker_end_to_end": opt(self.speaker_end_to_end),
            "speech_act": opt(self.speech_act),
            "date": opt(self.date),
            "type_agreement": opt(self.type_agreement),
            "types": {name: counts.to_dict() for name, counts in sorted(self.types.items())},
        }


def _agreement(pairs: Sequence[MatchedPair], attribute: str) -> Ratio | None:
    verdicts = [getattr(pair, attribute) for pair in pairs]
    judged = [v for v in verdicts if v is not None]
    return Ratio(sum(judged), len(judged)) if judged else None


def _types(docs: Sequence[DocResult]) -> dict[str, TypeCounts]:
    gold: Counter[str] = Counter()
    pred: Counter[str] = Counter()
    matched: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for doc in docs:
        if not any(q.type is not None for q in doc.gold):
            continue
        gold.update(q.type for q in doc.gold if q.type is not None)
        pred.update(q.type for q in doc.pred if q.type is not None)
        for pair in doc.pairs:
            gold_type = doc.gold[pair.gold].type
            if gold_type is not None:
                matched[gold_type] += 1
                right[gold_type] += bool(pair.type)
    return {
        name: TypeCounts(gold[name], pred[name], matched[name], right[name])
        for name in sorted(gold | pred)
    }


def summarize(subset: str, docs: Sequence[DocResult]) -> SubsetScores:
    """Sum per-document results into one subset's scores."""
    n_gold = sum(len(d.gold) for d in docs)
    n_pred = sum(len(d.pred) for d in docs)
    pairs = [pair for d in docs for pair in d.pairs]
    matched = len(pairs)
    attributed = sum(pair.attribution for pair in pairs)
    speaker_docs = [d for d in docs if d.speakers_annotated]
    speaker_pairs = [pair for d in speaker_docs for pair in d.pairs]
    citron = CitronScores()
    for d in docs:
        citron = citron + d.citron
    return SubsetScores(
        subset=subset,
        docs=len(docs),
        gold=n_gold,
        pred=n_pred,
        citron=citron,
        content_1to1=PRF.of(matched, n_pred, n_gold),
        exact_content_1to1=PRF.of(sum(d.exact_matches for d in docs), n_pred, n_gold),
        attribution=Ratio(attributed, matched),
        end_to_end=PRF.of(attributed, n_pred, n_gold),
        speaker=_agreement(speaker_pairs, "speaker") if speaker_docs else None,
        speaker_end_to_end=PRF.of(
            sum(bool(pair.speaker) for pair in speaker_pairs),
            sum(len(d.pred) for d in speaker_docs),
            sum(len(d.gold) for d in speaker_docs),
        )
        if speaker_docs
        else None,
        speech_act=_agreement(pairs, "speech_act"),
        date=_agreement(pairs, "date"),
        type_agreement=_agreement(pairs, "type"),
        types=_types(docs),
    )


@dataclass(frozen=True)
class EvalReport:
    """Scores per subset, the per-document results behind them, and document bookkeeping."""

    subsets: dict[str, SubsetScores]
    documents: dict[str, list[DocResult]]
    docs_without_predictions: list[str]
    predictions_without_gold: list[str]

    def to_dict(self) -> dict[str, object]:
        """JSON-ready: the scores per subset, per-document counts and unpaired documents."""
        return {
            "subsets": {name: scores.to_dict() for name, scores in self.subsets.items()},
            "documents": {
                name: [
                    {
                        "doc_id": d.doc_id,
                        "gold": len(d.gold),
                        "pred": len(d.pred),
                        "matched": len(d.pairs),
                        "attributed": sum(pair.attribution for pair in d.pairs),
                    }
                    for d in docs
                ]
                for name, docs in self.documents.items()
            },
            "docs_without_predictions": list(self.docs_without_predictions),
            "predictions_without_gold": list(self.predictions_without_gold),
        }


def document_results(
    golds: Sequence[GoldDoc], predictions: Mapping[str, Sequence[EvalQuote]], subset: str
) -> list[DocResult]:
    """Per-document results for one subset; a gold document without predictions has none."""
    doc_ids = [g.doc_id for g in golds]
    repeated = sorted(doc_id for doc_id, n in Counter(doc_ids).items() if n > 1)
    if repeated:
        raise InputError(f"gold documents share a doc_id: {', '.join(repeated)}")
    return [score_document(g, predictions.get(g.doc_id, ()), subset) for g in golds]


def score(
    golds: Sequence[GoldDoc],
    predictions: Mapping[str, Sequence[EvalQuote]],
    subsets: Sequence[str] = SUBSETS,
) -> EvalReport:
    """Score predictions (``doc_id`` -> quotes) against gold documents, per subset."""
    documents = {subset: document_results(golds, predictions, subset) for subset in subsets}
    gold_ids = {g.doc_id for g in golds}
    return EvalReport(
        subsets={subset: summarize(subset, docs) for subset, docs in documents.items()},
        documents=documents,
        docs_without_predictions=[g.doc_id for g in golds if g.doc_id not in predictions],
        predictions_without_gold=sorted(set(predictions) - gold_ids),
    )
