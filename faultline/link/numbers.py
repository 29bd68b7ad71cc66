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

Disagreement
------------
Each report is read as an interval. For ``disagree`` the hedges are ignored: an exact
figure and a hedged one are both the point ``[q, q]``, so "at least 100,000" against
"130,000" counts as two different estimates. A vague range such as "thousands" (2,000 –
9,999) or "100,000 to 130,000" keeps its interval. With ``lo`` the largest lower end and
``hi`` the smallest upper end over all reports of the group::

    gap    = max(0, lo - hi)          # 0 when every interval overlaps the others
    spread = gap / lo                 # relative to the largest lower end
    disagree = spread > tolerance     # tolerance = 0.10 by default

For plain figures this is ``(max - min) / max``: 100,000 / 130,000 / 150,000 has a spread
of 0.33 and disagrees; 130,000 and 135,000 (0.04) do not. ``compatible`` is the same test
with the hedges taken at their word ("at least q" -> [q, inf), "up to q" -> [0, q], "about q"
-> q ± tolerance), so a group can disagree in its estimates yet be compatible: "at least
100,000" and "130,000" disagree but are compatible; "up to 100,000" and "130,000" are not.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

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


@dataclass(frozen=True)
class SubjectRules:
    heads: dict[str, str]
    modifiers: frozenset[str]
    aliases: dict[str, str]
    alias_max_len: int


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
    return SubjectRules(
        heads={str(k).lower(): str(v).lower() for k, v in heads.items()},
        modifiers=frozenset(str(m).lower() for m in mods),
        aliases=alias_map,
        alias_max_len=max((len(k.split()) for k in alias_map), default=1),
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
    # The unit tables live with the claims stage; imported late so that grouping stored
    # claims does not load the stage's module (and spaCy) until a unit needs checking.
    from faultline.extract.claims import load_lexicon

    return frozenset(load_lexicon().measures.values())


def _interval(claim: Claim, *, hedged: bool, tolerance: float) -> tuple[float, float]:
    low, high = claim.quantity, claim.quantity
    if claim.quantity_max is not None:
        high = max(claim.quantity_max, low)
    if not hedged or not claim.approximate:
        return low, high
    from faultline.extract.claims import marker_direction

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


def group_numbers(reports: Iterable[NumberReport], *, tolerance: float = 0.10) -> list[NumberGroup]:
    """Group reports by (dimension, subject key); keep groups that span two or more articles.

    Groups come back sorted: disagreeing first, specific keys before bare head nouns, then
    by number of articles, then by key.
    """
    if not 0 <= tolerance < 1:
        raise ValueError(f"tolerance must be in [0, 1), not {tolerance}")
    buckets: dict[tuple[str, str], list[NumberReport]] = {}
    for report in reports:
        key = subject_key(report.claim.subject)
        if key is None:
            continue
        buckets.setdefault((dimension(report.claim), key), []).append(report)
    groups: list[NumberGroup] = []
    for (dim, key), members in buckets.items():
        articles = sorted({r.article_id for r in members})
        if len(articles) < 2:
            continue
        plain = [_interval(r.claim, hedged=False, tolerance=tolerance) for r in members]
        hedged = [_interval(r.claim, hedged=True, tolerance=tolerance) for r in members]
        spread = _spread(plain)
        labels = [r.claim.subject or key for r in members]
        groups.append(
            NumberGroup(
                key=key,
                label=max(sorted(set(labels)), key=labels.count),
                reports=members,
                values=sorted({r.claim.quantity for r in members}),
                disagree=spread > tolerance,
                unit=dim,
                spread=round(spread, 4),
                compatible=_spread(hedged) <= tolerance,
                articles=articles,
                specific=" " in key,
            )
        )
    groups.sort(key=lambda g: (not g.disagree, not g.specific, -len(g.articles), g.unit, g.key))
    return groups


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
            }
            for r in group.reports
        ],
    }
