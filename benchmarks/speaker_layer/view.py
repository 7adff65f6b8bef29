"""Show a PolNeAR article with its attributions, for making a speaker layer by hand.

    python benchmarks/speaker_layer/view.py ../shared/corpora/polnear/train DOC_ID

prints the article's text with each attribution's source marked ``[[E3 source]]`` and, after
the text, one line per attribution: E id, source, cue and the start of the content.
``--check FILE`` checks a ``<doc_id>.speakers.json`` against the article's attributions.
Nothing here is stored: the text is read from the split folder at run time.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from onrecord.evaluation.brat import parse_ann


def _attributions(split: Path, doc_id: str) -> list[tuple[str, dict[str, list[tuple[int, int]]]]]:
    ann = (split / "attributions" / f"{doc_id}.ann").read_text(encoding="utf-8")
    bounds, events = parse_ann(ann)
    rows = []
    for event in events:
        roles: dict[str, list[tuple[int, int]]] = {}
        for role, target in event.args:
            if target in bounds:
                roles.setdefault(role, []).extend(bounds[target].spans)
        rows.append((event.id, roles))
    return rows


def show(split: Path, doc_id: str) -> None:
    text = (split / "text" / f"{doc_id}.txt").read_text(encoding="utf-8")
    rows = _attributions(split, doc_id)
    marks: list[tuple[int, int, str]] = []
    for event_id, roles in rows:
        for start, end in roles.get("Source", []):
            marks.append((start, end, event_id))
    marks.sort()
    out, at = [], 0
    for start, end, event_id in marks:
        if start < at:
            continue
        out.append(text[at:start])
        out.append(f"[[{event_id} {text[start:end]}]]")
        at = end
    out.append(text[at:])
    print("".join(out))
    print("\n==== attributions ====")
    for event_id, roles in rows:
        source = " / ".join(text[s:e] for s, e in roles.get("Source", [])) or "(no source)"
        cue = " ".join(text[s:e] for s, e in roles.get("Cue", []))
        content = " ".join(text[s:e] for s, e in roles.get("Content", []))
        content = content.replace("\n", " ")
        first = min((s for s, _ in roles.get("Content", [])), default=-1)
        print(f"{event_id}\t@{first}\tsource={source!r}\tcue={cue!r}\tcontent={content[:90]!r}")


def check(split: Path, path: Path) -> int:
    layer = json.loads(path.read_text(encoding="utf-8"))
    doc_id = layer["doc_id"]
    ids = {event_id for event_id, _ in _attributions(split, doc_id)}
    names = {entity["name"] for entity in layer["entities"]}
    problems = []
    missing = ids - set(layer["speakers"])
    extra = set(layer["speakers"]) - ids
    if missing:
        problems.append(f"E ids without a speaker entry: {sorted(missing)}")
    if extra:
        problems.append(f"E ids not in the article: {sorted(extra)}")
    for event_id, name in layer["speakers"].items():
        if name is not None and name not in names:
            problems.append(f"{event_id}: {name!r} is not an entity name")
    for problem in problems:
        print(f"{path.name}: {problem}", file=sys.stderr)
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("split", type=Path)
    parser.add_argument("doc_id", nargs="?")
    parser.add_argument("--check", type=Path, nargs="*", default=[])
    args = parser.parse_args()
    if args.check:
        return max(check(args.split, path) for path in args.check)
    show(args.split, args.doc_id)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
