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
   NumSources (distinct independent origins: a copy counts as the article it copies, see
   `faultline.link.copies`, and an origin is its publisher, else its URL's host, else its
   input file, as `faultline.query` counts sources; its id when none is known). Five
   sites running one wire story are one source.
4. **Stance.** asserted / future / intended / alleged mentions say the thing happens (or
   will, or someone claims it does); denied and negated ones say it does not.
   hypothetical ones take no side.
5. **Orphans.** A mention with no source actor ("NATO said it saw no sign of a
   pull-back": whose pull-back is left to the reader) joins the cluster with the same root
   whose dates lie within the window, whose target agrees with its own (when it has one)
   and that has a known source, the most-mentioned one if several; it stays on its own
   otherwise.
6. **Parties.** The party of a mention is its speaker: the country (first three letters)
   of its `reported_by` code, or the speaker's name when the dictionaries gave it no
   code; when nobody is quoted, the outlet itself (the publisher of the article's origin).
   Never an article id, a pronoun or a vague word ("he", "officials", "sources": see
   `faultline/data/link/parties.yaml`); a speaker coded as a news organisation (sector
   MED) is the outlet by its name, not its country. A mention with no such party takes
   no side.
7. **Contested.** One proposition, two parties: a cluster is contested when a mention
   that affirms it and a mention that denies or negates it are about the same event (the
   same CAMEO code to three digits: "0874" and "087" are one, "036" and "031" are not) and
   come from different parties. So "the Ministry of Defence said troops would return to
   their bases" (RUS) against "NATO said it saw no sign of a pull-back" (IGOWSTNAT) is
   contested; a newspaper asserting and the same newspaper doubting is not; an alleged
   invasion (US officials claim Russia is preparing one) against "the Kremlin denied
   plans to invade" has the US affirming and Russia disputing. A negation disputes only
   when a speaker says it: the outlet's own "Ukraine did not take part in the talks" is
   part of its story, not a dispute (denials always dispute). The sides (`sides`) hold
   only the parties of such pairs. Roots listed in `never_contested_roots` (public
   statements, 01) are never contested.

Event mentions are dicts with the columns of the events table plus the article's
`publisher`, `published` and `title` (see `faultline.link.load_mentions`).
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from typing import Any

from faultline.datafiles import read_yaml_mapping
from faultline.errors import DataFileError

POSITIVE = frozenset({"asserted", "future", "intended", "alleged"})
NEGATIVE = frozenset({"negated", "denied"})
MISSING = "---"
PROPOSITION_DIGITS = 3  # mentions are about the same event when their codes agree this far


def country_of(code: str | None) -> str:
    if not code:
        return MISSING
    return code if code.startswith("IGO") else code[:3]


@dataclass(frozen=True)
class PartyRules:
    vague_words: frozenset[str]
    media_sectors: frozenset[str]
    never_contested_roots: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=1)
def party_rules() -> PartyRules:
    """Read and validate ``faultline/data/link/parties.yaml`` (once per process)."""
    path = resources.files("faultline").joinpath("data", "link", "parties.yaml")
    data = read_yaml_mapping(path, "link data file")
    words, sectors = data.get("vague_words"), data.get("media_sectors")
    if not isinstance(words, list) or not isinstance(sectors, list):
        raise DataFileError(f"{path}: `vague_words` and `media_sectors` must be lists")
    roots = data.get("never_contested_roots", [])
    if not isinstance(roots, list):
        raise DataFileError(f"{path}: `never_contested_roots` must be a list")
    return PartyRules(frozenset(str(w).lower() for w in words),
                      frozenset(str(s).upper() for s in sectors),
                      frozenset(str(r).zfill(2) for r in roots))


_NAME_WORD = re.compile(r"[^\W\d_]+")


def is_vague(name: str) -> bool:
    """A speaker name that does not say who ("he", "senior officials", "sources")."""
    words = _NAME_WORD.findall(name.lower())
    return not words or all(w in party_rules().vague_words for w in words)


def outlet_of(mention: dict[str, Any]) -> str | None:
    """The outlet behind a mention: the publisher of the article it is a copy of, else its own."""
    outlet = mention.get("origin_publisher") or mention.get("publisher")
    return str(outlet) if outlet else None


def party_of(mention: dict[str, Any]) -> str | None:
    """Who stands behind a mention (module docstring, point 6), or None if nobody says."""
    code = mention.get("reported_by_code")
    name = mention.get("reported_by_name")
    if code and str(code)[3:6] in party_rules().media_sectors and not str(
            code).startswith("IGO"):
        return str(name) if name and not is_vague(str(name)) else outlet_of(mention)
    if code and country_of(code) != MISSING:
        return country_of(code)
    if name:  # a speaker with no code, or a code without a country ("---GOV")
        return None if is_vague(str(name)) else str(name)
    return outlet_of(mention)


def stance_of(mention: dict[str, Any]) -> str:
    modality = mention.get("modality") or "asserted"
    if modality in POSITIVE:
        return "affirms"
    if modality in NEGATIVE:
        return "disputes"
    return "neutral"


def disputes_as_party(mention: dict[str, Any]) -> bool:
    """A disputing mention that is a party's dispute: a denial ("the Kremlin denied ..."),
    or a negation someone is quoted saying ("NATO said it saw no sign of a pull-back").
    An outlet's own negation in its narrative ("Ukraine did not take part in the talks")
    states a fact of its story, not a dispute of another party's claim."""
    if mention.get("modality") == "denied":
        return True
    return bool(mention.get("reported_by_code") or mention.get("reported_by_name"))


def source_of(mention: dict[str, Any]) -> str:
    """The independent origin a mention counts for in NumSources."""
    if mention.get("origin_source"):
        return str(mention["origin_source"])
    origin = mention.get("origin_id") or mention.get("copy_of") or mention["article_id"]
    return str(mention.get("origin_publisher") or mention.get("publisher") or origin)


def same_proposition(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two mentions about one event: codes agree to PROPOSITION_DIGITS, targets do not clash."""
    code_a = str(a.get("code") or "")[:PROPOSITION_DIGITS]
    code_b = str(b.get("code") or "")[:PROPOSITION_DIGITS]
    short, long = sorted((code_a, code_b), key=len)
    # a code given only to its root ("08") is about any event of that root
    if not short or not (short == long or (len(short) < PROPOSITION_DIGITS
                                            and long.startswith(short))):
        return False
    ta, tb = country_of(a.get("target_code")), country_of(b.get("target_code"))
    return ta == tb or MISSING in (ta, tb)


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
        return len({source_of(m) for m in self.mentions})

    def by_stance(self, stance: str) -> list[dict[str, Any]]:
        return [m for m in self.mentions if stance_of(m) == stance]

    def contest_pairs(self) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        """(affirming, disputing) mentions about one proposition from different parties."""
        def distinct(stance: str) -> list[tuple[dict[str, Any], str]]:
            # one mention per (party, code, target): copies and repeats add nothing here
            seen: dict[tuple[str, str, str], tuple[dict[str, Any], str]] = {}
            for m in self.by_stance(stance):
                party = party_of(m)
                if party and (stance == "affirms" or disputes_as_party(m)):
                    key = (party, str(m.get("code") or "")[:PROPOSITION_DIGITS],
                           country_of(m.get("target_code")))
                    seen.setdefault(key, (m, party))
            return list(seen.values())

        if self.root in party_rules().never_contested_roots:
            return []
        return [(a, d) for a, pa in distinct("affirms") for d, pd in distinct("disputes")
                if pa != pd and same_proposition(a, d)]

    @property
    def sides(self) -> dict[str, set[str]]:
        """The parties of the contest: who affirms, who disputes (empty when uncontested)."""
        out: dict[str, set[str]] = {"affirms": set(), "disputes": set()}
        for a, d in self.contest_pairs():
            out["affirms"].add(str(party_of(a)))
            out["disputes"].add(str(party_of(d)))
        return out

    @property
    def parties(self) -> dict[str, set[str]]:
        """Same as `sides` (kept for callers of the older name)."""
        return self.sides

    @property
    def contested(self) -> bool:
        return bool(self.contest_pairs())

    def side_summary(self, limit: int = 5) -> str:
        """One short line: how many parties on each side, at most `limit` named per side."""
        parts = []
        for stance, verb in (("affirms", "affirmed"), ("disputes", "disputed")):
            names = sorted(self.sides[stance])
            shown = ", ".join(names[:limit]) + (f" and {len(names) - limit} more"
                                                 if len(names) > limit else "")
            parts.append(f"{verb} by {len(names)} ({shown})")
        return "; ".join(parts)

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
            "sides": {k: sorted(v) for k, v in self.sides.items()},
            "mentions": [
                {k: m.get(k) for k in ("article_id", "start", "end", "code", "modality",
                                       "reported_by_name", "reported_by_code", "date",
                                       "publisher", "copy_of", "evidence")}
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
        target = country_of(mention.get("target_code"))
        if target != MISSING and c.target not in (target, MISSING):
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
