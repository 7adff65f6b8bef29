"""What onrecord misses on a PolNeAR split, by the kind of cue the gold attribution has.

PolNeAR annotates every attribution, beliefs and perceptions included ("X believes",
"polls show", "Y wants"). A speech-only extractor is judged on speech; this script says
how many of the misses are not speech, so the "all" numbers can be read:

    .venv/bin/python benchmarks/miss_analysis.py [--corpus ../shared/corpora/polnear/dev]

Each missed gold quote's cue is classed with onrecord's own cue lexicon: the lemma of any
cue word that is a lexicon head gives the class (speech, cognition, evidence, noun,
phrase); a cue with no lexicon word is "not in lexicon" (mostly perceptions, intentions
and plain verbs of action, which PolNeAR also annotates).
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import onrecord
from onrecord.evaluation import load_gold, predictions_from_records, score
from onrecord.lexicon import default_lexicon
from onrecord.pipeline import nlp as spacy_layer

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared/corpora/polnear/dev"))
    parser.add_argument("--subset", default="all", choices=["all", "direct"])
    args = parser.parse_args()
    if "test" in Path(args.corpus).parts:
        raise SystemExit("refusing to analyse a test split")
    golds = load_gold(args.corpus)
    records = list(
        onrecord.analyze_many(
            onrecord.Article(text=g.text, doc_id=g.doc_id, published=g.published) for g in golds
        )
    )
    report = score(golds, predictions_from_records(records), subsets=(args.subset,))
    lexicon = default_lexicon()
    nlp = spacy_layer.load(None)
    classes: Counter[str] = Counter()
    total = 0
    for doc in report.documents[args.subset]:
        for index in doc.missed:
            quote = doc.gold[index]
            cue = " ".join(doc.text[s:e] for s, e in quote.cue) or ""
            total += 1
            if not cue.strip():
                classes["no cue"] += 1
                continue
            lemmas = [t.lemma_.lower() for t in nlp(cue)]
            lowered = cue.lower()
            found = next(
                (p.cls for lemma in lemmas for p in lexicon.cue_patterns(lemma)),
                next((p.cls for p in lexicon.phrases if " ".join(p.lemmas) in lowered), None),
            )
            classes[found or "not in lexicon"] += 1
    print(f"{total} missed gold quotes ({args.subset}) on {args.corpus}")
    for name, count in classes.most_common():
        print(f"  {name:15} {count:5}  {count / total:6.1%}")
    speech = classes["speech"] + classes["phrase"] + classes["noun"]
    print(
        f"non-speech share of misses (cognition, evidence, not in lexicon, no cue): "
        f"{(total - speech) / total:.1%}"
    )


if __name__ == "__main__":
    main()
