"""The pages' rough edges, as a reader sees them: who is who in the speakers list, search
words marked in the hits (safely), no store controls on a server that takes no writes, an
unnamed source as the article wrote it, and a timeline whose last date fits."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

import onrecord
from conftest import LOCAL
from onrecord.corpus.store import Store, StoredArticle, open_store
from onrecord.corpus.store.browse import ActivityCell
from onrecord.web import Settings, create_app
from onrecord.web.chart import WIDTH, timeline_chart
from onrecord.web.highlight import highlight, query_stems

FIRST = '"We are ready to fight," Kestrel Cho said on Monday. "We will win," Cho added.'
SECOND = '"We are not <b>ready</b>," Kestrel Cho said on Tuesday.'
THIRD = '"Prices will rise," a CEO of a large airline said on Monday.'


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """Two speakers named Kestrel Cho, a person and a body; and a CEO nobody names."""
    first = onrecord.analyze(FIRST, doc_id="first", published="2023-09-25")
    second = onrecord.analyze(SECOND, doc_id="second", published="2023-09-26")
    as_body = [e.model_copy(update={"type": "ORG"}) for e in second.entities]
    second = second.model_copy(update={"entities": as_body})
    third = onrecord.analyze(THIRD, doc_id="third", published="2023-09-25")
    store = open_store(str(tmp_path_factory.mktemp("pages") / "corpus.db"))
    store.add_articles(
        [
            StoredArticle(record=first, text=FIRST, origin="first"),
            StoredArticle(record=second, text=SECOND, origin="second"),
            StoredArticle(record=third, text=THIRD, origin="third"),
        ]
    )
    yield store
    store.close()


def client_of(store: Store, token: str | None) -> TestClient:
    return TestClient(create_app(Settings(token=token), store=store), base_url=LOCAL)


def test_same_named_speakers_show_their_type(corpus: Store) -> None:
    with client_of(corpus, None) as client:
        page = client.get("/speakers").text
    rows = re.findall(r"<tr>.*?</tr>", page, re.S)
    cho = [row for row in rows if "Kestrel Cho" in row]
    assert len(cho) == 2
    assert any("person" in row for row in cho)
    assert any("organisation" in row for row in cho)


def test_search_hits_mark_the_matched_words_and_escape_the_rest(corpus: Store) -> None:
    with client_of(corpus, None) as client:
        page = client.get("/search", params={"q": "ready"}).text
    # "not <b>ready</b>" from the article is text, with the word marked around its escape
    assert '&lt;b&gt;<mark class="hl">ready</mark>&lt;/b&gt;' in page
    assert "<b>ready</b>" not in page
    assert '<mark class="hl">ready</mark> to fight' in page


def test_highlight_marks_word_forms_and_never_the_excluded_words() -> None:
    stems = query_stems('securing "NATO expansion" OR talks -Russia')
    marked = str(highlight("Russia's security & NATO's <expansion> talk", stems))
    assert marked == (
        'Russia&#39;s <mark class="hl">security</mark> &amp; <mark class="hl">NATO</mark>'
        '&#39;s &lt;<mark class="hl">expansion</mark>&gt; <mark class="hl">talk</mark>'
    )


def test_no_store_controls_when_writes_are_off(corpus: Store) -> None:
    with client_of(corpus, None) as client:
        page = client.get("/analyze").text
    assert 'name="token"' not in page and 'name="store"' not in page
    assert "takes no writes" in page
    with client_of(corpus, "a-token") as client:
        page = client.get("/analyze").text
    assert 'name="token"' in page and 'name="store"' in page


def test_unnamed_sources_keep_their_casing(corpus: Store) -> None:
    record = onrecord.analyze(THIRD, doc_id="third")
    assert [s.name for s in record.sourcing.sources] == ["CEO"]
    with client_of(corpus, None) as client:
        page = client.get("/articles/third").text
    assert "<strong>CEO</strong>" in page
    assert ">ceo<" not in page


def test_timeline_last_date_label_fits_the_chart() -> None:
    chart = timeline_chart(
        [ActivityCell(date="2022-02-13", act="report", count=3),
         ActivityCell(date="2022-02-15", act="statement", count=2)]
    )  # fmt: skip
    assert chart is not None
    half_label = 6 * len("2022-02-15") / 2 + 4  # 12px digits are about 6-7px wide
    assert all(t.x + half_label <= WIDTH for t in chart.ticks)
    label_end = chart.left - 8
    assert all(d.x - d.r > label_end for d in chart.dots)  # dots clear of the act labels


def test_home_page_dates_do_not_break(corpus: Store) -> None:
    with client_of(corpus, None) as client:
        page = client.get("/").text
    assert '<span class="muted date">2023-09-26</span>' in page
