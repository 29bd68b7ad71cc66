"""Events: CAMEO-coded who-did-what-to-whom over the dependency parse, with evidence.

The coder reads the parse once per sentence. Triggers are verbs and event nouns found in
the pattern dictionary (``faultline/data/verbs.yaml``); frames combine a verb with the event
in its complement ("agreed to resume talks" -> 036, "threatened to impose sanctions" ->
1312). Source and target come from ``ann.actors`` through the subject, object and
prepositional arguments (passives swap them, coordinations multiply them). Every event gets
a modality (see :mod:`faultline.extract.modality`), a date (see
:mod:`faultline.extract.eventdate`) and the speaker when it sits in reported speech
(``ann.quotes`` first, then "X said (that) ..." in the parse).

Seeing no event is a negated event: "NATO saw no sign of a pull-back of Russian forces"
codes the pull-back (087, source RUSMIL from the noun's own phrase, or none) as negated and
reported by NATO's speaker; the perceiver is never its source (see ``perception_verbs`` and
``evidence_nouns`` in verbs.yaml). Hyphenated words the tokenizer splits ("pull-back",
"de-escalation") are looked up whole.
"""

from __future__ import annotations

import bisect
import csv
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Doc, Token

from faultline.errors import DataFileError
from faultline.extract import doc_text, stage
from faultline.extract.eventdate import article_precision, event_date, place_timexes
from faultline.extract.modality import ModalityWords, is_negated, modality_of
from faultline.model import Actor, ActorMention, Annotations, Event, Quote, Span, Speaker
from faultline.options import Options

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
FRAMES = frozenset({"say", "intent", "intent_weak", "threat", "demand", "appeal", "refuse",
                    "deny", "judge", "desire", "endorse", "accuse"})
_COMBINING = frozenset({"intent", "intent_weak", "threat", "demand", "appeal", "refuse"})
_SAYING = frozenset({"say", "judge", "deny"})
_PATTERN_KEYS = frozenset({"code", "frame", "prt", "prep", "obj", "mod", "targets", "bare",
                           "predicate"})
_HYPHENS = frozenset({"-", "\u2010", "\u2011"})
_SUBJ = ("nsubj", "csubj")
_RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
# Dependency labels an actor search may follow inside one noun phrase.
_NP_DEPS = frozenset({"compound", "amod", "nmod", "poss", "appos", "conj", "det", "nummod",
                      "npadvmod", "pobj", "prep", "case", "quantmod", "advmod"})
_NP_PREPS = frozenset({"of", "from", "in", "throughout", "across", "at", "inside"})
# Verbs that only say that a nominal event takes place: its actors may sit on them.
_LIGHT = frozenset({"happen", "take", "continue", "begin", "start", "resume", "be", "go", "end",
                    "proceed", "occur", "remain", "get", "stop", "come"})
# Roots whose action noun takes its target with "of" ("the annexation of Crimea").
_OF_TARGET_ROOTS = frozenset({"05", "09", "11", "12", "16", "17", "18", "19", "20"})
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY", None})
_GOAL_PREPS = frozenset({"for", "toward", "towards"})
_RECIPROCAL_ROOTS = frozenset({"03", "04", "05", "06", "19"})
_TOPIC_PREPS = frozenset({"on", "over", "about", "of", "from"})
_COOPERATIVE_ROOTS = frozenset({"04", "05", "06", "07", "08"})
_MAX_ACTORS = 4
# Entity types whose proper nouns name a body or a place, not an event ("the Warsaw Pact").
_NAME_ENTITIES = frozenset({"ORG", "NORP", "GPE", "FAC", "PERSON", "LOC"})


# --------------------------------------------------------------------------- the codebook


@dataclass(frozen=True)
class CodeInfo:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


@functools.lru_cache(maxsize=2)
def codebook(path: str | None = None) -> dict[str, CodeInfo]:
    """CAMEO codes from cameo.tsv, validated: every code once, its root present, sane values."""
    file = Path(path) if path else DATA_DIR / "cameo.tsv"
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise DataFileError(f"cannot read the CAMEO codebook {file}: {e}") from e
    rows = [line for line in lines if line.strip() and not line.startswith("#")]
    reader = csv.reader(rows, delimiter="\t")
    header = next(reader, None)
    if header != ["code", "name", "goldstein", "quad_class", "plover"]:
        raise DataFileError(f"{file}: unexpected header {header}")
    book: dict[str, CodeInfo] = {}
    for n, row in enumerate(reader, start=2):
        where = f"{file}: data row {n}"
        if len(row) != 5:
            raise DataFileError(f"{where}: expected 5 tab-separated columns, got {len(row)}")
        code, name, goldstein, quad, plover = (cell.strip() for cell in row)
        if not (code.isdigit() and len(code) in (2, 3, 4)):
            raise DataFileError(f"{where}: bad CAMEO code {code!r}")
        if code in book:
            raise DataFileError(f"{where}: code {code} appears twice")
        try:
            value = float(goldstein)
            quad_class = int(quad)
        except ValueError as e:
            raise DataFileError(f"{where}: bad number ({e})") from e
        if not -10.0 <= value <= 10.0:
            raise DataFileError(f"{where}: Goldstein value {value} outside [-10, 10]")
        if quad_class not in (1, 2, 3, 4):
            raise DataFileError(f"{where}: QuadClass {quad_class} not in 1..4")
        if not name:
            raise DataFileError(f"{where}: code {code} has no name")
        book[code] = CodeInfo(code, name, value, quad_class, plover or None)
    for code in book:
        if len(code) > 2 and code[:2] not in book:
            raise DataFileError(f"{file}: code {code} has no root {code[:2]}")
        if len(code) == 4 and code[:3] not in book:
            raise DataFileError(f"{file}: code {code} has no parent {code[:3]}")
        if book[code].quad_class != book[code[:2]].quad_class:
            raise DataFileError(f"{file}: code {code} and its root differ in QuadClass")
    if len({c for c in book if len(c) == 2}) != 20:
        raise DataFileError(f"{file}: expected the 20 CAMEO root codes")
    return book


# --------------------------------------------------------------------------- the patterns


@dataclass(frozen=True)
class Pattern:
    """One dictionary entry: conditions on the trigger's dependents, and what it codes."""

    code: str | None
    frame: str | None = None
    prt: frozenset[str] = frozenset()
    prep: frozenset[str] = frozenset()
    obj: frozenset[str] = frozenset()
    mod: frozenset[str] = frozenset()
    targets: tuple[str, ...] = ()
    bare: bool = False  # only without an object or clause ("protesters demonstrated")
    predicate: bool = True  # False: not as the predicate of "be" ("is a departure from")

    @property
    def specificity(self) -> int:
        # an object condition says more about the action than a preposition does
        return sum(w for cond, w in ((self.prt, 1), (self.prep, 1), (self.obj, 2), (self.mod, 1))
                   if cond)


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[Pattern, ...]]
    nouns: dict[str, tuple[Pattern, ...]]
    adjectives: dict[str, tuple[Pattern, ...]]
    frames: dict[str, dict[str, str]]
    object_control: frozenset[str]
    target_preps: tuple[str, ...]
    place_preps: dict[str, frozenset[str]]
    words: ModalityWords
    theme_nouns: frozenset[str] = frozenset()
    military_agents: frozenset[str] = frozenset()
    container_nouns: frozenset[str] = frozenset()
    domestic_roots: dict[str, str] = field(default_factory=dict)
    motion_verbs: frozenset[str] = frozenset()
    perception_verbs: frozenset[str] = frozenset()
    evidence_nouns: frozenset[str] = frozenset()
    report_verbs: frozenset[str] = frozenset()

    def combine(self, frame: str, inner: str | None) -> str | None:
        """The code for `frame` applied to an inner event code; None when the table has none."""
        table = self.frames[frame]
        if inner is None:
            return table.get("0")
        for key in (inner, inner[:3], inner[:2]):
            if key in table:
                return inner if table[key] == "=" else table[key]
        return None


def _words(value: Any, where: str, key: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(f"{where}: {key} must be a word or a list of words")
    return frozenset(v.lower() for v in value)


def _pattern(raw: Any, where: str, book: dict[str, CodeInfo]) -> Pattern:
    if isinstance(raw, str):
        raw = {"code": raw}
    if not isinstance(raw, dict):
        raise DataFileError(f"{where}: a pattern is a code string or a mapping, got {raw!r}")
    unknown = set(raw) - _PATTERN_KEYS
    if unknown:
        raise DataFileError(f"{where}: unknown key(s) {sorted(unknown)}")
    code = raw.get("code")
    frame = raw.get("frame")
    if code is not None:
        code = str(code)
        if code not in book:
            raise DataFileError(f"{where}: code {code} is not in the CAMEO codebook")
    if frame is not None and frame not in FRAMES:
        raise DataFileError(f"{where}: unknown frame {frame!r} (known: {sorted(FRAMES)})")
    if code is None and frame is None:
        raise DataFileError(f"{where}: a pattern needs a code or a frame")
    targets = tuple(_words(raw.get("targets"), where, "targets"))
    bare = str(raw.get("bare", "false")).lower()  # booleans arrive as words (see _WordLoader)
    predicate = str(raw.get("predicate", "true")).lower()
    if bare not in ("true", "false") or predicate not in ("true", "false"):
        raise DataFileError(f"{where}: bare and predicate must be true or false")
    return Pattern(code, frame, _words(raw.get("prt"), where, "prt"),
                   _words(raw.get("prep"), where, "prep"), _words(raw.get("obj"), where, "obj"),
                   _words(raw.get("mod"), where, "mod"), targets, bare == "true",
                   predicate == "true")


def _entries(section: Any, where: str, book: dict[str, CodeInfo]
             ) -> dict[str, tuple[Pattern, ...]]:
    if not isinstance(section, dict):
        raise DataFileError(f"{where}: expected a mapping of lemma -> patterns")
    out: dict[str, tuple[Pattern, ...]] = {}
    for lemma, raw in section.items():
        items = raw if isinstance(raw, list) else [raw]
        out[str(lemma).lower()] = tuple(_pattern(item, f"{where}.{lemma}", book)
                                        for item in items)
    return out


def _domestic(value: Any, where: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(v in ("any", "nonstate") for v in value.values()):
        raise DataFileError(f"{where}: domestic_roots maps a root to 'any' or 'nonstate'")
    return {str(k): str(v) for k, v in value.items()}


class _WordLoader(yaml.SafeLoader):
    """YAML without YAML 1.1 booleans: the particles "on", "off", "no" stay words."""


_WordLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@functools.lru_cache(maxsize=2)
def lexicon(path: str | None = None) -> Lexicon:
    """The verb/noun pattern dictionary, validated against the codebook."""
    file = Path(path) if path else DATA_DIR / "verbs.yaml"
    try:
        data = yaml.load(file.read_text(encoding="utf-8"), Loader=_WordLoader)  # noqa: S506
    except (OSError, yaml.YAMLError) as e:
        raise DataFileError(f"cannot read verb patterns {file}: {e}") from e
    if not isinstance(data, dict):
        raise DataFileError(f"{file}: expected a mapping at the top")
    book = codebook()
    frames: dict[str, dict[str, str]] = {}
    for name, table in (data.get("frames") or {}).items():
        if name not in FRAMES or not isinstance(table, dict):
            raise DataFileError(f"{file}: frames.{name}: unknown frame or not a mapping")
        frames[name] = {}
        for key, value in table.items():
            value = str(value)
            if value != "=" and value not in book:
                raise DataFileError(f"{file}: frames.{name}.{key}: code {value} not in codebook")
            frames[name][str(key)] = value
    for name in _COMBINING - {"intent_weak"}:
        if name not in frames:
            raise DataFileError(f"{file}: frames.{name} is missing")
    frames["intent_weak"] = frames["intent"]
    place = {str(k): frozenset(str(r) for r in v)
             for k, v in (data.get("place_preps") or {}).items()}
    return Lexicon(
        verbs=_entries(data.get("verbs"), f"{file}: verbs", book),
        nouns=_entries(data.get("nouns"), f"{file}: nouns", book),
        adjectives=_entries(data.get("adjectives") or {}, f"{file}: adjectives", book),
        frames=frames,
        object_control=_words(data.get("object_control"), str(file), "object_control"),
        target_preps=tuple(data.get("target_preps") or ()),
        place_preps=place,
        words=ModalityWords.from_dict(data.get("modality") or {}),
        theme_nouns=_words(data.get("theme_nouns"), str(file), "theme_nouns"),
        military_agents=_words(data.get("military_agents"), str(file), "military_agents"),
        container_nouns=_words(data.get("container_nouns"), str(file), "container_nouns"),
        domestic_roots=_domestic(data.get("domestic_roots"), str(file)),
        motion_verbs=_words(data.get("motion_verbs"), str(file), "motion_verbs"),
        perception_verbs=_words(data.get("perception_verbs"), str(file), "perception_verbs"),
        evidence_nouns=_words(data.get("evidence_nouns"), str(file), "evidence_nouns"),
        report_verbs=_words(data.get("report_verbs"), str(file), "report_verbs"),
    )


# --------------------------------------------------------------------------- the coder


@dataclass
class Trigger:
    """A token the dictionary codes, with what its frame made of it."""

    token: Token
    pattern: Pattern
    code: str | None  # the final code after combining with a complement (None: no event)
    inner: Trigger | None = None  # the complement event it absorbed
    is_noun: bool = False
    extra_modality: str | None = None  # intended, when an intent verb governs a conflict event


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
    return [c for c in tok.children if c.dep_ in deps]


def _obj_lemmas(tok: Token) -> set[str]:
    """Lemmas of the objects a pattern's `obj` condition may test."""
    out: set[str] = set()
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "dative"):
            out.add(c.lemma_.lower())
            out.add(c.lower_)
            out.update(g.lemma_.lower() for g in c.children if g.dep_ == "conj")
            # "ended mediation efforts", "violated the ceasefire agreement"; not "war" in
            # "war games", which the noun's own pattern reads as one event
            own = lexicon().nouns.get(c.lemma_.lower(), ())
            out.update(g.lemma_.lower() for g in c.children if g.dep_ == "compound"
                       and not any(g.lower_ in p.mod for p in own))
            for p in _children(c, "prep"):  # "a list of demands", "a number of troops"
                if p.lower_ == "of":
                    out.update(o.lemma_.lower() for o in _children(p, "pobj"))
        elif c.dep_ in ("prep", "agent"):
            out.update(o.lemma_.lower() for o in _children(c, "pobj"))
            out.update(o.lower_ for o in _children(c, "pobj"))
        elif c.dep_ == "advmod" and c.lower_ in ("back", "home", "away"):
            for p in _children(c, "prep"):  # "going back to their bases"
                out.update(o.lemma_.lower() for o in _children(p, "pobj"))
                out.update(o.lower_ for o in _children(p, "pobj"))
    if tok.dep_ == "acl" and tok.tag_ == "VBN":  # "troops deployed to ..."
        out.add(tok.head.lemma_.lower())
    return out


def _mod_lemmas(tok: Token) -> set[str]:
    out = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound", "nmod")}
    if tok.dep_ in ("nsubj", "nsubjpass"):
        out.update(c.lower_ for c in tok.head.children if c.dep_ in ("acomp", "attr"))
    return out


def _matches(p: Pattern, tok: Token) -> bool:
    if p.bare and any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in tok.children):
        return False
    if not p.predicate and tok.dep_ == "attr" and tok.head.lemma_ == "be":
        return False
    # the parser takes "back" in "going back to their bases" for an adverb
    if p.prt and not any(c.dep_ in ("prt", "advmod") and c.lower_ in p.prt
                         for c in tok.children):
        return False
    if p.prep and not any(c.dep_ in ("prep", "agent", "dative", "prt") and c.lower_ in p.prep
                          for c in tok.children):
        return False
    if p.obj and not (_obj_lemmas(tok) & p.obj):
        return False
    if p.mod and not (_mod_lemmas(tok) & p.mod):
        return False
    return True


def _best_pattern(patterns: Iterable[Pattern], tok: Token) -> Pattern | None:
    best: Pattern | None = None
    for p in patterns:
        if _matches(p, tok) and (best is None or p.specificity > best.specificity):
            best = p
    return best


def _hyphen_candidate(tok: Token, lex: Lexicon, span: tuple[int, int]
                      ) -> tuple[Pattern, bool] | None | bool:
    """A hyphenated word looked up whole at the token standing for it; False when the
    word is not in the dictionary (its parts are then read on their own)."""
    doc = tok.doc
    first, last = span
    words = [doc[k].lower_ for k in range(first, last + 1)]
    lemma = "".join(words[:-1]) + doc[last].lemma_.lower()
    whole = "".join(words)
    for section, is_noun in ((lex.nouns, True), (lex.verbs, False)):
        patterns = section.get(whole) or section.get(lemma)
        if patterns:
            if tok.i != _hyphen_head(doc, first, last):
                return None  # one word: coded once, at its head
            p = _best_pattern(patterns, tok)
            return (p, is_noun) if p else None
    return False


def _candidate(tok: Token, lex: Lexicon,
               hyphen: tuple[int, int] | None = None) -> tuple[Pattern, bool] | None:
    if hyphen is not None:
        found = _hyphen_candidate(tok, lex, hyphen)
        if found is not False:
            return found  # type: ignore[return-value]
    if tok.pos_ in ("VERB",) or (tok.pos_ == "AUX" and tok.dep_ != "aux" and tok.lemma_ != "be"):
        if tok.tag_ in ("VBN", "VBD") and tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass") \
                and any(c.dep_ == "det" for c in tok.children):
            return None  # "evacuated the wounded": people, not an act of wounding
        patterns = lex.verbs.get(tok.lemma_.lower())
        if patterns:
            p = _best_pattern(patterns, tok)
            return (p, False) if p else None
    elif tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "ROOT", "conj", "xcomp", "amod"):
        patterns = lex.adjectives.get(tok.lemma_.lower()) or lex.adjectives.get(tok.lower_)
        if patterns:
            p = _best_pattern(patterns, tok)
            return (p, False) if p else None
    elif tok.pos_ in ("NOUN", "PROPN") and (tok.dep_ != "compound" or (
            tok.head.lemma_.lower() in lex.container_nouns)) and not (
            tok.pos_ == "PROPN" and (tok.ent_type_ in _NAME_ENTITIES or tok.dep_ == "nmod")):
        # "the Warsaw Pact", "a Warsaw Pact minister": part of a name
        patterns = lex.nouns.get(tok.lemma_.lower()) or lex.nouns.get(tok.lower_)
        if patterns:
            p = _best_pattern(patterns, tok)
            return (p, True) if p else None
    return None


def _complement(tok: Token, ctx: _Context) -> Trigger | None:
    """The coded event in the complement of a frame word, if any."""
    order: list[Token] = []
    order += _children(tok, "xcomp")
    order += _children(tok, "ccomp")
    # "have sworn to fight": the parser may hang the infinitive on as a clause of purpose
    order += [c for c in _children(tok, "advcl")
              if any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)]
    # "concluded, over and over, that Russia ...": a that-clause the parser hung on as conj
    order += [c for c in _children(tok, "conj")
              if any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)]
    for acl in _children(tok, "acl"):  # "a promise to help", "a threat to invade"
        order.append(acl)
    # "a consensus to share intelligence": an infinitive the parser takes for a relative
    order += [c for c in _children(tok, "relcl")
              if any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)]
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "attr"):
        # "reiterated its demand that Israel ease ...": the parser hangs the noun's clause
        # on the verb
        order += [c for c in _children(tok.head, "ccomp")
                  if c.i > tok.i and any(g.dep_ == "mark" and g.lower_ == "that"
                                         for g in c.children)]
    for c in _children(tok, "dobj", "attr"):
        order.append(c)
        order += [g for g in _children(c, "acl", "relcl") if g.tag_ in ("VB", "VBG")]
        for p in _children(c, "prep"):
            if p.lower_ in ("of", "for", "on"):
                order += _children(p, "pobj")
    for p in _children(tok, "prep"):
        if p.lower_ in ("of", "for", "on", "with", "to", "upon", "about", "against"):
            for o in _children(p, "pobj", "pcomp"):
                order.append(o)
                order += _children(o, "dobj")
    for c in order:
        trig = _code_token(c, ctx)
        if trig is not None and trig.code is not None:
            return trig
        if trig is None and c.pos_ in ("VERB", "AUX") and \
                c.lemma_.lower() not in ctx.lex.verbs:
            # "has attempted to sow", "continues to insist": look through to the infinitive
            for x in _children(c, "xcomp", "dobj"):  # "to resume talks": the talks
                inner = _code_token(x, ctx)
                if inner is not None and inner.code is not None:
                    return inner
    return None


def _code_token(tok: Token, ctx: _Context) -> Trigger | None:
    """The Trigger for `tok` (memoized), combining frames with their complements."""
    if tok.i in ctx.triggers:
        return ctx.triggers[tok.i]
    found = _candidate(tok, ctx.lex, ctx.hyphens.get(tok.i))
    if found is None:
        return None
    pattern, is_noun = found
    trig = Trigger(tok, pattern, pattern.code, is_noun=is_noun)
    ctx.triggers[tok.i] = trig  # before recursing: guards against cycles
    frame = pattern.frame
    if frame is None or pattern.specificity > 0 and pattern.code and frame in _SAYING:
        return trig
    inner = _complement(tok, ctx)
    if frame in _COMBINING:
        if inner is not None and inner.code is not None:
            combined = ctx.lex.combine(frame, inner.code)
            if combined is not None:
                trig.code = combined
                trig.inner = inner
                ctx.absorbed.add(inner.token.i)
            elif frame in ("intent_weak", "intent") and inner.code[:2] >= "14" \
                    and inner.code[:2] != "15":
                # "is prepared to impose martial law": announcing force is threatening it
                trig.code = ctx.lex.combine("threat", inner.code) or ctx.lex.combine("threat", None)
                trig.inner = inner
                ctx.absorbed.add(inner.token.i)
            elif frame == "intent_weak" or frame == "intent":
                # "plans to investigate": the inner event stays, only intended
                inner.extra_modality = "intended"
                trig.code = None if frame == "intent_weak" else pattern.code
            elif frame in ("threat", "refuse", "demand", "appeal"):
                trig.code = pattern.code or ctx.lex.combine(frame, None)
                trig.inner = inner
                ctx.absorbed.add(inner.token.i)
        elif frame == "intent_weak":
            trig.code = None
        else:
            trig.code = pattern.code or ctx.lex.combine(frame, None)
    elif frame == "desire":
        if inner is not None:
            inner.extra_modality = "intended"
        trig.code = pattern.code if inner is None else None
    elif frame in ("say", "judge") and (clause := _deontic_clause(tok, ctx)) is not None:
        # "X said (that) Y must withdraw" is a demand on Y
        inner = _code_token(clause, ctx)
        if inner is None or inner.code is None:
            # "the US must be ready to mediate": the event sits under the copula
            for c in _children(clause, "acomp", "xcomp", "attr"):
                nested = _code_token(c, ctx)
                if nested is not None and nested.code is not None:
                    inner, clause = nested, c
                    break
        if inner is not None and inner.code is not None:
            trig.code = ctx.lex.combine("demand", inner.code) or ctx.lex.combine("demand", None)
            trig.inner = inner
            ctx.absorbed.add(clause.i)
        else:
            trig.code = ctx.lex.combine("demand", None)
            trig.inner = Trigger(clause, Pattern(None), None)
    elif frame == "say":
        trig.code = None  # a saying codes nothing itself; what it reports is coded
    elif frame == "judge":
        trig.code = None
        if inner is not None and inner.code and int(inner.code[:2]) >= 9:
            trig.code = pattern.code or "112"
            trig.inner = inner
    elif frame == "deny":
        trig.code = pattern.code if pattern.specificity else None
    elif frame == "accuse":
        # "accused Gondor of violating the truce": the deed is the accuser's charge, not an
        # event the text asserts
        trig.inner = inner
        if inner is not None:
            ctx.absorbed.add(inner.token.i)
    elif frame == "endorse":
        trig.inner = inner
        if inner is not None:
            ctx.absorbed.add(inner.token.i)
    return trig


def _deontic_clause(tok: Token, ctx: _Context) -> Token | None:
    """The complement clause of a saying verb that says another actor must act."""
    said_by = _subject(tok, ctx)[0]
    if not said_by:
        return None
    for c in tok.children:
        if c.dep_ in ("ccomp", "conj") and _deontic(c, ctx):
            if c.dep_ == "conj" and not any(g.dep_ == "mark" for g in c.children):
                continue
            who = _subject(c, ctx)[0]
            if who and {m.actor.code for m in who} != {m.actor.code for m in said_by}:
                return c
    return None


def _deontic(verb: Token, ctx: _Context) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in verb.children)


# --------------------------------------------------------------------------- actors


def _mentions_index(ann: Annotations) -> dict[int, ActorMention]:
    index: dict[int, ActorMention] = {}
    for m in ann.actors:
        for i in range(m.token_start, m.token_end):
            index[i] = m
    return index


def _np_actors(tok: Token, ctx: _Context, depth: int = 4) -> list[ActorMention]:
    """Actor mentions naming the noun phrase headed by `tok`, one per coordinated member."""
    own = ctx.mentions.get(tok.i)
    if own is not None:
        members = [own]
        for c in tok.children:
            if c.dep_ == "conj":
                members += [m for m in _np_actors(c, ctx, depth) if m not in members]
            elif c.dep_ in ("amod", "compound", "nmod") and not (
                    own.token_start <= c.i < own.token_end) and any(
                    x.dep_ == "conj" for x in c.children):
                # "Hungarian and Romanian officials": the mention took one modifier
                for g in [c, *(x for x in c.children if x.dep_ == "conj")]:
                    m = ctx.mentions.get(g.i)
                    if m is not None and m not in members:
                        members.append(m)
            elif c.dep_ in ("amod", "compound") and own.token_start <= c.i < own.token_end:
                for g in c.children:
                    m = ctx.mentions.get(g.i)
                    if g.dep_ == "conj" and m is not None and m not in members:
                        members.append(m)
        return members[:_MAX_ACTORS]
    if tok.lower_ in _RELATIVE and tok.head.dep_ == "relcl":
        return _np_actors(tok.head.head, ctx, depth)
    if tok.pos_ == "PRON" and tok.lower_ in _THIRD_PERSON:
        found_pron = _antecedent(tok, ctx)
        return [found_pron] if found_pron is not None else []
    level = [tok]
    seen = {tok.i}
    for _ in range(depth):
        nxt: list[Token] = []
        found: list[ActorMention] = []
        for node in level:
            for c in node.children:
                if c.i in seen or c.dep_ not in _NP_DEPS:
                    continue
                if c.dep_ == "prep" and c.lower_ not in _NP_PREPS:
                    continue
                seen.add(c.i)
                m = ctx.mentions.get(c.i)
                if m is not None and m not in found:
                    found.append(m)
                    for g in c.children:
                        if g.dep_ == "conj" and ctx.mentions.get(g.i) not in (None, *found):
                            found.append(ctx.mentions[g.i])
                            seen.add(g.i)
                nxt.append(c)
        if found:
            if tok.dep_ != "conj":
                for c in tok.children:
                    if c.dep_ == "conj":
                        found += [m for m in _np_actors(c, ctx, depth) if m not in found]
            return found[:_MAX_ACTORS]
        level = nxt
    if tok.dep_ != "conj":
        found = []
        for c in tok.children:
            if c.dep_ == "conj":
                found += [m for m in _np_actors(c, ctx, depth) if m not in found]
        return found[:_MAX_ACTORS]
    return []


_THIRD_PERSON = frozenset({"it", "its", "they", "them", "their"})


def _antecedent(tok: Token, ctx: _Context) -> ActorMention | None:
    """A non-person actor named shortly before "it"/"they": the nearest one that was a
    subject in this or the previous sentence, else the nearest one."""
    sent = tok.sent
    floor = sent.start
    if floor > 0:
        floor = tok.doc[floor - 1].sent.start
    k = bisect.bisect_left(ctx.starts, tok.i) - 1
    nearest: ActorMention | None = None
    while k >= 0:
        m = ctx.ann.actors[k]
        if m.token_start < floor:
            break
        if m.actor.kind != "person" and m.via != "coref" and m.token_end <= tok.i:
            head = tok.doc[m.token_end - 1]
            if head.dep_ in ("nsubj", "nsubjpass"):
                return m
            if nearest is None:
                nearest = m
        k -= 1
    return nearest


def _subject(verb: Token, ctx: _Context, hops: int = 0) -> tuple[list[ActorMention], Token | None]:
    """Actors of the (possibly inherited) subject of a verb, and the subject token."""
    if hops > 4:
        return [], None
    subj = _children(verb, *_SUBJ)
    if subj:
        s = subj[0]
        if s.lower_ in _RELATIVE and verb.dep_ == "relcl":
            return _np_actors(verb.head, ctx), verb.head
        return _np_actors(s, ctx), s
    head = verb.head
    if head is verb:
        return [], None
    dep = verb.dep_
    if dep == "xcomp":
        if head.lemma_.lower() in ctx.lex.object_control:
            objs = _children(head, "dobj")
            if objs:
                return _np_actors(objs[0], ctx), objs[0]
            for p in _children(head, "prep"):
                if p.lower_ in ("on", "upon"):
                    for o in _children(p, "pobj"):
                        return _np_actors(o, ctx), o
        return _subject(head, ctx, hops + 1)
    if dep == "conj" and head.pos_ in ("VERB", "AUX") and not _passive(verb) and \
            any(c.dep_ == "aux" for c in verb.children) and not _children(head, *_SUBJ):
        # "has been indicted ... and will resign": the passive subject acts in the second verb
        found = [m for c in _children(head, "nsubjpass") for m in _np_actors(c, ctx)]
        if found:
            return found, _children(head, "nsubjpass")[0]
    if dep in ("conj", "advcl") and head.pos_ in ("VERB", "AUX"):
        return _subject(head, ctx, hops + 1)
    if dep == "acl" and head.dep_ in ("dobj", "attr") and head.head.pos_ in ("VERB", "AUX") \
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return _subject(head.head, ctx, hops + 1)  # "has no intention to invade"
    if dep in ("acomp", "amod") and head.pos_ in ("VERB", "AUX"):
        return _subject(head, ctx, hops + 1)
    if dep in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
        if verb.tag_ == "VBN":
            return [], None
        found = _np_actors(head, ctx)
        if not found and dep == "acl" and verb.tag_ == "VBG" and head.dep_ == "dobj" and \
                head.head.pos_ in ("VERB", "AUX"):
            # "issued a statement demanding ...", "passed a law banning ...": the issuer
            return _subject(head.head, ctx, hops + 1)
        return found, head
    if dep == "pcomp" and head.head.pos_ == "ADJ" and head.head.head is not head.head:
        return _subject(head.head, ctx, hops + 1)  # "are guilty of violating the truce"
    if dep == "pcomp" and head.head.pos_ in ("VERB", "AUX"):
        # "accused the US of violating ...", "Iran was accused of supplying ...": the gerund's
        # doer is the accused (object or passive subject), otherwise the verb's subject
        verb_head = head.head
        for c in verb_head.children:
            if c.dep_ in ("dobj", "nsubjpass"):
                found = _np_actors(c, ctx)
                if found:
                    return found, c
        return _subject(verb_head, ctx, hops + 1)
    if dep in ("xcomp", "advcl") or head.pos_ == "ADJ":
        if head.pos_ == "ADJ" and head.head is not head:  # "is able to use"
            return _subject(head.head, ctx, hops + 1)
    return [], None


def _stative(verb: Token, lex: Lexicon) -> bool:
    """A participle after "be" that the dictionary also knows as a predicate adjective
    ("is opposed to", "is committed to"), with no "by" agent: its subject is the actor."""
    return verb.tag_ == "VBN" and verb.lower_ in lex.adjectives and \
        any(c.dep_ == "nsubjpass" for c in verb.children) and \
        not any(c.dep_ == "agent" for c in verb.children)


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN")


def _prep_objects(tok: Token, preps: Iterable[str]) -> list[Token]:
    wanted = list(preps)
    out: list[tuple[int, Token]] = []
    for p in tok.children:
        if p.dep_ in ("prep", "dative") and p.lower_ in wanted:
            for o in _children(p, "pobj"):
                out.append((wanted.index(p.lower_), o))
    return [o for _, o in sorted(out, key=lambda x: x[0])]


def _target_preps(trig: Trigger, ctx: _Context) -> list[str]:
    preps = list(trig.pattern.targets) + [p for p in ctx.lex.target_preps
                                          if p not in trig.pattern.targets]
    root = (trig.code or "")[:2]
    preps += [p for p, roots in ctx.lex.place_preps.items() if root in roots and p not in preps]
    if root in ("03", "07"):
        preps.append("for")  # "aid for Bosnia"
    if trig.is_noun:
        # "talks on security", "negotiations over the border": for talk-like nouns these
        # prepositions give the topic, not the other party
        if root < "09":
            preps = [p for p in preps if p not in _TOPIC_PREPS]
        return preps
    return [p for p in preps if p != "of"]


def _verb_targets(trig: Trigger, ctx: _Context) -> list[ActorMention]:
    tok = trig.token
    moves = (trig.code or "")[:2] in ("07", "08", "15", "16")
    for c in _children(tok, "dobj", "dative", "iobj"):
        if moves and c.lemma_.lower() in ctx.lex.theme_nouns:
            continue  # "deployed Russian troops": what moves, not whom it is aimed at
        found = _np_actors(c, ctx)
        if found:
            return found
    if tok.lemma_.lower() in ctx.lex.object_control:
        # "allowed Egyptian mediators to enter": the parser may make the one allowed the
        # subject of the infinitive
        for c in _children(tok, "ccomp", "xcomp"):
            if not any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                continue  # "warned that Japan would respond": a clause, not the one warned
            for subj in _children(c, "nsubj"):
                found = _np_actors(subj, ctx)
                if found:
                    return found
    for o in _prep_objects(tok, _target_preps(trig, ctx)):
        found = _np_actors(o, ctx)
        if found:
            return found
    dobj_preps = ["on", "against", "with", "to", "toward", "towards", "at", "into", "between"]
    if (trig.code or "")[:2] in ("03", "06", "07"):
        dobj_preps.append("for")  # "aid for Romania"
    for c in _children(tok, "dobj", "attr"):  # "imposed sanctions on X", "signed a deal with X"
        for o in _prep_objects(c, dobj_preps):
            found = _np_actors(o, ctx)
            if found:
                return found
    return []


def _noun_actors(trig: Trigger, ctx: _Context) -> tuple[list[ActorMention], list[ActorMention]]:
    """(sources, targets) from a nominal event's own dependents."""
    tok = trig.token
    sources: list[ActorMention] = []
    targets: list[ActorMention] = []
    root = (trig.code or "")[:2]
    for c in tok.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod"):
            for m in _np_actors(c, ctx, depth=1):
                if m not in sources:
                    sources.append(m)
    preps = _children(tok, "prep", "agent")
    if tok.dep_ == "compound":  # "a mediation effort between X and Y"
        preps += _children(tok.head, "prep", "agent")
        for c in tok.head.children:
            if c.dep_ == "poss":
                sources += [m for m in _np_actors(c, ctx, depth=1) if m not in sources]
    for p in preps:
        objs = _children(p, "pobj")
        low = p.lower_
        if low == "between":
            members: list[ActorMention] = []
            for o in objs:
                members += _np_actors(o, ctx)
            # the parser often hangs the second member on the noun itself
            for c in _children(tok, "conj"):
                members += [m for m in _np_actors(c, ctx) if m not in members]
            if "between" in trig.pattern.targets:  # "mediation between X and Y": both parties
                targets += members
            elif len(members) >= 2:
                return [members[0]], [members[1]]
            else:
                sources += members
        elif low == "from" and "from" in trig.pattern.targets:  # "withdrawal from Panama"
            for o in objs:
                targets += _np_actors(o, ctx)
        elif low in ("by", "from"):
            for o in objs:
                sources += _np_actors(o, ctx)
        elif low == "of":
            for o in objs:
                found = _np_actors(o, ctx)
                if "from" in trig.pattern.targets:
                    # "the withdrawal of Russian troops from Syria": where they leave is the
                    # target, not part of who leaves
                    away = [m for q in _prep_objects(o, ("from",)) for m in _np_actors(q, ctx)]
                    targets += [m for m in away if m not in targets]
                    found = [m for m in found if m not in away]
                (targets if root in _OF_TARGET_ROOTS else sources).extend(found)
        elif low in _target_preps(trig, ctx):
            for o in objs:
                targets += _np_actors(o, ctx)
    if not targets:  # "a suspension of air links with Serbia"
        for p in preps:
            if p.lower_ == "of":
                for o in _children(p, "pobj"):
                    for q in _prep_objects(o, ("with", "to", "against", "for")):
                        targets += [m for m in _np_actors(q, ctx) if m not in targets]
    # "the exercises are happening on Ukraine's borders": arguments on a light verb
    head = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in _LIGHT:
        for o in _prep_objects(head, _target_preps(trig, ctx)):
            found = [m for m in _np_actors(o, ctx) if m not in targets]
            if found:
                targets += found
                break
    return sources[:_MAX_ACTORS], targets[:_MAX_ACTORS]


def _governing_verb(tok: Token) -> Token | None:
    node = tok
    for _ in range(3):
        if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.pos_ == "NOUN":
            node = node.head.head
            continue
        break
    if node.dep_ in ("dobj", "attr") and node.head.pos_ in ("VERB", "AUX"):
        return node.head
    return None


def _governing_subject(tok: Token, ctx: _Context) -> list[ActorMention]:
    """For a nominal event that is the object of a verb that codes nothing itself
    ("held talks", "issued a list of demands", "imposed sanctions"), that verb's subject."""
    node = tok.head if tok.dep_ == "compound" else tok
    for _ in range(3):
        if node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.head.pos_ == "NOUN" \
                and node.head.lower_ == "of":
            node = node.head.head  # "a list of demands"
            continue
        break
    own = ctx.triggers.get(tok.i)
    if node.dep_ == "pobj" and node.head.lower_ in ("for", "in", "on", "into") and \
            node.head.head.pos_ in ("VERB", "AUX") and own is not None and \
            (own.code or "")[:2] in ("04", "14"):
        # "thousands converged for a rally", "workers went on strike", "took part in talks"
        verb = node.head.head
        vtrig = ctx.triggers.get(verb.i)
        if (vtrig is None or vtrig.code is None) and not _passive(verb):
            return _subject(verb, ctx)[0]
        return []
    if node.dep_ not in ("dobj", "attr", "nsubjpass") or node.head.pos_ not in ("VERB", "AUX"):
        return []
    verb = node.head
    vtrig = ctx.triggers.get(verb.i)
    if vtrig is not None and vtrig.code is not None and vtrig.inner is None:
        return []
    if node.dep_ == "nsubjpass":
        return [m for o in _prep_objects(verb, ("by",)) for m in _np_actors(o, ctx)]
    return _subject(verb, ctx)[0]


# --------------------------------------------------------------------------- reported speech


def _quote_speaker(ann: Annotations, char: int, starts: list[int]) -> Speaker | None:
    k = bisect.bisect_right(starts, char) - 1
    while k >= 0:
        q: Quote = ann.quotes[k]
        if q.span.start <= char < q.span.end:
            return q.speaker
        if q.span.end <= char and k < len(starts) - 1:
            break
        k -= 1
    return None


def _speaker_for(tok: Token, ctx: _Context) -> Speaker | None:
    """The speaker of a saying verb or noun: its subject, or the noun's source."""
    actors: list[ActorMention] = []
    who: Token | None = None
    if tok.pos_ in ("NOUN", "PROPN"):
        noun = tok
    elif tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN") and not _children(tok, "nsubj"):
        noun = tok.head  # "an announcement from the ministry saying that ..."
    else:
        noun = None
        actors, who = _subject(tok, ctx)
    if noun is not None:
        for c in noun.children:
            if c.dep_ == "poss":
                actors, who = _np_actors(c, ctx), c
            elif c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by", "of"):
                for o in _children(c, "pobj"):
                    actors, who = _np_actors(o, ctx), o
            if actors:
                break
    if who is None:
        return None
    doc = tok.doc
    if actors:
        m = actors[0]
        # "his No. 2 diplomat, Sergey Ryabkov": the name is in the apposition
        return Speaker(name=m.text, span=m.span, code=m.actor.code)
    for c in who.children:
        if c.dep_ == "appos" and c.pos_ == "PROPN":
            who = c
            break
    start = min([who.i] + [c.i for c in who.children if c.dep_ == "compound" and c.i < who.i])
    span = doc[start:who.i + 1]
    return Speaker(name=span.text, span=Span(ctx.ann.article.id, span.start_char, span.end_char))


def _reporter(trig: Trigger, ctx: _Context) -> Speaker | None:
    """The speaker of the saying verb whose complement holds the trigger."""
    node = trig.token
    for _ in range(10):
        parent = node.head
        if parent is node:
            return None
        if node.dep_ in ("ccomp", "xcomp", "parataxis", "dobj", "conj", "advcl", "acl", "relcl",
                         "pobj", "prep", "nsubj", "attr", "pcomp"):
            ptrig = ctx.triggers.get(parent.i) or _code_token(parent, ctx)
            if ptrig is not None and ptrig.pattern.frame in _SAYING and node.dep_ in (
                    "ccomp", "parataxis", "xcomp") and ptrig is not trig:
                return _speaker_for(parent, ctx)
            if ptrig is not None and ptrig.pattern.frame == "say" and ptrig.is_noun and \
                    node.dep_ in ("acl", "ccomp"):
                return _speaker_for(parent, ctx)
            if ptrig is not None and ptrig.pattern.frame == "say" and not ptrig.is_noun and \
                    node is trig.token and trig.is_noun and node.dep_ == "dobj" and \
                    parent.lemma_.lower() in ctx.lex.report_verbs:
                # "Russia announced a partial pull-back": the announcer reports it (unless
                # it is a pronoun no actor resolves: then whoever reports the clause)
                found = _speaker_for(parent, ctx)
                if found is not None and found.code:
                    return found
            if ptrig is not None and ptrig is not trig and (ptrig.code or "")[:2] == "11" \
                    and node.dep_ == "prep" and not ptrig.is_noun:
                # "X was accused by Y of supplying ...": the accusation is Y's claim
                return _accuser(parent, ctx)
        node = parent
    return None


def _accuser(verb: Token, ctx: _Context) -> Speaker | None:
    if _passive(verb):
        for o in _prep_objects(verb, ("by",)) + [o for a in _children(verb, "agent")
                                                 for o in _children(a, "pobj")]:
            found = _np_actors(o, ctx)
            if found:
                m = found[0]
                return Speaker(name=m.text, span=m.span, code=m.actor.code)
        return None
    return _speaker_for(verb, ctx)


# --------------------------------------------------------------------------- the stage


def _sentence_subject(sent: Any, ctx: _Context) -> list[ActorMention]:
    root = sent.root
    found, _ = _subject(root, ctx)
    if found:
        return found
    for c in root.children:
        if c.dep_ == "ccomp":
            found, _ = _subject(c, ctx)
            if found:
                return found
    return []


@stage("events", requires=("actors", "time", "quotes"), assigns=("events",))
def extract_events(doc: Doc, ann: Annotations, options: Options) -> None:
    lex = lexicon()
    book = codebook()
    ctx = _Context(doc, ann, lex, _mentions_index(ann), [m.token_start for m in ann.actors],
                   hyphens=_hyphen_words(doc))
    placed = place_timexes(doc, ann.timexes)
    quote_starts = [q.span.start for q in ann.quotes]
    published = ann.article.published_date or options.default_published
    article_id = ann.article.id
    previous_subject: list[ActorMention] = []
    seen: set[tuple[int, str, str, str]] = set()
    for sent in doc.sents:
        for tok in sent:
            _code_token(tok, ctx)
        sent_subject = _sentence_subject(sent, ctx)
        for tok in sent:
            trig = ctx.triggers.get(tok.i)
            if trig is None or trig.code is None or tok.i in ctx.absorbed:
                continue
            clause = tok if not trig.is_noun else (_governing_verb(tok) or tok)
            if _is_purpose(clause) and not _motion_head(clause, ctx):
                continue
            if _is_result(tok, ctx) or _background(tok, lex):
                continue
            unseen = trig.is_noun and _unseen(tok, ctx)
            if trig.is_noun and not unseen and (_dominated(tok, ctx) or _topic(tok, ctx)):
                continue
            if not trig.is_noun and (_clause_of_argument(tok, ctx) or _inside_absorbed(tok, ctx)):
                continue
            speaker = _choose_speaker(
                _coded(_quote_speaker(ann, tok.idx, quote_starts) if ann.quotes else None, ctx),
                _reporter(trig, ctx))
            if unseen:
                # "NATO saw no sign of a pull-back": the pull-back's own actors, or none (the
                # perceiver is not the source); the speaker stands behind the negation
                sources, targets = _noun_actors(trig, ctx)
                if (speaker is None or not speaker.code) and not sources and not targets:
                    continue  # nobody's event, negated by no actor in particular
                code, modality, confidence = trig.code or "", "negated", 0.75
            else:
                sources, targets, confidence = _arguments(trig, ctx,
                                                          sent_subject or previous_subject)
                modality = modality_of(tok, lex.words, reported=speaker is not None)
                if trig.extra_modality and modality in ("asserted", "future"):
                    modality = trig.extra_modality
                code, modality, sources = _reading(trig, modality, sources, speaker,
                                                   confidence, ctx)
            if not targets and sources:
                targets = _default_targets(code, sources[0], lex,
                                           trig.inner.code if trig.inner is not None
                                           else (trig.code if trig.code != code else None))
            if not sources and not targets and not _voiced(unseen, speaker):
                # "the ministry said some of those soldiers would return": forces with no
                # country of their own belong to the actor announcing their moves
                owner = _speaker_actor(speaker, ctx) if speaker is not None else None
                if owner is None or not _forces_subject(tok, lex):
                    continue
                sources = [owner]
                confidence = 0.5
            span = _evidence(doc, sent, tok, article_id)
            dated = event_date(doc, tok, placed, (span.start, span.end))
            date: str | None = published
            precision = article_precision(published)
            date_source = "article"
            if dated is not None:
                date, precision, date_source = dated[0], dated[1], "text"
            info = book[code]
            if span.start != sent.start_char or span.end != sent.end_char:
                # the parser glued paragraphs together: actors from the others do not count
                sources = _within(sources, sent, span)
                targets = _within(targets, sent, span)
                if speaker is not None and speaker.span is not None and \
                        sent.start_char <= speaker.span.start < sent.end_char and \
                        not span.start <= speaker.span.start < span.end:
                    speaker = None
                if not sources and not targets and not _voiced(unseen, speaker):
                    continue
            t_start, t_end = tok.idx, tok.idx + len(tok.text)
            if tok.i in ctx.hyphens:
                first, last = ctx.hyphens[tok.i]
                t_start = min(t_start, doc[first].idx)
                t_end = max(t_end, doc[last].idx + len(doc[last].text))
            for prt in _children(tok, "prt"):
                t_end = max(t_end, prt.idx + len(prt.text))
            trigger_span = Span(article_id, t_start, t_end)
            for s, t in _pairs(code, sources, targets):
                src = s.actor if s is not None else None
                tgt = t.actor if t is not None else None
                if src is not None and tgt is not None and src.code == tgt.code:
                    continue
                key = (tok.i, code, src.code if src else "", tgt.code if tgt else "")
                if key in seen:
                    continue
                seen.add(key)
                implied = t is not None and t.via == "implied"
                ann.events.append(Event(
                    span=span, trigger_span=trigger_span,
                    trigger_text=doc_text(doc)[trigger_span.start:trigger_span.end],
                    code=code, source=src, target=tgt, root=code[:2], plover=info.plover,
                    goldstein=info.goldstein, quad_class=info.quad_class, modality=modality,
                    reported_by=speaker, date=date, date_precision=precision,
                    date_source=date_source,
                    confidence=min(confidence, 0.5) if implied else confidence))
        if sent_subject:
            previous_subject = sent_subject


def _voiced(unseen: bool, speaker: Speaker | None) -> bool:
    """An unseen event with no actor of its own stands on the (coded) speaker saying so."""
    return bool(unseen and speaker is not None and speaker.code)


def _unseen(tok: Token, ctx: _Context) -> bool:
    """A nominal event nobody saw: the object of a negated verb of perception ("had not
    seen any pull-back", "saw no withdrawal"), or the event after an evidence noun that is
    negated or sits under a negated verb ("saw no sign of a departure", "there is no
    evidence of a drawdown", "did not find any indication of a retreat")."""
    lex = ctx.lex
    words = lex.words
    node = tok
    for _ in range(3):  # "no sign of a pull-back or a withdrawal"
        if node.dep_ != "conj" or node.head.pos_ not in ("NOUN", "PROPN"):
            break
        node = node.head
    if node is not tok:
        return _unseen(node, ctx)
    if tok.i in ctx.hyphens:  # "no de-escalation": the parser may hang "no" on any part
        first, last = ctx.hyphens[tok.i]
        if any(c.dep_ == "det" and c.lower_ in words.negation_dets
               for k in range(first, last + 1) for c in tok.doc[k].children):
            negated_noun = True
        else:
            negated_noun = is_negated(tok, words)
    else:
        negated_noun = is_negated(tok, words)
    if node.dep_ == "pobj" and node.head.lower_ == "of" and \
            node.head.head.lemma_.lower() in lex.evidence_nouns:
        evidence = node.head.head
        if is_negated(evidence, words):
            return True
        verb = evidence.head
        return evidence.dep_ in ("dobj", "attr", "nsubj", "nsubjpass") and \
            verb.pos_ in ("VERB", "AUX") and is_negated(verb, words)
    if node.dep_ in ("dobj", "nsubjpass") and node.head.lemma_.lower() in lex.perception_verbs:
        return negated_noun or is_negated(node.head, words)
    return False


def _evidence(doc: Doc, sent: Any, tok: Token, article_id: str) -> Span:
    """The sentence behind an event, cut at paragraph breaks the parser ran across (a
    headline or byline glued to the first sentence)."""
    start, end = sent.start_char, sent.end_char
    text = doc_text(doc)
    cut = text.rfind("\n\n", start, tok.idx)
    if cut != -1:
        start = cut + 2
        while start < tok.idx and text[start].isspace():
            start += 1
    after = text.find("\n\n", tok.idx, end)
    if after != -1:
        end = after
    return Span(article_id, start, end)


def _within(mentions: list[ActorMention], sent: Any, span: Span) -> list[ActorMention]:
    """Mentions outside `sent`, or inside `span`: drops those in a glued-on paragraph."""
    return [m for m in mentions if not sent.start_char <= m.span.start < sent.end_char
            or span.start <= m.span.start < span.end]


def _pairs(code: str, sources: list[ActorMention], targets: list[ActorMention]
           ) -> list[tuple[ActorMention | None, ActorMention | None]]:
    """(source, target) pairs: every source with every target; coordinated parties of a
    symmetric act ("Russia and Belarus held talks") are each other's partner."""
    if not targets and len(sources) > 1 and code[:2] in _RECIPROCAL_ROOTS:
        return [(s, t) for s in sources for t in sources if s.actor.code != t.actor.code]
    srcs: list[ActorMention | None] = list(sources) or [None]
    tgts: list[ActorMention | None] = list(targets) or [None]
    return [(s, t) for s in srcs for t in tgts]


def _arguments(trig: Trigger, ctx: _Context, topic: list[ActorMention]
               ) -> tuple[list[ActorMention], list[ActorMention], float]:
    """Source and target actors of a coded trigger, and how sure the coder is of them."""
    tok = trig.token
    lex = ctx.lex
    code = trig.code or ""
    confidence = 0.9 if not trig.is_noun else 0.75
    if trig.is_noun:
        sources, targets = _noun_actors(trig, ctx)
        if not sources:
            sources = _governing_subject(tok, ctx)
        if not sources and targets:
            # "Flows of military aid to Ukraine would continue": the sentence's (or the
            # previous sentence's) subject is the likeliest provider
            sources = [m for m in topic if m.actor.code not in
                       {t.actor.code for t in targets}][:1]
            confidence = 0.5
    elif _stative(tok, lex):
        # "Israel is opposed to ...": a participle read as an adjective; its subject acts
        sources = [m for c in _children(tok, "nsubjpass") for m in _np_actors(c, ctx)]
        targets = _verb_targets(trig, ctx)
    elif _passive(tok):
        targets = [m for c in _children(tok, "nsubjpass") for m in _np_actors(c, ctx)]
        if tok.dep_ == "acl" and not targets:
            targets = _np_actors(tok.head, ctx)
        sources = [m for o in _prep_objects(tok, ("by",)) for m in _np_actors(o, ctx)]
        sources += [m for a in _children(tok, "agent") for o in _children(a, "pobj")
                    for m in _np_actors(o, ctx)]
    else:
        sources = _subject(tok, ctx)[0]
        targets = _verb_targets(trig, ctx)
        if not sources and code[:2] in ("07", "08", "15", "16"):
            for c in _children(tok, "dobj"):  # "deploying Russian troops into ..."
                if c.lemma_.lower() in lex.theme_nouns:
                    sources = _np_actors(c, ctx)
    if not targets:
        targets = _fallback_targets(trig, sources, ctx)
    if code_is_violence(trig.code) and _military_source(tok, sources, lex):
        trig.code = "190"  # killing or wounding by armed forces is fighting (CAMEO 19)
    if not targets:
        targets = _place_targets(tok, ctx, sources)
        if targets and not sources and code_root(trig.code) == "14":
            # "thousands blocked streets in Hong Kong": protesters of that place
            sources, targets = targets, []
    return sources, targets, confidence


def _fallback_targets(trig: Trigger, sources: list[ActorMention], ctx: _Context
                      ) -> list[ActorMention]:
    """Targets a trigger's own arguments do not give, read from its frame and context."""
    tok = trig.token
    frame = trig.pattern.frame
    code = trig.code or ""
    inner = trig.inner
    targets: list[ActorMention] = []
    if inner is not None:
        if inner.is_noun:
            targets = _noun_actors(inner, ctx)[1]
        else:
            if frame in ("demand", "appeal", "judge", "say"):
                # "demanded that China drop ...": the one asked is the target
                own = {m.actor.code for m in sources}
                targets = [m for m in _subject(inner.token, ctx)[0] if m.actor.code not in own]
            if not targets:
                targets = _verb_targets(inner, ctx)
    if not targets and frame in ("demand", "appeal", "threat", "say", "judge"):
        # a threatener's own side is not the target: "warned that Russia would answer"
        own_side = {m.actor.country or m.actor.code for m in sources} if frame == "threat" \
            else set()
        for c in _children(tok, "ccomp", "acl", "xcomp"):  # "demanded that the US cancel"
            if c.pos_ in ("VERB", "AUX") and _children(c, "nsubj", "nsubjpass"):
                targets = _subject(c, ctx)[0] if not _passive(c) else [
                    m for x in _children(c, "nsubjpass") for m in _np_actors(x, ctx)]
                targets = [m for m in targets
                           if (m.actor.country or m.actor.code) not in own_side]
                if targets:
                    break
    if not targets and code[:2] == "12":
        targets = _requester(tok, ctx)
    if not targets and frame in ("demand", "appeal") and not trig.is_noun:
        for c in _children(tok, "dobj"):  # "demanded Moscow's admission", "... by Moscow"
            targets = _owner(c, ctx)
            if targets:
                break
    if not targets and frame == "refuse" and not trig.is_noun:
        targets = _requester(tok, ctx)
    if not targets and (frame == "threat" or code[:2] == "13"):
        targets = _conditional_actors(tok, ctx)
        if not targets and tok.pos_ in ("NOUN", "PROPN") and tok.head.pos_ in ("AUX", "VERB"):
            targets = _conditional_actors(tok.head, ctx)
    if not targets:
        # "issued demands, calling on NATO to ...": a participle naming the addressee
        gov = tok if not trig.is_noun else _governing_verb(tok)
        for c in _children(gov, "advcl") if gov is not None else []:
            ctrig = ctx.triggers.get(c.i)
            if ctrig is not None and not _children(c, "nsubj") and c.tag_ == "VBG":
                targets = _verb_targets(ctrig, ctx)
                if targets:
                    break
    if not targets and not trig.is_noun and _is_purpose(tok) and _motion_head(tok, ctx):
        # "sent experts to Bosnia to investigate": where they were sent
        for o in _prep_objects(tok.head, ("to", "into", "in")):
            targets = _np_actors(o, ctx)
            if targets:
                break
    if not targets and not trig.is_noun:
        # "welcomed the chance for talks with Putin", "mobilized for a war against Iraq"
        for c in [*_children(tok, "dobj"),
                  *(o for p in _children(tok, "prep") if p.lower_ in _GOAL_PREPS
                    for o in _children(p, "pobj"))]:
            targets = _nested_event_target(c, ctx)
            if targets:
                break
    if not targets and trig.is_noun and tok.dep_ in ("dobj", "attr") and \
            tok.head.pos_ in ("VERB", "AUX"):
        vtrig = ctx.triggers.get(tok.head.i)
        if vtrig is None or vtrig.code is None:  # "held talks in Geneva with ..."
            for o in _prep_objects(tok.head, _target_preps(trig, ctx)):
                targets = _np_actors(o, ctx)
                if targets:
                    break
    return targets


def _reading(trig: Trigger, modality: str, sources: list[ActorMention],
             speaker: Speaker | None, confidence: float, ctx: _Context
             ) -> tuple[str, str, list[ActorMention]]:
    """The code an event is read as once its modality is known: an actor's own announced
    step is an intent (cooperative) or a threat (conflictual)."""
    lex = ctx.lex
    tok = trig.token
    code = trig.code or ""
    # forces do not announce intentions: "the units would return to their bases" is a
    # future move (087), not an intent to de-escalate (0356)
    own_future = bool(not trig.is_noun and sources and trig.inner is None
                      and confidence >= 0.9 and _future_own(tok, lex)
                      and not _forces_subject(tok, lex))
    if own_future and modality in ("future", "intended") and code[:2] in _COOPERATIVE_ROOTS:
        # "Portugal will support Turkey", "Syria is willing to withdraw" (CAMEO 03)
        combined = lex.combine("intent", code)
        if combined:
            return combined, "asserted", sources
    elif own_future and ((modality in ("future", "intended") and (
            code[:2] >= "14" and code[:2] not in ("15", "16") or code[:2] == "12")) or (
            modality == "hypothetical" and _unless(tok))):
        # "they would boycott", "will withdraw unless ...": a threat (CAMEO 13). A force
        # posture announced (root 15: "will deploy troops to Poland") stays a future
        # posture: its destination is often an ally, not the one threatened.
        combined = lex.combine("threat", code) or lex.combine("threat", None)
        if combined:
            return combined, "asserted", sources
    if modality == "hypothetical" and not trig.is_noun and sources and trig.inner is None \
            and confidence >= 0.9 and _conditional_own(tok, lex) \
            and not _forces_subject(tok, lex):
        # "would meet the mediator if he ...": a conditional offer (CAMEO 03); "may halt
        # its mediation if ...": a conditional threat (CAMEO 13)
        if code[:2] in _COOPERATIVE_ROOTS:
            combined = lex.combine("intent", code)
        elif code[:2] >= "12" and code[:2] != "15":
            combined = lex.combine("threat", code) or lex.combine("threat", None)
        else:
            combined = None
        if combined:
            return combined, "asserted", sources
    if modality == "negated" and not trig.is_noun and sources and confidence >= 0.9 \
            and trig.inner is None and _future_own(tok, lex) and _negated_here(tok) \
            and (code[:2] in _COOPERATIVE_ROOTS or code[:2] == "03"):
        # "Syria will not accept more refugees", "would not meet the demands": an actor
        # announcing it will not cooperate rejects (CAMEO 12)
        combined = lex.combine("refuse", code) or lex.combine("refuse", None)
        if combined:
            return combined, "asserted", sources
    if (speaker is not None and speaker.code and modality == "hypothetical" and trig.is_noun
            and code[:2] in _COOPERATIVE_ROOTS and trig.inner is None and not sources
            and not _conditioned(tok, lex)):
        # "Putin said more talks were possible": cooperation a speaker holds out is an intent
        combined = lex.combine("intent", code)
        if combined:
            speaker_actor = _speaker_actor(speaker, ctx)
            return combined, "asserted", [speaker_actor] if speaker_actor is not None else sources
    return code, modality, sources


def _default_targets(code: str, source: ActorMention, lex: Lexicon,
                     inner: str | None = None) -> list[ActorMention]:
    if code[:2] == "14":
        found = _government_of(source)
        if found:
            return found
    who = lex.domestic_roots.get(code[:3]) or lex.domestic_roots.get(code[:2])
    if code[:2] in ("13", "03") and inner and inner[:2] not in ("13", "03"):
        # a threat (or a promise) is domestic as the act is: martial law, not war; lifting
        # a ban at home
        who = lex.domestic_roots.get(inner[:3]) or lex.domestic_roots.get(inner[:2]) or who
    # police act at home: "police opened fire" with no target named fires on their own people
    if who == "any" or (who == "nonstate" and (source.actor.sector == "COP" or (
            source.actor.sector not in _STATE_SECTORS
            and source.actor.code != source.actor.country))):
        return _own_country(source)
    return []


def _coded(speaker: Speaker | None, ctx: _Context) -> Speaker | None:
    """A speaker from the quotes stage, with the code of the actor its span names."""
    if speaker is None or speaker.code:
        return speaker
    m = _speaker_actor(speaker, ctx)
    if m is None:
        return speaker
    return Speaker(name=speaker.name, span=speaker.span, code=m.actor.code)


def _choose_speaker(quoted: Speaker | None, parsed: Speaker | None) -> Speaker | None:
    """The quotes stage's speaker first, unless only the parse found a coded one."""
    if quoted is not None and quoted.code:
        return quoted
    if parsed is not None and parsed.code:
        return parsed
    return quoted or parsed


def _government_of(m: ActorMention) -> list[ActorMention]:
    """Protesters with no named target protest to their own government (CAMEO's default)."""
    actor = m.actor
    if not actor.country or actor.sector in ("GOV", "MIL", "COP") or actor.kind == "igo":
        return []
    gov = Actor(code=f"{actor.country}GOV", name=f"government ({actor.country})",
                country=actor.country, sector="GOV", kind="country")
    return [ActorMention(span=m.span, text=m.text, actor=gov, token_start=m.token_start,
                         token_end=m.token_end, via="implied")]


def _own_country(m: ActorMention) -> list[ActorMention]:
    """A domestic actor acting with no named target acts upon its own country: a curfew,
    a crackdown, a rebel attack, a threat of martial law (CAMEO's domestic coding)."""
    actor = m.actor
    if not actor.country or actor.kind == "igo" or actor.code == actor.country:
        return []
    home = Actor(code=actor.country, name=actor.country, country=actor.country, kind="country")
    return [ActorMention(span=m.span, text=m.text, actor=home, token_start=m.token_start,
                         token_end=m.token_end, via="implied")]


def _speaker_actor(speaker: Speaker, ctx: _Context) -> ActorMention | None:
    """The actor mention that names a speaker: one overlapping the speaker's span, the one
    with the speaker's code first."""
    if speaker.span is None:
        return None
    overlapping = [m for m in ctx.ann.actors
                   if m.span.start < speaker.span.end and speaker.span.start < m.span.end]
    for m in overlapping:
        if speaker.code and m.actor.code == speaker.code:
            return m
    return overlapping[0] if overlapping else None


def _future_own(tok: Token, lex: Lexicon) -> bool:
    """The clause announces its subject's own future step ("will", "would", "is to")."""
    auxes = {c.lower_ for c in tok.children if c.dep_ == "aux"}
    if auxes & (lex.words.future_aux | {"would", "'d"}):
        return True
    head = tok.head
    return tok.dep_ == "xcomp" and head.lemma_.lower() in ("go", "plan", "intend", "prepare")


def _conditioned(tok: Token, lex: Lexicon) -> bool:
    """The event sits in a condition ("unless he arranged a ceasefire"), not a prospect."""
    marks = lex.words.conditional_marks
    for node in (tok, *tok.ancestors):
        if any(c.dep_ == "mark" and c.lower_ in marks for c in node.children):
            return True
    return False


def _conditional_own(tok: Token, lex: Lexicon) -> bool:
    """The verb announces its subject's own step ("will", "would", "may") under an "if" or
    "unless" clause of its own."""
    auxes = {c.lower_ for c in tok.children if c.dep_ == "aux"}
    if not auxes & (lex.words.future_aux | {"would", "'d", "may"}):
        return False
    return any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless")
                                         for g in c.children) for c in tok.children)


def _negated_here(tok: Token) -> bool:
    """The verb itself carries the negation ("will not accept"), not a clause above it."""
    return any(c.dep_ == "neg" for c in tok.children)


def _unless(tok: Token) -> bool:
    return any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "unless"
                                         for g in c.children) for c in tok.children)


def code_root(code: str | None) -> str:
    return (code or "")[:2]


def code_is_violence(code: str | None) -> bool:
    return code in ("180", "1823")


def _military_source(tok: Token, sources: list[ActorMention], lex: Lexicon) -> bool:
    if any(m.actor.sector == "MIL" for m in sources):
        return True
    for c in tok.children:
        if c.dep_ in ("nsubj", "agent"):
            heads = [c] + [o for o in c.children if o.dep_ == "pobj"]
            if any(h.lemma_.lower() in lex.military_agents for h in heads):
                return True
    return False


def _place_targets(tok: Token, ctx: _Context, sources: list[ActorMention]) -> list[ActorMention]:
    """Last resort: the place an event happens in ("lifted the curfew in Montenegro")."""
    own = {m.actor.code for m in sources}
    node = tok
    if tok.pos_ in ("NOUN", "PROPN") and tok.head.pos_ in ("VERB", "AUX"):
        node = tok.head
    xcomps = _children(tok, "xcomp")
    for anchor in (tok, node, *_children(tok, "dobj"), *xcomps,
                   *(d for x in xcomps for d in _children(x, "dobj"))):
        for o in _prep_objects(anchor, ("in", "inside", "throughout", "across", "near")):
            found = [m for m in _np_actors(o, ctx) if m.actor.code not in own]
            if found:
                return found[:1]
    return []


def _is_purpose(tok: Token) -> bool:
    """ "... to help defend X": an infinitive of purpose under another action."""
    node = tok
    for _ in range(3):
        if node.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to"
                                        for c in node.children):
            return True
        if node.dep_ == "acl" and node.head.lower_ == "order" and node.head.head.lower_ == "in":
            return True  # "in order to extract concessions"
        if node.dep_ in ("xcomp", "conj") and node.head.pos_ == "VERB":
            node = node.head
            continue
        return False
    return False


_BACKGROUND_MARKS = frozenset({"when", "after", "before", "since", "as", "while", "until",
                               "because", "though", "although", "whereas", "once"})
_BACKGROUND_PREPS = frozenset({"after", "following", "since", "before", "despite", "amid",
                               "because"})


def _background(tok: Token, lex: Lexicon) -> bool:
    """Events told as background to the sentence's own event: in a relative clause, a
    participle describing a noun ("the curfew imposed after the coup"), a temporal or causal
    clause ("when Amin expelled them"), or a noun after "since", "following", "amid" ..."""
    node = tok
    for _ in range(8):
        dep = node.dep_
        if dep == "relcl":
            return True
        if dep == "acl" and node.tag_ in ("VBN", "VBG") and node.head.pos_ in ("NOUN", "PROPN") \
                and not any(c.dep_ == "aux" for c in node.children) \
                and not _saying_noun(node.head, lex):
            return True
        if dep == "advcl" and any(c.dep_ == "mark" and c.lower_ in _BACKGROUND_MARKS
                                  for c in node.children):
            return True
        if dep == "pobj" and node.head.lower_ in _BACKGROUND_PREPS and node is tok:
            return True
        # an infinitive belongs to its verb's clause: "a team trying to broker a pact"
        if dep in ("ccomp", "ROOT", "parataxis") or node.head is node:
            return False
        node = node.head
    return False


def _saying_noun(noun: Token, lex: Lexicon) -> bool:
    """ "a declaration demanding that ...": the participle is what the statement says."""
    return any(p.frame == "say" for p in lex.nouns.get(noun.lemma_.lower(), ()))


def _motion_head(tok: Token, ctx: _Context) -> bool:
    """ "sent a team to investigate": the purpose is what the sending is for, and the
    sending itself codes nothing more specific."""
    head = tok.head
    htrig = ctx.triggers.get(head.i)
    return head.lemma_.lower() in ctx.lex.motion_verbs and (htrig is None or htrig.code is None)


def _is_result(tok: Token, ctx: _Context) -> bool:
    """ "opened fire on the crowd, killing one": a participle spelling out the result of a
    coded event is part of it."""
    if tok.dep_ != "advcl" or tok.tag_ != "VBG" or _children(tok, "nsubj"):
        return False
    htrig = ctx.triggers.get(tok.head.i)
    return htrig is not None and htrig.code is not None and tok.head.i not in ctx.absorbed


def _dominated(tok: Token, ctx: _Context) -> bool:
    """A nominal event inside the arguments of a coded verb event ("lifted the blockade",
    "defended Iraq against criticism") is part of that event, not one of its own."""
    for anc in tok.ancestors:
        if anc.pos_ not in ("VERB", "AUX", "ADJ"):
            continue
        trig = ctx.triggers.get(anc.i)
        if trig is not None and trig.code is not None:
            return True  # absorbed too: "must reach an agreement" is part of the demand
        if anc.dep_ in ("ccomp", "advcl", "relcl", "ROOT", "conj", "parataxis"):
            return False  # a clause boundary: what lies above does not govern this noun
    return False


def _topic(tok: Token, ctx: _Context) -> bool:
    """A nominal event that is what talks or demands are about ("negotiations on a troop
    pullback"): the subject of another event, not one of its own."""
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("on", "over", "about", "into"):
        return False
    roots = ("09",) if tok.head.lower_ == "into" else ("02", "04", "10")  # "a probe into"
    head = tok.head.head
    # "renewed negotiations today on ...": the parser may hang the topic on the verb
    nouns = [head] + (_children(head, "dobj") if head.pos_ in ("VERB", "AUX") else [])
    for n in nouns:
        trig = ctx.triggers.get(n.i)
        if trig is not None and trig.is_noun and (trig.code or "")[:2] in roots:
            return True
    return False


def _inside_absorbed(tok: Token, ctx: _Context) -> bool:
    """A verb coordinated with, or under, an event another one absorbed ("refused to allow
    planes to land and evacuate", "threatened to invade and annex"): part of that event."""
    node = tok
    for _ in range(4):
        if node.dep_ not in ("conj", "xcomp", "ccomp") or node.head is node:
            return False
        node = node.head
        if node.i in ctx.absorbed:
            return True
    return False


def _clause_of_argument(tok: Token, ctx: _Context) -> bool:
    """A verb event that only describes the object of another coded event ("vetoed a
    resolution censuring X", "cancel plans to sell arms"): part of that event."""
    if tok.dep_ != "acl" or not (tok.tag_ == "VBG" or any(
            c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)):
        return False
    noun = tok.head
    if noun.dep_ not in ("dobj", "nsubjpass") or noun.head.pos_ not in ("VERB", "AUX"):
        return False
    trig = ctx.triggers.get(noun.head.i)
    return trig is not None and trig.code is not None


_REQUESTS = frozenset({"call", "demand", "request", "appeal", "offer", "proposal", "plan",
                       "invitation", "ultimatum", "pressure", "plea", "bid", "proposition"})


def _owner(noun: Token, ctx: _Context) -> list[ActorMention]:
    """Whose the thing named by `noun` is: its possessor or its by/from phrase."""
    for g in noun.children:
        if g.dep_ == "poss":
            found = _np_actors(g, ctx)
        elif g.dep_ in ("prep", "agent") and g.lower_ in ("by", "from"):
            found = [m for o in _children(g, "pobj") for m in _np_actors(o, ctx)]
        else:
            continue
        if found:
            return found
    return []


def _requester(tok: Token, ctx: _Context) -> list[ActorMention]:
    """Whoever made the request a rejection turns down ("rejected calls by Belarus's
    rulers", "refused a demand from the US President")."""
    for node in tok.subtree:
        if node.i == tok.i or node.lemma_.lower() not in _REQUESTS or abs(node.i - tok.i) > 12:
            continue
        for g in node.children:
            if g.dep_ == "poss":
                found = _np_actors(g, ctx)
            elif g.dep_ in ("prep", "agent") and g.lower_ in ("by", "from"):
                found = [m for o in _children(g, "pobj") for m in _np_actors(o, ctx)]
            elif g.dep_ in ("amod", "compound"):
                found = _np_actors(g, ctx, depth=1)
            else:
                continue
            if found:
                return found
    return []


def _forces_subject(tok: Token, lex: Lexicon) -> bool:
    """The event's doer is a body of forces: the verb's subject, or what a nominal event is
    "of" ("the return of units to their bases")."""
    node = tok
    for _ in range(3):  # "had finished their exercises and would return": the shared subject
        if node.dep_ in ("conj", "xcomp") and node.head.pos_ in ("VERB", "AUX") and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
            node = node.head
        else:
            break
    for c in node.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            for g in c.subtree:
                if g.lemma_.lower() in lex.theme_nouns:
                    return True
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of" and tok.pos_ in ("NOUN", "PROPN"):
            if any(o.lemma_.lower() in lex.theme_nouns for o in _children(c, "pobj")):
                return True
    return False


def _conditional_actors(tok: Token, ctx: _Context) -> list[ActorMention]:
    """Actors in the condition of a threat ("unless X ...", "without a promise that X ...")."""
    clauses = [tok] + [c for c in tok.children if c.dep_ in ("xcomp", "ccomp")]
    for clause in clauses:
        found = _conditions_of(clause, ctx)
        if found:
            return found
    return []


def _conditions_of(tok: Token, ctx: _Context) -> list[ActorMention]:
    for c in tok.children:
        if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless")
                                     for g in c.children):
            found, _ = _subject(c, ctx)
            if found:
                return found
        if c.dep_ == "prep" and c.lower_ in ("without", "unless", "absent"):
            for o in _children(c, "pobj"):
                for g in o.subtree:
                    if g.dep_ in _SUBJ and g.i in ctx.mentions:
                        return _np_actors(g, ctx)
                found = _np_actors(o, ctx)
                if found:
                    return found
    return []


def _nested_event_target(tok: Token, ctx: _Context) -> list[ActorMention]:
    for node in tok.subtree:
        if abs(node.i - tok.i) > 8:
            continue
        trig = ctx.triggers.get(node.i)
        if trig is not None and trig.is_noun and trig.code:
            targets = _noun_actors(trig, ctx)[1]
            if targets:
                return targets
    return []


def event_codes_used() -> set[str]:
    """Every code the pattern dictionary can produce (for the codebook test)."""
    lex = lexicon()
    codes = {p.code for section in (lex.verbs, lex.nouns) for ps in section.values()
             for p in ps if p.code}
    codes |= {v for table in lex.frames.values() for v in table.values() if v != "="}
    return codes


__all__ = ["CodeInfo", "Pattern", "Lexicon", "codebook", "lexicon", "extract_events",
           "event_codes_used", "Actor"]
