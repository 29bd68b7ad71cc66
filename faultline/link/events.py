"""Event mentions across articles: one happening from many reports, and contested events.

Method (thresholds are the keyword arguments of `cluster_mentions`):

1. **Key.** A mention's key is (source country, target country, CAMEO root). Countries are
   the first three letters of the actor code (sector dropped: RUSMIL and RUSGOV both count
   as RUS; IGO codes such as IGOWSTNAT are kept whole). A missing actor is "---".
2. **Window.** Within a key, mentions sorted by event date are chained while each is at
   most `window_days` (default 3) after the previous one: single linkage in time. A week
   date (2021-W50) counts as its Monday; mentions dated only to a month or year form
   their own cluster per key rather than joining dated ones.
3. **Counts.** As GDELT does: NumMentions (mentions), NumArticles (distinct articles),
   NumSources (distinct publishers, or article ids where the publisher is unknown).
4. **Stance.** asserted / future / intended mentions say the thing happens (or will);
   negated / denied mentions say it does not. hypothetical ones take no side.
5. **Orphans.** A mention with no source actor ("NATO said it saw no sign of a
   pull-back": whose pull-back is left to the reader) joins the cluster with the same root
   whose dates lie within the window and that has a known source, the most-mentioned one
   if several; it stays on its own otherwise.
6. **Contested.** A cluster is contested when both stances are present and they come from
   different parties: the party of a mention is the country (first three letters) of its
   `reported_by` code, else its name, else the article's publisher. So "the Ministry of
   Defence said troops would return to their bases" (RUS) against "NATO said it saw no
   sign of a pull-back" (IGOWSTNAT) is contested; a newspaper asserting and the same
   newspaper doubting is not.

Event mentions are dicts with the columns of the events table plus the article's
`publisher`, `published` and `title` (see `faultline.link.load_mentions`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

POSITIVE = frozenset({"asserted", "future", "intended"})
NEGATIVE = frozenset({"negated", "denied"})
MISSING = "---"


def country_of(code: str | None) -> str:
    if not code:
        return MISSING
    return code if code.startswith("IGO") else code[:3]


def party_of(mention: dict[str, Any]) -> str:
    """Who stands behind a mention: the reporting speaker's country, else the outlet."""
    code = mention.get("reported_by_code")
    if code:
        return country_of(code)
    if mention.get("reported_by_name"):
        return str(mention["reported_by_name"])
    return str(mention.get("publisher") or f"article {mention.get('article_id')}")


def stance_of(mention: dict[str, Any]) -> str:
    modality = mention.get("modality") or "asserted"
    if modality in POSITIVE:
        return "affirms"
    if modality in NEGATIVE:
        return "disputes"
    return "neutral"


_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})")


def _day(value: str | None) -> date | None:
    """A day for window chaining: a full date, or the Monday of an ISO week; coarser
    values (a month, a year, PAST_REF) give None and never chain with dated mentions."""
    if not value:
        return None
    try:
        if week := _WEEK.match(value):
            return date.fromisocalendar(int(week[1]), int(week[2]), 1)
        if len(value) >= 10 and value[4] == "-":
            return date.fromisoformat(value[:10])
    except ValueError:
        return None
    return None


@dataclass
class EventCluster:
    """One happening, as reported by one or more mentions."""

    id: str
    source: str
    target: str
    root: str
    date_start: str | None
    date_end: str | None
    mentions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def n_mentions(self) -> int:
        return len(self.mentions)

    @property
    def n_articles(self) -> int:
        return len({m["article_id"] for m in self.mentions})

    @property
    def n_sources(self) -> int:
        return len({m.get("publisher") or m["article_id"] for m in self.mentions})

    def by_stance(self, stance: str) -> list[dict[str, Any]]:
        return [m for m in self.mentions if stance_of(m) == stance]

    @property
    def parties(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = defaultdict(set)
        for m in self.mentions:
            out[stance_of(m)].add(party_of(m))
        return out

    @property
    def contested(self) -> bool:
        parties = self.parties
        affirm, dispute = parties.get("affirms", set()), parties.get("disputes", set())
        return bool(affirm and dispute and (affirm | dispute) != (affirm & dispute))

    @property
    def label(self) -> str:
        codes = sorted({m["code"] for m in self.mentions})
        return f"{self.source} -> {self.target} [{'/'.join(codes)}]"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "source": self.source, "target": self.target, "root": self.root,
            "date_start": self.date_start, "date_end": self.date_end,
            "num_mentions": self.n_mentions, "num_articles": self.n_articles,
            "num_sources": self.n_sources, "contested": self.contested,
            "mentions": [
                {k: m.get(k) for k in ("article_id", "start", "end", "code", "modality",
                                       "reported_by_name", "reported_by_code", "date",
                                       "publisher", "evidence")}
                for m in self.mentions
            ],
        }


def cluster_mentions(
    mentions: Iterable[dict[str, Any]], *, window_days: int = 3
) -> list[EventCluster]:
    """Group event mentions into clusters by key and date window (see module docstring)."""
    mentions = list(mentions)
    keyed = [m for m in mentions if country_of(m.get("source_code")) != MISSING]
    orphans = [m for m in mentions if country_of(m.get("source_code")) == MISSING]
    clusters: list[EventCluster] = []
    for src, tgt, root, chain in _chains(keyed, window_days):
        clusters.append(_make(src, tgt, root, chain, len(clusters)))
    leftover = [m for m in orphans if not _adopt(m, clusters, window_days)]
    for src, tgt, root, chain in _chains(leftover, window_days):
        clusters.append(_make(src, tgt, root, chain, len(clusters)))
    return clusters


def _root(mention: dict[str, Any]) -> str:
    return str(mention.get("root") or (mention.get("code") or "")[:2])


def _adopt(mention: dict[str, Any], clusters: list[EventCluster], window_days: int) -> bool:
    """Attach a source-less mention to the best cluster of its root in the window."""
    root = _root(mention)
    day = _day(mention.get("date"))
    best: EventCluster | None = None
    for c in clusters:
        if c.root != root or c.source == MISSING or day is None or c.date_start is None:
            continue
        start = date.fromisoformat(c.date_start)
        end = date.fromisoformat(c.date_end or c.date_start)
        if (start - day).days > window_days or (day - end).days > window_days:
            continue
        if best is None or c.n_mentions > best.n_mentions:
            best = c
    if best is None:
        return False
    best.mentions.append(mention)
    return True


def _chains(
    mentions: list[dict[str, Any]], window_days: int
) -> list[tuple[str, str, str, list[dict[str, Any]]]]:
    """Date-window chains of mentions that share (source, target, root)."""
    by_key: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for m in mentions:
        by_key[(country_of(m.get("source_code")), country_of(m.get("target_code")),
                _root(m))].append(m)
    chains = []
    for (src, tgt, root), items in sorted(by_key.items()):
        undated = [m for m in items if _day(m.get("date")) is None]
        dated = sorted((m for m in items if _day(m.get("date")) is not None),
                       key=lambda m: (_day(m.get("date")), m["article_id"], m.get("start") or 0))
        current: list[dict[str, Any]] = []
        last: date | None = None
        for m in dated:
            day = _day(m.get("date"))
            assert day is not None
            if current and last and (day - last).days > window_days:
                chains.append((src, tgt, root, current))
                current = []
            current.append(m)
            last = day
        if current:
            chains.append((src, tgt, root, current))
        if undated:
            chains.append((src, tgt, root, undated))
    return chains


def _make(src: str, tgt: str, root: str, items: Sequence[dict[str, Any]], n: int
          ) -> EventCluster:
    days = sorted(d for d in (_day(m.get("date")) for m in items) if d)
    return EventCluster(
        id=f"E{n + 1:05d}", source=src, target=tgt, root=root,
        date_start=days[0].isoformat() if days else None,
        date_end=days[-1].isoformat() if days else None,
        mentions=list(items),
    )


def contested(clusters: Iterable[EventCluster]) -> list[EventCluster]:
    """The contested clusters, most-reported first."""
    found = [c for c in clusters if c.contested]
    return sorted(found, key=lambda c: (-c.n_mentions, c.date_start or ""))
