"""Property tests: any parameters from the API's own OpenAPI schema, any upload: never a 500.

For every GET operation the schema lists, hypothesis draws values for its parameters, half
from the schema's own types and bounds and half arbitrary text, and checks that the answer
is a success or a 4xx carrying a JSON error message. Bounded in examples, no deadline.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ANY_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)


def value_for(schema: dict) -> st.SearchStrategy:
    options = [s for s in schema.get("anyOf", [schema]) if s.get("type") != "null"]
    typed = []
    for s in options:
        kind = s.get("type")
        if kind == "integer":
            typed.append(st.integers(s.get("minimum", -10**9) - 2,
                                     s.get("maximum", 10**9) + 2).map(str))
        elif kind == "boolean":
            typed.append(st.sampled_from(["true", "false", "1", "0", "yes"]))
        elif "pattern" in s:
            longest = s.get("maxLength", 10**6)
            typed.append(st.from_regex(s["pattern"], fullmatch=True).filter(
                lambda v, longest=longest: len(v) <= longest))
        else:
            typed.append(st.text(max_size=s.get("maxLength", 40)))
    return st.one_of(*typed, ANY_TEXT, st.integers(-5, 100_000).map(str))


def operations(schema: dict) -> list[tuple[str, list[dict]]]:
    return [(path, op.get("parameters", [])) for path, item in sorted(schema["paths"].items())
            for method, op in item.items() if method == "get"]


@pytest.fixture(scope="module")
def schema(client):
    return client.get("/openapi.json").json()


def test_schema_lists_get_operations(schema):
    assert len(operations(schema)) >= 15


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_no_parameters_make_a_500(client, schema, data):
    path, params = data.draw(st.sampled_from(operations(schema)), label="operation")
    query: dict[str, str] = {}
    url = path
    for p in params:
        if p["in"] == "path":
            url = url.replace("{" + p["name"] + "}", quote(data.draw(
                value_for(p["schema"]), label=p["name"]) or "x", safe=""))
        elif data.draw(st.booleans(), label=f"use {p['name']}"):
            query[p["name"]] = data.draw(value_for(p["schema"]), label=p["name"])
    r = client.get(url, params=query)
    assert r.status_code < 500, (url, query, r.text)
    if r.status_code >= 400:
        assert r.json()["error"], (url, query, r.text)


@pytest.fixture(scope="module")
def posting(store_path, tmp_path_factory):
    """A writable server whose jobs record their input instead of analysing it."""
    from fastapi.testclient import TestClient

    from faultline.api import create_app
    from tests.api.conftest import copy_store

    seen: list[bytes] = []

    def record(path, out):
        seen.append(path.read_bytes())
        return {"stored": 0}

    app = create_app(copy_store(store_path, tmp_path_factory.mktemp("posting")), runner=record)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
    app.state.server.close()


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(body=st.one_of(st.binary(max_size=200), ANY_TEXT.map(str.encode),
                      st.fixed_dictionaries({"text": ANY_TEXT}, optional={
                          "title": ANY_TEXT, "published": ANY_TEXT, "extra": ANY_TEXT}).map(
                          lambda d: json.dumps(d).encode())),
       ctype=st.sampled_from(["text/plain", "application/json", "application/x-ndjson",
                              "application/xml", "", "text/plain; charset=latin-1"]))
def test_no_upload_makes_a_500(posting, body, ctype):
    r = posting.post("/api/analyze", content=body, headers={"content-type": ctype})
    assert r.status_code in (202, 400, 413, 415), (body, ctype, r.text)
    if r.status_code == 202:
        assert posting.get(r.headers["location"]).status_code == 200
    else:
        assert r.json()["error"]
