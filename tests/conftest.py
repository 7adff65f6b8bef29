"""Shared test fixtures: the sample article, its record, and where the corpora live."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

import onrecord
from onrecord.record import ArticleRecord

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SAMPLE_TEXT = EXAMPLES / "rt_2022-02-15_security-guarantees.txt"
SAMPLE_GOLD = EXAMPLES / "rt_2022-02-15_security-guarantees.gold.json"
SAMPLE_PUBLISHED = "2022-02-16"
# The shared corpora sit next to the checkout; ONRECORD_SHARED points elsewhere.
SHARED = Path(os.environ.get("ONRECORD_SHARED", ROOT.parent / "shared"))
POLNEAR_DEV = SHARED / "corpora" / "polnear" / "dev"

needs_polnear = pytest.mark.skipif(
    not (POLNEAR_DEV / "text").is_dir(), reason=f"PolNeAR dev not found under {SHARED}"
)


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE_TEXT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_gold() -> dict[str, Any]:
    gold: dict[str, Any] = json.loads(SAMPLE_GOLD.read_text(encoding="utf-8"))
    return gold


@pytest.fixture(scope="session")
def sample_record(sample_text: str) -> ArticleRecord:
    return onrecord.analyze(sample_text, doc_id=SAMPLE_TEXT.stem, published=SAMPLE_PUBLISHED)
