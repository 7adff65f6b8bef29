"""How right each way of reaching a speaker is, on a speaker layer.

    onrecord eval SPLIT --speakers LAYER --speaker-docs-only --save /tmp/pred.jsonl
    python benchmarks/speaker_layer/by_how.py SPLIT /tmp/pred.jsonl [--speakers LAYER]
        [--show HOW] [--context 160]

prints, for the quotes whose content matches a gold attribution, how many speakers each
``speaker.how`` (name, surname, pronoun, title, description, body, document, ...) got right.
``--show HOW`` lists that kind's wrong ones with the text around the source mention, for
reading on a terminal; nothing is written to disk, so no article text is stored.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from onrecord.evaluation import load_gold
from onrecord.evaluation.predictions import predictions_from_records, read_records
from onrecord.evaluation.scoring import document_results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("split", type=Path)
    parser.add_argument("predictions", type=Path)
    parser.add_argument("--speakers", type=Path)
    parser.add_argument("--subset", default="all")
    parser.add_argument("--show", help="list the wrong speakers reached this way")
    parser.add_argument("--context", type=int, default=160)
    args = parser.parse_args()

    golds = [g for g in load_gold(args.split, speakers=args.speakers) if "speaker" in g.annotated]
    records = {r.doc_id: r for r in read_records(args.predictions)}
    predictions = predictions_from_records(records.values())
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for doc in document_results(golds, predictions, args.subset):
        record = records[doc.doc_id]
        quotes = {q.id: q for q in record.quotes}
        for pair in doc.pairs:
            if pair.speaker is None:
                continue
            pred, gold = doc.pred[pair.pred], doc.gold[pair.gold]
            quote = quotes[pred.id or ""]
            how: str = (quote.speaker.how if quote.speaker else None) or "none"
            total[how] += 1
            right[how] += bool(pair.speaker)
            if args.show == how and not pair.speaker:
                first = pred.content[0][0]
                where = pred.source[0] if pred.source else (first, first)
                start = max(0, where[0] - args.context)
                around = doc.text[start : where[1] + args.context].replace("\n", " ")
                print(f"--- {doc.doc_id} {pred.id}: gold {gold.speaker!r}, got {pred.speaker!r}")
                print(f"    source {doc.text[where[0] : where[1]]!r}")
                print(f"    {around}")
    print(f"{'how':<16}{'right':>7}{'of':>6}{'share':>8}")
    for how, count in total.most_common():
        print(f"{how:<16}{right[how]:>7}{count:>6}{right[how] / count:>8.2f}")
    print(f"{'all':<16}{sum(right.values()):>7}{sum(total.values()):>6}")


if __name__ == "__main__":
    main()
