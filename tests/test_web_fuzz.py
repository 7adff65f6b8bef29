"""A route fuzzer (issue 15): every operation of the OpenAPI description, and every page,
gets generated path segments (any bytes, percent-encoded), query values and JSON bodies
(NaN, huge numbers, lone surrogate escapes, wrong types), with and without the token. No
answer may be a 500."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote_from_bytes

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import LOCAL
from onrecord.corpus.store import Store
from onrecord.web import Settings, create_app

TOKEN = "fuzz-token-0123456789"
PAGES = [
    ("get", "/"),
    ("get", "/articles"),
    ("get", "/articles/{doc_id}"),
    ("get", "/search"),
    ("get", "/speakers"),
    ("get", "/speakers/{speaker}"),
    ("get", "/statements/{statement_id}"),
    ("get", "/analyze"),
    ("get", "/api/v1/docs"),
]
PAGE_QUERY = ["q", "speaker", "act", "outlet", "since", "until", "page"]


@pytest.fixture(scope="module")
def client(sample_corpus: Store) -> Iterator[TestClient]:
    app = create_app(Settings(token=TOKEN, max_chars=2_000, cache_seconds=0), store=sample_corpus)
    with TestClient(app, base_url=LOCAL, raise_server_exceptions=False) as test_client:
        yield test_client


def operations(client: TestClient) -> list[tuple[str, str, list[str], bool]]:
    """(method, path template, query parameter names, takes a JSON body) of every route."""
    schema = client.get("/api/v1/openapi.json").json()
    found = []
    for path, methods in schema["paths"].items():
        for method, op in methods.items():
            query = [p["name"] for p in op.get("parameters", []) if p["in"] == "query"]
            found.append((method, path, query, "requestBody" in op))
    return found + [(m, p, PAGE_QUERY, False) for m, p in PAGES]


segments = st.one_of(
    st.binary(min_size=1, max_size=12).map(lambda b: quote_from_bytes(b, safe="")),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["²", "%C2%B2", "٣", "1e309", "#1", "..", "%2F", "a%2Ftext", "text"]),
)
values = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=12),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["2022-02-30", "99999", "2022-13", "NaN", "-1", "", "\x00", "'\"<>"]),
)
json_values: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)
BODY_KEYS = ["text", "doc_id", "published", "title", "store", "keep", "other", "id"]


@st.composite
def requests(draw: st.DrawFn, ops: list[tuple[str, str, list[str], bool]]) -> dict[str, Any]:
    method, template, query, body = draw(st.sampled_from(ops))
    path = template
    while "{" in path:
        start, end = path.index("{"), path.index("}")
        path = path[:start] + draw(segments) + path[end + 1 :]
    params = {name: draw(values) for name in query if draw(st.booleans())}
    headers = {"Authorization": f"Bearer {TOKEN}"} if draw(st.booleans()) else {}
    content: bytes | None = None
    if body or method == "post":
        shape = draw(st.sampled_from(["object", "any", "bytes", "surrogate"]))
        if shape == "object":
            obj = {k: draw(json_values) for k in BODY_KEYS if draw(st.booleans())}
            content = json.dumps(obj).encode()
        elif shape == "any":
            content = json.dumps(draw(json_values)).encode()
        elif shape == "bytes":
            content = draw(st.binary(max_size=60))
        else:
            key = draw(st.sampled_from(BODY_KEYS))
            content = b'{"text": "Yes, he said.", "' + key.encode() + b'": "a\\ud800"}'
        headers["content-type"] = draw(
            st.sampled_from(["application/json", "text/plain", "application/x-ndjson"])
        )
    return {
        "method": method.upper(),
        "url": path,
        "params": params,
        "headers": headers,
        "content": content,
    }


def test_no_route_answers_500(client: TestClient) -> None:
    ops = operations(client)
    assert len(ops) >= 20

    @settings(
        max_examples=250,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(requests(ops))
    def check(request: dict[str, Any]) -> None:
        response = client.request(**request)
        assert response.status_code < 500 or response.status_code == 503, (
            request,
            response.status_code,
            response.text[:300],
        )
        assert "content-security-policy" in response.headers

    check()
