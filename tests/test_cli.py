"""The command line, as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from conftest import SAMPLE_GOLD, SAMPLE_TEXT
from onrecord.cli.app import main
from onrecord.record import ArticleRecord


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_analyze_jsonl_gives_one_record_per_file_named_after_it(tmp_path: Path) -> None:
    other = tmp_path / "second.article.txt"
    other.write_text('"Yes," she said.', encoding="utf-8")
    code, out, _ = run(
        "analyze", str(SAMPLE_TEXT), str(other), "--format", "jsonl", "--published", "2022-02-16"
    )
    assert code == 0
    records = [ArticleRecord.model_validate_json(line) for line in out.splitlines()]
    assert [r.doc_id for r in records] == [SAMPLE_TEXT.stem, "second.article"]
    assert records[0].published == "2022-02-16"


def test_analyze_json_pretty_prints_one_record() -> None:
    code, out, _ = run("analyze", str(SAMPLE_TEXT), "--format", "json")
    assert code == 0
    assert out.startswith("{\n")
    assert json.loads(out)["doc_id"] == SAMPLE_TEXT.stem


def test_analyze_text_report_lists_quotes_and_sources() -> None:
    code, out, _ = run("analyze", str(SAMPLE_TEXT), "--format", "text")
    assert code == 0
    assert "q1 " in out and "speaker:" in out
    assert "People and bodies quoted" in out


def test_analyze_reads_standard_input() -> None:
    code, out, _ = run("analyze", "-", "--format", "jsonl", stdin=b'"No," he said.')
    assert code == 0
    assert json.loads(out)["doc_id"] == "stdin"


PAGE = """<!DOCTYPE html>
<html><head><title>Harbour plan approved</title>
<script>var tracker = "We will never pay for this," said the script;</script>
</head><body>
<nav><a href="/">Home</a> | <a href="/local">Local news</a></nav>
<article>
<h1>Harbour plan approved</h1>
<p>The town council of Wexmoor approved the harbour plan on Tuesday after a long debate.</p>
<p>“This is the best day for the harbour in forty years,” said Orla Quennell, the mayor of
Wexmoor.</p>
<script>document.write("“Buy one, get one free,” the advert said.");</script>
<p>Fishermen had asked the council for a new pier for more than a decade.</p>
</article>
<footer>© Wexmoor Gazette</footer>
</body></html>
"""


def test_analyze_reads_an_html_page_as_ingest_does_without_its_scripts(tmp_path: Path) -> None:
    page = tmp_path / "harbour.html"
    page.write_text(PAGE, encoding="utf-8")
    code, out, err = run("analyze", str(page), "--format", "jsonl")
    assert code == 0, err
    (record,) = [ArticleRecord.model_validate_json(line) for line in out.splitlines()]
    direct = [q for q in record.quotes if q.type == "direct"]
    assert [q.content.text for q in direct] == [
        "“This is the best day for the harbour in forty years,”"
    ]
    assert direct[0].speaker is not None and direct[0].speaker.name == "Orla Quennell"
    assert record.title == "Harbour plan approved"
    for words in ("never pay", "tracker", "Buy one", "advert", "document.write"):
        assert words not in out  # the scripts' text is not the article's


def test_a_bad_file_is_reported_and_the_others_still_analysed(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9 au lait")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x00")
    code, out, err = run("analyze", str(bad), str(binary), str(SAMPLE_TEXT), "--format", "jsonl")
    assert code == 1
    assert "not valid UTF-8" in err and "iconv" in err
    assert "binary" in err
    assert "2 of 3 inputs failed" in err
    assert len(out.splitlines()) == 1


def test_a_missing_file_and_a_bad_date_are_clear_errors(tmp_path: Path) -> None:
    code, _, err = run("analyze", str(tmp_path / "nope.txt"))
    assert code == 1 and "no such file" in err
    code, _, err = run("analyze", str(SAMPLE_TEXT), "--published", "16/02/2022")
    assert code == 2 and "YYYY-MM-DD" in err


def test_eval_scores_the_sample_against_its_gold() -> None:
    code, out, _ = run("eval", str(SAMPLE_GOLD), "--published", "2022-02-16", "--json")
    assert code == 0
    scores = json.loads(out)
    assert "direct" in json.dumps(scores)


def test_schema_command_prints_the_json_schema() -> None:
    code, out, _ = run("schema")
    assert code == 0
    assert json.loads(out)["$id"] == "onrecord.article/1"


def test_library_logs_reach_the_user_as_one_line_without_a_traceback() -> None:
    script = (
        "import logging\n"
        "from onrecord.cli.app import main\n"
        "try:\n"
        "    main(['schema', '--help'], standalone_mode=False)\n"
        "    raise RuntimeError('boom')\n"
        "except RuntimeError:\n"
        "    logging.getLogger('sqlalchemy.pool').error('reset failed\\ndetail', exc_info=True)\n"
        "logging.getLogger('psycopg').warning('error ignored terminating a pipeline')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stderr == "onrecord: sqlalchemy.pool: reset failed\n"
