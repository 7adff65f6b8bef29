"""Corpus ingest: idempotent, resumable after kill -9, never stopped by one bad document."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from onrecord.corpus.ingest import ingest
from onrecord.corpus.store import open_store

PEOPLE = [
    ("Maria Lopez", "the mayor of Springfield"),
    ("John Okoro", "a senior researcher at the Institute for Peace Studies"),
    ("Yevgeny Sidorov", "the deputy foreign minister"),
    ("Amina Yusuf", "the health minister"),
    ("Peter Novak", "a spokesman for the city council"),
]
TOPICS = ["the new bridge", "water prices", "the border talks", "school funding", "the budget"]


def write_corpus(folder: Path, count: int) -> list[Path]:
    """Small, varied, deterministic news articles with direct and reported speech."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        name, title = PEOPLE[n % len(PEOPLE)]
        topic = TOPICS[(n // len(PEOPLE)) % len(TOPICS)]
        surname = name.split()[-1]
        text = (
            f"Talks on {topic} resumed on Monday, the {n + 1}th round this year.\n\n"
            f"{name}, {title}, said that {topic} would be settled by the end of the month.\n\n"
            f'"We have waited long enough for {topic}, and round {n + 1} will not be the last," '
            f"{surname} told reporters.\n\n"
            f'"People deserve better," {surname} added.\n'
        )
        path = folder / f"article-{n:03d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def write_bad_files(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "latin1.txt").write_bytes("café au lait, the minister said".encode("latin-1"))
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (folder / "huge.txt").write_text("word " * 4_200_000, encoding="utf-8")  # 21 MB


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder / "good", 24)
    write_bad_files(folder / "bad")
    return folder


def test_ingest_stores_good_articles_and_reports_bad_ones(
    corpus: Path, new_db_url: Callable[[], str]
) -> None:
    store = open_store(new_db_url())
    summary = ingest([str(corpus)], store)
    assert summary.progress.stored == 24
    reasons = dict(summary.failures)
    assert set(Path(origin).name for origin in reasons) == {
        "latin1.txt",
        "empty.txt",
        "image.txt",
        "huge.txt",
    }
    by_name = {Path(origin).name: reason for origin, reason in reasons.items()}
    assert "UTF-8" in by_name["latin1.txt"]
    assert "binary" in by_name["image.txt"]
    assert "empty" in by_name["empty.txt"]
    assert "limit" in by_name["huge.txt"]
    assert {Path(f.origin).name for f in store.failures()} == set(by_name)
    counts = store.counts()
    assert counts["articles"] == 24 and counts["quotes"] >= 48
    store.close()


def test_ingest_twice_stores_each_text_once(corpus: Path, new_db_url: Callable[[], str]) -> None:
    store = open_store(new_db_url())
    first = ingest([str(corpus / "good")], store)
    again = ingest([str(corpus / "good"), str(corpus / "good" / "article-000.txt")], store)
    assert first.progress.stored == 24
    assert (
        again.progress.stored == 0 and again.progress.skipped == 24
    )  # a file named twice is read once
    assert store.counts()["articles"] == 24
    store.close()


def test_variant_spellings_across_articles_are_one_speaker(
    tmp_path: Path, new_db_url: Callable[[], str]
) -> None:
    folder = tmp_path / "variants"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Yevgeny Sidorov, the deputy foreign minister, spoke on Monday.\n\n"
        '"We are ready to talk," Sidorov said.\n',
        encoding="utf-8",
    )
    (folder / "b.txt").write_text(
        "Evgeny Sidorov, the deputy foreign minister, spoke again on Friday.\n\n"
        '"The talks have failed," Evgeny Sidorov said.\n',
        encoding="utf-8",
    )
    store = open_store(new_db_url())
    ingest([str(folder)], store)
    rows = [r for r in store.speakers() if "Sidorov" in r.name]
    assert len(rows) == 1
    assert {"Yevgeny Sidorov", "Evgeny Sidorov"} <= set(rows[0].aliases)
    assert len(store.timeline("Sidorov")) == 2
    store.close()


def test_two_workers_store_the_same_records_as_one(
    corpus: Path, new_db_url: Callable[[], str]
) -> None:
    one = open_store(new_db_url())
    two = open_store(new_db_url())
    ingest([str(corpus / "good")], one, batch_size=4)
    ingest([str(corpus / "good")], two, workers=2, batch_size=4)

    def quotes(store: object) -> list[tuple[str, str, str | None]]:
        hits = store.search(limit=1000).hits  # type: ignore[attr-defined]
        return sorted((h.doc_id, h.content, h.speaker) for h in hits)

    assert quotes(one) == quotes(two)
    one.close()
    two.close()


def _run_ingest(args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "onrecord.cli.app", "ingest", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )


def test_killed_ingest_resumes_without_loss_or_duplicates(
    tmp_path: Path, new_db_url: Callable[[], str]
) -> None:
    folder = tmp_path / "many"
    write_corpus(folder, 40)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    killed_db = new_db_url()
    probe = open_store(killed_db)  # the schema exists before the ingest starts
    process = _run_ingest([str(folder), "--db", killed_db, "--batch-size", "2"], env)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
        stored = probe.counts()["articles"]
        if stored >= 6:
            break
    probe.close()
    assert process.poll() is None, "ingest finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert 6 <= stored < 40

    resumed = _run_ingest([str(folder), "--db", killed_db, "--batch-size", "2"], env)
    assert resumed.wait(timeout=300) == 0
    clean_db = new_db_url()
    clean = _run_ingest([str(folder), "--db", clean_db, "--batch-size", "2"], env)
    assert clean.wait(timeout=300) == 0

    after, reference = open_store(killed_db), open_store(clean_db)
    assert after.counts()["articles"] == reference.counts()["articles"] == 40
    assert after.counts()["quotes"] == reference.counts()["quotes"]
    after.close()
    reference.close()


def test_ingest_command_shows_a_summary_and_the_failures(corpus: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "onrecord.cli.app",
            "ingest",
            str(corpus),
            "--db",
            str(tmp_path / "c.db"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "stored 24 new articles" in result.stderr
    assert "4 inputs failed" in result.stderr
    found = subprocess.run(
        [
            sys.executable,
            "-m",
            "onrecord.cli.app",
            "search",
            "bridge",
            "--db",
            str(tmp_path / "c.db"),
            "--format",
            "jsonl",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    hits = [json.loads(line) for line in found.stdout.splitlines()]
    assert hits and all(
        "bridge" in h["sentence"].lower() or "bridge" in h["content"].lower() for h in hits
    )


def test_published_dates_undated_inputs_and_their_relative_dates(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "plain.txt").write_text(
        '"We will sign on Friday," the mayor of Springfield said on Tuesday.\n', encoding="utf-8"
    )
    (folder / "feed.jsonl").write_text(
        json.dumps(
            {
                "id": "dated",
                "text": "The minister said talks would go on.",
                "published": "2024-01-05",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    store = open_store(str(tmp_path / "c.db"))
    ingest([str(folder)], store, published="2024-03-08", published_from_metadata=True)
    plain = store.article("plain")
    dated = store.article("dated")
    store.close()
    assert plain is not None and dated is not None
    assert plain[0].published == "2024-03-08"
    assert dated[0].published == "2024-01-05"  # an input's own date wins
    assert [q.date.value for q in plain[0].quotes if q.date is not None] == ["2024-03-05"]
