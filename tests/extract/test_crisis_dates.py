"""The crisis-dates suite (tests/extract/crisis_dates.yaml) on the real time stage.

Each case is a short crisis-news text with its publication date and the TIMEX3s TimeML would
mark in it (span text, type, value; a list where the guidelines allow more than one answer).
A case passes when every expected TIMEX3 is found with its span, type and value and nothing
else is found but the spans listed under `may`. Cases marked `open:` are what the stage gets
wrong today: strict xfails, so a fix that makes one pass fails the run until its mark goes.

Summary (span right / type right / value right over the expected TIMEX3s, spurious ones):
    .venv/bin/python -m tests.extract.test_crisis_dates [--show] [--only ID-PREFIX]
"""

from __future__ import annotations

import datetime as dt
import functools
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from faultline.model import Annotations, Timex
from tests.extract.suites import annotate_cases, case_param

SUITE = Path(__file__).with_name("crisis_dates.yaml")
TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})


class SuiteError(ValueError):
    pass


@dataclass(frozen=True)
class Expected:
    text: str
    types: tuple[str, ...]
    values: tuple[str, ...]


@dataclass
class Case:
    id: str
    date: str
    text: str
    expect: list[Expected]
    may: frozenset[str] = frozenset()
    open: str | None = None
    problems: list[str] = field(default_factory=list)


def _options(raw: Any) -> tuple[str, ...]:
    items = raw if isinstance(raw, list) else [raw]
    return tuple(str(x) for x in items)


def load_suite(path: Path = SUITE) -> list[Case]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases: list[Case] = []
    seen: set[str] = set()
    for raw in data["cases"]:
        cid = str(raw["id"])
        if cid in seen:
            raise SuiteError(f"{path.name}: duplicate id {cid}")
        seen.add(cid)
        date = str(raw["date"])
        dt.date.fromisoformat(date)
        text = str(raw["text"])
        expect = []
        for item in raw.get("expect") or []:
            span, types, values = item
            exp = Expected(str(span), _options(types), _options(values))
            if exp.text not in text:
                raise SuiteError(f"{path.name}: {cid}: {exp.text!r} is not in the text")
            if not set(exp.types) <= TYPES:
                raise SuiteError(f"{path.name}: {cid}: unknown type {exp.types}")
            expect.append(exp)
        cases.append(Case(cid, date, text, expect, frozenset(raw.get("may") or ()),
                          raw.get("open")))
    return cases


CASES = load_suite()


@functools.lru_cache(maxsize=1)
def _annotated() -> dict[str, Annotations]:
    """All cases in one batch: one model load, one pipe."""
    return annotate_cases(CASES, ("time",))


def score(case: Case, found: list[Timex]) -> tuple[list[tuple[bool, bool, bool]], list[Timex]]:
    """Per expected TIMEX3 (span, type, value) right; and the spurious ones found."""
    marks = []
    used: set[int] = set()
    for exp in case.expect:
        hit = next((t for t in found if t.text == exp.text and id(t) not in used), None)
        if hit is None:
            marks.append((False, False, False))
            continue
        used.add(id(hit))
        marks.append((True, hit.type in exp.types, hit.value in exp.values))
    spurious = [t for t in found if id(t) not in used and t.text not in case.may]
    return marks, spurious


def problems(case: Case, found: list[Timex]) -> list[str]:
    marks, spurious = score(case, found)
    out = [f"want {e.text!r} {'|'.join(e.types)} {'|'.join(e.values)}"
           for e, m in zip(case.expect, marks, strict=True) if not all(m)]
    out += [f"spurious {t.text!r} {t.type} {t.value}" for t in spurious]
    return out


@pytest.mark.parametrize("case", [case_param(c) for c in CASES])
def test_crisis_date(case: Case) -> None:
    ann = _annotated()[case.id]
    assert not ann.failures, [f.describe() for f in ann.failures]
    found = [t for t in ann.timexes]
    bad = problems(case, found)
    assert not bad, (f"{case.id} ({case.date}): {case.text}\n  " + "\n  ".join(bad)
                     + "\n found: " + "; ".join(f"{t.text!r} {t.type} {t.value}" for t in found))


def test_suite_size() -> None:
    assert len(CASES) >= 60, len(CASES)
    assert sum(1 for c in CASES if not c.expect) >= 5


def test_loader_rejects_a_span_not_in_the_text(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("cases:\n  - id: x\n    date: 2022-02-24\n    text: On Monday.\n"
                    "    expect: [[Tuesday, DATE, 2022-02-22]]\n", encoding="utf-8")
    with pytest.raises(SuiteError, match="'Tuesday' is not in the text"):
        load_suite(path)


def main(argv: list[str]) -> int:
    show = "--show" in argv
    prefix = argv[argv.index("--only") + 1] if "--only" in argv else ""
    cases = [c for c in CASES if c.id.startswith(prefix)]
    ann = _annotated()
    total = span = typ = val = spur = passed = 0
    for case in cases:
        found = list(ann[case.id].timexes)
        marks, spurious = score(case, found)
        total += len(marks)
        span += sum(m[0] for m in marks)
        typ += sum(m[0] and m[1] for m in marks)
        val += sum(m[0] and m[2] for m in marks)
        spur += len(spurious)
        bad = problems(case, found)
        passed += not bad
        if bad and show:
            print(f"{case.id} ({case.date}) {'[open] ' if case.open else ''}{case.text}")
            for p in bad:
                print(f"    {p}")
            print("    found: " + "; ".join(f"{t.text!r} {t.type} {t.value}" for t in found))
    print(f"cases {passed}/{len(cases)} pass; expected TIMEX3s {total}: span right {span}, "
          f"type right {typ}, value right {val}; spurious {spur}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
