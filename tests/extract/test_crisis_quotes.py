"""The crisis-quotes suite (tests/extract/crisis_quotes.yaml) on the real pipeline.

Each case is crisis wire text in the team's own words with the quotes that must be found:
the exact content and the speaker; `none: true` cases must yield no quote at all, and no
case may yield a quote that overlaps none of its expected ones. Cases marked `open:` are
what the quotes stage gets wrong today: they run as strict xfails, so a fix that makes one
pass fails the run until its `open:` mark is removed.

Summary (content right / speaker right / spurious) and the failures in full:
    .venv/bin/python -m tests.extract.test_crisis_quotes [--show] [--prefix=fq-] [ID ...]
"""

from __future__ import annotations

import functools
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from faultline.model import Annotations, Quote
from tests.extract.suites import SuiteError, annotate_cases, case_param, case_records

SUITE = Path(__file__).resolve().parent / "crisis_quotes.yaml"
STAGES = ("entities", "actors", "quotes")
DATE = "2022-02-16"
CASE_KEYS = {"id", "text", "quotes", "none", "open", "note", "date"}
QUOTE_KEYS = {"content", "speaker", "kind"}
KINDS = {"direct", "indirect", "mixed"}
EDGE = " \t\n.,;:!?“”\"'‘’"
WORD_RE = re.compile(r"[\w'’-]+")


@dataclass
class Expected:
    content: str
    speaker: str | None
    kind: str | None = None  # checked only when the case gives it


@dataclass
class Case:
    id: str
    text: str
    quotes: list[Expected]
    open: str | None
    where: str
    date: str = DATE
    note: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)


def load(path: Path = SUITE) -> list[Case]:
    cases: list[Case] = []
    seen: set[str] = set()
    for where, raw in case_records(path, CASE_KEYS):
        for k in ("id", "text"):
            if not isinstance(raw.get(k), str) or not raw[k].strip():
                raise SuiteError(f"{where}: case needs a non-empty string {k!r}")
        if raw["id"] in seen:
            raise SuiteError(f"{where}: id {raw['id']} used twice")
        seen.add(raw["id"])
        text = raw["text"].strip()
        wanted = raw.get("quotes") or []
        if bool(wanted) == bool(raw.get("none")):
            raise SuiteError(f"{where}: a case has either quotes or none: true")
        quotes, spans = [], []
        for q in wanted:
            qwhere = f"{path.name}:{q.get('__line__', '?')}" if isinstance(q, dict) else where
            if not isinstance(q, dict) or set(q) - QUOTE_KEYS - {"__line__"} or \
                    not isinstance(q.get("content"), str) or "speaker" not in q:
                raise SuiteError(f"{qwhere}: a quote is {{content: str, speaker: str|null}}")
            if q.get("kind") is not None and q["kind"] not in KINDS:
                raise SuiteError(f"{qwhere}: kind is one of {sorted(KINDS)}")
            start = text.find(q["content"])
            if start < 0:
                raise SuiteError(f"{qwhere}: content {q['content']!r} is not in the text")
            quotes.append(Expected(q["content"], q["speaker"], q.get("kind")))
            spans.append((start, start + len(q["content"])))
        opened = raw.get("open")
        if opened is not None and (not isinstance(opened, str) or not opened.strip()):
            raise SuiteError(f"{where}: open must be a one-line reason")
        cases.append(Case(raw["id"], text, quotes, opened.strip() if opened else None, where,
                          str(raw.get("date", DATE)), raw.get("note"), spans))
    return cases


CASES = load()


@functools.lru_cache(maxsize=1)
def _annotated() -> dict[str, Annotations]:
    """All cases in one batch: one model load, one pipe."""
    return annotate_cases(CASES, STAGES)


def _norm(text: str) -> str:
    return " ".join(text.strip(EDGE).split())


def _words(name: str) -> list[str]:
    return [w.lower().removesuffix("’s").removesuffix("'s") for w in WORD_RE.findall(name)]


def speaker_ok(want: str | None, q: Quote, text: str) -> bool:
    """The speaker's name or the words it was found at ("the defence minister" resolved
    to the minister's name) end like the expected one."""
    if want is None:
        return q.speaker is None
    if q.speaker is None:
        return False
    gold = _words(want)
    names = [q.speaker.name]
    if q.speaker.span is not None:
        names.append(text[q.speaker.span.start:q.speaker.span.end])
    return any(bool(gold and said) and (gold[-1] in said or said[-1] in gold)
               for said in map(_words, names))


@dataclass
class Verdict:
    content_right: int = 0
    speaker_right: int = 0
    kind_wrong: int = 0
    spurious: int = 0
    problems: list[str] = field(default_factory=list)


def judge(case: Case, ann: Annotations) -> Verdict:
    text = case.text
    v = Verdict()
    used: set[int] = set()
    for (start, end), want in zip(case.spans, case.quotes, strict=True):
        exact = [i for i, q in enumerate(ann.quotes)
                 if _norm(text[q.span.start:q.span.end]) == _norm(want.content)]
        near = sorted(((min(end, q.span.end) - max(start, q.span.start), i)
                       for i, q in enumerate(ann.quotes)), reverse=True)
        pick = exact[0] if exact else (near[0][1] if near and near[0][0] > 0 else None)
        if pick is not None:
            used.add(pick)
        used.update(i for o, i in near if o > 0)
        if exact:
            v.content_right += 1
        else:
            got = (repr(text[ann.quotes[pick].span.start:ann.quotes[pick].span.end])
                   if pick is not None else "nothing")
            v.problems.append(f"content {want.content!r}: got {got}")
        if pick is not None and want.kind and ann.quotes[pick].kind != want.kind:
            v.kind_wrong += 1
            v.problems.append(f"kind of {want.content[:30]!r}: want {want.kind}, got "
                              f"{ann.quotes[pick].kind}")
        if pick is not None and speaker_ok(want.speaker, ann.quotes[pick], text):
            v.speaker_right += 1
        else:
            sp = ann.quotes[pick].speaker if pick is not None else None
            v.problems.append(f"speaker of {want.content[:30]!r}: want {want.speaker!r}, got "
                              f"{sp.name if sp else None!r}")
    for i, q in enumerate(ann.quotes):
        if i not in used:
            v.spurious += 1
            v.problems.append(f"spurious {text[q.span.start:q.span.end]!r} (cue "
                              f"{q.cue_text!r}, speaker {q.speaker.name if q.speaker else None!r})")
    return v


@pytest.mark.parametrize("case", [case_param(c) for c in CASES])
def test_crisis_quote_case(case: Case) -> None:
    ann = _annotated()[case.id]
    assert not ann.failures, [f.describe() for f in ann.failures]
    problems = judge(case, ann).problems
    assert not problems, f"{case.where} {case.id}: {case.text}\n  " + "\n  ".join(problems)


def test_suite_size_and_balance() -> None:
    assert len(CASES) >= 60, len(CASES)
    assert sum(not c.quotes for c in CASES) >= 15  # texts with no quote at all


def test_loader_reports_the_line_of_a_bad_case(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("cases:\n  - id: x-1\n    text: The army said it won.\n    quotes:\n"
                    "      - {content: it lost, speaker: army}\n", encoding="utf-8")
    with pytest.raises(SuiteError, match=r"bad\.yaml:5: content 'it lost' is not in"):
        load(path)
    path.write_text("cases:\n  - id: x-1\n    text: The army said it won.\n",
                    encoding="utf-8")
    with pytest.raises(SuiteError, match=r"bad\.yaml:2: a case has either"):
        load(path)


def summary(show: bool = False, only: set[str] | None = None, prefix: str = "") -> int:
    """Print the suite's figures (over the cases whose id starts with `prefix`) and its
    surprises; returns the number of surprises."""
    ann = _annotated()
    total = Verdict()
    expected = passed = opened = surprises = 0
    cases = [c for c in CASES if c.id.startswith(prefix)]
    for case in cases:
        v = judge(case, ann[case.id])
        expected += len(case.quotes)
        total.content_right += v.content_right
        total.speaker_right += v.speaker_right
        total.spurious += v.spurious
        total.kind_wrong += v.kind_wrong
        status = ("open" if case.open else "FAIL") if v.problems else (
            "XPASS" if case.open else "pass")
        passed += status == "pass"
        opened += status == "open"
        surprises += status in ("FAIL", "XPASS")
        if (show and v.problems) or status in ("FAIL", "XPASS") or (only and case.id in only):
            if only and case.id not in only:
                continue
            print(f"[{status}] {case.id} ({case.where}): {case.text}")
            if case.open:
                print(f"    open: {case.open}")
            for p in v.problems:
                print(f"    {p}")
    print(f"cases {len(cases)} (pass {passed}, open {opened}, surprises {surprises}); "
          f"expected quotes {expected}")
    print(f"content right {total.content_right}/{expected} "
          f"({100 * total.content_right / expected:.1f}%), speaker right "
          f"{total.speaker_right}/{expected} ({100 * total.speaker_right / expected:.1f}%), "
          f"kind wrong {total.kind_wrong}, spurious {total.spurious}")
    return surprises


if __name__ == "__main__":
    args = sys.argv[1:]
    block = next((a.removeprefix("--prefix=") for a in args if a.startswith("--prefix=")), "")
    sys.exit(1 if summary("--show" in args, {a for a in args if not a.startswith("--")}
                          or None, block) else 0)
