"""The frames table (data/frames.yaml): words that hold an event as a claim, fear, denial,
plan or expectation rather than a fact, the reading each gives the event it embeds, who holds
it and what the frame codes as its own event. Loaded once, validated with line numbers.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Token

from faultline.datafiles import YAML_LOADER
from faultline.errors import DataFileError

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "frames.yaml"
READINGS = ("alleged", "denied", "negated", "hypothetical", "intended", "future")
POS = {"verb": ("VERB", "AUX"), "noun": ("NOUN", "PROPN"), "adj": ("ADJ",), "adv": ("ADV",)}
# Relations by which an embedded event hangs on its frame word when an entry names none.
DEFAULT_VIA = {
    "verb": ("ccomp", "xcomp", "dobj", "pcomp", "pobj", "prep"),
    "noun": ("acl", "ccomp", "prep", "relcl", "appos"),
    "adj": ("ccomp", "xcomp", "prep", "pcomp"),
    "adv": ("advmod",),
}
# Relations by which a frame word modifies the event itself ("allegedly shelled", "the
# reported pull-back", "a staged attack") instead of embedding it.
MODIFIER_VIA = frozenset({"advmod", "amod"})
WHEN = ("any", "conflict")
_KEYS = frozenset({"words", "pos", "via", "reading", "negated", "holder", "code", "code_when",
                   "object", "note"})


@dataclass(frozen=True)
class Frame:
    """One entry of the frames table."""

    words: frozenset[str]
    pos: str
    via: frozenset[str]
    reading: str | None  # the embedded event's modality; None: only when negated
    negated: str | None  # the reading when the frame word itself is negated
    holder: str  # subject | owner | none: who holds the claim, fear, denial ...
    code: str | None  # the frame's own event ("claims that X attacked" -> 112), if any
    code_when: str  # any | conflict: only when the embedded event is verbal/material conflict
    line: int
    on_object: bool = False  # a modifier that also hedges a verb through its direct object

    @property
    def reports(self) -> bool:
        """The embedded event is reported by the frame's holder (a claim, a denial)."""
        return self.holder != "none" and (self.reading in ("alleged", "denied")
                                          or self.negated in ("alleged", "denied"))

    def reading_for(self, negated: bool) -> str | None:
        return self.negated if negated and self.negated else self.reading


@dataclass(frozen=True)
class FrameTable:
    entries: tuple[Frame, ...]
    negation_mods: frozenset[str]
    # "in the event of", "in case of": (preposition, noun) pairs that open a condition
    conditional_phrases: frozenset[tuple[str, str]] = frozenset()
    # senses.yaml kinds whose nouns state what a participle after them says ("decrees
    # recognising ...", "a statement demanding ...")
    content_kinds: frozenset[str] = frozenset()

    @functools.cached_property
    def _index(self) -> dict[tuple[str, str], tuple[Frame, ...]]:
        out: dict[tuple[str, str], list[Frame]] = {}
        for f in self.entries:
            for w in f.words:
                out.setdefault((w, f.pos), []).append(f)
        return {k: tuple(v) for k, v in out.items()}

    @functools.cached_property
    def _words(self) -> frozenset[str]:
        return frozenset(w for f in self.entries for w in f.words)

    def lookup(self, tok: Token, rel: str | None = None) -> Frame | None:
        """The entry for `tok` as a frame word (the first whose relations allow `rel`)."""
        if tok.lemma_.lower() not in self._words and tok.lower_ not in self._words:
            return None
        pos = _pos_class(tok)
        if pos is None:
            return None
        for word in (tok.lemma_.lower(), tok.lower_):
            for f in self._index.get((word, pos), ()):
                if rel is None or rel in f.via:
                    return f
        return None

    @functools.cached_property
    def claim_nouns(self) -> frozenset[str]:
        """Nouns that make what they name someone's claim ("a claim", "an allegation")."""
        return frozenset(w for f in self.entries if f.pos == "noun" and f.reading == "alleged"
                         for w in f.words)

    def modifier(self, tok: Token) -> Frame | None:
        """The entry for `tok` as a word modifying an event ("allegedly", "staged")."""
        if tok.dep_ not in MODIFIER_VIA:
            return None
        return self.lookup(tok, tok.dep_)

    def modifiers(self, word: str) -> tuple[Frame, ...]:
        """The adjective entries that modify an event, for a word given as text (a
        hyphenated word the tokenizer split: "false-flag")."""
        return tuple(f for f in self._index.get((word, "adj"), ()) if "amod" in f.via)

    def words(self, reading: str, pos: str) -> frozenset[str]:
        """Every word of `pos` whose entry gives `reading` (plain or when negated)."""
        return frozenset(w for f in self.entries if f.pos == pos
                         and reading in (f.reading, f.negated) for w in f.words)


def _pos_class(tok: Token) -> str | None:
    for name, tags in POS.items():
        if tok.pos_ in tags:
            return name
    return None


def _list(value: Any, where: str, key: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise DataFileError(f"{where}: {key} must be a word or a non-empty list of words")
    return [v.lower() for v in value]


def _frame(raw: Any, line: int, file: Path, codes: set[str]) -> Frame:
    where = f"{file}:{line}"
    if not isinstance(raw, dict):
        raise DataFileError(f"{where}: a frame is a mapping, got {raw!r}")
    unknown = set(raw) - _KEYS
    if unknown:
        raise DataFileError(f"{where}: unknown key(s) {sorted(unknown)} (known: {sorted(_KEYS)})")
    pos = str(raw.get("pos", ""))
    if pos not in POS:
        raise DataFileError(f"{where}: pos must be one of {sorted(POS)}, got {pos!r}")
    words = frozenset(_list(raw.get("words"), where, "words"))
    via = frozenset(_list(raw["via"], where, "via") if "via" in raw else DEFAULT_VIA[pos])
    reading = raw.get("reading")
    negated = raw.get("negated")
    for key, value in (("reading", reading), ("negated", negated)):
        if value is not None and value not in READINGS:
            raise DataFileError(f"{where}: {key} must be one of {READINGS}, got {value!r}")
    if reading is None and negated is None:
        raise DataFileError(f"{where}: a frame needs a reading or a negated reading")
    holder = str(raw.get("holder", "subject" if pos == "verb" else "owner"))
    if holder not in ("subject", "owner", "none"):
        raise DataFileError(f"{where}: holder must be subject, owner or none, got {holder!r}")
    code = raw.get("code")
    if code is not None:
        code = str(code)
        if code not in codes:
            raise DataFileError(f"{where}: code {code} is not in the CAMEO codebook")
    when = str(raw.get("code_when", "any"))
    if when not in WHEN:
        raise DataFileError(f"{where}: code_when must be one of {WHEN}, got {when!r}")
    on_object = raw.get("object", False)
    if not isinstance(on_object, bool):
        raise DataFileError(f"{where}: object must be true or false, got {on_object!r}")
    return Frame(words, pos, via, reading, negated, holder, code, when, line, on_object)


@functools.lru_cache(maxsize=4)
def frame_table(path: str | None = None) -> FrameTable:
    """The frames table, validated: known keys, readings, relations, codes in the codebook;
    a word may have several entries of one part of speech only for different relations."""
    from faultline.codebook import codebook

    file = Path(path) if path else DATA_FILE
    try:
        text = file.read_text(encoding="utf-8")
        loader = YAML_LOADER
        root = yaml.compose(text, Loader=loader)
        data = yaml.load(text, Loader=loader)  # noqa: S506
    except (OSError, yaml.YAMLError) as e:
        raise DataFileError(f"cannot read the frames table {file}: {e}") from e
    if not isinstance(data, dict) or not isinstance(data.get("frames"), list):
        raise DataFileError(f"{file}: expected a mapping with a list under 'frames'")
    assert root is not None
    nodes = next(v for k, v in root.value if k.value == "frames").value
    codes = set(codebook())
    entries = tuple(_frame(raw, node.start_mark.line + 1, file, codes)
                    for raw, node in zip(data["frames"], nodes, strict=True))
    seen: dict[tuple[str, str, str], int] = {}
    for f in entries:
        for w in f.words:
            for rel in f.via:
                key = (w, f.pos, rel)
                if key in seen:
                    raise DataFileError(f"{file}:{f.line}: {f.pos} {w!r} via {rel} is already "
                                        f"an entry at line {seen[key]}")
                seen[key] = f.line
    mods = data.get("negation_mods") or []
    phrases = data.get("conditional_phrases") or []
    pairs = set()
    for phrase in _list(phrases, str(file), "conditional_phrases") if phrases else []:
        words = [w for w in phrase.split() if w not in ("the", "a", "an")]
        if len(words) < 2:
            raise DataFileError(f"{file}: conditional_phrases: {phrase!r} needs a preposition "
                                f"and a noun ('in the event of')")
        pairs.add((words[0], words[1]))
    kinds = data.get("content_kinds") or []
    return FrameTable(entries, frozenset(_list(mods, str(file), "negation_mods")) if mods
                      else frozenset(), frozenset(pairs),
                      frozenset(_list(kinds, str(file), "content_kinds")) if kinds
                      else frozenset())


__all__ = ["Frame", "FrameTable", "READINGS", "frame_table"]
