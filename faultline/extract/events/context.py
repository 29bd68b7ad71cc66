"""What the event coder keeps per document: triggers found, tokens absorbed, split words."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from faultline.extract.events.lexicon import Lexicon, Pattern
from faultline.model import ActorMention, Annotations

_HYPHENS = frozenset({"-", "\u2010", "\u2011"})


_SUBJ = ("nsubj", "csubj")


_RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})


@dataclass
class Trigger:
    """A token the dictionary codes, with what its frame made of it."""

    token: Token
    pattern: Pattern
    code: str | None  # the final code after combining with a complement (None: no event)
    inner: Trigger | None = None  # the complement event it absorbed
    is_noun: bool = False
    extra_modality: str | None = None  # intended, when an intent verb governs a conflict event
    warned: Trigger | None = None  # another actor's act a warning is about (not absorbed)
    threat_of_intent: bool = False  # a threat read from readiness or a plan to use force


@dataclass
class Note:
    """What the coder made of one candidate trigger, for `faultline explain`: its code and
    frame, and either the events it gave or the named reason it gave none."""

    token: Token
    code: str | None
    pattern_code: str | None
    frame: str | None
    inner: Token | None = None
    reason: str | None = None  # a key of filters.REASONS; None: coded
    modality: str | None = None
    sources: list[ActorMention] = field(default_factory=list)
    targets: list[ActorMention] = field(default_factory=list)
    speaker: str | None = None
    events: int = 0


EXPLAIN_KEY = "faultline_explain"  # Doc.user_data: a list the stage appends Notes to
# Doc.user_data: when present (a dict), what the reading step changed, per trigger index
READING_KEY = "faultline_reading"


def note_reading(tok: Token, what: str) -> None:
    """Record for `faultline explain` a change the reading step made to `tok`'s event."""
    notes = tok.doc.user_data.get(READING_KEY)
    if isinstance(notes, dict):
        notes.setdefault(tok.i, []).append(what)


@dataclass
class _Context:
    doc: Doc
    ann: Annotations
    lex: Lexicon
    mentions: dict[int, ActorMention]
    starts: list[int] = field(default_factory=list)
    triggers: dict[int, Trigger] = field(default_factory=dict)
    absorbed: set[int] = field(default_factory=set)
    # token index -> (first, last) token of the hyphenated word it is part of
    hyphens: dict[int, tuple[int, int]] = field(default_factory=dict)


def _hyphen_words(doc: Doc) -> dict[int, tuple[int, int]]:
    """Words the tokenizer split at a hyphen ("pull - back", "de - escalation"): every token
    of one maps to its (first, last) token index."""
    out: dict[int, tuple[int, int]] = {}
    n = len(doc)
    i = 1
    while i < n - 1:
        tok = doc[i]
        if tok.text in _HYPHENS and not doc[i - 1].whitespace_ and not tok.whitespace_ \
                and doc[i - 1].is_alpha and doc[i + 1].is_alpha:
            first = out[i - 1][0] if i - 1 in out else i - 1
            last = i + 1
            for k in range(first, last + 1):
                out[k] = (first, last)
            i += 2
            continue
        i += 1
    return out


def _hyphen_head(doc: Doc, first: int, last: int) -> int:
    """The token standing for a hyphenated word: the first whose head lies outside it."""
    for k in range(first, last + 1):
        tok = doc[k]
        if tok.text in _HYPHENS:
            continue
        if not first <= tok.head.i <= last or tok.head.i == k:
            return k
    return last


def _children(tok: Token, *deps: str) -> list[Token]:
    ids = _dep_ids(deps)
    return [c for c in tok.children if c.dep in ids]


@functools.lru_cache(maxsize=512)
def _dep_ids(deps: tuple[str, ...]) -> frozenset[int]:
    """Dependency labels as the hashes `Token.dep` holds (no string lookup per child)."""
    return frozenset(get_string_id(d) for d in deps)


def _mentions_index(ann: Annotations) -> dict[int, ActorMention]:
    index: dict[int, ActorMention] = {}
    for m in ann.actors:
        for i in range(m.token_start, m.token_end):
            index[i] = m
    return index
