"""The whole of PolNeAR dev: every record validates, and quality stays where it was measured.

Skipped when the shared corpora are not next to the checkout (set ONRECORD_SHARED).
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

import onrecord
from conftest import POLNEAR_DEV, ROOT, needs_polnear
from onrecord.evaluation import load_gold, predictions_from_records, score

pytestmark = needs_polnear


@pytest.fixture(scope="module")
def dev() -> tuple[list[Any], list[onrecord.ArticleRecord]]:
    golds = load_gold(POLNEAR_DEV)
    articles = [
        onrecord.Article(text=g.text, doc_id=g.doc_id, published=g.published) for g in golds
    ]
    return golds, list(onrecord.analyze_many(articles))


def test_every_dev_record_validates_against_the_committed_schema(
    dev: tuple[list[Any], list[onrecord.ArticleRecord]],
) -> None:
    schema = json.loads((ROOT / "schema" / "article.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    golds, records = dev
    assert len(records) == len(golds) == 84
    for record in records:
        validator.validate(json.loads(record.to_json()))
        text = next(g.text for g in golds if g.doc_id == record.doc_id)
        for quote in record.quotes:
            for start, end in quote.content.spans:
                assert 0 <= start < end <= len(text)


def test_dev_quality_floors(dev: tuple[list[Any], list[onrecord.ArticleRecord]]) -> None:
    golds, records = dev
    report = score(golds, predictions_from_records(records))
    direct, every = report.subsets["direct"], report.subsets["all"]
    assert (direct.content_1to1.f1 or 0.0) >= 0.90
    assert (direct.attribution.value or 0.0) >= 0.86
    assert (every.content_1to1.f1 or 0.0) >= 0.70
    assert (every.end_to_end.f1 or 0.0) >= 0.60
