"""Hostile and broken input: other languages, runs without spaces, huge and binary texts.

The full 5 MB single-line article runs with `pytest --run-slow` (a few minutes).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import onrecord
from onrecord import InputError
from onrecord.corpus.ingest import ingest
from onrecord.corpus.store import open_store
from onrecord.lexicon import default_lexicon
from onrecord.pipeline.nlp import break_long_runs, load
from onrecord.text.language import detect_language
from onrecord.text.read import DEFAULT_MAX_CHARS, check_text

NOT_ENGLISH = {
    "ru": "Министр иностранных дел заявил журналистам, что переговоры продолжатся на "
    "следующей неделе в Женеве, несмотря на разногласия между сторонами.",
    "fr": "Le ministre a déclaré que les négociations reprendraient la semaine prochaine à "
    "Genève malgré les désaccords persistants entre les deux parties.",
    "de": "Der Minister sagte, die Verhandlungen würden nächste Woche in Genf fortgesetzt, "
    "trotz der anhaltenden Meinungsverschiedenheiten zwischen beiden Seiten.",
    "zh": "外交部长对记者表示，尽管双方仍存在分歧，谈判将于下周在日内瓦继续进行。",
    "ar": "قال وزير الخارجية للصحفيين إن المفاوضات ستستمر الأسبوع المقبل في جنيف رغم الخلافات.",
}


@pytest.mark.parametrize("code", sorted(NOT_ENGLISH))
def test_text_in_another_language_is_detected_not_analysed(code: str) -> None:
    record = onrecord.analyze(f'"{NOT_ENGLISH[code]}"')
    assert record.language == "und"
    assert record.quotes == [] and record.entities == []


def test_english_news_is_english(sample_text: str) -> None:
    function_words = default_lexicon().function_words
    assert detect_language(sample_text, function_words) == ("en", None)
    assert detect_language('"We will win," she said.', function_words) == ("en", None)


def test_ingest_reports_an_article_in_another_language(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "ru.txt").write_text(NOT_ENGLISH["ru"], encoding="utf-8")
    (folder / "en.txt").write_text('"We will rebuild," the mayor said on Monday.', encoding="utf-8")
    store = open_store(str(tmp_path / "mixed.db"))
    summary = ingest([str(folder)], store)
    assert summary.progress.stored == 1
    [(origin, reason)] = summary.failures
    assert origin.endswith("ru.txt")
    assert "does not read as English" in reason and "cyrillic" in reason
    store.close()


def test_runs_without_spaces_are_broken_for_the_parser_only() -> None:
    text = "start " + '"' * 5000 + " end\n" + "x" * 401
    broken = break_long_runs(text)
    assert len(broken) == len(text)
    assert all(a == b or b == " " for a, b in zip(text, broken, strict=True))
    assert max(len(run) for run in broken.split()) <= 400


def test_tokenizing_200000_marks_is_linear() -> None:
    tokenizer = load().tokenizer

    def seconds(marks: int) -> float:
        text = break_long_runs('"' * marks)
        started = time.perf_counter()
        tokenizer(text)
        return time.perf_counter() - started

    small, large = seconds(20_000), seconds(200_000)
    assert large < 30 * max(small, 1e-3)  # ten times the input, far from a hundred times the time


def test_nul_bytes_and_oversized_text_are_refused_with_a_reason() -> None:
    with pytest.raises(InputError, match="NUL"):
        onrecord.analyze("one\x00two")
    with pytest.raises(InputError, match="limit"):
        check_text("x" * (DEFAULT_MAX_CHARS + 1))
    assert check_text("x" * DEFAULT_MAX_CHARS) is not None


def test_html_with_scripts_keeps_only_the_article(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Talks</title><script>alert('pwned')</script>"
        "<style>p{color:red}</style></head><body><nav>Home | World</nav><article>"
        "<p>Talks on the new bridge resumed on Monday after a long pause in the city.</p>"
        '<p>"We have waited long enough for this bridge," the mayor told reporters '
        "outside the town hall, adding that work would start in the spring.</p>"
        "<p>Opponents said the cost was too high for a city of its size and would hurt "
        "other projects that the council had promised to fund this year.</p>"
        "</article><script>document.write('<img src=x onerror=alert(1)>')</script>"
        "</body></html>",
        encoding="utf-8",
    )
    store = open_store(str(tmp_path / "html.db"))
    ingest([str(page)], store)
    hits = store.search("bridge").hits
    assert hits and all("alert" not in h.sentence and "<" not in h.sentence for h in hits)
    record, text = store.article("page") or (None, "")
    assert record is not None and "alert" not in text and "<script" not in text
    store.close()


@pytest.mark.slow
@pytest.mark.timeout(3600)
def test_a_5_mb_single_line_article(sample_text: str) -> None:
    line = sample_text.replace("\n", " ")
    text = (line + " ") * (DEFAULT_MAX_CHARS // len(line) + 1)
    text = text[:DEFAULT_MAX_CHARS]
    assert "\n" not in text
    record = onrecord.analyze(text)
    assert record.quotes
    for quote in record.quotes:
        for start, end in quote.content.spans:
            assert 0 <= start < end <= len(text)


@pytest.mark.slow
@pytest.mark.timeout(3600)
def test_200000_quotation_marks_in_one_paragraph_end_to_end() -> None:
    text = "“a” " * 100_000 + '"' * 200_000
    record = onrecord.analyze(text)
    for quote in record.quotes:
        for start, end in quote.content.spans:
            assert text[start] in '“”"' and text[end - 1] in '“”"'
