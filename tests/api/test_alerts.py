"""Escalation alerts through the API: a hand-built dyad that escalates after a calm month."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from faultline.api import create_app
from tests.api.fixture_store import build_alert_store


@pytest.fixture(scope="module")
def alert_client(tmp_path_factory):
    db = build_alert_store(tmp_path_factory.mktemp("alerts") / "alerts.duckdb")
    app = create_app(str(db), read_only=True)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
    app.state.server.close()


def test_alerts_come_with_the_events_they_rest_on(alert_client):
    page = alert_client.get("/api/alerts").json()
    assert page["total"] >= 1
    first = page["items"][0]
    assert first["dyad"] == "RUS-UKR" and first["date"] >= "2022-02-03"
    assert first["index"] <= -2
    triggers = [h["event"]["trigger_text"] for h in first["events"]]
    assert triggers[0] == "shelled"  # most conflictual first
    for hit in first["events"]:
        assert hit["event"]["modality"] == "asserted"
        assert hit["event"]["date"] <= first["date"]
        assert hit["evidence"].startswith(("Russian guns", "Envoys"))


def test_timeline_marks_the_alert_days(alert_client):
    series = alert_client.get("/api/timeline", params={"dyad": "RUS-UKR"}).json()["items"]
    assert len(series) == 1
    days = {d["date"]: d["alert"] for d in series[0]["days"]}
    alerts = alert_client.get("/api/alerts", params={"dyad": "RUS-UKR"}).json()["items"]
    assert {a["date"] for a in alerts} == {d for d, on in days.items() if on}
    assert not days["2022-01-15"]
    assert alert_client.get("/api/alerts", params={"dyad": "USA-RUS"}).json()["total"] == 0
