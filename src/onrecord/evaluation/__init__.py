"""Score predicted quote records against gold annotations.

Gold comes from a PolNeAR-style brat split, a sample-style ``.gold.json`` file, or a directory
of them (:func:`load_gold`); predictions are article records (:func:`load_predictions`,
:func:`quotes_from_record`). :func:`score` reports, for all quotes and for direct ones,
Citron-style exact and token-overlap P/R/F1, one-to-one content matching, attribution accuracy,
end-to-end scores and, where the gold has them, speaker, speech act and date agreement.
"""

from onrecord.evaluation.analysis import QuoteError, misses_and_false_alarms
from onrecord.evaluation.gold import load_gold, parse_date_alternatives
from onrecord.evaluation.metrics import PRF, Ratio
from onrecord.evaluation.model import EvalQuote, GoldDoc
from onrecord.evaluation.predictions import (
    load_predictions,
    predictions_from_records,
    quotes_from_record,
)
from onrecord.evaluation.report import format_report
from onrecord.evaluation.scoring import (
    SUBSETS,
    DocResult,
    EvalReport,
    MatchedPair,
    SubsetScores,
    score,
)

__all__ = [
    "PRF",
    "SUBSETS",
    "DocResult",
    "EvalQuote",
    "EvalReport",
    "GoldDoc",
    "MatchedPair",
    "QuoteError",
    "Ratio",
    "SubsetScores",
    "format_report",
    "load_gold",
    "load_predictions",
    "misses_and_false_alarms",
    "parse_date_alternatives",
    "predictions_from_records",
    "quotes_from_record",
    "score",
]
