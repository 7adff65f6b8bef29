"""The server's defences: security headers, the request size limit, the write token."""

from __future__ import annotations

import hmac
import ipaddress
import json

from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from onrecord.web.settings import TOKEN_ENV, Settings

# No inline script or style anywhere: everything the pages run or style with is a file
# under /static, so an article that smuggled markup past escaping still could not run.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)


class SecurityHeaders:
    """Add :data:`SECURITY_HEADERS` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in SECURITY_HEADERS if n not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def host_name(header: str) -> str:
    """The name or address of a Host header, without the port or IPv6 brackets."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1:].partition("]")[0]
    return value.rpartition(":")[0] if value.count(":") == 1 else value


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class HostCheck:
    """Answer only requests whose Host is an IP address or one of ``allowed`` (and their
    subdomains when given as ".example.org"); others get 400. A hostile page cannot read a
    loopback-only server by making its own name resolve to 127.0.0.1 (DNS rebinding): the
    browser sends that name."""

    def __init__(self, app: ASGIApp, allowed: tuple[str, ...]) -> None:
        self.app = app
        self.any = "*" in allowed
        self.names = {a.lower().rstrip(".") for a in allowed if not a.startswith(".")}
        self.suffixes = tuple(a.lower() for a in allowed if a.startswith("."))

    def allows(self, header: str) -> bool:
        name = host_name(header).rstrip(".")
        if not name:
            return False
        return _is_address(name) or name in self.names or name.endswith(self.suffixes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.any:
            await self.app(scope, receive, send)
            return
        header = next((v for k, v in scope.get("headers", []) if k == b"host"), b"")
        if self.allows(header.decode("latin-1")):
            await self.app(scope, receive, send)
            return
        body = json.dumps(
            {
                "detail": "this server does not answer for that host name; use its address "
                "(http://127.0.0.1:PORT/) or a name the operator allowed (onrecord serve "
                "--allow-host NAME)"
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 400,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int, size: int | None = None) -> None:
        said = f"{size:,} bytes" if size is not None else "more"
        super().__init__(
            status_code=413,
            detail=(
                f"the request body is {said}; this server accepts at most {limit:,} bytes "
                "per request. Send a shorter text, split a corpus into several uploads, or "
                "ask the operator to raise the limit (onrecord serve --max-bytes)"
            ),
        )


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` with 413: at once when Content-Length says
    so, otherwise as soon as the streamed body passes the limit."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared > self.max_bytes:
                    # Answered by the app's error handler, so pages get a page and the API JSON.
                    scope["onrecord.too_large"] = declared
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            if "onrecord.too_large" in scope:
                raise BodyTooLarge(self.max_bytes, scope["onrecord.too_large"])
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        await self.app(scope, counting_receive, send)


def check_too_large(request: Request, max_bytes: int) -> None:
    """Raise 413 before any work when the declared body is over the limit (endpoints that
    never read their body would otherwise not notice)."""
    declared = request.scope.get("onrecord.too_large")
    if declared is not None:
        raise BodyTooLarge(max_bytes, int(declared))


def bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def check_token(settings: Settings, presented: str | None) -> None:
    """Allow a write only with the operator's token: 403 when the server has none (writes
    are off), 401 when it is missing or wrong."""
    if not settings.token:
        raise HTTPException(
            status_code=403,
            detail=(
                "writing is disabled on this server: the operator has not set a token. "
                f"Start the server with {TOKEN_ENV} set to a secret to enable storing, "
                "ingest and merges; reading and analysing without storing work without it"
            ),
        )
    if presented is None or not hmac.compare_digest(
        presented.encode("utf-8", "surrogatepass"), settings.token.encode("utf-8", "surrogatepass")
    ):
        raise HTTPException(
            status_code=401,
            detail=(
                "this endpoint writes to the corpus and needs the operator's token: send "
                "'Authorization: Bearer <token>' (in the Analyze page, fill in the token field)"
            ),
            headers={"WWW-Authenticate": "Bearer"},
        )
