"""Figures across articles: group numeric claims about the same quantity, flag the ones that differ.

Method
------
Every :class:`NumberReport` (one claim from one article) gets a grouping key made from its
Claim:

* **dimension** — "percent", a currency code ("USD"), a unit of measure ("km"), or "count"
  for a figure that counts a noun ("130,000 troops");
* **subject key** — the claim's subject, lower-cased, with spellings of one actor folded
  (``aliases`` in ``faultline/data/claims/subjects.yaml``: "U.S." / "American" -> "us",
  "Russia's" -> "russian", "more" / "extra" -> "additional"), words that do not change
  what is counted dropped (``modifiers``: "military", "estimated", "total" ...), and the
  head noun folded to a canonical head through a small synonym map (``heads``: soldiers,
  troops, forces and servicemen are one quantity, "troops"); other plurals are reduced to
  their singular by a few English spelling rules. "Russian troops", "Russian soldiers" and
  "Russian military forces" all get the key "russian troops"; "troops" alone, "Ukrainian
  troops", "additional Russian troops" (an increment, not a total) and "Russian tanks" get
  other keys. A place the claims stage kept in the subject stays in
  the key ("people in Ukraine" -> "people in ukraine"), so people counted in Ukraine and
  in Poland are not one quantity.

A key that is only a head noun ("troops", "people") says nothing about whose troops or
where: such groups are still built but marked ``specific=False`` and sorted after the
specific ones, because two articles counting "troops" may well count different armies.

Claims without a subject (a bare "300", "8 percent" with nothing it is a percentage of) are
never grouped: there is nothing to say they measure the same thing. A group needs reports
from at least two different articles; figures repeated inside one article do not make a
group on their own.

Owners by anaphora
------------------
A bare head noun ("the troops") takes the owner of the last figure with the same head in
the same article that named one ("100,000 Russian troops ... 30,000 of the troops"): the
text has said whose troops they are.

Kinds
-----
A figure is a standing **total**, an **increment** ("7,000 more troops": the key holds
"additional") or a **movement** ("30,000 troops moved to Belarus": a verb of movement stands
next to the figure). Kinds are listed in ``kinds`` in ``subjects.yaml``; the kind is part
of the group, and only totals are ever said to disagree.

Disagreement
------------
Each report is read as an interval. A vague range such as "thousands" (2,000 – 9,999) or
"100,000 to 130,000" keeps its interval; hedges are honoured ("at least q" -> [q, inf),
"up to q" -> [0, q], "about q" -> q ± tolerance), with the ends widened by the tolerance.
A group is a time series, not one claim: two reports **conflict** when they come from
different independent origins (a copy counts as its original, see
``faultline.link.copies``), are published at most ``window_days`` (7) apart (an undated
report is compared with every other) and their intervals do not overlap. December's "tens
of thousands" and February's 190,000 are two points of a series, not a contradiction.

``disagree`` (see :func:`disagreeing_groups`, the one test the CLI, the report and the
query layer share) holds for a group of totals about a specific quantity (its key names
whose or where: "russian troops", not a bare "troops"; any figure that is not a count is
specific) with at least one conflicting pair. ``spread`` is the relative gap between the
figures with hedges ignored, ``(max - min) / max`` for plain figures, for display;
``compatible`` says whether all the figures, hedges honoured, can be true at once.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from typing import Any

from faultline.claims_lexicon import load_lexicon, marker_direction
from faultline.datafiles import read_yaml_mapping
from faultline.errors import DataFileError
from faultline.model import Annotations, Claim

_NON_COUNT_UNITS_RE = re.compile(r"^(percent|[A-Z]{3})$")
_WORD = re.compile(r"[a-z0-9]+(?:[.'’][a-z0-9]+)*\.?|[a-z0-9.]+")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+|\n")


@dataclass
class NumberReport:
    """One figure from one article."""

    article_id: str
    publisher: str | None
    published: str | None
    claim: Claim
    evidence: str  # the sentence (or the span text) the figure comes from
    origin: str | None = None  # the source it counts as: its origin's (faultline.link.copies)
    figure_text: str = ""  # the claim's own words in the article ("about 130,000 troops")


@dataclass
class NumberGroup:
    """Reports from several articles about the same quantity."""

    key: str  # normalized subject, e.g. "russian troops"
    label: str  # the subject as most reports write it
    reports: list[NumberReport]
    values: list[float]  # sorted distinct quantities
    disagree: bool  # the figures differ by more than the tolerance (hedges ignored)
    unit: str = "count"  # count | percent | currency code | unit of measure
    spread: float = 0.0  # relative gap between the figures (see module docstring)
    compatible: bool = True  # the figures can all be true once their hedges are honoured
    articles: list[str] = field(default_factory=list)
    specific: bool = True  # the key names who or where ("russian troops"), not just "troops"
    kind: str = "total"  # total | increment | movement
    conflicts: list[tuple[int, int]] = field(default_factory=list)  # report index pairs


@dataclass(frozen=True)
class SubjectRules:
    heads: dict[str, str]
    modifiers: frozenset[str]
    aliases: dict[str, str]
    alias_max_len: int
    increment_words: frozenset[str] = frozenset()
    movement_words: frozenset[str] = frozenset()
    movement_reach: int = 4


@functools.lru_cache(maxsize=1)
def load_subject_rules() -> SubjectRules:
    """Read and validate ``faultline/data/claims/subjects.yaml`` (once per process)."""
    path = resources.files("faultline").joinpath("data", "claims", "subjects.yaml")
    data = read_yaml_mapping(path, "claims data file")
    heads, mods, aliases = data.get("heads"), data.get("modifiers"), data.get("aliases")
    if not isinstance(heads, dict) or not isinstance(aliases, dict):
        raise DataFileError("subjects.yaml: `heads` and `aliases` must be mappings")
    if not isinstance(mods, list):
        raise DataFileError("subjects.yaml: `modifiers` must be a list")
    alias_map = {str(k).lower(): str(v).lower() for k, v in aliases.items()}
    kinds = data.get("kinds") or {}
    if not isinstance(kinds, dict) or not all(
            isinstance(kinds.get(k, []), list) for k in ("increment_words", "movement_words")):
        raise DataFileError("subjects.yaml: `kinds` must map increment_words and "
                            "movement_words to lists")
    return SubjectRules(
        heads={str(k).lower(): str(v).lower() for k, v in heads.items()},
        modifiers=frozenset(str(m).lower() for m in mods),
        aliases=alias_map,
        alias_max_len=max((len(k.split()) for k in alias_map), default=1),
        increment_words=frozenset(str(w).lower() for w in kinds.get("increment_words", [])),
        movement_words=frozenset(str(w).lower() for w in kinds.get("movement_words", [])),
        movement_reach=int(kinds.get("movement_reach", 4)),
    )


def singular(word: str) -> str:
    """A plural English noun's singular by spelling alone (good enough for grouping keys)."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith("ss"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    return word[:-1]


def subject_key(subject: str | None) -> str | None:
    """The grouping key of a claim subject ("additional Russian soldiers" -> "russian troops")."""
    if not subject:
        return None
    counted, sep, place = subject.partition(" in ")
    key = _noun_key(counted)
    if key is None or not sep:
        return key
    where = " ".join(_WORD.findall(place.lower().replace("’", "'")))
    return f"{key} in {where}" if where else key


def _noun_key(subject: str) -> str | None:
    rules = load_subject_rules()
    words = _WORD.findall(subject.lower().replace("’", "'"))
    words = [w[:-2] if w.endswith("'s") and w not in rules.aliases else w for w in words]
    folded: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(rules.alias_max_len, len(words) - i), 0, -1):
            phrase = " ".join(words[i : i + size])
            if phrase in rules.aliases:
                folded.append(rules.aliases[phrase])
                i += size
                break
        else:
            folded.append(words[i])
            i += 1
    if not folded:
        return None
    head = folded[-1]
    head = rules.heads.get(head) or rules.heads.get(singular(head)) or singular(head)
    mods: list[str] = []
    for word in folded[:-1]:
        if word in rules.modifiers or word in mods:
            continue
        mods.append(word)
    return " ".join(mods + [head])


def dimension(claim: Claim) -> str:
    """"percent", a currency code, a unit of measure, or "count" for counted nouns."""
    unit = claim.unit
    if unit is None:
        return "count"
    if unit == "percent" or _NON_COUNT_UNITS_RE.match(unit) or unit in _measure_units():
        return unit
    return "count"


@functools.lru_cache(maxsize=1)
def _measure_units() -> frozenset[str]:
    return frozenset(load_lexicon().measures.values())


def _interval(claim: Claim, *, hedged: bool, tolerance: float) -> tuple[float, float]:
    low, high = claim.quantity, claim.quantity
    if claim.quantity_max is not None:
        high = max(claim.quantity_max, low)
    if not hedged or not claim.approximate:
        return low, high
    direction = marker_direction(claim.approximate)
    if direction == "lower":
        return low, math.inf
    if direction == "upper":
        return 0.0, high
    if direction == "around":
        return low * (1 - tolerance), high * (1 + tolerance)
    return low, high


def _spread(intervals: list[tuple[float, float]]) -> float:
    lo = max(i[0] for i in intervals)
    hi = min(i[1] for i in intervals)
    if lo <= hi or lo <= 0:
        return 0.0
    return (lo - hi) / lo


def kind_of(report: NumberReport, key: str) -> str:
    """total, increment or movement (see the module docstring)."""
    rules = load_subject_rules()
    if rules.increment_words & set(key.split()):
        return "increment"
    sentence = report.evidence.lower()
    figure = report.figure_text.lower()
    at = sentence.find(figure) if figure else -1
    if at < 0:
        return "total"
    before = _WORD.findall(sentence[:at])[-rules.movement_reach:]
    after = _WORD.findall(sentence[at + len(figure):])[:rules.movement_reach]
    if rules.movement_words & set(before + after):
        return "movement"
    return "total"


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _day(value: str | None) -> date | None:
    if not value or not _DATE.match(value):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _origin(report: NumberReport) -> str:
    return report.origin or report.publisher or report.article_id


def _with_owners(reports: list[NumberReport]) -> list[tuple[NumberReport, str]]:
    """Each report with its key; a bare head noun takes the article's last owner of it."""
    keyed: list[tuple[NumberReport, str]] = []
    last_owner: dict[tuple[str, str, str], str] = {}
    order = sorted(range(len(reports)),
                   key=lambda i: (reports[i].article_id, reports[i].claim.span.start))
    keys: dict[int, str] = {}
    for i in order:
        report = reports[i]
        key = subject_key(report.claim.subject)
        if key is None:
            continue
        dim = dimension(report.claim)
        head = key.split(" in ")[0].split()[-1]
        slot = (report.article_id, dim, head)
        if " " not in key and slot in last_owner:
            key = last_owner[slot]
        elif " " in key and not (load_subject_rules().increment_words & set(key.split())):
            last_owner[slot] = key
        keys[i] = key
    for i, report in enumerate(reports):
        if i in keys:
            keyed.append((report, keys[i]))
    return keyed


def _conflicts(members: list[NumberReport], intervals: list[tuple[float, float]],
               window_days: int) -> list[tuple[int, int]]:
    days = [_day(r.published) for r in members]
    origins = [_origin(r) for r in members]
    out = []
    for i in range(len(members)):
        for j in range(i + 1, len(members)):
            if origins[i] == origins[j]:
                continue
            day_i, day_j = days[i], days[j]
            if day_i and day_j and abs((day_i - day_j).days) > window_days:
                continue
            (lo_i, hi_i), (lo_j, hi_j) = intervals[i], intervals[j]
            if lo_i > hi_j or lo_j > hi_i:
                out.append((i, j))
    return out


def group_numbers(reports: Iterable[NumberReport], *, tolerance: float = 0.10,
                  window_days: int = 7) -> list[NumberGroup]:
    """Group reports by (dimension, subject key, kind); keep groups that span two or more
    articles, and mark the ones that disagree (module docstring).

    Groups come back sorted: disagreeing first, specific keys before bare head nouns, then
    by number of articles, then by key.
    """
    if not 0 <= tolerance < 1:
        raise ValueError(f"tolerance must be in [0, 1), not {tolerance}")
    buckets: dict[tuple[str, str, str], list[NumberReport]] = {}
    for report, key in _with_owners(list(reports)):
        kind = kind_of(report, key)
        buckets.setdefault((dimension(report.claim), key, kind), []).append(report)
    groups: list[NumberGroup] = []
    for (dim, key, kind), members in buckets.items():
        articles = sorted({r.article_id for r in members})
        if len(articles) < 2:
            continue
        plain = [_interval(r.claim, hedged=False, tolerance=tolerance) for r in members]
        hedged = [_loose(r.claim, tolerance) for r in members]
        specific = " " in key or dim != "count"
        conflicts = _conflicts(members, hedged, window_days) if kind == "total" else []
        labels = [r.claim.subject or key for r in members]
        groups.append(
            NumberGroup(
                key=key,
                label=max(sorted(set(labels)), key=labels.count),
                reports=members,
                values=sorted({r.claim.quantity for r in members}),
                disagree=specific and kind == "total" and bool(conflicts),
                unit=dim,
                spread=round(_spread(plain), 4),
                compatible=_spread(hedged) <= 0,
                articles=articles,
                specific=specific,
                kind=kind,
                conflicts=conflicts,
            )
        )
    groups.sort(key=lambda g: (not g.disagree, not g.specific, -len(g.articles), g.unit, g.key,
                               g.kind))
    return groups


def _loose(claim: Claim, tolerance: float) -> tuple[float, float]:
    """The claim's interval with hedges honoured; an exact end loosened by half the
    tolerance either way, so that 130,000 and 135,000 agree ("about" already has it)."""
    low, high = _interval(claim, hedged=True, tolerance=tolerance)
    if claim.approximate and _direction(claim.approximate) == "around":
        return low, high
    return low * (1 - tolerance / 2), high * (1 + tolerance / 2)


def _direction(marker: str) -> str | None:
    return marker_direction(marker)


def disagreeing_groups(groups: Iterable[NumberGroup]) -> list[NumberGroup]:
    """The groups whose figures disagree: the one test every caller (CLI, report, query
    layer) uses, so that they show the same groups."""
    return [g for g in groups if g.disagree]


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end], by punctuation (no parse is at hand here)."""
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    after = _SENTENCE_END.search(text, end)
    right = after.start() + 1 if after else len(text)
    return text[left:right].strip()


def reports_from_annotations(annotations: Iterable[Annotations]) -> list[NumberReport]:
    """One NumberReport per claim, with the claim's sentence as evidence."""
    out: list[NumberReport] = []
    for ann in annotations:
        article = ann.article
        for claim in ann.claims:
            out.append(
                NumberReport(
                    article_id=article.id,
                    publisher=article.publisher,
                    published=article.published,
                    claim=claim,
                    evidence=sentence_around(article.text, claim.span.start, claim.span.end),
                    figure_text=article.text[claim.span.start:claim.span.end],
                )
            )
    return out


def group_to_dict(group: NumberGroup) -> dict[str, Any]:
    """A JSON-ready view of a group (reports flattened to article, figure and evidence)."""
    return {
        "key": group.key,
        "label": group.label,
        "unit": group.unit,
        "values": group.values,
        "disagree": group.disagree,
        "compatible": group.compatible,
        "spread": group.spread,
        "articles": group.articles,
        "specific": group.specific,
        "kind": group.kind,
        "conflicts": [list(pair) for pair in group.conflicts],
        "reports": [
            {
                "article_id": r.article_id,
                "publisher": r.publisher,
                "published": r.published,
                "quantity": r.claim.quantity,
                "quantity_max": r.claim.quantity_max,
                "approximate": r.claim.approximate,
                "subject": r.claim.subject,
                "attributed_to": r.claim.attributed_to,
                "start": r.claim.span.start,
                "end": r.claim.span.end,
                "evidence": r.evidence,
                "origin": r.origin,
            }
            for r in group.reports
        ],
    }
