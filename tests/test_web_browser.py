"""The pages in a real browser: headless Chromium (Debian's, never downloaded) driven by
Playwright against a uvicorn server on a free loopback port."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from onrecord.corpus.store import Store, open_store
from onrecord.record import ArticleRecord
from onrecord.web import Settings, create_app
from test_statements_store import analysed_articles
from test_web_api import SAMPLE_ID, speaking
from test_web_security import HOSTILE_TEXT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TOKEN = "browser-token"

if not CHROMIUM.exists():
    if os.environ.get("ONRECORD_REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"ONRECORD_REQUIRE_BROWSER=1 but {CHROMIUM} is not installed")
    pytest.skip(f"browser tests need {CHROMIUM}", allow_module_level=True)

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(sample_corpus: Store) -> Iterator[str]:
    with serving(sample_corpus) as url:
        yield url


@contextmanager
def serving(store: Store) -> Iterator[str]:
    """The app over ``store`` on a free loopback port; its base URL."""
    app = create_app(Settings(token=TOKEN), store=store)
    config = uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not running.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{config.port}"
    running.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda err: problems.append(str(err)))
    opened.on(
        "console",
        lambda msg: problems.append(msg.text) if msg.type in ("error", "warning") else None,
    )
    opened.on("dialog", lambda dialog: problems.append(f"dialog: {dialog.message}"))
    yield opened
    context.close()
    # No script error, no CSP violation (inline script or style), no alert from a payload.
    assert problems == []


def test_reader_view_hover_shows_the_speaker(
    page: Page, server: str, sample_record: ArticleRecord
) -> None:
    page.goto(f"{server}/articles/{SAMPLE_ID}")
    marks = page.locator("mark.q[id]")
    assert marks.count() == len([q for q in sample_record.quotes if q.content.spans])
    quote_id, name = speaking(sample_record)
    quote = next(q for q in sample_record.quotes if q.id == quote_id)
    tip = page.locator("#quote-tip")
    expect(tip).to_be_hidden()
    page.locator(f"mark#{quote_id}").hover()
    expect(tip).to_be_visible()
    expect(tip).to_contain_text(name)
    expect(tip).to_contain_text(quote.speech_act)
    expect(tip).to_contain_text(quote.type)
    if quote.date:
        expect(tip).to_contain_text(quote.date.value)
    # the side panel lists the speakers and the sourcing profile
    side = page.locator("aside.side")
    for source in sample_record.sourcing.sources:
        expect(side).to_contain_text(source.name)
    expect(side).to_contain_text(f"{sample_record.sourcing.distinct_sources} distinct sources")


def test_reader_view_quote_by_keyboard(
    page: Page, server: str, sample_record: ArticleRecord
) -> None:
    page.goto(f"{server}/articles/{SAMPLE_ID}")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('mark.q')"):
            break
    else:
        pytest.fail("Tab never reached a quote")
    quote_id = page.evaluate("document.activeElement.dataset.q")
    quote = next(q for q in sample_record.quotes if q.id == quote_id)
    tip = page.locator("#quote-tip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text(quote.speaker.name if quote.speaker else "unknown speaker")
    expect(tip).to_contain_text(quote.speech_act)
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()


def test_search_then_open_the_hit_in_its_article(
    page: Page, server: str, sample_record: ArticleRecord
) -> None:
    page.goto(f"{server}/search")
    page.fill("#q", "NATO")
    page.press("#q", "Enter")
    hits = [q for q in sample_record.quotes if "NATO" in q.content.text]
    expect(page.locator("#found")).to_contain_text(f"{len(hits)} statements")
    expect(page.locator("li.hit")).to_have_count(min(20, len(hits)))
    page.locator("li.hit .where a").first.click()
    page.wait_for_url(f"**/articles/{SAMPLE_ID}#q*")
    target = page.url.rsplit("#", 1)[1]
    assert "NATO" in page.locator(f"mark#{target}").inner_text() or any(
        "NATO" in m for m in page.locator(f'mark[data-q="{target}"]').all_inner_texts()
    )


def test_statement_page_from_a_quote_in_the_reader(page: Page, tmp_path: Path) -> None:
    with open_store(str(tmp_path / "statements.db")) as store:
        for article in analysed_articles():  # one at a time: grouping is incremental
            store.add_articles([article])
        with serving(store) as url:
            page.goto(f"{url}/articles/ledger")
            quote = page.locator("mark.q#q1")
            expect(quote).to_be_visible()
            link = page.locator('mark.q[data-q="q1"] + a.st-link')
            expect(link).to_be_visible()
            link.click()
            page.wait_for_url("**/statements/*")
            versions = page.locator("tr.version")
            expect(versions).to_have_count(2)
            expect(versions.first).to_contain_text("earliest")
            expect(versions.first).to_contain_text("via Baltic Wire")
            dropped = page.locator("tr.version.drifted mark.diff-del")
            expect(dropped).to_have_text("not")
            expect(dropped).to_be_visible()
            expect(page.locator("tr.version.drifted")).to_contain_text("polarity")


def test_speaker_page_from_the_reader(
    page: Page, server: str, sample_record: ArticleRecord
) -> None:
    _, name = speaking(sample_record)
    page.goto(f"{server}/articles/{SAMPLE_ID}")
    page.locator("aside.side a", has_text=name).first.click()
    expect(page.locator("h1")).to_have_text(name)
    expect(page.locator("figure.chart svg circle").first).to_be_visible()
    expect(page.locator("li.hit").first).to_be_visible()


def test_narrow_screen_has_no_sideways_scroll(browser: Browser, server: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    narrow = context.new_page()
    try:
        for path in (
            f"/articles/{SAMPLE_ID}",
            "/search?q=security",
            "/speakers",
            "/analyze",
            "/statements/1",
        ):
            narrow.goto(server + path)
            overflow: Any = narrow.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 1, path
    finally:
        context.close()


# Every element that is drawn: is it wider than its parent, or does it scroll or clip
# sideways? (The skip link waits off-screen on purpose; the tooltip is fixed and hidden.)
OVERFLOW_JS = """() => {
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className.trim()
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const problems = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth + 1) {
    problems.push(`the page scrolls sideways (${doc.scrollWidth} > ${doc.clientWidth})`);
  }
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || el.closest('.skip, .tip, [hidden]')) continue;
    const style = getComputedStyle(el);
    if (style.position === 'fixed' || el.tagName === 'TEXTAREA') continue;
    if (style.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1) {
      problems.push(`${name(el)} scrolls or clips sideways ` +
        `(${el.scrollWidth} > ${el.clientWidth})`);
    }
    const parent = el.parentElement;
    if (!parent || parent === document.body) continue;
    const room = parent.getBoundingClientRect();
    if (box.right > room.right + 2 || box.left < room.left - 2) {
      const text = (el.textContent || '').trim().slice(0, 40);
      problems.push(`${name(el)} "${text}" is wider than ${name(parent)} ` +
        `(${Math.round(box.left)}..${Math.round(box.right)} in ` +
        `${Math.round(room.left)}..${Math.round(room.right)})`);
    }
  }
  return problems;
}"""


def every_page(server: str) -> list[str]:
    """A URL of each kind of page the server has."""
    speakers: Any = httpx.get(f"{server}/api/v1/speakers", timeout=10).json()
    first = speakers[0]["id"] if isinstance(speakers, list) else speakers["items"][0]["id"]
    statement = httpx.get(f"{server}/api/v1/statements", timeout=10).json()["items"][0]["id"]
    return [
        "/",
        f"/articles/{SAMPLE_ID}",
        "/articles",
        "/search",
        "/search?q=security+guarantees",
        "/search?q=NATO&act=statement",
        "/speakers",
        f"/speakers/{first}",
        "/analyze",
        "/api/v1/docs",
        "/articles/no-such-article",
        f"/statements/{statement}",
    ]


@pytest.mark.parametrize("width", [1300, 390])
def test_no_page_overflows_its_container(browser: Browser, server: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    opened = context.new_page()
    found: dict[str, list[str]] = {}
    try:
        for path in every_page(server):
            opened.goto(server + path)
            problems: list[str] = opened.evaluate(OVERFLOW_JS)
            if problems:
                found[path] = problems
    finally:
        context.close()
    assert not found, "\n".join(f"{path}: {p}" for path, ps in found.items() for p in ps)


def test_hostile_text_does_nothing_in_the_browser(page: Page, server: str) -> None:
    page.goto(f"{server}/analyze")
    page.fill("#text", HOSTILE_TEXT)
    page.click("button[type=submit]")
    marks = page.locator("mark.q")
    assert marks.count() > 0
    for index in range(marks.count()):
        marks.nth(index).hover()
        marks.nth(index).focus()
    expect(page.locator("#article-text")).to_contain_text("<script>window.__pwned=1</script>")
    assert page.evaluate("typeof window.__pwned") == "undefined"
