"""Dyad time series and the escalation index over the stored events.

Only events the text presents as happening count here: modality `asserted` (negated,
denied, hypothetical, intended and future events are kept in the database but a denial is
not an invasion, so they do not move the index).

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
from dataclasses import dataclass
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

    @property
    def dyad(self) -> str:
        return f"{self.source}-{self.target}"

    def to_dict(self) -> dict[str, Any]:
        return {"dyad": self.dyad, "source": self.source, "target": self.target,
                "date": self.day, "events": self.events, "quad1": self.quad[0],
                "quad2": self.quad[1], "quad3": self.quad[2], "quad4": self.quad[3],
                "goldstein_sum": round(self.goldstein_sum, 2),
                "goldstein_mean": round(self.goldstein_mean, 2),
                "escalation_index": round(self.index, 2), "alert": self.alert}


def dyad_days(store: Store, *, include_unknown: bool = False) -> list[DyadDay]:
    """Daily per-dyad counts and Goldstein figures, with the escalation index and alerts."""
    rows = store.rows(
        "SELECT source_code, target_code, date, quad_class, goldstein FROM events "
        "WHERE modality = 'asserted' AND date IS NOT NULL AND length(date) >= 10")
    cells: dict[tuple[str, str], dict[date, list[tuple[int, float]]]] = defaultdict(
        lambda: defaultdict(list))
    for r in rows:
        src, tgt = country_of(r["source_code"]), country_of(r["target_code"])
        if not include_unknown and "---" in (src, tgt):
            continue
        try:
            day = date.fromisoformat(r["date"][:10])
        except ValueError:
            continue
        cells[(src, tgt)][day].append((int(r["quad_class"] or 0), float(r["goldstein"] or 0)))
    out: list[DyadDay] = []
    for (src, tgt), days in sorted(cells.items()):
        out.extend(_series(src, tgt, days))
    return out


def _series(src: str, tgt: str, days: dict[date, list[tuple[int, float]]]) -> list[DyadDay]:
    """Index each day that has events from the windows before it (cost per day, not span)."""
    sums = {d: sum(g for _, g in events) for d, events in days.items()}

    def window(day: date, first: int, last: int) -> list[float]:
        return [sums.get(day - timedelta(days=k), 0.0) for k in range(first, last)
                if k < (day - date.min).days]

    first_day = min(days)
    result = []
    for day in sorted(days):
        events = days[day]
        quad = tuple(sum(1 for q, _ in events if q == k) for k in (1, 2, 3, 4))
        recent = window(day, 0, RECENT_DAYS)
        history = min((day - first_day).days - RECENT_DAYS + 1, BASELINE_DAYS)
        index = 0.0
        if history > 0:
            base = window(day, RECENT_DAYS, RECENT_DAYS + history)
            sd = statistics.pstdev(base) if len(base) > 1 else 0.0
            index = (statistics.fmean(recent) - statistics.fmean(base)) / max(sd, SD_FLOOR)
        n_recent = sum(len(days.get(day - timedelta(days=k), ())) for k in range(RECENT_DAYS)
                       if k < (day - date.min).days)
        total = sum(g for _, g in events)
        result.append(DyadDay(src, tgt, day.isoformat(), len(events),
                              quad,  # type: ignore[arg-type]
                              total, total / len(events), index,
                              alert=index <= -ALERT_K and n_recent >= MIN_EVENTS))
    return result


def alerts(series: list[DyadDay]) -> list[DyadDay]:
    return [d for d in series if d.alert]
