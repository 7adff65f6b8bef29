"""What the operator configures for a server: the database, the write token, the limits."""

from __future__ import annotations

import os
from dataclasses import dataclass

from onrecord.text.read import DEFAULT_MAX_CHARS

TOKEN_ENV = "ONRECORD_TOKEN"
DEFAULT_MAX_BYTES = 4 * 1024 * 1024
# A public server analyses pasted text on request; 5,000,000 characters (the library's
# limit) would keep one core busy for minutes, so the server's default is lower.
DEFAULT_WEB_MAX_CHARS = min(DEFAULT_MAX_CHARS, 500_000)


@dataclass(frozen=True)
class Settings:
    db: str | None = None  # database URL or SQLite file; None: $ONRECORD_DB or ./onrecord.db
    token: str | None = None  # bearer token of the write endpoints; None: writes disabled
    max_bytes: int = DEFAULT_MAX_BYTES  # largest request body accepted
    max_chars: int = DEFAULT_WEB_MAX_CHARS  # longest article text analysed
    model: str | None = None  # spaCy pipeline for analysis
    analysis_slots: int = 1  # analyses run at once, on threads of their own
    analysis_queue: int = 4  # analyses waiting for a slot; one more gets 503 at once
    cache_seconds: float = 30.0  # how long read results (pages, counts) are reused; 0: never
    # Host names the server answers to (IP addresses always pass; "*" turns the check off):
    # a page on another site whose name is made to resolve to this machine (DNS rebinding)
    # sends its own name, and gets 400.
    allowed_hosts: tuple[str, ...] = ("localhost",)

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Settings with the token from $ONRECORD_TOKEN (an empty value counts as unset)."""
        token = os.environ.get(TOKEN_ENV) or None
        values: dict[str, object] = {"token": token, "db": os.environ.get("ONRECORD_DB")}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
