"""The store's pure helpers: search expressions, sentences, dates, URLs, name keys."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onrecord.corpus.store import StoreError
from onrecord.corpus.store.connection import mask, normalize_url
from onrecord.corpus.store.dates import lower_bound, upper_bound
from onrecord.corpus.store.fts import fts5_query
from onrecord.corpus.store.identity import body_key, norm, person_key, surname_key
from onrecord.corpus.store.sentences import sentence_bounds
from onrecord.lexicon import default_lexicon
from onrecord.statements.dates import statement_date


@pytest.mark.parametrize(
    ("text", "expression"),
    [
        ("reject plan", '"reject" AND "plan"'),
        ('"security guarantees"', '"security guarantees"'),
        ('"unbalanced', '"unbalanced"'),
        ("NEAR(", '"NEAR"'),
        ("*", None),
        ("' OR 1=1 --", '"1 1"'),
        ("a OR b c -d", '(("a" OR "b") AND "c") NOT "d"'),
        ("-only", None),
        ("OR", None),
        ("Russia's", '"Russia s"'),
        ("", None),
    ],
)
def test_fts5_query_quotes_every_term(text: str, expression: str | None) -> None:
    assert fts5_query(text) == expression


@pytest.fixture(scope="module")
def fts() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='porter unicode61')")
    conn.execute("INSERT INTO t(x) VALUES ('we reject the plan'), ('a NEAR miss, \"quoted\"')")
    return conn


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_gives_a_valid_fts5_expression(fts: sqlite3.Connection, text: str) -> None:
    expression = fts5_query(text)
    if expression is not None:
        fts.execute("SELECT rowid FROM t WHERE t MATCH ?", (expression,)).fetchall()


ARTICLE = (
    "Headline here\n\n"
    'Mr. Sidorov met Gen. Ivanov in the U.S. capital. "We are ready," he said. '
    '"This is a dangerous moment." The talks went on.\n'
    "Later, he added: it will be a long winter"
)


def span_of(part: str) -> tuple[int, int]:
    start = ARTICLE.index(part)
    return start, start + len(part)


@pytest.mark.parametrize(
    ("part", "sentence"),
    [
        ('"We are ready,"', '"We are ready," he said.'),
        ('"This is a dangerous moment."', '"This is a dangerous moment."'),
        ("Ivanov", "Mr. Sidorov met Gen. Ivanov in the U.S. capital."),
        ("Headline", "Headline here"),
        ("long winter", "Later, he added: it will be a long winter"),
    ],
)
def test_sentence_bounds(part: str, sentence: str) -> None:
    start, end = sentence_bounds(ARTICLE, *span_of(part))
    assert ARTICLE[start:end] == sentence


def test_sentence_bounds_cover_a_quote_over_two_sentences() -> None:
    start = ARTICLE.index("he said")
    end = ARTICLE.index("The talks")
    s, e = sentence_bounds(ARTICLE, start, end)
    assert (
        ARTICLE[s:e] == '"We are ready," he said. "This is a dangerous moment." The talks went on.'
    )


def test_statement_date_needs_a_full_year() -> None:
    assert statement_date("2022-02-10", "2022-02-16") == "2022-02-10"
    assert statement_date("2021-12", "2022-02-16") == "2021-12"
    assert statement_date("XXXX-02-15", "2022-02-16") == "2022-02-16"
    assert statement_date(None, None) is None
    assert statement_date("2022-02-10T09:00", None) == "2022-02-10"


def test_date_bounds() -> None:
    assert lower_bound("2022-02") == "2022-02"
    assert "2022-02-28" <= upper_bound("2022-02") < "2022-03"
    assert "2022-12-31" <= upper_bound("2022") < "2023"
    assert upper_bound("2022-02-15") == "2022-02-15"
    with pytest.raises(StoreError, match="until must be a date"):
        upper_bound("2022/02/15")


def test_urls() -> None:
    assert normalize_url(None).render_as_string() == "sqlite:///onrecord.db"
    assert normalize_url("corpus.db").database == "corpus.db"
    pg = normalize_url("postgresql://me:secret@db.example.org/news")
    assert pg.drivername == "postgresql+psycopg"
    assert mask(pg) == "postgresql+psycopg://me:***@db.example.org/news"
    assert normalize_url("postgres://me@h/n").drivername == "postgresql+psycopg"
    with pytest.raises(StoreError, match="unsupported database 'oracle'"):
        normalize_url("oracle://me@h/n")
    with pytest.raises(StoreError, match="empty database URL"):
        normalize_url("  ")


def test_name_keys() -> None:
    lexicon = default_lexicon()

    def person(name: str) -> str:
        return person_key(name, lexicon)

    assert person("Sergei Lavrov") == person("Sergey Lavrov")
    assert person("Sergei Viktorovich Lavrov") == person("Sergey Lavrov")
    assert person("Yevgeny Sidorov") == person("Evgeny Sidorov")
    assert surname_key("Vladimir Yermakov", lexicon) == surname_key("Ermakov", lexicon)
    assert person("Lavrov") != person("Sergei Lavrov")
    assert body_key("The United Nations") == body_key("united nations") == "united nations"
    assert body_key("Société Générale") == "societe generale"
    assert norm("  Sergei   LAVROV ") == "sergei lavrov"
