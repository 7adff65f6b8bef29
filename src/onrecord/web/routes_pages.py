"""The HTML pages: home, analyse, reader view, search, speakers, articles, API docs."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict, replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from onrecord.corpus.store import SPEECH_ACTS, ArticleRow, Filters
from onrecord.record import ArticleRecord
from onrecord.text.days import iso_day
from onrecord.text.inputs import InputFailure, InputItem
from onrecord.web.chart import timeline_chart
from onrecord.web.context import Context, get_context
from onrecord.web.errors import cached_call, cached_calls, speaker_or_404, store_call
from onrecord.web.highlight import query_stems
from onrecord.web.reader import reader_view
from onrecord.web.security import check_token, check_too_large
from onrecord.web.statement_view import version_rows
from onrecord.web.storing import analyse_items, sent_text, store_analysed
from onrecord.web.uploads import read_upload

router = APIRouter(include_in_schema=False)
Ctx = Annotated[Context, Depends(get_context)]
PAGE_SIZE = 20
Page = Annotated[int, Query(ge=1, le=10_000)]


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, ctx: Ctx) -> HTMLResponse:
    counts = await cached_call(ctx.cache, "counts", ctx.store.counts)
    top = await cached_call(ctx.cache, "top speakers", ctx.store.speakers, limit=10)
    recent, _ = await cached_call(ctx.cache, "recent", ctx.store.articles, limit=10, offset=0)
    return ctx.templates.render(request, "home.html", counts=counts, speakers=top, articles=recent)


def _reader(
    request: Request,
    ctx: Ctx,
    record: ArticleRecord,
    text: str,
    *,
    info: ArticleRow | None = None,
    speaker_ids: dict[str, int] | None = None,
    notice: str | None = None,
    stored: bool = True,
    corrected: Collection[str] = (),
    statement_ids: dict[str, int] | None = None,
) -> HTMLResponse:
    return ctx.templates.render(
        request,
        "reader.html",
        record=record,
        view=reader_view(record, text, corrected),
        info=info,
        speaker_ids=speaker_ids or {},
        notice=notice,
        stored=stored,
        statement_ids=statement_ids or {},
    )


@router.get("/articles", response_class=HTMLResponse)
async def articles(request: Request, ctx: Ctx, page: Page = 1) -> HTMLResponse:
    rows, total = await store_call(
        ctx.store.articles, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    return ctx.templates.render(
        request, "articles.html", rows=rows, total=total, page=page, size=PAGE_SIZE
    )


@router.get("/articles/{doc_id:path}", response_class=HTMLResponse)
async def article(doc_id: str, request: Request, ctx: Ctx) -> HTMLResponse:
    found = await store_call(ctx.store.article, doc_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no article {doc_id!r} in the corpus")
    record, text = found
    info = await store_call(ctx.store.article_info, doc_id)
    speaker_ids = await store_call(ctx.store.article_speakers, doc_id)
    fixes = await store_call(ctx.store.quote_corrections, doc_id)
    statement_ids = await store_call(ctx.store.statement_ids, doc_id)
    return _reader(
        request,
        ctx,
        record,
        text,
        info=info,
        speaker_ids=speaker_ids,
        corrected={c.quote_key for c in fixes},
        statement_ids=statement_ids,
    )


@router.get("/search", response_class=HTMLResponse)
async def search(
    request: Request,
    ctx: Ctx,
    q: str | None = None,
    speaker: str | None = None,
    act: str | None = None,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    page: Page = 1,
) -> HTMLResponse:
    params: dict[str, Any] = {
        "q": q, "speaker": speaker, "act": act, "outlet": outlet, "since": since, "until": until
    }  # fmt: skip
    chosen = Filters(q, speaker, act, since, until, outlet)
    error: str | None = None
    result = facets = None
    try:
        offset = (page - 1) * PAGE_SIZE
        found, facets = await cached_calls(
            ctx.cache,
            [
                (("hits", chosen, offset), lambda: ctx.store.search(
                    **asdict(chosen), limit=PAGE_SIZE, offset=offset
                )),
                (("facets", chosen), lambda: ctx.store.facets(chosen)),
            ],
        )  # fmt: skip
        result = replace(found, total=facets.total)  # counted with the facets
    except HTTPException as err:
        if err.status_code != 400:
            raise
        error = str(err.detail)
    speaker_name = None
    if speaker and speaker.strip().isdigit() and facets and facets.speakers:
        speaker_name = next((f.label for f in facets.speakers if f.value == speaker.strip()), None)
    return ctx.templates.render(
        request,
        "search.html",
        status_code=400 if error else 200,
        params=params,
        result=result,
        facets=facets,
        error=error,
        page=page,
        size=PAGE_SIZE,
        acts=SPEECH_ACTS,
        speaker_name=speaker_name,
        marks=query_stems(q),
    )


@router.get("/speakers", response_class=HTMLResponse)
async def speakers(request: Request, ctx: Ctx, q: str | None = None) -> HTMLResponse:
    rows = await store_call(ctx.store.speakers, query=q, limit=100)
    return ctx.templates.render(request, "speakers.html", rows=rows, q=q or "")


@router.get("/speakers/{speaker}", response_class=HTMLResponse)
async def speaker(speaker: str, request: Request, ctx: Ctx, page: Page = 1) -> HTMLResponse:
    row = await speaker_or_404(ctx.store, speaker, ctx.cache)
    offset = (page - 1) * PAGE_SIZE
    (cells, undated), mentioned, found = await cached_calls(
        ctx.cache,
        [
            (("activity", row.id), lambda: ctx.store.activity(row.id)),
            (("mentioned", row.id), lambda: ctx.store.mentioned_people(row.id)),
            (("hits", Filters(speaker=row.id), offset), lambda: ctx.store.search(
                speaker=row.id, limit=PAGE_SIZE, offset=offset
            )),
        ],
    )  # fmt: skip
    statements = replace(found, total=row.quotes)
    return ctx.templates.render(
        request,
        "speaker.html",
        speaker=row,
        chart=timeline_chart(cells, undated),
        cells=cells,
        undated=undated,
        mentioned=mentioned,
        result=statements,
        page=page,
        size=PAGE_SIZE,
    )


@router.get("/statements/{statement_id}", response_class=HTMLResponse)
async def statement(
    statement_id: Annotated[int, Path(ge=1, le=2**62)], request: Request, ctx: Ctx
) -> HTMLResponse:
    """One statement: its reports in time order, versions that differ side by side."""
    found = await store_call(ctx.store.statement, statement_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no statement {statement_id} in the corpus")
    return ctx.templates.render(
        request, "statement.html", statement=found, rows=version_rows(found)
    )


@router.get("/analyze", response_class=HTMLResponse)
async def analyze_form(request: Request, ctx: Ctx) -> HTMLResponse:
    return ctx.templates.render(
        request, "analyze.html", error=None, values={}, writes=ctx.settings.token is not None
    )


@router.post("/analyze", response_class=HTMLResponse)
async def analyze_submit(request: Request, ctx: Ctx) -> HTMLResponse:
    check_too_large(request, ctx.settings.max_bytes)
    form = await request.form(max_part_size=ctx.settings.max_bytes)
    values = {k: v for k, v in form.items() if isinstance(v, str) and k != "token"}

    def fail(message: str, status: int = 422) -> HTMLResponse:
        return ctx.templates.render(
            request,
            "analyze.html",
            status_code=status,
            error=message,
            values=values,
            writes=ctx.settings.token is not None,
        )

    published = str(form.get("published") or "").strip() or None
    if published is not None:
        try:
            published = iso_day(published)
        except ValueError as err:
            return fail(f"publication date: {err}")
    name = str(form.get("doc_id") or "").strip()[:200] or None
    upload = form.get("file")
    text = str(form.get("text") or "")
    item: InputItem
    if isinstance(upload, UploadFile) and upload.filename:
        data = await upload.read()
        items = await run_in_threadpool(
            read_upload,
            data,
            filename=upload.filename,
            content_type=upload.content_type,
            max_chars=ctx.settings.max_chars,
            doc_id=name,
        )
        if len(items) != 1:
            return fail(
                "the Analyze page reads one article; send a JSONL feed to POST /api/v1/ingest"
            )
        first = items[0]
        if isinstance(first, InputFailure):
            return fail(first.reason)
        item = first
    elif text.strip():
        item = sent_text(text, name)
    else:
        return fail("paste an article's text or choose a file")
    store = form.get("store") == "yes"
    if store:
        token = form.get("token")
        check_token(ctx.settings, token if isinstance(token, str) and token else None)
    analysed = await analyse_items(ctx, [item], published=published)
    (record,) = analysed.records
    notice = None
    if store:
        result = await store_analysed(ctx, analysed)
        if result.failures:
            return fail(result.failures[0][1])
        notice = (
            "Stored in the corpus." if result.stored else "This text was already in the corpus."
        )
    return _reader(request, ctx, record, item.text, notice=notice, stored=store)


@router.get("/api/v1/docs", response_class=HTMLResponse)
async def api_docs(request: Request, ctx: Ctx) -> HTMLResponse:
    schema = request.app.openapi()
    endpoints = [
        {
            "method": method.upper(),
            "path": path,
            "summary": op.get("summary", ""),
            "description": op.get("description", ""),
            "parameters": op.get("parameters", []),
            "body": "requestBody" in op,
        }
        for path, methods in schema.get("paths", {}).items()
        for method, op in methods.items()
    ]
    return ctx.templates.render(request, "api_docs.html", endpoints=endpoints)
