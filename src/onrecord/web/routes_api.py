"""The REST API under /api/v1: the article record of docs/design.md, quotes, speakers, timelines.

Reads are public; analyse-and-store, ingest, merges and quote corrections need the
operator's bearer token.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from onrecord.corpus.store import Filters, StoreError, UnknownQuoteError
from onrecord.record import ArticleRecord
from onrecord.text.days import iso_day
from onrecord.web.context import Context, get_context
from onrecord.web.errors import cached_call, http_error, speaker_or_404, store_call
from onrecord.web.schemas import (
    ActivityOut,
    AnalyzeIn,
    ArticleOut,
    ArticlePage,
    CorrectIn,
    Counts,
    FacetOut,
    FacetsOut,
    Failure,
    IngestOut,
    MentionedOut,
    MergeIn,
    Problem,
    QuoteOut,
    QuotePage,
    Renamed,
    SpeakerDetail,
    SpeakerOut,
    StatementOut,
    StatementPage,
    StatementRowOut,
)
from onrecord.web.security import bearer, check_token, check_too_large
from onrecord.web.storing import analyse_items, sent_text, store_analysed
from onrecord.web.uploads import read_upload

router = APIRouter(prefix="/api/v1", tags=["onrecord"])
Ctx = Annotated[Context, Depends(get_context)]


def writer(request: Request, ctx: Ctx) -> None:
    """The token check of a write endpoint, before its body is read or validated: without
    the token a bad body is 401 (or 403), never a validation error."""
    check_too_large(request, ctx.settings.max_bytes)
    check_token(ctx.settings, bearer(request))


Writer = Annotated[None, Depends(writer)]


def record_url(doc_id: str) -> str:
    """The API URL of a stored record: the id as one path segment, percent-encoded (a
    '/' too, so that an id ending in '/text' is not its text)."""
    return f"/api/v1/articles/{quote(doc_id, safe='')}"


WRITE_ERRORS: dict[int | str, dict[str, object]] = {
    401: {"model": Problem, "description": "the token is missing or wrong"},
    403: {"model": Problem, "description": "writes are disabled: no ONRECORD_TOKEN is set"},
    413: {"model": Problem, "description": "the request body or the text is too large"},
}


def filters(
    q: Annotated[
        str | None, Query(description='full-text query: words, "a phrase", a OR b, -word')
    ] = None,
    speaker: Annotated[str | None, Query(description="speaker id, name or alias")] = None,
    act: Annotated[str | None, Query(description="speech act or PLOVER category")] = None,
    outlet: str | None = None,
    since: Annotated[str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD")] = None,
) -> Filters:
    return Filters(q, speaker, act, since, until, outlet)


Limit = Annotated[int, Query(ge=0, le=500)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]


def _day(value: str | None, name: str) -> str | None:
    if value is None or not value.strip():
        return None
    try:
        return iso_day(value)
    except ValueError as err:
        raise HTTPException(status_code=422, detail=f"{name}: {err}") from None


def _published(value: str | None) -> str | None:
    return _day(value, "published")


@router.get("/counts", response_model=Counts)
async def counts(ctx: Ctx) -> Counts:
    """How many articles, quotes and speakers the corpus holds."""
    return Counts(**await store_call(ctx.store.counts))


@router.get("/articles", response_model=ArticlePage)
async def list_articles(ctx: Ctx, limit: Limit = 50, offset: Offset = 0) -> ArticlePage:
    """Stored articles, latest published first."""
    rows, total = await store_call(ctx.store.articles, limit=limit, offset=offset)
    return ArticlePage(
        total=total, limit=limit, offset=offset, items=[ArticleOut.of(r) for r in rows]
    )


@router.get(
    "/articles/{doc_id:path}/text",
    response_class=PlainTextResponse,
    responses={404: {"model": Problem}},
)
async def get_article_text(doc_id: str, request: Request, ctx: Ctx) -> Response:
    """The text the record's offsets point into, as text/plain."""
    raw = request.scope.get("raw_path") or request.url.path.encode()
    if not raw.split(b"?", 1)[0].endswith(b"/text"):
        # ".../has%2Ftext": the record of the article "has/text", not the text of "has"
        record, _ = await _stored_article(ctx, doc_id + "/text")
        return JSONResponse(record.model_dump(mode="json"))
    _, text = await _stored_article(ctx, doc_id)
    return PlainTextResponse(text)


@router.get(
    "/articles/{doc_id:path}",
    response_model=ArticleRecord,
    responses={404: {"model": Problem}},
)
async def get_article(doc_id: str, ctx: Ctx) -> ArticleRecord:
    """The article record (docs/design.md, "The record"); offsets index its text."""
    record, _ = await _stored_article(ctx, doc_id)
    return record


async def _stored_article(ctx: Ctx, doc_id: str) -> tuple[ArticleRecord, str]:
    found = await store_call(ctx.store.article, doc_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no article {doc_id!r} in the corpus")
    return found


@router.get("/quotes", response_model=QuotePage, responses={400: {"model": Problem}})
async def quotes(
    ctx: Ctx,
    chosen: Annotated[Filters, Depends(filters)],
    limit: Limit = 20,
    offset: Offset = 0,
) -> QuotePage:
    """Quotes that pass the filters, newest statement first, with the total."""
    page = await cached_call(
        ctx.cache, ("page", chosen, offset, limit), ctx.store.search, **asdict(chosen),
        limit=limit, offset=offset, count=True,
    )  # fmt: skip
    return QuotePage(
        total=page.total or 0,
        limit=limit,
        offset=offset,
        items=[QuoteOut.of(h) for h in page.hits],
    )


@router.get("/quotes/facets", response_model=FacetsOut, responses={400: {"model": Problem}})
async def quote_facets(ctx: Ctx, chosen: Annotated[Filters, Depends(filters)]) -> FacetsOut:
    """How the quotes that pass the filters divide by speaker, speech act and outlet."""
    found = await cached_call(ctx.cache, ("facets", chosen), ctx.store.facets, chosen)
    return FacetsOut(
        total=found.total,
        speakers=[FacetOut.of(f) for f in found.speakers],
        acts=[FacetOut.of(f) for f in found.acts],
        outlets=[FacetOut.of(f) for f in found.outlets],
    )


@router.get("/speakers", response_model=list[SpeakerOut])
async def list_speakers(
    ctx: Ctx,
    q: Annotated[str | None, Query(description="part of a name or alias")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> list[SpeakerOut]:
    """Corpus speakers, most quoted first."""
    rows = await store_call(ctx.store.speakers, query=q, limit=limit)
    return [SpeakerOut.of(r) for r in rows]


@router.get(
    "/speakers/{speaker}", response_model=SpeakerDetail, responses={404: {"model": Problem}}
)
async def get_speaker(speaker: str, ctx: Ctx) -> SpeakerDetail:
    """A speaker (by id, name or alias): aliases, titles, who they talk about, activity."""
    row = await speaker_or_404(ctx.store, speaker)
    cells, undated = await store_call(ctx.store.activity, row.id)
    mentioned = await store_call(ctx.store.mentioned_people, row.id)
    return SpeakerDetail(
        speaker=SpeakerOut.of(row),
        talks_about=[MentionedOut.of(m) for m in mentioned],
        activity=[ActivityOut.of(c) for c in cells],
        undated=undated,
    )


@router.get(
    "/speakers/{speaker}/timeline",
    response_model=QuotePage,
    responses={404: {"model": Problem}},
)
async def speaker_timeline(
    speaker: str,
    ctx: Ctx,
    limit: Annotated[int, Query(ge=0, le=1000)] = 100,
    offset: Offset = 0,
) -> QuotePage:
    """A speaker's quotes in the order they were made, oldest first."""
    row = await speaker_or_404(ctx.store, speaker)
    hits = await store_call(ctx.store.timeline, row.id, limit=offset + limit)
    return QuotePage(
        total=row.quotes,
        limit=limit,
        offset=offset,
        items=[QuoteOut.of(h) for h in hits[offset:]],
    )


@router.get("/statements", response_model=StatementPage, responses={404: {"model": Problem}})
async def list_statements(
    ctx: Ctx,
    speaker: Annotated[str | None, Query(description="speaker id, name or alias")] = None,
    since: Annotated[str | None, Query(description="first made on or after YYYY-MM-DD")] = None,
    drift_only: Annotated[bool, Query(description="only statements whose versions differ")] = False,
    min_reports: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    limit: Limit = 50,
    offset: Offset = 0,
) -> StatementPage:
    """Statements (quotes of one utterance grouped across articles), most reported first."""
    if speaker is not None and speaker.strip():
        await speaker_or_404(ctx.store, speaker)
    rows = await store_call(
        ctx.store.statements, speaker=speaker, since=_day(since, "since"), drift_only=drift_only,
        min_reports=min_reports, limit=limit, offset=offset,
    )  # fmt: skip
    return StatementPage(limit=limit, offset=offset, items=[StatementRowOut.of(r) for r in rows])


@router.get(
    "/statements/{statement_id}", response_model=StatementOut, responses={404: {"model": Problem}}
)
async def get_statement(
    statement_id: Annotated[int, Path(ge=1, le=2**62)], ctx: Ctx
) -> StatementOut:
    """One statement: its reports in time order with outlet, date and via, the earliest
    marked, and its drift flags with the two texts and the exact difference."""
    found = await store_call(ctx.store.statement, statement_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no statement {statement_id} in the corpus")
    return StatementOut.of(found)


@router.post(
    "/analyze",
    response_model=ArticleRecord,
    responses={201: {"model": ArticleRecord, "description": "analysed and stored"}, **WRITE_ERRORS},
)
async def analyze(body: AnalyzeIn, request: Request, response: Response, ctx: Ctx) -> ArticleRecord:
    """Analyse a text and return its record; with ``store: true`` (and the token) also
    store it in the corpus (201, Location: the stored record)."""
    check_too_large(request, ctx.settings.max_bytes)
    if body.store:
        check_token(ctx.settings, bearer(request))
    analysed = await analyse_items(
        ctx,
        [sent_text(body.text, body.doc_id, title=body.title)],
        published=_published(body.published),
    )
    (record,) = analysed.records
    if body.store:
        result = await store_analysed(ctx, analysed)
        if result.failures:
            raise HTTPException(status_code=422, detail=result.failures[0][1])
        (stored_id,) = result.doc_ids
        response.status_code = 201
        response.headers["Location"] = record_url(stored_id)
        if stored_id != record.doc_id and result.stored:
            record = record.model_copy(update={"doc_id": stored_id})
    return record


@router.post("/ingest", response_model=IngestOut, responses=WRITE_ERRORS)
async def ingest(
    _write: Writer,
    request: Request,
    ctx: Ctx,
    doc_id: Annotated[str | None, Query(max_length=200)] = None,
    published: Annotated[str | None, Query(description="YYYY-MM-DD, for text bodies")] = None,
    filename: Annotated[
        str | None,
        Query(max_length=200, description="names the kind: a.txt, a.html, a.jsonl, a.json"),
    ] = None,
) -> IngestOut:
    """Analyse and store the articles in the request body: a text, an HTML page, a JSONL
    feed of {"id","text","title","published","url","outlet"}, or one such JSON object or a
    list of them (Content-Type text/plain, text/html, application/x-ndjson or
    application/json; or a multipart form with a ``file``). The server never reads a path:
    send the content itself."""
    content_type = request.headers.get("content-type", "")
    if content_type.lower().startswith("multipart/form-data"):
        form = await request.form(max_part_size=ctx.settings.max_bytes)
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise HTTPException(status_code=422, detail="the form needs a file field named 'file'")
        data = await upload.read()
        filename = filename or upload.filename
        content_type = upload.content_type or ""
    else:
        data = await request.body()
    if not data.strip():
        raise HTTPException(status_code=422, detail="the request body is empty; send the articles")
    items = await run_in_threadpool(
        read_upload,
        data,
        filename=filename,
        content_type=content_type,
        max_chars=ctx.settings.max_chars,
        doc_id=doc_id,
    )
    analysed = await analyse_items(ctx, items, published=_published(published))
    result = await store_analysed(ctx, analysed)
    return IngestOut(
        stored=result.stored,
        skipped=result.skipped,
        doc_ids=result.doc_ids,
        failures=[Failure(origin=o, reason=r) for o, r in result.failures],
        renamed=[Renamed(origin=o, requested=w, doc_id=d) for o, w, d in result.renamed],
    )


@router.post(
    "/speakers/merge",
    response_model=SpeakerOut,
    responses=WRITE_ERRORS,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": MergeIn.model_json_schema()}},
        }
    },
)
async def merge(_write: Writer, request: Request, ctx: Ctx) -> SpeakerOut:
    """Make ``other`` the same speaker as ``keep`` (now and for articles stored later)."""
    # read here, after the token check: without the token even a body that is not JSON is 401
    try:
        body = MergeIn.model_validate_json(await request.body())
    except ValidationError as err:
        raise RequestValidationError(
            [{k: e[k] for k in ("type", "loc", "msg") if k in e} for e in err.errors()]
        ) from None
    row = await store_call(ctx.store.merge_speakers, body.keep, body.other)
    ctx.cache.clear()
    return SpeakerOut.of(row)


@router.post(
    "/quotes/correct",
    response_model=QuoteOut,
    responses={404: {"model": Problem, "description": "no such quote"}, **WRITE_ERRORS},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": CorrectIn.model_json_schema()}},
        }
    },
)
async def correct_quote(_write: Writer, request: Request, ctx: Ctx) -> QuoteOut:
    """Correct who said one quote: ``{"quote": "doc_id#q3", "speaker": "Name"}`` (a speaker
    id, name or alias, or a new name), ``{"quote": ..., "none": true}`` (nobody the corpus
    knows), ``{"quote": ..., "undo": true}``. It holds when the article is re-analysed."""
    try:
        body = CorrectIn.model_validate_json(await request.body())
    except ValidationError as err:
        raise RequestValidationError(
            [{k: e[k] for k in ("type", "loc", "msg") if k in e} for e in err.errors()]
        ) from None
    try:
        if body.undo:
            hit = await run_in_threadpool(ctx.store.undo_correction, body.quote)
        else:
            hit = await run_in_threadpool(
                ctx.store.correct_quote, body.quote, None if body.none else body.speaker
            )
    except UnknownQuoteError as err:
        raise HTTPException(status_code=404, detail=str(err)) from None
    except StoreError as err:
        raise http_error(err) from None
    ctx.cache.clear()
    return QuoteOut.of(hit)
