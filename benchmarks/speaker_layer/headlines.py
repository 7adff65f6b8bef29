"""Gold attributions in an article's headline line, and what onrecord predicted for each.

    onrecord eval SPLIT --speakers LAYER --speaker-docs-only --save FILE
    python benchmarks/speaker_layer/headlines.py SPLIT --speakers LAYER --predictions FILE

For each gold attribution whose content starts in the text's first non-blank line: its
source, cue, content and gold speaker, then the predicted quote that pairs with it (token
Dice >= 0.5, the eval's matching) with its source text and speaker, or "MISSED". The last
line counts them. Nothing is stored: the text is read from the split folder at run time.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from onrecord.evaluation import load_gold
from onrecord.evaluation.matching import match_one_to_one
from onrecord.evaluation.model import EvalQuote, GoldDoc, span_text
from onrecord.evaluation.predictions import load_predictions
from onrecord.evaluation.speakers import speaker_matches
from onrecord.evaluation.tokens import token_starts


def headline_bounds(text: str) -> tuple[int, int]:
    """The first non-blank line's character span."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    return start, (len(text) if end < 0 else end)


def show(gold: GoldDoc, predicted: list[EvalQuote]) -> tuple[int, int, int]:
    text = gold.text
    start, end = headline_bounds(text)
    tokens = [token_starts(text, q.content) for q in gold.quotes]
    pred_tokens = [token_starts(text, q.content) for q in predicted]
    pairs = {p.gold: p.pred for p in match_one_to_one(pred_tokens, tokens)}
    shown = found = right = 0
    for index, quote in enumerate(gold.quotes):
        if not quote.content or not start <= quote.content[0][0] < end:
            continue
        shown += 1
        source = span_text(text, quote.source) or "(no source)"
        print(f"{gold.doc_id} {quote.id}  headline: {text[start:end]!r}")
        print(f"  gold  source={source!r} cue={span_text(text, quote.cue)!r}")
        print(f"        content={span_text(text, quote.content)[:100]!r}")
        print(f"        speaker={quote.speaker!r}")
        if index not in pairs:
            print("  MISSED")
            continue
        found += 1
        pred = predicted[pairs[index]]
        ok = speaker_matches(pred, quote)
        right += ok
        print(f"  pred  source={span_text(text, pred.source) or '(no source)'!r}")
        print(f"        content={span_text(text, pred.content)[:100]!r}")
        print(f"        speaker={pred.speaker!r}  {'RIGHT' if ok else 'WRONG'}")
    return shown, found, right


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split")
    parser.add_argument("--speakers", default=None)
    parser.add_argument("--predictions", required=True)
    args = parser.parse_args()
    if "test" in Path(args.split).parts:
        raise SystemExit("refusing to read a test split")
    golds = [g for g in load_gold(args.split, speakers=args.speakers) if "speaker" in g.annotated]
    predictions = load_predictions(args.predictions)
    totals = [0, 0, 0]
    for gold in golds:
        counts = show(gold, predictions.get(gold.doc_id, []))
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
    print(f"\n{totals[0]} headline attributions: {totals[1]} found, {totals[2]} right speaker")


if __name__ == "__main__":
    main()
