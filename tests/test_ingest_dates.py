"""Ingest dates each article from its metadata or its file name, and says which."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from onrecord.cli.app import main
from onrecord.text.inputs import InputItem, iter_inputs
from onrecord.text.inputs.documents import date_in_name


def write_corpus(folder: Path) -> None:
    folder.mkdir()
    (folder / "breitbart_2016-09-15_x.txt").write_text(
        '"We will not pay," the mayor said on Monday.\n', encoding="utf-8"
    )
    (folder / "plain.txt").write_text(
        '"Prices will rise," a spokesman warned on Tuesday.\n', encoding="utf-8"
    )
    line = {"id": "f1", "text": '"Enough," said Anna Berg on Friday.', "published": "2024-03-08"}
    (folder / "feed.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")


def test_a_date_in_a_file_name_is_read_only_when_it_is_a_date() -> None:
    assert date_in_name("breitbart_2016-09-15_stealth-over-health") == "2016-09-15"
    assert date_in_name("report-2016-13-45_then-2017-01-02") == "2017-01-02"
    assert date_in_name("id-12016-09-150") is None
    assert date_in_name("notes") is None


def test_each_input_says_where_its_date_came_from(tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus")
    items = [i for i in iter_inputs([str(tmp_path / "corpus")]) if isinstance(i, InputItem)]
    dating = {i.doc_id: (i.published, i.dated_by) for i in items}
    assert dating == {
        "breitbart_2016-09-15_x": ("2016-09-15", "file name"),
        "f1": ("2024-03-08", "metadata"),
        "plain": (None, None),
    }


def test_the_ingest_summary_says_where_dates_came_from_and_which_are_undated(
    tmp_path: Path,
) -> None:
    write_corpus(tmp_path / "corpus")
    db = str(tmp_path / "corpus.db")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "corpus"), "--db", db])
    assert result.exit_code == 0, result.stderr
    assert "publication dates: 1 from their metadata; 1 from their file name" in result.stderr
    assert "1 article stored undated" in result.stderr
    assert "--published YYYY-MM-DD" in result.stderr

    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "other.txt").write_text('"No," she said.\n', encoding="utf-8")
    dated = CliRunner().invoke(
        main, ["ingest", str(tmp_path / "more"), "--db", db, "--published", "2024-05-01"]
    )
    assert "publication dates: 1 from --published" in dated.stderr
    assert "undated" not in dated.stderr
