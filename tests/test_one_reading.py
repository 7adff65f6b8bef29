"""One reading of an input everywhere: the command line, the Python API, ingest and the
web's Analyze endpoint give the same record for the same text, whatever its line endings,
and read HTML pages and JSONL feeds the same way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

import onrecord
from conftest import LOCAL, SAMPLE_PUBLISHED, SAMPLE_TEXT
from onrecord.cli.app import main
from onrecord.corpus.ingest import ingest
from onrecord.corpus.store import open_store
from onrecord.record import ArticleRecord
from onrecord.web import Settings, create_app

ARTICLE = (
    "Kestrel Systems cuts 400 jobs\n"
    "\n"
    "Kestrel Systems will cut 400 jobs at its plant in Leeds, the company said on Monday.\n"
    "\n"
    "“We did not take this decision lightly,” said Dana Cho, the chief executive of "
    "Kestrel.\n"
    "\n"
    "“The market has changed.\n"
    "\n"
    "We have to change with it,” she told reporters.\n"
    "\n"
    "Union leader Tom Briggs said the cuts were a betrayal of the workers.\n"
)
CRLF = ARTICLE.replace("\n", "\r\n")
PUBLISHED = "2024-03-05"
# The sample is long enough for CRLF line breaks to have changed spaCy's entities
# ("Union State" was an organisation only with LF ones).
SAMPLE = SAMPLE_TEXT.read_text(encoding="utf-8")


def same_record(record: ArticleRecord) -> dict[str, object]:
    """What a reader compares: the quotes (type, words, speaker), the entities and dates,
    with line breaks read as LF."""
    return {
        "quotes": [
            (q.type, q.content.text.replace("\r\n", "\n"), q.speaker and q.speaker.name)
            for q in record.quotes
        ],
        "entities": sorted((e.type, e.name, tuple(sorted(e.aliases))) for e in record.entities),
        "dates": [d.value for d in record.dates],
        "title": record.title,
    }


def spans_read_the_text(record: ArticleRecord, text: str) -> bool:
    return all(
        " ".join(text[s:e] for s, e in part.spans) == part.text
        for quote in record.quotes
        for part in (quote.content, quote.cue, quote.source)
        if part is not None
    )


def test_crlf_and_lf_give_the_same_record_with_offsets_into_the_text_given() -> None:
    lf = onrecord.analyze(ARTICLE, doc_id="a", published=PUBLISHED)
    crlf = onrecord.analyze(CRLF, doc_id="a", published=PUBLISHED)
    assert same_record(crlf) == same_record(lf)
    assert spans_read_the_text(crlf, CRLF) and spans_read_the_text(lf, ARTICLE)
    assert crlf.text_sha256 != lf.text_sha256  # the hash of the text as given
    two_paragraphs = [q for q in crlf.quotes if "market" in q.content.text]
    assert two_paragraphs[0].content.text.startswith("“The market has changed.\r\n\r\nWe")


@pytest.fixture(scope="module")
def sample_lf_record() -> dict[str, object]:
    return same_record(onrecord.analyze(SAMPLE, doc_id="sample", published=SAMPLE_PUBLISHED))


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_every_door_gives_the_record_of_the_python_api(
    newline: str, sample_lf_record: dict[str, object], tmp_path: Path
) -> None:
    text = SAMPLE.replace("\n", newline)
    assert same_record(onrecord.analyze(text, published=SAMPLE_PUBLISHED)) == sample_lf_record

    path = tmp_path / "sample.txt"
    path.write_bytes(text.encode("utf-8"))
    result = CliRunner().invoke(
        main, ["analyze", str(path), "--format", "json", "--published", SAMPLE_PUBLISHED]
    )
    assert result.exit_code == 0, result.stderr
    from_cli = ArticleRecord.model_validate_json(result.stdout)

    with open_store(f"sqlite:///{tmp_path / 'corpus.db'}") as store:
        ingest([str(path)], store, published=SAMPLE_PUBLISHED)
        stored = store.article("sample")
    assert stored is not None
    from_ingest, stored_text = stored
    assert stored_text == text

    web = Settings(db=f"sqlite:///{tmp_path / 'web.db'}")
    with TestClient(create_app(web), base_url=LOCAL) as client:
        response = client.post(
            "/api/v1/analyze", json={"text": text, "published": SAMPLE_PUBLISHED}
        )
    assert response.status_code == 200
    from_web = ArticleRecord.model_validate(response.json())

    for record in (from_cli, from_ingest, from_web):
        assert same_record(record) == sample_lf_record
        assert spans_read_the_text(record, text)
    assert from_cli.to_dict() == from_ingest.to_dict()


def test_analyze_reads_html_pages_and_jsonl_feeds_as_ingest_does(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Kestrel cuts jobs</title></head><body>"
        '<nav><a href="/">Home</a> | <a href="/news">News</a></nav>'
        "<article><p>“We did not take this decision lightly,” said Dana Cho, the chief "
        "executive of Kestrel Systems.</p><p>Union leader Tom Briggs said the cuts were a "
        "betrayal of the workers.</p></article></body></html>",
        encoding="utf-8",
    )
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "k1", "text": ARTICLE, "published": PUBLISHED})
        + "\n"
        + json.dumps({"id": "k2", "text": "“No comment,” the mayor said."})
        + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["analyze", str(page), str(feed), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    records = [ArticleRecord.model_validate_json(line) for line in result.stdout.splitlines()]
    assert [r.doc_id for r in records] == ["page", "k1", "k2"]
    assert all("<" not in q.content.text for r in records for q in r.quotes)
    assert records[0].quotes[0].content.text.startswith("“We did not take")
    assert records[1].published == PUBLISHED
    assert same_record(records[1]) == same_record(
        onrecord.analyze(ARTICLE, doc_id="k1", published=PUBLISHED)
    )
