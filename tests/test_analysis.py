"""Dyad series and the escalation alert rule."""

from __future__ import annotations

from faultline.analysis import ALERT_K, alerts, describe_alert, dyad_days
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


def _month_then_war(extra_week_event=None, *, copy_of_week: bool = False,
                    confidence: float = 0.9) -> list[Annotations]:
    anns = []
    for i in range(30):
        day = f"2022-01-{i + 1:02d}"
        ann = Annotations(article=Article(id=f"c{i}", text="talks", published=day))
        ann.events.append(_event(f"c{i}", day, "040", 1.0, 1))
        anns.append(ann)
    for i in range(5):
        day = f"2022-02-{i + 1:02d}"
        ann = Annotations(article=Article(id=f"w{i}", text="shelling near the town",
                                          published=day))
        event = _event(f"w{i}", day, "195", -10.0, 4)
        event.confidence = confidence
        ann.events.append(event)
        if extra_week_event:
            ann.events.append(extra_week_event(f"w{i}", day))
        anns.append(ann)
    return anns


def _series(tmp_path, anns, copies=None, **kw):
    with Store.open(tmp_path / "db.duckdb") as store:
        store.write_batch(anns, store.start_run([], {}))
        if copies:
            store.set_copy_of(copies)
        return dyad_days(store, **kw)


def test_an_alert_lists_the_events_it_rests_on(tmp_path):
    fired = alerts(_series(tmp_path, _month_then_war()))
    assert fired
    first = fired[0]
    assert len(first.basis) >= 3
    war = [e for e in first.basis if e["code"] == "195"]
    assert war and first.basis[:len(war)] == war  # most conflictual first
    assert {e["article_id"] for e in war} == {f"w{i}" for i in range(5)
                                              if f"2022-02-{i + 1:02d}" <= first.day}
    assert all(e["evidence"] == "shell" for e in war)  # the text at the event's offsets
    last = fired[-1]
    assert len([e for e in last.basis if e["code"] == "195"]) == 5
    lines = describe_alert(first)
    assert lines[0].startswith(f"ALERT RUS-UKR {first.day}")
    assert any("w0@0-5" in line and "195" in line for line in lines[1:])
    assert first.to_dict()["basis"][0]["article_id"].startswith("w")


def test_low_confidence_events_raise_no_alert(tmp_path):
    assert not alerts(_series(tmp_path, _month_then_war(confidence=0.3)))
    assert alerts(_series(tmp_path / "b", _month_then_war(confidence=0.3), min_confidence=0.2))


def test_self_dyads_are_left_out(tmp_path):
    def self_dyad(aid, day):
        return Event(span=Span(aid, 0, 5), trigger_span=Span(aid, 0, 5), trigger_text="x",
                     code="173", root="17", source=RUS, target=Actor("RUSGOV", "Russia",
                                                                      "RUS", "GOV"),
                     goldstein=-5.0, quad_class=4, modality="asserted", date=day,
                     date_source="text")
    series = _series(tmp_path, _month_then_war(self_dyad))
    assert {d.dyad for d in series} == {"RUS-UKR"}


def test_copies_add_no_events_to_the_index(tmp_path):
    copies = {f"w{i}": "c0" for i in range(5)}  # the violent week is one story, republished
    series = _series(tmp_path, _month_then_war(), copies=copies)
    assert not alerts(series)
    assert not any(d.day >= "2022-02-01" for d in series)


def test_alleged_and_denied_events_do_not_count(tmp_path):
    def alleged(aid, day):
        return _event(aid, day, "190", -10.0, 4, modality="alleged")
    series = _series(tmp_path, _month_then_war(alleged))
    assert sum(d.events for d in series if d.day >= "2022-02-01") == 5
