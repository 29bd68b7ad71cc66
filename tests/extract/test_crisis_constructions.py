"""The crisis-constructions suite (tests/extract/crisis/*.yaml) on the real pipeline.

Every case is parsed with the shipped stages and one shared spaCy pipeline; each `must`
pattern needs a matching event and no event may match a `must_not` pattern. Cases marked
`open:` are what the coder gets wrong today: they run as strict xfails, so a fix that
makes one pass fails the run until its `open:` mark is removed.

Summary by class (and the failures in full):
    .venv/bin/python -m tests.extract.test_crisis_constructions [--show] [ID ...]
"""

from __future__ import annotations

import functools
import sys
from collections import Counter

import pytest

from faultline.model import Annotations
from tests.extract.crisis.suite import (
    CLASSES,
    Case,
    SuiteError,
    check,
    describe_event,
    load_file,
    load_suite,
)
from tests.extract.suites import annotate_cases, case_param

STAGES = ("entities", "actors", "time", "quotes", "events")
CASES = load_suite()


@functools.lru_cache(maxsize=1)
def _annotated() -> dict[str, Annotations]:
    """All cases in one batch: one model load, one pipe."""
    return annotate_cases(CASES, STAGES)


@pytest.mark.parametrize("case", [case_param(c) for c in CASES])
def test_crisis_case(case: Case) -> None:
    ann = _annotated()[case.id]
    assert not ann.failures, [f.describe() for f in ann.failures]
    problems = check(case, ann.events)
    assert not problems, (f"{case.where} {case.id}: {case.text}\n  " + "\n  ".join(problems)
                          + "\n events:\n  " + "\n  ".join(describe_event(e)
                                                           for e in ann.events))


def test_suite_size_and_coverage() -> None:
    assert len(CASES) >= 150, len(CASES)
    by_class = Counter(c.cls for c in CASES)
    missing = [k for k in CLASSES if by_class[k] < 3]
    assert not missing, f"classes with fewer than 3 cases: {missing}"


def test_loader_reports_the_line_of_a_bad_case(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "bad.yaml"
    path.write_text("cases:\n  - id: x-1\n    class: claim\n    text: Some text.\n"
                    "    must:\n      - {root: \"19\", modality: rumoured}\n",
                    encoding="utf-8")
    with pytest.raises(SuiteError, match=r"bad\.yaml:6: unknown modality"):
        load_file(path)
    path.write_text("cases:\n  - id: x-1\n    class: nonsense\n    text: Some text.\n"
                    "    must_not: [{root: \"19\"}]\n", encoding="utf-8")
    with pytest.raises(SuiteError, match=r"bad\.yaml:2: unknown class"):
        load_file(path)
    path.write_text("cases:\n  - id: x-1\n    class: claim\n    text: Some text.\n",
                    encoding="utf-8")
    with pytest.raises(SuiteError, match=r"bad\.yaml:2: .*checks nothing"):
        load_file(path)


def summary(show: bool = False, only: set[str] | None = None) -> int:
    """Print pass / open / failing counts by class; returns the number of surprises."""
    ann = _annotated()
    rows: dict[str, Counter[str]] = {}
    surprises = 0
    for case in CASES:
        problems = check(case, ann[case.id].events)
        status = ("open" if case.open else "FAIL") if problems else (
            "XPASS" if case.open else "pass")
        surprises += status in ("FAIL", "XPASS")
        rows.setdefault(case.cls, Counter())[status] += 1
        if (show and problems or status in ("FAIL", "XPASS")) and (
                not only or case.id in only) or (only and case.id in only):
            print(f"[{status}] {case.id} ({case.where}): {case.text}")
            if case.open:
                print(f"    open: {case.open}")
            for p in problems:
                print(f"    {p}")
            for e in ann[case.id].events:
                print(f"    event: {describe_event(e)}")
    total: Counter[str] = Counter()
    print(f"{'class':18} {'cases':>5} {'pass':>5} {'open':>5} {'FAIL':>5} {'XPASS':>5}")
    for cls in CLASSES:
        c = rows.get(cls, Counter())
        total.update(c)
        print(f"{cls:18} {sum(c.values()):5} {c['pass']:5} {c['open']:5} {c['FAIL']:5} "
              f"{c['XPASS']:5}")
    print(f"{'total':18} {sum(total.values()):5} {total['pass']:5} {total['open']:5} "
          f"{total['FAIL']:5} {total['XPASS']:5}")
    return surprises


if __name__ == "__main__":
    args = sys.argv[1:]
    show = "--show" in args
    ids = {a for a in args if not a.startswith("--")}
    sys.exit(1 if summary(show, ids or None) else 0)
