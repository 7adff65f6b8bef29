"""The via of each quote (the outlet an article credits) on invented articles made from
the gold reports (issue 13).

    .venv/bin/python benchmarks/statements/via_eval.py [--errors]

Each gold report becomes a one-paragraph article: a direct, mixed or partial report is
its quote followed by the speaker and the gold's via phrase ("“...,” Arvid Kell told
Baltic Wire."; "..., Kell said, according to Interfax."), an indirect one its sentence
with the phrase ("Kell told Baltic Wire that ..."); a report without a via gets "X said."
only. The full analysis runs on them (spaCy), and the quote's ``via`` is compared with
the outlet the gold phrase names. Outlets are the gold's invented names: those with a
media word ("Baltic Wire", "Vostok Agency") or none ("Interlink", "Finwire").
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence

from evaluate import GoldReport, load

import onrecord
from onrecord.article import Article

_PHRASE = re.compile(
    r"^(?:told|according to|in an interview with|citing)\s+(?P<a>.+)$|^(?P<b>.+?)\s+reported$"
)


def outlet_of(via: str) -> str:
    found = _PHRASE.match(via)
    if found is None:
        raise ValueError(f"unknown via phrase in the gold: {via!r}")
    return found.group("a") or found.group("b")


def article_text(report: GoldReport) -> str:
    text = report.text.strip()
    surname = report.speaker.split()[-1]
    via = report.via
    if report.type == "indirect" or not text.startswith('"'):
        body = text.rstrip(".")
        if via is None:
            return body + "."
        if via.startswith("told"):
            return body.replace(" said ", f" {via} that ", 1) + "."
        return f"{body}, {via}."
    quote = text[:-2] + ',"' if text.endswith('."') else text.rstrip('"') + ',"'
    if via is None:
        return f"{quote} {report.speaker} said."
    if via.startswith("told"):
        return f"{quote} {report.speaker} {via}."
    return f"{quote} {surname if report.type != 'direct' else report.speaker} said, {via}."


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", action="store_true", help="list the misses")
    args = parser.parse_args(argv)
    reports = load()
    texts = {r.ref: article_text(r) for r in reports}
    records = onrecord.analyze_many(
        Article(text=texts[r.ref], doc_id=r.ref, published=r.date) for r in reports
    )
    right = wrong = missed = false = without = 0
    errors: list[str] = []
    for report, record in zip(reports, records, strict=True):
        found = next((q.via for q in record.quotes if q.via), None)
        if report.via is None:
            without += 1
            if found is not None:
                false += 1
                errors.append(f"false: {found!r} in {texts[report.ref]}")
            continue
        expected = outlet_of(report.via)
        if found == expected:
            right += 1
        elif found is None:
            missed += 1
            errors.append(f"missed {expected!r}: {texts[report.ref]}")
        else:
            wrong += 1
            errors.append(f"wrong {found!r} for {expected!r}: {texts[report.ref]}")
    credited = right + wrong + missed
    print(
        f"{credited} reports credit an outlet: {right} right ({right / credited:.3f}), "
        f"{wrong} wrong, {missed} missed; {false} vias on the {without} that credit none"
    )
    if args.errors:
        for line in errors:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
