"""Jinja2 with autoescaping always on, templates and static files from the package."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined

from onrecord.web.highlight import highlight

_HTTP_URL = re.compile(r"^https?://[^\s\x00-\x1f\x7f\"'<>\\]+$", re.I)


def http_url(value: object) -> str | None:
    """The value when it is a plain http(s) URL, else None: article metadata never becomes a
    ``javascript:`` or ``data:`` link."""
    if isinstance(value, str) and _HTTP_URL.match(value.strip()):
        return value.strip()
    return None


def path_part(value: object) -> str:
    """A value quoted for one URL path segment."""
    return quote(str(value), safe="")


ENTITY_KINDS = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "NORP": "group"}


def entity_kind(value: object) -> str:
    """A speaker's entity type in words: "PERSON" is "person"."""
    return ENTITY_KINDS.get(str(value), str(value).lower())


def query(params: dict[str, Any], **changes: Any) -> str:
    """A query string from ``params`` with ``changes`` applied; empty values dropped."""
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


class Templates:
    def __init__(self) -> None:
        self.env = Environment(
            loader=PackageLoader("onrecord.web", "templates"),
            autoescape=True,  # every template, whatever its name
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["http_url"] = http_url
        self.env.filters["path_part"] = path_part
        self.env.filters["entity_kind"] = entity_kind
        self.env.filters["highlight"] = highlight
        self.env.globals["query"] = query

    def render(
        self, request: Request, name: str, status_code: int = 200, **values: Any
    ) -> HTMLResponse:
        html = self.env.get_template(name).render(request=request, **values)
        return HTMLResponse(html, status_code=status_code)
