"""Dyad series and the escalation alert rule."""

from __future__ import annotations

from faultline.analysis import ALERT_K, alerts, dyad_days
from faultline.model import Actor, Annotations, Article, Event, Span
from faultline.store import Store

RUS = Actor("RUSMIL", "Russian forces", "RUS", "MIL")
UKR = Actor("UKR", "Ukraine", "UKR", None)


def _event(aid: str, day: str, code: str, goldstein: float, quad: int,
           modality: str = "asserted") -> Event:
    span = Span(aid, 0, 5)
    return Event(span=span, trigger_span=span, trigger_text="x", code=code, root=code[:2],
                 source=RUS, target=UKR, goldstein=goldstein, quad_class=quad,
                 modality=modality, date=day, date_source="text")


def test_quiet_month_then_a_violent_week_raises_an_alert(tmp_path):
    anns = []
    for i in range(30):  # a month of talks: mildly cooperative
        day = f"2022-01-{i + 1:02d}"
        ann = Annotations(article=Article(id=f"c{i}", text="talks", published=day))
        ann.events.append(_event(f"c{i}", day, "040", 1.0, 1))
        anns.append(ann)
    for i in range(5):  # then shelling every day
        day = f"2022-02-{i + 1:02d}"
        ann = Annotations(article=Article(id=f"w{i}", text="shell", published=day))
        ann.events.append(_event(f"w{i}", day, "195", -10.0, 4))
        ann.events.append(_event(f"w{i}", day, "193", -10.0, 4, modality="denied"))
        anns.append(ann)
    with Store.open(tmp_path / "db.duckdb") as store:
        store.write_batch(anns, store.start_run([], {}))
        series = dyad_days(store)
    assert {d.dyad for d in series} == {"RUS-UKR"}
    assert sum(d.events for d in series) == 35, "denied events must not count"
    fired = alerts(series)
    assert fired and fired[0].day >= "2022-02-01"
    assert all(d.index <= -ALERT_K for d in fired)
    assert not any(d.alert for d in series if d.day < "2022-02-01")
