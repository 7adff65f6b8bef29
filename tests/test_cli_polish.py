"""The command line as a newcomer meets it: every option explained, the whole command list,
counts in the singular when there is one, "undated" rather than "? – ?", no stale
progress line in a log, a word when Parquet goes to a pipe, and Ray kept quiet."""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from onrecord.cli.app import main
from onrecord.corpus.progress import ProgressPrinter

UNDATED = '"We will not accept this," Kestrel Cho said.'


def every_command(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    for name, command in group.commands.items():
        found.append((prefix + name, command))
        if isinstance(command, click.Group):
            found += every_command(command, f"{prefix}{name} ")
    return found


def test_every_option_says_what_it_does() -> None:
    missing = [
        f"{name} {'/'.join(param.opts)}"
        for name, command in every_command(main)
        for param in command.params
        if isinstance(param, click.Option) and not param.help
    ]
    assert missing == []


def test_the_command_list_is_never_cut_short() -> None:
    out = CliRunner().invoke(main, ["--help"], terminal_width=80).output
    commands = out.split("Commands:")[1]
    assert "..." not in commands
    assert "print their\n              records." in commands
    speakers = CliRunner().invoke(main, ["speakers", "--help"], terminal_width=80).output
    assert "..." not in speakers.split("Commands:")[1] and "speaker of its own" in speakers


@pytest.fixture
def corpus(tmp_path: Path) -> str:
    """A corpus of one undated article with one statement."""
    text = tmp_path / "cho.txt"
    text.write_text(UNDATED, encoding="utf-8")
    db = str(tmp_path / "corpus.db")
    result = CliRunner().invoke(main, ["ingest", str(text), "--db", db])
    assert result.exit_code == 0, result.output
    # not a terminal: no progress bar, the summary line in the singular
    assert "█" not in result.stderr and "ETA" not in result.stderr
    assert "with 1 worker\n" in result.stderr
    assert "stored 1 new article, 0 already stored" in result.stderr
    assert "the database now holds 1 article, 1 quote, 1 speaker" in result.stderr
    return db


def test_speakers_list_in_the_singular_and_undated(corpus: str) -> None:
    out = CliRunner().invoke(main, ["speakers", "--db", corpus]).output
    assert "Kestrel Cho (PERSON) · 1 statement in 1 article · undated" in out
    assert "?" not in out


def test_progress_only_on_a_terminal() -> None:
    from onrecord.corpus.progress import Progress

    log = io.StringIO()
    printer = ProgressPrinter(log)
    printer(Progress(total=3, done=3))
    printer.finish()
    assert log.getvalue() == ""


def test_parquet_to_a_pipe_gets_a_note(corpus: str, tmp_path: Path) -> None:
    piped = CliRunner().invoke(main, ["export", "--format", "parquet", "--db", corpus])
    assert piped.exit_code == 0
    assert piped.stdout_bytes.startswith(b"PAR1")
    assert "writing Parquet (binary) to standard output, which is not a file" in piped.stderr
    assert "exported 1 statement as parquet to standard output" in piped.stderr
    to_file = tmp_path / "out.parquet"
    written = CliRunner().invoke(
        main, ["export", "--format", "parquet", "--db", corpus, "-o", str(to_file)]
    )
    assert "not a file" not in written.stderr
    assert to_file.read_bytes().startswith(b"PAR1")


class FakeRay:
    """Enough of Ray to see how onrecord starts it, without Ray."""

    def __init__(self) -> None:
        self.options: dict[str, Any] = {}

    def is_initialized(self) -> bool:
        return False

    def init(self, **options: Any) -> None:
        self.options = options

    def shutdown(self) -> None:
        pass


def test_ray_started_by_onrecord_is_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pyarrow")
    from onrecord.corpus.engines.ray_engine import RAY_AUTH_LOGGER, _ray_session

    monkeypatch.delenv("RAY_ADDRESS", raising=False)
    ray = FakeRay()
    with _ray_session(ray, None, 1):
        pass
    # workers' output stays in Ray's log files; only Ray's warnings; no dashboard
    assert ray.options["log_to_driver"] is False
    assert ray.options["logging_level"] == logging.WARNING
    assert ray.options["include_dashboard"] is False
    # the token-authentication notice is Ray's business
    assert logging.getLogger(RAY_AUTH_LOGGER).getEffectiveLevel() >= logging.ERROR
