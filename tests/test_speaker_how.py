"""Each quote's speaker says how it was reached: in the record, the schema, the text
report, the store and the reader page. The articles are small invented ones."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import onrecord
from conftest import LOCAL, ROOT
from onrecord.cli.render import format_record
from onrecord.corpus.store import StoredArticle, open_store
from onrecord.record import ArticleRecord, json_schema
from onrecord.web import Settings, create_app

DOC_ID = "harbour-strike"
TEXT = (
    '"The harbour will stay closed until we get a fair offer," said Tomas Reyes, '
    "the leader of the dockworkers' union, on Tuesday.\n\n"
    '"We have waited long enough," he said.\n\n'
    '"Nobody wants a long strike," Reyes added.'
)


@pytest.fixture(scope="module")
def record() -> ArticleRecord:
    return onrecord.analyze(TEXT, doc_id=DOC_ID, published="2024-03-05")


def hows(record: ArticleRecord) -> list[tuple[str | None, str | None]]:
    return [(q.speaker.name, q.speaker.how) if q.speaker else (None, None) for q in record.quotes]


def test_a_named_source_then_he_said(record: ArticleRecord) -> None:
    assert hows(record) == [
        ("Tomas Reyes", "name"),  # "said Tomas Reyes"
        ("Tomas Reyes", "pronoun"),  # "he said"
        ("Tomas Reyes", "name"),  # "Reyes added": the name of a person named before
    ]


def test_the_addressee_has_no_how() -> None:
    record = onrecord.analyze('Tomas Reyes told Mayor Ellen Park: "We will not back down."')
    [quote] = record.quotes
    assert quote.speaker is not None and quote.speaker.how == "name"
    assert quote.addressee is not None and quote.addressee.name == "Ellen Park"
    assert "how" not in quote.addressee.model_dump()


def test_no_speaker_no_how() -> None:
    record = onrecord.analyze('"We will not back down," officials said.')
    assert [q.speaker for q in record.quotes] == [None]


def test_the_schema_has_the_field() -> None:
    speaker_ref = json_schema()["$defs"]["SpeakerRef"]  # type: ignore[index]
    how = speaker_ref["properties"]["how"]
    assert "pronoun" in how["anyOf"][0]["enum"]
    assert "how" not in speaker_ref["required"]  # optional: older records still validate
    committed = json.loads((ROOT / "schema" / "article.schema.json").read_text("utf-8"))
    assert committed["$defs"]["SpeakerRef"] == speaker_ref
    assert committed["$id"] == "onrecord.article/1"


def test_a_record_without_how_still_reads(record: ArticleRecord) -> None:
    data = json.loads(record.to_json())
    for quote in data["quotes"]:
        del quote["speaker"]["how"]
    again = ArticleRecord.model_validate(data)
    assert all(q.speaker and q.speaker.how is None for q in again.quotes)


def test_the_report_says_how(record: ArticleRecord) -> None:
    report = format_record(record)
    assert "speaker: Tomas Reyes (by name)" in report
    assert "speaker: Tomas Reyes (by pronoun)" in report


def test_stored_and_shown_on_the_reader_page(record: ArticleRecord, tmp_path: Path) -> None:
    with (
        open_store(str(tmp_path / "how.db")) as store,
        TestClient(
            create_app(Settings(token="test-token-0123456789"), store=store), base_url=LOCAL
        ) as client,
    ):
        store.add_articles([StoredArticle(record=record, text=TEXT, origin="invented")])
        stored = client.get(f"/api/v1/articles/{DOC_ID}").json()
        assert [q["speaker"]["how"] for q in stored["quotes"]] == ["name", "pronoun", "name"]
        html = client.get(f"/articles/{DOC_ID}").text
    info = re.search(r'<div id="qi-q2" hidden>(.*?)</div>', html, re.S)
    assert info is not None
    assert "Tomas Reyes" in info.group(1)
    assert "identified by pronoun" in info.group(1)
