"""The event pattern dictionary (verbs.yaml): its loader and validation against the codebook."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from faultline.codebook import DATA_DIR, CodeInfo, codebook
from faultline.datafiles import YAML_LOADER
from faultline.errors import DataFileError
from faultline.extract.modality import ModalityWords

FRAMES = frozenset({"say", "intent", "intent_weak", "threat", "demand", "appeal", "refuse",
                    "deny", "judge", "desire", "endorse", "accuse", "order"})


_COMBINING = frozenset({"intent", "intent_weak", "threat", "demand", "appeal", "refuse",
                        "order"})


_SAYING = frozenset({"say", "judge", "deny"})


_PATTERN_KEYS = frozenset({"code", "frame", "prt", "prep", "obj", "mod", "targets", "bare",
                           "predicate"})


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
class Sense:
    """A trigger's reading when its object is of a kind (data/senses.yaml)."""

    words: frozenset[str]
    pos: str
    objects: frozenset[str]  # head lemmas of every kind the entry names (empty: any)
    prt: frozenset[str]
    code: str | None  # None: no event
    line: int
    subjects: frozenset[str] = frozenset()  # the same for the subject (empty: any)


@dataclass(frozen=True)
class Senses:
    entries: tuple[Sense, ...] = ()
    kinds: dict[str, frozenset[str]] = field(default_factory=dict)

    @functools.cached_property
    def words(self) -> frozenset[str]:
        return frozenset().union(*(s.words for s in self.entries))

    def find(self, lemma: str, pos: str, objects: set[str], particles: set[str],
             subjects: set[str] | frozenset[str] = frozenset()) -> Sense | None:
        """The sense of `lemma` its object (and subject) lemmas and attached particles
        select, if any."""
        found: Sense | None = None
        for sense in self.entries:
            if lemma in sense.words and sense.pos == pos and \
                    (not sense.objects or objects & sense.objects) and \
                    (not sense.subjects or subjects & sense.subjects):
                if sense.prt and not particles & sense.prt:
                    continue
                if sense.prt:
                    return sense
                found = found or sense
        return found


@functools.lru_cache(maxsize=2)
def senses(path: str | None = None) -> Senses:
    """The senses table, validated with line numbers: known kinds, codes in the codebook."""
    file = Path(path) if path else DATA_DIR / "senses.yaml"
    try:
        text = file.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=_WordLoader)
        data = yaml.load(text, Loader=_WordLoader)  # noqa: S506
    except (OSError, yaml.YAMLError) as e:
        raise DataFileError(f"cannot read verb senses {file}: {e}") from e
    if not isinstance(data, dict) or not isinstance(data.get("kinds"), dict) or \
            not isinstance(data.get("senses"), list) or root is None:
        raise DataFileError(f"{file}: expected 'kinds' (a mapping) and 'senses' (a list)")
    kinds = {str(k): _words(v, f"{file}: kinds.{k}", "kind") for k, v in data["kinds"].items()}
    nodes = next(v for k, v in root.value if k.value == "senses").value
    book = codebook()
    entries = []
    for raw, node in zip(data["senses"], nodes, strict=True):
        where = f"{file}:{node.start_mark.line + 1}"
        if not isinstance(raw, dict) or set(raw) - {"words", "pos", "obj", "subj", "prt",
                                                    "code"}:
            raise DataFileError(
                f"{where}: a sense is a mapping of words, pos, obj, subj, prt, code")
        pos = str(raw.get("pos"))
        if pos not in ("verb", "noun"):
            raise DataFileError(f"{where}: pos must be verb or noun, got {pos!r}")
        wanted = _words(raw.get("obj"), where, "obj")
        doers = _words(raw.get("subj"), where, "subj")
        if not (wanted or doers) or (wanted | doers) - set(kinds):
            raise DataFileError(f"{where}: obj must name kinds among {sorted(kinds)} (or subj)")
        code = raw.get("code")
        code = None if code is None or str(code) == "none" else str(code)
        if code is not None and code not in book:
            raise DataFileError(f"{where}: code {code} is not in the CAMEO codebook")
        words = _words(raw.get("words"), where, "words")
        if not words:
            raise DataFileError(f"{where}: a sense needs words")
        entries.append(Sense(words, pos, frozenset().union(*(kinds[k] for k in wanted)),
                             _words(raw.get("prt"), where, "prt"), code,
                             node.start_mark.line + 1,
                             frozenset().union(*(kinds[k] for k in doers))))
    return Senses(tuple(entries), kinds)


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
    request_nouns: frozenset[str] = frozenset()
    owned_bodies: frozenset[str] = frozenset()
    referring_verbs: frozenset[str] = frozenset()
    receipt_verbs: frozenset[str] = frozenset()
    senses: Senses = field(default_factory=Senses)

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

_Base: Any = YAML_LOADER


class _WordLoader(_Base):
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
        request_nouns=_words(data.get("request_nouns"), str(file), "request_nouns"),
        owned_bodies=_words(data.get("owned_bodies"), str(file), "owned_bodies"),
        referring_verbs=_words(data.get("referring_verbs"), str(file), "referring_verbs"),
        receipt_verbs=_words(data.get("receipt_verbs"), str(file), "receipt_verbs"),
        senses=senses(),
    )


def event_codes_used() -> set[str]:
    """Every code the pattern dictionary can produce (for the codebook test)."""
    lex = lexicon()
    codes = {p.code for section in (lex.verbs, lex.nouns) for ps in section.values()
             for p in ps if p.code}
    codes |= {v for table in lex.frames.values() for v in table.values() if v != "="}
    return codes
