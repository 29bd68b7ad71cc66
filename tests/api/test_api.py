"""The HTTP API over the examples' store: every endpoint and filter, downloads, bad requests."""

from __future__ import annotations

import csv
import io
import json

import pytest

from faultline.link.events import NEGATIVE, POSITIVE
from tests.api.fixture_store import HOSTILE_ID, HOSTILE_OUTLET

LISTS = ["/api/events", "/api/articles", "/api/quotes", "/api/clusters", "/api/contested",
         "/api/numbers", "/api/timeline", "/api/alerts", "/api/runs"]


def items(client, url, **params):
    r = client.get(url, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_stats_counts_what_was_stored(client):
    data = items(client, "/api/stats")
    assert data["counts"]["articles"] == 9
    assert data["counts"]["events"] > 50
    assert "0001_initial" in data["migrations"]
    assert data["read_only"] is True


@pytest.mark.parametrize("url", LISTS)
def test_every_list_pages_and_counts(client, url):
    whole = items(client, url, limit=1000)
    page = items(client, url, limit=1, offset=0)
    assert page["total"] == whole["total"] == len(whole["items"])
    assert len(page["items"]) == min(1, whole["total"])
    if whole["total"] > 1:
        second = items(client, url, limit=1, offset=1)
        assert second["items"][0] == whole["items"][1]


@pytest.mark.parametrize("url", LISTS)
def test_every_list_downloads_as_csv_and_jsonl(client, url):
    total = items(client, url, limit=1000)["total"]
    r = client.get(url, params={"format": "csv", "limit": 5000})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    if url != "/api/timeline":  # the timeline's CSV has a row per dyad and day
        assert len(rows) == total
    r = client.get(url, params={"format": "jsonl", "limit": 5000})
    lines = [json.loads(line) for line in r.text.splitlines()]
    assert len(lines) == len(rows)
    if url != "/api/timeline":
        assert int(r.headers["x-total-count"]) == total


def codes(page, side):
    return {(i["event"][side] or {}).get("code") for i in page["items"]}


def test_event_filters_narrow(client):
    everything = items(client, "/api/events", limit=1000)["total"]
    checks = {
        "dyad": ("RUS-UKR", lambda e: e["event"]["source"]["code"][:3] == "RUS"
                 and e["event"]["target"]["code"][:3] == "UKR"),
        "source": ("RUS*", lambda e: e["event"]["source"]["code"].startswith("RUS")),
        "target": ("UKR*", lambda e: e["event"]["target"]["code"].startswith("UKR")),
        "actor": ("RUS*", lambda e: any((e["event"][side] or {}).get("code", "").startswith(
            "RUS") for side in ("source", "target"))),
        "source_country": ("USA", lambda e: e["event"]["source"]["code"][:3] == "USA"),
        "target_country": ("UKR", lambda e: e["event"]["target"]["code"][:3] == "UKR"),
        "root": ("13", lambda e: e["event"]["root"] == "13"),
        "code": ("13*", lambda e: e["event"]["code"].startswith("13")),
        "quad_class": (4, lambda e: e["event"]["quad_class"] == 4),
        "modality": ("negated", lambda e: e["event"]["modality"] == "negated"),
        "plover": ("THREATEN", lambda e: e["event"]["plover"] == "THREATEN"),
        "outlet": ("Meridian Wire", lambda e: e["article"]["publisher"] == "Meridian Wire"),
        "q": ("troops", lambda e: "troops" in e["evidence"].lower()),
        "reported_by": ("biden", lambda e: "biden" in (
            e["event"]["reported_by"] or {}).get("name", "").lower()),
        "date_from": ("2022-02-15", lambda e: e["event"]["date"] >= "2022-02-15"),
        "date_to": ("2022-01-31", lambda e: e["event"]["date"][:10] <= "2022-01-31"),
        "published_from": ("2022-02", lambda e: e["article"]["published"][:7] >= "2022-02"),
        "published_to": ("2021-12", lambda e: e["article"]["published"][:7] <= "2021-12"),
        "article_id": (HOSTILE_ID, lambda e: e["article"]["id"] == HOSTILE_ID),
    }
    for name, (value, holds) in checks.items():
        page = items(client, "/api/events", limit=1000, **{name: value})
        assert 0 < page["total"] < everything, name
        assert all(holds(e) for e in page["items"]), name


def test_filters_combine(client):
    a = items(client, "/api/events", dyad="RUS-UKR", limit=1000)["total"]
    b = items(client, "/api/events", dyad="RUS-UKR", modality="asserted", limit=1000)["total"]
    assert b < a


def test_event_carries_its_evidence(client):
    for e in items(client, "/api/events", limit=1000)["items"][:40]:
        art = items(client, f"/api/articles/{e['article']['id']}")
        span, trig = e["event"]["span"], e["event"]["trigger_span"]
        assert art["article"]["text"][span["start"]:span["end"]] == e["evidence"]
        assert art["article"]["text"][trig["start"]:trig["end"]] == e["event"]["trigger_text"]


def test_one_article_has_all_its_annotations(client):
    data = items(client, f"/api/articles/{HOSTILE_ID}")
    assert data["article"]["publisher"] == HOSTILE_OUTLET
    assert {e["code"] for e in data["events"]} >= {"1312", "112"}
    assert data["quotes"] and data["actors"] and data["timexes"]
    text = data["article"]["text"]
    for a in data["actors"]:
        assert text[a["span"]["start"]:a["span"]["end"]] == a["text"]


def test_article_filters(client):
    assert items(client, "/api/articles", outlet="Meridian Wire")["total"] == 3
    assert items(client, "/api/articles", published_from="2022-02-16")["total"] == 3
    assert items(client, "/api/articles", language="en")["total"] == 9
    assert items(client, "/api/articles", language="xx")["total"] == 0
    assert items(client, "/api/articles", q="geneva")["total"] == 1


def test_outlets_count_their_articles(client):
    r = client.get("/api/outlets")
    assert r.status_code == 200
    found = r.json()
    assert found and found == sorted(found, key=lambda o: -o["articles"])
    for o in found:
        assert items(client, "/api/articles", outlet=o["outlet"])["total"] == o["articles"]


def test_copy_family_filter_says_when_the_store_has_none(client):
    r = client.get("/api/articles", params={"copy_family": "f1"})
    if r.status_code == 400:
        assert "copy famil" in r.json()["error"]
    else:
        assert r.status_code == 200 and r.json()["total"] == 0


def test_contested_shows_both_sides(client):
    page = items(client, "/api/contested")
    assert page["total"] >= 1
    for c in page["items"]:
        assert c["contested"] and c["affirms"] and c["disputes"]
        for m in c["affirms"]:
            assert m["hit"]["event"]["modality"] in POSITIVE
        for m in c["disputes"]:
            assert m["hit"]["event"]["modality"] in NEGATIVE
    one = items(client, f"/api/clusters/{page['items'][0]['id']}")
    assert one["n_mentions"] == len(one["mentions"])


def test_cluster_filters(client):
    assert items(client, "/api/clusters", contested=True)["total"] == items(
        client, "/api/contested")["total"]
    dyad = items(client, "/api/clusters", dyad="RUS-UKR", limit=1000)
    assert dyad["total"] > 0
    assert all((c["source"], c["target"]) == ("RUS", "UKR") for c in dyad["items"])


def test_number_groups_disagree(client):
    groups = items(client, "/api/numbers", disagree=True)["items"]
    assert groups and all(g["disagree"] for g in groups)
    troops = next(g for g in groups if g["label"] == "Russian troops")
    assert len({r["claim"]["quantity"] for r in troops["reports"]}) > 1


def test_quotes_by_speaker(client):
    page = items(client, "/api/quotes", speaker="biden", limit=1000)
    assert page["total"] > 0
    assert all("biden" in i["quote"]["speaker"]["name"].lower() for i in page["items"])


def test_timeline_and_alerts(client):
    series = items(client, "/api/timeline", limit=1000)["items"]
    assert series and all(s["days"] for s in series)
    one = items(client, "/api/timeline", dyad=series[0]["dyad"])
    assert [s["dyad"] for s in one["items"]] == [series[0]["dyad"]]
    assert items(client, "/api/alerts")["total"] == sum(len(s["alerts"]) for s in series)


def test_network_has_names(client):
    net = items(client, "/api/network")
    assert net["nodes"]["RUS"] == "Russia"
    assert any(e["source"] == "RUS" or e["target"] == "RUS" for e in net["edges"])


def test_openapi_documents_every_endpoint(client):
    schema = items(client, "/openapi.json")
    for url in [*LISTS, "/api/stats", "/api/network", "/api/analyze", "/api/jobs/{job_id}",
                "/api/articles/{article_id}"]:
        assert url in schema["paths"], url
    params = {p["name"] for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    assert {"dyad", "root", "quad_class", "modality", "reported_by", "date_from",
            "published_to", "outlet", "q", "limit", "offset", "format"} <= params


# -- bad requests ---------------------------------------------------------------------------


@pytest.mark.parametrize("url, params, status, words", [
    ("/api/events", {"limit": -1}, 422, "limit"),
    ("/api/events", {"limit": 5000}, 400, "limit"),
    ("/api/events", {"offset": "x"}, 422, "offset"),
    ("/api/events", {"format": "xml"}, 422, "format"),
    ("/api/events", {"quad_class": 7}, 422, "quad_class"),
    ("/api/events", {"date_from": "yesterday"}, 422, "date_from"),
    ("/api/events", {"date_from": "2022-13-45"}, 400, "date_from"),
    ("/api/events", {"dyad": "RUS"}, 400, "dyad"),
    ("/api/events", {"source": "RUS'; DROP TABLE events; --"}, 422, "source"),
    ("/api/events", {"q": "x" * 500}, 422, "q"),
    ("/api/clusters", {"contested": "maybe"}, 422, "contested"),
    ("/api/articles/no-such-article", {}, 404, "no article"),
    ("/api/clusters/E99999", {}, 404, "no cluster"),
    ("/api/jobs/job-1", {}, 404, "no job"),
    ("/api/nothing-here", {}, 404, "not found"),
])
def test_bad_requests_get_a_clear_4xx(client, url, params, status, words):
    r = client.get(url, params=params)
    assert r.status_code == status, r.text
    body = r.json()
    assert words.lower() in body["error"].lower()
    assert "Traceback" not in r.text


def test_values_are_parameters_not_sql(client):
    before = items(client, "/api/stats")["counts"]
    for value in ("' OR 1=1 --", "x'); DELETE FROM events; --", "%", "_"):
        assert items(client, "/api/events", q=value)["total"] == 0
        assert items(client, "/api/articles", outlet=value)["total"] == 0
        assert items(client, "/api/quotes", speaker=value)["total"] == 0
    assert items(client, "/api/stats")["counts"] == before


def test_read_only_server_refuses_analysis(client):
    r = client.post("/api/analyze", content=b"Russia warned Ukraine.",
                    headers={"content-type": "text/plain"})
    assert r.status_code == 403 and "read-only" in r.json()["error"]


def test_ui_assets_are_a_fixed_list(client):
    assert client.get("/ui/app.js").status_code == 200
    for name in ("..%2Fapp.py", "../app.py", "index.html%00", "app.py", "%2e%2e%2fjobs.py"):
        assert client.get(f"/ui/{name}").status_code == 404


def test_headers_forbid_what_the_ui_does_not_need(client):
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"


def test_an_internal_error_is_json_without_a_traceback(client, monkeypatch):
    from faultline import query

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail /etc/faultline")

    monkeypatch.setattr(query, "runs", broken)
    r = client.get("/api/runs")
    assert r.status_code == 500
    assert r.json() == {"error": "internal error", "status": 500}
    assert "secret" not in r.text and "Traceback" not in r.text
