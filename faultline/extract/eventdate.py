"""Event dates: the time expression that governs a trigger, else the article date."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from faultline.model import Timex

_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(T.*)?$")
_WEEK = re.compile(r"^(\d{4}-W\d{2})$")
_MONTH = re.compile(r"^(\d{4}-\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


@dataclass(frozen=True)
class DatedTimex:
    """A calendar timex placed on the parse: its tokens, value and precision."""

    start: int  # token indices [start, end)
    end: int
    root: int
    value: str
    precision: str


def calendar_value(value: str) -> tuple[str, str] | None:
    """(date, precision) for a calendar value, None for durations, sets and vague references."""
    for pattern, precision in ((_DAY, "day"), (_WEEK, "week"), (_MONTH, "month"), (_YEAR, "year")):
        m = pattern.match(value)
        if m:
            return m.group(1), precision
    return None


def place_timexes(doc: Doc, timexes: list[Timex]) -> list[DatedTimex]:
    """Calendar timexes of an article with their token positions in `doc`."""
    placed: list[DatedTimex] = []
    for timex in timexes:
        if timex.type not in ("DATE", "TIME"):
            continue
        cal = calendar_value(timex.value or "")
        if cal is None:
            continue
        span = doc.char_span(timex.span.start, timex.span.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        placed.append(DatedTimex(span.start, span.end, span.root.i, cal[0], cal[1]))
    return placed


def _attached(doc: Doc, timex: DatedTimex, trigger: Token) -> bool:
    """Whether the timex modifies the trigger's own clause (no other verb in between)."""
    node = doc[timex.root]
    for _ in range(8):
        if node.i == trigger.i:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
        if node.i != trigger.i and node.pos_ in ("VERB", "AUX") and node.dep_ != "aux":
            return node.i == trigger.i
    return False


def _governor(doc: Doc, timex: DatedTimex) -> Token:
    """The verb (or root) that a timex modifies."""
    node = doc[timex.root]
    for _ in range(8):
        if node.head.i == node.i:
            return node
        node = node.head
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("aux", "auxpass"):
            return node
    return node


def event_date(doc: Doc, trigger: Token, placed: list[DatedTimex],
               within: tuple[int, int] | None = None) -> tuple[str, str] | None:
    """(date, precision) of the timex that best dates `trigger` in its sentence, or None.

    A timex attached to the trigger wins; otherwise the nearest one whose clause contains
    the trigger ("On Tuesday night, Biden said that no soldiers would fight": the night
    dates the saying and what it reports). A timex in a side clause dates nothing here,
    nor one outside the character range `within` (the evidence, when narrower).
    """
    sent = trigger.sent
    chain = {trigger.i} | {a.i for a in trigger.ancestors}
    best: tuple[int, DatedTimex] | None = None
    for timex in placed:
        if timex.start < sent.start or timex.end > sent.end:
            continue
        if within is not None and not within[0] <= doc[timex.start].idx < within[1]:
            continue
        if _attached(doc, timex, trigger):
            rank = 0
        elif _governor(doc, timex).i in chain:
            rank = 1000 + min(abs(trigger.i - timex.start), abs(trigger.i - (timex.end - 1)))
        else:
            continue
        if best is None or rank < best[0]:
            best = (rank, timex)
    if best is None:
        return None
    return best[1].value, best[1].precision


def article_precision(date: str | None) -> str | None:
    if not date:
        return None
    cal = calendar_value(date[:10])
    return cal[1] if cal else None
