"""Dyad time series and the escalation index over the stored events.

Only events the text presents as happening count here: modality `asserted` (negated,
denied, alleged, hypothetical, intended and future events are kept in the database but a
denial is not an invasion, so they do not move the index). Also left out: events below
`min_confidence` (Options.alert_min_confidence), events from an article that is a copy of
another (`articles.copy_of`: five sites running one wire story are one report, not five
events), and self-dyads (a country acting on itself: "USA-USA" says nothing about
escalation between two parties).

Each alert carries the events it rests on (`DyadDay.basis`): every counted event of the
dyad in its 7-day window, most conflictual first, each with its article, offsets, code,
trigger and evidence sentence.

Per dyad (source country, target country; sector dropped, IGO codes whole) and day:
event counts by QuadClass, Goldstein sum and mean.

Escalation index and alert rule, per dyad, over the calendar days from its first to its
last event (days with no event count as Goldstein 0):

    recent   = mean of the daily Goldstein sums over the last 7 days (this day included)
    baseline = mean and standard deviation of the daily sums over the 30 days before those
    index    = (recent - baseline_mean) / max(baseline_sd, 1.0)

An alert is raised on a day when index <= -ALERT_K (2.0): the week is markedly more
conflictual than the month before it, and at least MIN_EVENTS (3) events fall in the 7-day
window. The floor of 1.0 on the deviation keeps a quiet baseline from turning one event into
an alert.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from faultline.link.events import country_of
from faultline.store import Store

RECENT_DAYS = 7
BASELINE_DAYS = 30
ALERT_K = 2.0
MIN_EVENTS = 3
SD_FLOOR = 1.0


@dataclass
class DyadDay:
    source: str
    target: str
    day: str
    events: int
    quad: tuple[int, int, int, int]  # counts for QuadClass 1..4
    goldstein_sum: float
    goldstein_mean: float
    index: float = 0.0
    alert: bool = False
    basis: list[dict[str, Any]] = field(default_factory=list)  # an alert's events (see above)

    @property
    def dyad(self) -> str:
        return f"{self.source}-{self.target}"

    def to_dict(self) -> dict[str, Any]:
        return {"dyad": self.dyad, "source": self.source, "target": self.target,
                "date": self.day, "events": self.events, "quad1": self.quad[0],
                "quad2": self.quad[1], "quad3": self.quad[2], "quad4": self.quad[3],
                "goldstein_sum": round(self.goldstein_sum, 2),
                "goldstein_mean": round(self.goldstein_mean, 2),
                "escalation_index": round(self.index, 2), "alert": self.alert,
                "basis": [dict(e) for e in self.basis]}


MIN_CONFIDENCE = 0.5  # the default of Options.alert_min_confidence

_EVENT_FIELDS = ("article_id", "start", "end", "trigger_start", "trigger_end", "trigger_text",
                 "code", "goldstein", "quad_class", "date", "confidence", "source_code",
                 "target_code", "reported_by_name", "evidence")


def dyad_days(store: Store, *, include_unknown: bool = False,
              min_confidence: float = MIN_CONFIDENCE) -> list[DyadDay]:
    """Daily per-dyad counts and Goldstein figures, with the escalation index and alerts."""
    from faultline.link import copy_of_sql

    # the actors' mention offsets (event identity, see faultline.query.EVENT_KEY), absent
    # from a database before migration 0005 opened read-only
    starts = "".join(f"e.{c}, " for c in ("source_start", "target_start")
                     if c in store.columns("events"))
    rows = store.rows(
        "SELECT e.article_id, e.start, e.\"end\", e.trigger_start, e.trigger_end, "
        "e.trigger_text, e.code, e.goldstein, e.quad_class, e.date, e.confidence, "
        f"e.source_code, e.target_code, {starts}e.reported_by_name, "
        "substr(a.text, e.start + 1, e.\"end\" - e.start) AS evidence "
        "FROM events e JOIN articles a ON a.id = e.article_id "
        "WHERE e.modality = 'asserted' AND e.date IS NOT NULL AND length(e.date) >= 10 "
        f"AND {copy_of_sql(store)} IS NULL AND coalesce(e.confidence, 1.0) >= ? "
        "ORDER BY e.article_id, e.start, e.trigger_start", [min_confidence])
    cells: dict[tuple[str, str], dict[date, list[dict[str, Any]]]] = defaultdict(
        lambda: defaultdict(list))
    for r in rows:
        src, tgt = country_of(r["source_code"]), country_of(r["target_code"])
        if not include_unknown and "---" in (src, tgt):
            continue
        if src == tgt and src != "---":
            continue
        try:
            day = date.fromisoformat(r["date"][:10])
        except ValueError:
            continue
        cells[(src, tgt)][day].append({k: r[k] for k in _EVENT_FIELDS})
    out: list[DyadDay] = []
    for (src, tgt), days in sorted(cells.items()):
        out.extend(_series(src, tgt, days))
    return out


def _series(src: str, tgt: str, days: dict[date, list[dict[str, Any]]]) -> list[DyadDay]:
    """Index each day that has events from the windows before it (cost per day, not span)."""
    sums = {d: sum(float(e["goldstein"] or 0) for e in events) for d, events in days.items()}

    def window(day: date, first: int, last: int) -> list[float]:
        return [sums.get(day - timedelta(days=k), 0.0) for k in range(first, last)
                if k < (day - date.min).days]

    def recent_events(day: date) -> list[dict[str, Any]]:
        found = [e for k in range(RECENT_DAYS) if k < (day - date.min).days
                 for e in days.get(day - timedelta(days=k), ())]
        return sorted(found, key=lambda e: (float(e["goldstein"] or 0), e["date"],
                                            e["article_id"], e["start"]))

    first_day = min(days)
    result = []
    for day in sorted(days):
        events = days[day]
        quad = tuple(sum(1 for e in events if int(e["quad_class"] or 0) == k)
                     for k in (1, 2, 3, 4))
        recent = window(day, 0, RECENT_DAYS)
        history = min((day - first_day).days - RECENT_DAYS + 1, BASELINE_DAYS)
        index = 0.0
        if history > 0:
            base = window(day, RECENT_DAYS, RECENT_DAYS + history)
            sd = statistics.pstdev(base) if len(base) > 1 else 0.0
            index = (statistics.fmean(recent) - statistics.fmean(base)) / max(sd, SD_FLOOR)
        basis = recent_events(day)
        total = sums[day]
        alert = index <= -ALERT_K and len(basis) >= MIN_EVENTS
        result.append(DyadDay(src, tgt, day.isoformat(), len(events),
                              quad,  # type: ignore[arg-type]
                              total, total / len(events), index,
                              alert=alert, basis=basis if alert else []))
    return result


def event_ref(event: dict[str, Any]) -> str:
    """A short id for an event row: article id and the trigger's offsets."""
    return f"{event['article_id']}@{event['trigger_start']}-{event['trigger_end']}"


def alerts(series: list[DyadDay]) -> list[DyadDay]:
    return [d for d in series if d.alert]


def describe_alert(day: DyadDay, limit: int = 10) -> list[str]:
    """An alert as lines of text: the day and figures, then the events it rests on."""
    lines = [f"ALERT {day.dyad} {day.day}: index {day.index:.2f}, "
             f"{len(day.basis)} events in the {RECENT_DAYS} days to it"]
    for e in day.basis[:limit]:
        sentence = " ".join(str(e["evidence"] or "").split())
        if len(sentence) > 160:
            sentence = sentence[:157] + "..."
        lines.append(f"  {event_ref(e)} {e['date']} {e['code']} {e['trigger_text']!r} "
                     f"(Goldstein {float(e['goldstein'] or 0):+.1f}): {sentence}")
    if len(day.basis) > limit:
        lines.append(f"  ... and {len(day.basis) - limit} more")
    return lines
