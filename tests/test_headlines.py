"""A headline is the article's title: not an entity of its own, and shown once."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

import onrecord
from conftest import LOCAL
from onrecord.web import Settings, create_app
from onrecord.web.reader import headline_span

HEADLINE = "Shutdown Deadline Nears as Senate Talks Stall"
ARTICLE = (
    f"{HEADLINE}\n"
    "\n"
    "Senators failed to agree on a spending bill on Thursday, a day before the deadline.\n"
    "\n"
    '"We are not there yet," said Senate Majority Leader Chuck Schumer.\n'
)


def test_a_headline_is_the_title_and_not_an_entity() -> None:
    record = onrecord.analyze(ARTICLE)
    assert record.title == HEADLINE
    names = {entity.name for entity in record.entities}
    assert "Chuck Schumer" in names
    assert not any("Deadline" in name for name in names)  # was an ORG "Shutdown Deadline Nears"


def test_the_headline_line_is_found_only_when_it_is_the_title() -> None:
    assert headline_span(ARTICLE, HEADLINE) == (0, len(HEADLINE))
    assert headline_span("\n  " + ARTICLE, HEADLINE) == (3, 3 + len(HEADLINE))
    assert headline_span(ARTICLE, "Another title") is None
    assert headline_span(ARTICLE, None) is None


def test_the_reader_shows_the_headline_once_as_the_page_heading(tmp_path: Path) -> None:
    settings = Settings(db=f"sqlite:///{tmp_path / 'web.db'}")
    with TestClient(create_app(settings), base_url=LOCAL) as client:
        response = client.post("/analyze", data={"text": ARTICLE}, files={"file": ("", b"")})
    assert response.status_code == 200
    body = response.text.split("</head>", 1)[1]
    assert body.count(HEADLINE) == 1
    heading = body.split('<h1 id="article-title">', 1)[1].split("</h1>", 1)[0]
    assert heading == HEADLINE
    text = re.sub(r"<[^>]+>", "", body.split('id="article-text">', 1)[1])
    assert text.startswith("Senators failed to agree")
