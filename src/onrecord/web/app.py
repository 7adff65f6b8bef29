"""The application factory: one FastAPI app serving the pages and the REST API over a store."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

import onrecord
from onrecord.corpus.store import Store, open_store
from onrecord.web import routes_api, routes_pages
from onrecord.web.analysis import AnalysisQueue
from onrecord.web.cache import ReadCache
from onrecord.web.context import Context
from onrecord.web.security import BodyLimit, HostCheck, SecurityHeaders
from onrecord.web.settings import Settings
from onrecord.web.templating import Templates

API_PREFIX = "/api/v1"


def create_app(settings: Settings | None = None, *, store: Store | None = None) -> FastAPI:
    """The onrecord server. Without ``store`` it opens ``settings.db`` (and closes it on
    shutdown); a store passed in stays the caller's to close."""
    settings = settings or Settings.from_env()
    owned = store is None
    corpus = store if store is not None else open_store(settings.db)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.onrecord.analyser.close()
        if owned:
            corpus.close()

    app = FastAPI(
        title="onrecord",
        version=onrecord.__version__,
        description=(
            "Who said what, to whom, when and how: the statements of a corpus of news "
            "articles. Records follow the onrecord article record (schema onrecord.article/1)."
        ),
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN; /api/v1/docs is ours
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.onrecord = Context(
        settings=settings,
        store=corpus,
        analyser=AnalysisQueue(
            model=settings.model,
            slots=settings.analysis_slots,
            queue=settings.analysis_queue,
            max_chars=settings.max_chars,
        ),
        templates=Templates(),
        cache=ReadCache(settings.cache_seconds),
    )
    app.mount("/static", StaticFiles(packages=[("onrecord.web", "static")]), name="static")
    app.include_router(routes_api.router)
    app.include_router(routes_pages.router)
    app.add_middleware(BodyLimit, max_bytes=settings.max_bytes)
    app.add_middleware(HostCheck, allowed=settings.allowed_hosts)
    app.add_middleware(SecurityHeaders)
    _error_handlers(app)
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(API_PREFIX + "/") and not request.url.path.endswith("/docs")


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, err: HTTPException) -> Response:
        if _wants_json(request):
            return JSONResponse(
                {"detail": err.detail}, status_code=err.status_code, headers=err.headers
            )
        context: Context = request.app.state.onrecord
        response = context.templates.render(
            request, "error.html", status_code=err.status_code, status=err.status_code,
            detail=str(err.detail),
        )  # fmt: skip
        if err.headers:
            response.headers.update(err.headers)
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, err: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}"
            for e in err.errors()
        )
        if _wants_json(request):
            # where and what, not the input: it may be NaN or a lone surrogate, which JSON
            # cannot carry back
            errors = [{k: e[k] for k in ("type", "loc", "msg") if k in e} for e in err.errors()]
            return JSONResponse({"detail": jsonable_encoder(errors)}, status_code=422)
        context: Context = request.app.state.onrecord
        return context.templates.render(
            request, "error.html", status_code=422, status=422,
            detail=f"the request is not valid: {problems}",
        )  # fmt: skip
