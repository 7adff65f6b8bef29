"""Corpus input (onrecord.text.inputs, onrecord.text.html): find article files, read
them one at a time.

The fixture corpus under ``fixtures/sources/corpus`` holds, in nested folders, two plain
articles, a realistic HTML page, a page saved under an unknown extension, a JSONL feed with
good and bad lines, broken files (invalid UTF-8, empty, blank, binary), a long digest, and
files discovery must skip (hidden, in a hidden folder, an editor backup ending in ``~``).
"""

from __future__ import annotations

import json
import os
import socket
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onrecord.errors import InputError
from onrecord.text.html import HtmlMetadata, decode_html, extract_html
from onrecord.text.inputs import InputFailure, InputItem, count_files, discover, iter_inputs
from onrecord.text.read import check_text

CORPUS = Path(__file__).resolve().parent / "fixtures" / "sources" / "corpus"
TALKS = CORPUS / "web" / "talks.html"


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading never downloads anything: any attempt to connect fails the test."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def at(relative: str) -> str:
    return str(CORPUS / relative)


def fixture_text(relative: str) -> str:
    return (CORPUS / relative).read_text(encoding="utf-8")


TALKS_TEXT = "\n\n".join(
    [
        "Moscow awaits written answer on security guarantees",
        "Russian Foreign Minister Sergei Lavrov said on Tuesday that Moscow was still waiting "
        "for a written answer from Washington and NATO on its proposals for security "
        "guarantees in Europe.",
        '"We have not received a response to the key questions we raised," Lavrov told '
        "reporters in Moscow after talks with his British counterpart. He added that the talks "
        'would continue "as long as there is a chance of success".',
        "A NATO spokesperson said the alliance remained open to dialogue but would not "
        "compromise on its core principles, including the right of each country to choose its "
        "own security arrangements.",
        # <br> inside a paragraph is a line break, not a paragraph break
        "Kremlin spokesman Dmitry Peskov said President Vladimir Putin would decide on further "
        "steps once all the answers had been studied.\nHe did not give a date.",
    ]
)


def expected_corpus() -> list[InputItem | InputFailure]:
    wire = at("feeds/wire.jsonl")
    return [
        InputItem(
            at("2022/february/15-lavrov.txt"),
            fixture_text("2022/february/15-lavrov.txt"),
            "15-lavrov",
            "text",
        ),
        InputItem(
            at("2022/february/16-peskov"),
            fixture_text("2022/february/16-peskov"),
            "16-peskov",
            "text",
        ),
        InputFailure(at("broken/blank.text"), "empty file"),
        InputFailure(
            at("broken/cp1252.txt"),
            "not valid UTF-8 (byte 3: b'\\xe9'); convert it first, "
            "e.g. `iconv -f WINDOWS-1252 -t UTF-8`",
        ),
        InputFailure(at("broken/empty.txt"), "empty file"),
        InputFailure(
            at("broken/photo.jpg"),
            "looks like a binary file (it contains NUL bytes); give onrecord a UTF-8 text file",
        ),
        InputItem(
            f"{wire}:1",
            "NATO Secretary General Jens Stoltenberg said the alliance was ready to talk. "
            '"We are ready to sit down," he told reporters in Brussels.',
            "wire-001",
            "jsonl",
            title="NATO ready to talk, Stoltenberg says",
            published="2022-02-15",
            url="https://wire.example/nato-ready",
            outlet="Example Wire",
            dated_by="metadata",
        ),
        InputItem(
            f"{wire}:2",
            "Ukraine's foreign minister Dmytro Kuleba said Kyiv would not accept decisions "
            "made without it.",
            "wire-2",
            "jsonl",
        ),
        InputFailure(
            f"{wire}:3",
            "invalid JSON (Unterminated string starting at column 28); "
            "write one JSON object per line",
        ),
        # line 4 is blank: no item, no failure
        InputItem(
            f"{wire}:5",
            "German Chancellor Olaf Scholz said after meeting Putin that diplomacy was "
            "“far from exhausted”.",
            "4",
            "jsonl",
            title="Scholz: diplomacy far from exhausted",
        ),
        InputFailure(
            f"{wire}:6",
            '"published": expected a real date as YYYY-MM-DD, like 2022-02-15, '
            "not '15 February 2022'",
        ),
        InputItem(at("long/digest.txt"), fixture_text("long/digest.txt"), "digest", "text"),
        InputItem(
            at("web/briefing.aspx"),
            "Foreign ministry spokeswoman Maria Zakharova said the briefing would resume on "
            "Thursday.",
            "briefing",
            "html",
            title="Briefing transcript",
        ),
        InputItem(
            at("web/talks.html"),
            TALKS_TEXT,
            "talks",
            "html",
            title="Moscow awaits written answer on security guarantees",
            published="2022-02-15",
            url="https://daily-record.example/world/2022/02/15/security-guarantees",
            outlet="The Daily Record",
            dated_by="metadata",
        ),
    ]


# --- discovery ---------------------------------------------------------------------------


def test_discover_walks_folders_in_name_order_and_skips_hidden_and_backup_files() -> None:
    assert [str(path.relative_to(CORPUS)) for path in discover([str(CORPUS)])] == [
        "2022/february/15-lavrov.txt",
        "2022/february/16-peskov",
        "broken/blank.text",
        "broken/cp1252.txt",
        "broken/empty.txt",
        "broken/photo.jpg",
        "feeds/wire.jsonl",
        "long/digest.txt",
        "web/briefing.aspx",
        "web/talks.html",
    ]


def test_discover_keeps_files_given_directly_in_order_and_lists_each_file_once() -> None:
    hidden = at(".draft.txt")
    paths = [hidden, at("web/talks.html"), at("web"), at("web/talks.html")]
    assert [str(path) for path in discover(paths)] == [
        hidden,  # given by name, so read although hidden
        at("web/talks.html"),
        at("web/briefing.aspx"),
    ]


def test_a_missing_path_is_refused_before_any_work(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_reading(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("read a file before checking that every path exists")

    monkeypatch.setattr(Path, "open", no_reading)
    with pytest.raises(InputError, match=r"^no-such-folder/x\.txt: no such file or folder$"):
        iter_inputs([str(CORPUS), "no-such-folder/x.txt"])  # raises on the call itself
    with pytest.raises(InputError, match="no such file or folder"):
        count_files([str(CORPUS), "no-such-folder"])
    with pytest.raises(InputError, match=r"^\(empty path\): no such file or folder$"):
        discover([""])


def test_discover_survives_a_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "story.txt").write_text("The minister said so.", encoding="utf-8")
    (tmp_path / "a" / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert discover([str(tmp_path)]) == [tmp_path / "a" / "story.txt"]


# --- the fixture corpus ------------------------------------------------------------------


def test_the_corpus_gives_exact_items_and_failures() -> None:
    assert list(iter_inputs([str(CORPUS)])) == expected_corpus()


def test_reading_is_deterministic_and_count_files_matches() -> None:
    first = list(iter_inputs([str(CORPUS)]))
    assert list(iter_inputs([str(CORPUS)])) == first
    assert count_files([str(CORPUS)]) == len(first) == 14


def test_html_yields_main_text_only_never_scripts_styles_or_navigation() -> None:
    text, _ = extract_html(TALKS.read_bytes(), str(TALKS))
    for unwanted in (
        "SCRIPT-TEXT-MUST-NOT-APPEAR",
        "SCRIPT-WRITTEN-PARAGRAPH",
        "INLINE-SCRIPT-IN-BODY",
        "dataLayer",
        "SECRET-STYLE-RULE",
        "font-family",
        "NewsArticle",  # the JSON-LD block
        "Politics",  # navigation
        "cookies",
        "Related stories",
        "All rights reserved",
        "By Anna Petrova",  # byline
    ):
        assert unwanted not in text
    assert text == TALKS_TEXT


def test_dates_from_metadata_can_be_left_to_the_caller() -> None:
    items = [
        item
        for item in iter_inputs([str(CORPUS)], published_from_metadata=False)
        if isinstance(item, InputItem)
    ]
    assert [item.published for item in items] == [None] * len(items)
    talks = next(item for item in items if item.doc_id == "talks")
    assert talks.outlet == "The Daily Record"  # the rest of the metadata stays


def test_a_file_over_the_size_limit_is_refused_before_it_is_read() -> None:
    results = list(iter_inputs([str(CORPUS)], max_chars=1_000))  # 4,000 bytes
    digest = at("long/digest.txt")
    assert (
        InputFailure(
            digest,
            "is 6,262 bytes, over the limit of 4,000 bytes; "
            "split it into articles, or raise the limit with --max-chars",
        )
        in results
    )
    assert [r for r in results if r.origin != digest] == [
        r for r in expected_corpus() if r.origin != digest
    ]


def test_size_limits_in_bytes_and_in_characters(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 21_000_000)
    [failure] = iter_inputs([str(big)])
    assert failure == InputFailure(
        str(big),
        "is 21 MB, over the limit of 20 MB; "
        "split it into articles, or raise the limit with --max-chars",
    )
    cyrillic = tmp_path / "cyrillic.txt"
    cyrillic.write_text("Я" * 150, encoding="utf-8")  # 300 bytes, 150 characters
    [failure] = iter_inputs([str(cyrillic)], max_chars=100)
    assert failure == InputFailure(
        str(cyrillic), "150 characters is more than the limit of 100; split the file into articles"
    )


# --- JSONL -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("[1, 2]", 'a JSON array, not an object; write one object per line, e.g. {"id": "a1", '
         '"text": "..."}'),
        ('{"id": "x"}', 'no "text"; each line needs the article text in its "text" field'),
        ('{"text": "   "}', 'no "text"; each line needs the article text in its "text" field'),
        ('{"text": ["a"]}', '"text" is a JSON array; it must be a string'),
        ('{"text": "a", "title": 3}', '"title" is a JSON number; it must be a string or null'),
        ('{"text": "a", "id": true}', '"id" is a JSON boolean; it must be a string or a number'),
        ('{"text": "a", "published": "2022-02-30"}',
         "\"published\": expected a real date as YYYY-MM-DD, like 2022-02-15, not '2022-02-30'"),
        ('{"text": "a", "published": "2022-02-15T10:00:00Z"}',
         "\"published\": expected a real date as YYYY-MM-DD, like 2022-02-15, "
         "not '2022-02-15T10:00:00Z'"),
        ('{"text": "a\\u0000b"}', "contains NUL characters; give onrecord a text file"),
        ('{"text": "a\\ud800"}',
         "contains a lone surrogate escape (e.g. \\ud800), which is not text"),
        ("[" * 100_000, "invalid JSON (RecursionError); write one JSON object per line"),
        ("{'text': 'a'}", "invalid JSON (Expecting property name enclosed in double quotes at "
         "column 2); write one JSON object per line"),
    ],
)  # fmt: skip
def test_a_bad_jsonl_line_fails_alone(tmp_path: Path, line: str, reason: str) -> None:
    feed = tmp_path / "feed.ndjson"
    feed.write_text(f'{line}\n{{"text": "The minister spoke."}}\n', encoding="utf-8")
    assert list(iter_inputs([str(feed)])) == [
        InputFailure(f"{feed}:1", reason),
        InputItem(f"{feed}:2", "The minister spoke.", "feed-2", "jsonl"),
    ]


def test_jsonl_lines_are_limited_one_by_one_and_an_empty_feed_is_a_failure(
    tmp_path: Path,
) -> None:
    feed = tmp_path / "FEED.JSONL"  # extensions are case-insensitive
    long_line = json.dumps({"text": "x" * 500})
    feed.write_text(f"{long_line}\n\n" + '{"text": "Short."}\r\n', encoding="utf-8")
    assert list(iter_inputs([str(feed)], max_chars=100)) == [
        InputFailure(
            f"{feed}:1",
            "the line is 512 bytes, over the limit of 400 bytes; "
            "split it into articles, or raise the limit with --max-chars",
        ),
        InputItem(f"{feed}:3", "Short.", "FEED-3", "jsonl"),
    ]
    assert count_files([str(feed)]) == 2
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n  \n", encoding="utf-8")
    assert list(iter_inputs([str(empty)])) == [InputFailure(str(empty), "empty file")]
    assert count_files([str(empty)]) == 1


def test_a_json_file_is_one_article_or_a_list_of_them(tmp_path: Path) -> None:
    one = tmp_path / "one.JSON"
    one.write_text(
        json.dumps({"id": 7, "text": "The minister spoke.", "published": "2022-02-15"}),
        encoding="utf-8",
    )
    many = tmp_path / "many.json"
    many.write_text(
        json.dumps([{"text": "First."}, "stray", {"text": "Third.", "outlet": "Wire"}]),
        encoding="utf-8",
    )
    assert list(iter_inputs([str(one), str(many)])) == [
        InputItem(
            str(one),
            "The minister spoke.",
            "7",
            "json",
            published="2022-02-15",
            dated_by="metadata",
        ),
        InputItem(f"{many}:1", "First.", "many-1", "json"),
        InputFailure(f"{many}:2", "a JSON string in the list, not an article object"),
        InputItem(f"{many}:3", "Third.", "many-3", "json", outlet="Wire"),
    ]
    assert count_files([str(one), str(many)]) == 4


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"doc_id": "a", "quotes": []}', 'a JSON object without "text", so not an article'),
        ("[]", "an empty JSON list, so not an article"),
        ('"just a string"', "a JSON string, so not an article"),
        ('{"text": 3}', '"text" is a JSON number; it must be a string'),
        ('{"text": "a",\n "x": }', "invalid JSON (Expecting value at line 2 column 7)"),
    ],
)
def test_a_json_file_that_is_not_an_article_is_reported_not_read_as_text(
    tmp_path: Path, content: str, reason: str
) -> None:
    path = tmp_path / "annotation.json"
    path.write_text(content, encoding="utf-8")
    [failure] = iter_inputs([str(path)])
    assert isinstance(failure, InputFailure)
    assert failure.origin == str(path)
    assert failure.reason.startswith(reason), failure.reason
    assert count_files([str(path)]) == 1


# --- HTML --------------------------------------------------------------------------------


def test_html_charset_is_the_declared_one_then_utf8_with_replacement() -> None:
    page = '<html><head><meta charset="windows-1251"></head><body><p>Привет</p></body></html>'
    assert "Привет" in decode_html(page.encode("cp1251"))
    legacy = (
        b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>\x93Hi\x94'
    )
    assert decode_html(legacy).endswith("<p>“Hi”")  # ISO-8859-1 labels mean windows-1252
    assert decode_html(b"<p>caf\xe9</p>") == "<p>caf\ufffd</p>"
    assert decode_html(b'<meta charset="base64"><p>caf\xc3\xa9') == '<meta charset="base64"><p>café'
    assert decode_html("<p>UTF-16 page</p>".encode("utf-16")) == "<p>UTF-16 page</p>"
    with pytest.raises(InputError, match="binary"):
        decode_html(b"<p>\x00\x01</p>")


def test_html_fragments_line_breaks_and_pages_without_text() -> None:
    assert extract_html(b"<p>The minister said so.</p>", "f.html") == (
        "The minister said so.",
        HtmlMetadata(),
    )
    with pytest.raises(InputError, match=r"^empty\.html: no article text found in the HTML page$"):
        extract_html(b"<html><head><script>var a = 1;</script></head><body></body></html>",
                     "empty.html")  # fmt: skip
    words = " ".join(f"word{i}" for i in range(60))
    page = (
        f"<html><body><article><div>First {words}<br><br>Second\n  {words}<br>\nsame"
        f"</div></article></body></html>"
    )
    text, _ = extract_html(page.encode(), "br.html")
    assert text == f"First {words}\n\nSecond {words}\nsame"


def test_html_metadata_urls_must_be_http(tmp_path: Path) -> None:
    page = tmp_path / "page.htm"
    page.write_text(
        '<html><head><link rel="canonical" href="javascript:alert(1)"><title>T</title></head>'
        "<body><p>The minister said so.</p></body></html>",
        encoding="utf-8",
    )
    [item] = iter_inputs([str(page)])
    assert isinstance(item, InputItem)
    assert (item.kind, item.url, item.text) == ("html", None, "The minister said so.")


# --- never raises ------------------------------------------------------------------------

FRAGMENTS = [
    b"<html>", b"<body>", b"<p>", b"</p>", b"<br>", b"<script>alert(1)</script>", b"<style>",
    b"<meta charset=\"utf-16\">", b"<meta charset=\"cp1252\">", b"\xef\xbb\xbf", b"\xff\xfe",
    b"\x00", b"\xe9", b"\xed\xa0\x80", b" ", b"\n", b"\r\n", b"The minister said ",
    b'{"text": "He said so.", "id": 1}', b'{"text": ', b'"published": "2022-02-15"', b"}",
    b"[", b'"\\ud800"', b'"\\u0000"', b"<", b"&amp;", b"&#0;", b"<?xml encoding='idna'?>",
]  # fmt: skip


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.one_of(
        st.binary(max_size=600), st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(b"".join)
    ),
    suffix=st.sampled_from([".txt", ".html", ".jsonl", "", ".HTM", ".dat"]),
    max_chars=st.sampled_from([20, 5_000]),
)
def test_iter_inputs_never_raises_and_items_always_pass_check_text(
    data: bytes, suffix: str, max_chars: int
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "doc" + suffix)
        path.write_bytes(data)
        results = list(iter_inputs([folder], max_chars=max_chars))
        assert len(results) == count_files([folder]) >= 1
    for result in results:
        if isinstance(result, InputItem):
            assert check_text(result.text, max_chars=max_chars) == result.text
            assert result.text.strip()
            result.text.encode("utf-8")  # no lone surrogates
            assert result.kind in {"text", "html", "jsonl"}
            assert result.published is None or len(result.published) == 10
        else:
            assert result.reason and not result.reason.startswith(str(path))
            assert "bug in onrecord" not in result.reason


def test_special_files_in_folders_are_never_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would block forever
    (tmp_path / "story.txt").write_text("The minister said so.", encoding="utf-8")
    items = list(iter_inputs([str(tmp_path)]))
    # listed as a failure, never opened (and never silently skipped)
    assert [(i.origin, type(i).__name__) for i in items] == [
        (str(tmp_path / "pipe.txt"), "InputFailure"),
        (str(tmp_path / "story.txt"), "InputItem"),
    ]
    assert "named pipe (FIFO)" in items[0].reason  # type: ignore[union-attr]


def test_an_unreadable_file_or_folder_is_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("x", encoding="utf-8")
    # permissions do not stop root, so refuse access the way the OS would
    real_scandir, real_open = os.scandir, Path.open

    def scandir(path: Any) -> Any:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    def open_(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == secret:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(Path, "open", open_)
    assert list(iter_inputs([str(tmp_path)])) == [
        InputFailure(
            str(locked),
            "is a folder that cannot be listed (Permission denied); check its permissions",
        ),
        InputFailure(str(secret), "cannot be read (Permission denied); check that you may read it"),
    ]
