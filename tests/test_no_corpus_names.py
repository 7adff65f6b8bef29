"""No rule is written against the articles onrecord is measured on.

The code must not name a person or body of the sample article or of a blind speaker layer
(PolNeAR dev's, and the 30 blind train articles in benchmarks/data), not even in a
comment's example, and the tests' sentences are invented, with no name of dev's: a rule
that only works because it knows a name would not survive unseen news. Lexicon files are
gazetteers (first names, countries, well-known organisations, months) and are exempt, and
so is a name they hold: their rows are general knowledge, not rules. Tests may name the
sample's people: they check the sample.

Skipped when the shared corpora are not next to the checkout (set ONRECORD_SHARED).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import POLNEAR_DEV, ROOT, SAMPLE_GOLD, needs_polnear

pytestmark = needs_polnear

_LEXICON = ROOT / "src" / "onrecord" / "lexicon" / "data"
_GAZETTEERS = ("countries.tsv", "organisations.tsv", "date_months.tsv")
_BLIND_TRAIN = ROOT / "benchmarks" / "data" / "polnear-train-speakers-blind"


def _layer_names(layers: list[Path]) -> set[str]:
    names: set[str] = set()
    for layer in sorted(layers):
        for entity in json.loads(layer.read_text(encoding="utf-8"))["entities"]:
            names.update([entity["name"], *entity.get("aliases", [])])
    return names


def _dev_names() -> set[str]:
    return _layer_names(list((POLNEAR_DEV / "speakers").glob("*.speakers.json")))


def _blind_train_names() -> set[str]:
    return _layer_names(list(_BLIND_TRAIN.glob("*.speakers.json")))


def _sample_names() -> set[str]:
    entities = json.loads(SAMPLE_GOLD.read_text(encoding="utf-8"))["entities"]
    return {name for entity in entities for name in [entity["name"], *entity["aliases"]]}


def _first_names() -> set[str]:
    rows = (_LEXICON / "first_names.tsv").read_text(encoding="utf-8").splitlines()
    return {row.split("\t")[0] for row in rows if row and not row.startswith("#")}


def _telling_words(names: set[str]) -> set[str]:
    """Full names ("Ada Quist"), and the surname of each person named with a first name;
    none that a gazetteer holds."""
    first_names = _first_names()
    known = "\n".join((_LEXICON / name).read_text(encoding="utf-8") for name in _GAZETTEERS)
    telling: set[str] = set()
    for name in names:
        words = name.split()
        if len(words) < 2 or not all(word[:1].isupper() for word in words):
            continue
        telling.add(name)
        if words[0] in first_names:
            telling.add(words[-1])
    return {name for name in telling if not re.search(rf"\b{re.escape(name)}\b", known)}


def _named_in(files: list[Path], names: set[str]) -> list[str]:
    telling = _telling_words(names)
    assert len(telling) > 20, "the names of the measured articles should be read"
    pattern = re.compile(
        r"(?<![\w.])(" + "|".join(sorted(map(re.escape, telling), key=len, reverse=True)) + r")\b"
    )
    return [
        f"{path.relative_to(ROOT)}:{number}: {match.group(1)}"
        for path in files
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for match in pattern.finditer(line)
    ]


def test_no_code_names_a_person_or_body_of_the_measured_articles() -> None:
    found = _named_in(
        sorted((ROOT / "src").rglob("*.py")),
        _dev_names() | _blind_train_names() | _sample_names(),
    )
    assert not found, "names from the measured articles:\n" + "\n".join(found)


def test_no_test_sentence_names_a_person_or_body_of_polnear_dev() -> None:
    found = _named_in(sorted((ROOT / "tests").rglob("*.py")), _dev_names())
    assert not found, "names from PolNeAR dev:\n" + "\n".join(found)
