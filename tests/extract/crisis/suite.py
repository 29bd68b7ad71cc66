"""Loader and matcher for the crisis-constructions suite.

Each ``*.yaml`` file in this folder holds a list ``cases``; a case is::

    - id: claim-001            # unique across the suite
      class: claim             # one of CLASSES
      text: "One or two sentences in our own words."
      date: 2022-02-16         # optional article date (default DEFAULT_DATE)
      must:                    # events that must be coded (each matched by some event)
        - {root: "11", source: RUS, target: USA}
        - {root: "19", source: RUS, modality: alleged, reported_by: USA}
      must_not:                # patterns no event may match
        - {root: ["18", "19", "20"], modality: asserted}
      open: one-line reason    # the coder gets this wrong today (run as strict xfail)

An event pattern may name any of:

- ``code``: CAMEO code prefix ("112" matches 112 and 1121); a list means any of them.
- ``root``: two-digit CAMEO root, or a list.
- ``plover``: PLOVER category, or a list.
- ``source`` / ``target`` / ``reported_by``: an actor. A string is a code ("RUSGOV",
  "IGOUNO") or a three-letter country prefix ("RUS" matches RUS, RUSGOV, RUSMIL);
  ``null`` means no actor; ``any`` means some actor; a list means any of them; a mapping
  ``{code, country, sector, text}`` checks each given field (``text`` is a
  case-insensitive substring of the actor's mention text or name; ``country: null``
  means no country; ``{country: UKR, sector: [null, GOV]}`` is Ukraine itself or its
  government, where a bare "UKR" would also match UKRREB).
- ``modality``: one of MODALITIES, or a list.
- ``trigger``: case-insensitive substring of the trigger text.

Errors name the file and line.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from faultline.model import Actor, Event, Speaker
from tests.extract.suites import SuiteError, case_records

HERE = Path(__file__).resolve().parent
DEFAULT_DATE = "2022-02-16"

CLASSES = {
    # 1. frames: events inside claims, warnings, fears, denials ...
    "claim": "an event inside someone's claim or report",
    "accusation": "an event inside an accusation or charge",
    "warning": "an event inside a warning or threat",
    "fear": "an event inside a fear, concern or worry",
    "denial": "an event denied by its would-be actor",
    "absence": "evidence of absence: 'no sign that ...'",
    "conditional": "an event in an if/unless clause or its consequence",
    "question": "an event inside a question",
    "intention": "an intention, plan or readiness",
    "could": "a possibility: could, may, might",
    # 2. actors
    "place": "a place or dateline that is not an actor",
    "security-council": "Russia's Security Council vs the UN's",
    "separatist": "Donetsk/Luhansk people's republics and other separatist entities",
    "pronoun": "a pronoun that must not resolve to a region",
    "unknown-actor": "an actor the dictionaries do not know",
    # 3. verb senses
    "sense": "a verb whose sense depends on its object",
    # recall guard
    "asserted": "a plain asserted event that must be coded",
}
MODALITIES = ("asserted", "alleged", "negated", "denied", "hypothetical", "intended",
              "future")
PATTERN_KEYS = {"code", "root", "plover", "source", "target", "reported_by", "modality",
                "trigger"}
CASE_KEYS = {"id", "class", "text", "date", "must", "must_not", "open", "note"}
ACTOR_KEYS = {"code", "country", "sector", "text"}


@dataclass
class Case:
    id: str
    cls: str
    text: str
    date: str
    must: list[dict[str, Any]]
    must_not: list[dict[str, Any]]
    open: str | None
    where: str
    note: str | None = None
    lines: dict[int, str] = field(default_factory=dict)


def _strs(value: Any, where: str, what: str) -> None:
    vals = value if isinstance(value, list) else [value]
    if not vals or not all(isinstance(v, str) for v in vals):
        raise SuiteError(f"{where}: {what} must be a string or a list of strings (quote "
                         f"codes: \"011\")")


def _check_actor(value: Any, where: str, what: str) -> None:
    if value is None or isinstance(value, str):
        return
    if isinstance(value, list):
        for v in value:
            _check_actor(v, where, what)
        return
    if isinstance(value, dict):
        extra = set(value) - ACTOR_KEYS - {"__line__"}
        if extra:
            raise SuiteError(f"{where}: {what}: unknown actor keys {sorted(extra)}")
        return
    raise SuiteError(f"{where}: {what} must be a code, null, a list or a mapping")


def _check_pattern(p: Any, where: str) -> dict[str, Any]:
    if not isinstance(p, dict):
        raise SuiteError(f"{where}: an event pattern is a mapping")
    where = f"{where.rsplit(':', 1)[0]}:{p.get('__line__', '?')}"
    keys = set(p) - {"__line__"}
    if not keys:
        raise SuiteError(f"{where}: empty event pattern")
    extra = keys - PATTERN_KEYS
    if extra:
        raise SuiteError(f"{where}: unknown pattern keys {sorted(extra)}")
    for k in ("code", "root", "plover", "trigger"):
        if k in p:
            _strs(p[k], where, k)
    if "root" in p:
        roots = p["root"] if isinstance(p["root"], list) else [p["root"]]
        for r in roots:
            if not (len(r) == 2 and r.isdigit() and 1 <= int(r) <= 20):
                raise SuiteError(f"{where}: root {r!r} is not a CAMEO root 01-20")
    if "code" in p:
        for c in p["code"] if isinstance(p["code"], list) else [p["code"]]:
            if not (c.isdigit() and 2 <= len(c) <= 4 and 1 <= int(c[:2]) <= 20):
                raise SuiteError(f"{where}: code {c!r} is not a CAMEO code")
    if "modality" in p:
        _strs(p["modality"], where, "modality")
        mods = p["modality"] if isinstance(p["modality"], list) else [p["modality"]]
        bad = [m for m in mods if m not in MODALITIES]
        if bad:
            raise SuiteError(f"{where}: unknown modality {bad} (one of {MODALITIES})")
    for k in ("source", "target", "reported_by"):
        if k in p:
            _check_actor(p[k], where, k)
    return p


def load_file(path: Path) -> list[Case]:
    cases = []
    for where, raw in case_records(path, CASE_KEYS):
        for k in ("id", "class", "text"):
            if not isinstance(raw.get(k), str) or not raw[k].strip():
                raise SuiteError(f"{where}: case needs a non-empty string {k!r}")
        if raw["class"] not in CLASSES:
            raise SuiteError(f"{where}: unknown class {raw['class']!r} (one of "
                             f"{sorted(CLASSES)})")
        date = raw.get("date", DEFAULT_DATE)
        if isinstance(date, _dt.date):
            date = date.isoformat()
        try:
            _dt.date.fromisoformat(str(date))
        except ValueError as e:
            raise SuiteError(f"{where}: date {date!r} is not YYYY-MM-DD") from e
        must = raw.get("must") or []
        must_not = raw.get("must_not") or []
        if not isinstance(must, list) or not isinstance(must_not, list):
            raise SuiteError(f"{where}: must and must_not are lists of event patterns")
        if not must and not must_not:
            raise SuiteError(f"{where}: case {raw['id']} checks nothing (no must, no "
                             f"must_not)")
        opened = raw.get("open")
        if opened is not None and (not isinstance(opened, str) or not opened.strip()):
            raise SuiteError(f"{where}: open must be a one-line reason")
        cases.append(Case(
            id=raw["id"], cls=raw["class"], text=raw["text"].strip(), date=str(date),
            must=[_check_pattern(p, where) for p in must],
            must_not=[_check_pattern(p, where) for p in must_not],
            open=opened.strip() if opened else None, where=where, note=raw.get("note")))
    return cases


def load_suite(directory: Path = HERE) -> list[Case]:
    """Every case of every ``*.yaml`` file in `directory`, ids unique."""
    cases: list[Case] = []
    seen: dict[str, str] = {}
    for path in sorted(directory.glob("*.yaml")):
        for case in load_file(path):
            if case.id in seen:
                raise SuiteError(f"{case.where}: id {case.id} already used at {seen[case.id]}")
            seen[case.id] = case.where
            cases.append(case)
    return cases


# --------------------------------------------------------------------------- matching


def _options(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _actor_text(actor: Actor | Speaker) -> str:
    parts = [getattr(actor, "name", "") or ""]
    for attr in ("text",):
        v = getattr(actor, attr, None)
        if isinstance(v, str):
            parts.append(v)
    return " ".join(parts).lower()


def _actor_matches(actor: Actor | Speaker | None, want: Any) -> bool:
    for w in _options(want):
        if w is None:
            if actor is None:
                return True
            continue
        if actor is None:
            continue
        code = getattr(actor, "code", None) or ""
        if isinstance(w, str):
            if w == "any" or code == w or (len(w) == 3 and code[:3] == w):
                return True
            continue
        ok = True
        if "code" in w:
            ok &= any(code == c or (len(c) == 3 and code[:3] == c) for c in _options(w["code"]))
        if "country" in w:
            country = getattr(actor, "country", None)
            if country is None and isinstance(actor, Speaker) and len(code) >= 3:
                country = code[:3]
            ok &= country in _options(w["country"])
        if "sector" in w:
            sector = getattr(actor, "sector", None)
            if isinstance(actor, Speaker) and len(code) > 3:
                sector = code[3:]
            ok &= sector in _options(w["sector"])
        if "text" in w:
            ok &= any(t.lower() in _actor_text(actor) for t in _options(w["text"]))
        if ok:
            return True
    return False


def matches(event: Event, pattern: dict[str, Any]) -> bool:
    """Does `event` fit every field the pattern names?"""
    if "code" in pattern and not any(event.code.startswith(c) for c in _options(pattern["code"])):
        return False
    if "root" in pattern and (event.root or event.code[:2]) not in _options(pattern["root"]):
        return False
    if "plover" in pattern and event.plover not in _options(pattern["plover"]):
        return False
    if "modality" in pattern and event.modality not in _options(pattern["modality"]):
        return False
    if "trigger" in pattern and not any(
            t.lower() in (event.trigger_text or "").lower() for t in _options(pattern["trigger"])):
        return False
    for k in ("source", "target", "reported_by"):
        if k in pattern and not _actor_matches(getattr(event, k), pattern[k]):
            return False
    return True


def describe_pattern(p: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {v!r}" for k, v in p.items() if k != "__line__") + "}"


def describe_event(e: Event) -> str:
    def who(a: Actor | Speaker | None) -> str:
        return "-" if a is None else (a.code or f"?{a.name!r}")

    return (f"{e.code} {who(e.source)}->{who(e.target)} {e.modality} {e.trigger_text!r}"
            f" rep={who(e.reported_by)}")


def check(case: Case, events: Iterable[Event]) -> list[str]:
    """What is wrong with the events for `case` (empty: the case passes)."""
    events = list(events)
    problems = []
    for p in case.must:
        if not any(matches(e, p) for e in events):
            problems.append(f"missing {describe_pattern(p)}")
    for p in case.must_not:
        bad = [e for e in events if matches(e, p)]
        if bad:
            problems.append(f"forbidden {describe_pattern(p)}: " +
                            "; ".join(describe_event(e) for e in bad))
    return problems
