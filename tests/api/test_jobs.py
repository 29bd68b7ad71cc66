"""POST /analyze: jobs queue behind one writer, reads go on while a job writes, limits hold."""

from __future__ import annotations

import gc
import json
import threading

from fastapi.testclient import TestClient

from faultline.api import create_app
from faultline.store import Store
from tests.api.conftest import copy_store


def wait(client, job_id, timeout=120.0):
    return client.app.state.server.jobs.wait(job_id, timeout).to_dict()


def test_text_is_analyzed_into_the_store(writable):
    before = writable.get("/api/stats").json()["counts"]["articles"]
    r = writable.post("/api/analyze", content="Poland condemned Belarus on 3 March 2022.",
                      headers={"content-type": "text/plain"})
    assert r.status_code == 202
    job = r.json()
    assert job["status"] in ("queued", "running") and r.headers["location"].endswith(job["id"])
    done = wait(writable, job["id"])
    assert done["status"] == "done", done
    assert done["result"]["stored"] == 1
    assert writable.get(f"/api/jobs/{job['id']}").json()["status"] == "done"
    assert writable.get("/api/stats").json()["counts"]["articles"] == before + 1
    events = writable.get("/api/events", params={"dyad": "POL-BLR"}).json()
    assert events["total"] >= 1


def test_the_events_view_is_rebuilt_after_a_job(writable):
    """The events list reads an in-memory copy of the store (query.EventView); a job that
    wrote replaces it before the job says done, so the list never lags behind the store."""
    server = writable.app.state.server
    assert server.view is not None
    before = writable.get("/api/events", params={"limit": 0}).json()["total"]
    assert server.view.size == before
    r = writable.post("/api/analyze", content="Lithuania expelled two Russian diplomats on "
                      "4 March 2022.", headers={"content-type": "text/plain"})
    assert wait(writable, r.json()["id"])["status"] == "done"
    stored = writable.get("/api/stats").json()["counts"]["events"]
    assert stored > before
    assert server.view is not None and server.view.size == stored
    assert server.quote_view is not None
    assert writable.get("/api/events", params={"limit": 0}).json()["total"] == stored


def test_json_article_and_jsonl_upload(writable):
    one = {"text": "Latvia expelled two Russian diplomats on Friday.", "title": "Expelled",
           "publisher": "Own Words Daily", "published": "2022-03-04"}
    r = writable.post("/api/analyze", json=one)
    assert r.status_code == 202
    assert wait(writable, r.json()["id"])["result"]["stored"] == 1
    lines = "\n".join(json.dumps({"id": f"own-{k}", "text": f"Estonia thanked Finland {k}.",
                                  "publisher": "Own Words Daily"}) for k in range(3))
    r = writable.post("/api/analyze", content=lines.encode(),
                      headers={"content-type": "application/x-ndjson"})
    assert wait(writable, r.json()["id"])["result"]["stored"] == 3
    assert writable.get("/api/articles", params={"outlet": "Own Words Daily"}).json()[
        "total"] == 4


def test_bad_uploads_are_refused_with_a_reason(writable):
    cases = [
        (b"", "text/plain", 400, "empty"),
        (b'{"text": 3}', "application/json", 400, "text"),
        (b'{"text": "x", "path": "/etc/passwd"}', "application/json", 400, "unknown field"),
        (b"not json", "application/json", 400, "not json"),
        (b'{"text": "a"}\n{oops', "application/x-ndjson", 400, "line 2"),
        (b"\xff\xfe\x00", "text/plain", 400, "utf-8"),
        (b"<x/>", "application/xml", 415, "content type"),
    ]
    for body, ctype, status, words in cases:
        r = writable.post("/api/analyze", content=body, headers={"content-type": ctype})
        assert r.status_code == status, (body, r.text)
        assert words in r.json()["error"].lower()
    assert writable.get("/api/jobs").json() == []


def test_body_size_is_limited(store_path, tmp_path):
    app = create_app(copy_store(store_path, tmp_path), max_body=1000)
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.post("/api/analyze", content=b"x" * 5000, headers={"content-type": "text/plain"})
        assert r.status_code == 413 and "1000 bytes" in r.json()["error"]
    app.state.server.close()


def test_reads_go_on_while_a_job_holds_the_writer(store_path, tmp_path):
    """A job that has written rows inside an open transaction: reads answer, from the last
    committed state, and see the rows once the job commits."""
    started, release = threading.Event(), threading.Event()
    path = copy_store(store_path, tmp_path)

    def slow_runner(input_path, out):
        store = Store.open(path)
        try:
            with store.transaction():
                store.con.execute("INSERT INTO articles (id, text, publisher) VALUES "
                                  "('held-1', 'held text', 'Held Outlet')")
                started.set()
                assert release.wait(30)
        finally:
            store.close()
        return {"stored": 1}

    app = create_app(path, runner=slow_runner)
    with TestClient(app, raise_server_exceptions=False) as c:
        before = c.get("/api/stats").json()["counts"]["articles"]
        job = c.post("/api/analyze", content=b"anything",
                     headers={"content-type": "text/plain"}).json()
        second = c.post("/api/analyze", content=b"queued behind",
                        headers={"content-type": "text/plain"}).json()
        assert started.wait(30)
        for url in ("/api/events", "/api/articles", "/api/numbers", "/api/timeline"):
            assert c.get(url).status_code == 200
        assert c.get("/api/stats").json()["counts"]["articles"] == before
        assert c.get(f"/api/jobs/{second['id']}").json()["status"] == "queued"
        assert c.get("/api/stats").json()["jobs_pending"] == 2
        release.set()
        assert wait(c, job["id"])["status"] == "done"
        assert c.get("/api/articles", params={"outlet": "Held Outlet"}).json()["total"] == 1
        started.clear()
        release.set()
        wait(c, second["id"])
    app.state.server.close()


def test_a_failing_job_is_reported_not_raised(store_path, tmp_path):
    def broken(input_path, out):
        raise RuntimeError("disk on fire")

    app = create_app(copy_store(store_path, tmp_path), runner=broken)
    with TestClient(app, raise_server_exceptions=False) as c:
        job = c.post("/api/analyze", content=b"x", headers={"content-type": "text/plain"})
        done = wait(c, job.json()["id"])
        assert done["status"] == "failed" and "disk on fire" in done["error"]
        assert c.get("/api/stats").status_code == 200
    app.state.server.close()


def test_token_guards_the_api(store_path, tmp_path):
    app = create_app(copy_store(store_path, tmp_path), read_only=True, token="s3cret")
    with TestClient(app, raise_server_exceptions=False) as c:
        assert c.get("/api/stats").status_code == 401
        assert c.get("/api/stats", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/api/stats", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    app.state.server.close()


def test_rate_limit_answers_429(store_path, tmp_path):
    app = create_app(copy_store(store_path, tmp_path), read_only=True, rate=1.0, burst=3)
    with TestClient(app, raise_server_exceptions=False) as c:
        codes = [c.get("/api/stats").status_code for _ in range(6)]
        assert codes[:3] == [200, 200, 200] and 429 in codes[3:]
    app.state.server.close()


def test_a_job_stores_and_links_but_writes_no_files(store_path, tmp_path):
    from faultline.options import Options
    from faultline.runner import analyze

    db = copy_store(store_path, tmp_path)
    text = tmp_path / "in.txt"
    text.write_text("Poland condemned Belarus on 3 March 2022.", encoding="utf-8")
    out = tmp_path / "job-out"
    summary = analyze([str(text)], Options(out=str(out), report=False), database=db,
                      outputs=False)
    assert summary.stored == 1
    assert not out.exists() or not any(out.iterdir())
    with Store.open(db, read_only=True) as store:
        linked = store.rows("SELECT count(*) AS n FROM event_cluster_mentions m JOIN events e "
                            "ON e.article_id = m.article_id AND e.start = m.start "
                            "WHERE e.article_id = ?", [summary_article(store)])[0]["n"]
    assert linked >= 1


def summary_article(store) -> str:
    return store.rows("SELECT id FROM articles WHERE text LIKE 'Poland condemned%'")[0]["id"]


def test_a_serving_process_freezes_what_it_holds(store_path, tmp_path):
    """`faultline serve` keeps its views (and after a job, the model) out of the collector's
    full rounds; a library caller's process is left as it is."""
    gc.unfreeze()
    plain = create_app(copy_store(store_path, tmp_path), read_only=True)
    plain.state.server.close()
    assert gc.get_freeze_count() == 0
    served = create_app(copy_store(store_path, tmp_path), read_only=True, freeze_gc=True)
    try:
        assert gc.get_freeze_count() > 0
    finally:
        served.state.server.close()
        gc.unfreeze()
