"""The committed JSON Schema is the one the models generate, and real output validates."""

from __future__ import annotations

import json

import jsonschema

from conftest import ROOT
from onrecord.record import ArticleRecord, json_schema

SCHEMA_FILE = ROOT / "schema" / "article.schema.json"


def test_committed_schema_is_up_to_date() -> None:
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == json_schema(), "regenerate it: onrecord schema > schema/article.schema.json"


def test_the_sample_record_validates(sample_record: ArticleRecord) -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(json.loads(sample_record.to_json()))


def test_the_record_round_trips(sample_record: ArticleRecord) -> None:
    again = ArticleRecord.model_validate_json(sample_record.to_json())
    assert again == sample_record
    assert json.loads(sample_record.to_json())["schema"] == "onrecord.article/1"
