"""Look-alike letters, read from Unicode's confusables data (UTS #39) as shipped by the
`confusable-homoglyphs` package: the Latin letter each one is drawn like, and the way back.

Every mapping is one code point to one code point, so folding never changes text length.
A letter folds to Latin when its UTS #39 prototype is one ASCII letter (optionally followed
by combining marks: "ɗ" -> "d̔" folds to "d"). Left out, because they are letters of living
orthographies rather than disguises: Latin-1 and Latin Extended-A (ç, ø, ł, đ, ı ...),
precomposed accented letters, and full-width forms (kept as typed, like ligatures).
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from confusable_homoglyphs.utils import load

# Blocks whose letters are real letters of European alphabets, not look-alikes.
_KEEP_BLOCKS = ((0x00C0, 0x017F), (0xFF00, 0xFFEF))
# Cyrillic letters a Latin intruder may be folded back to (Russian, Ukrainian, Belarusian).
_CYRILLIC_ALPHABET = (0x0400, 0x045F)


@dataclass(frozen=True)
class Confusables:
    to_latin: dict[str, str]  # look-alike letter -> ASCII letter
    to_cyrillic: dict[str, str]  # ASCII letter -> Cyrillic letter drawn like it


def _kept(ch: str) -> bool:
    code = ord(ch)
    if any(lo <= code <= hi for lo, hi in _KEEP_BLOCKS):
        return True
    decomposed = unicodedata.normalize("NFD", ch)
    return len(decomposed) > 1  # a precomposed accented letter (é, ǿ): a real letter


def _latin_of(ch: str, prototype: str) -> str | None:
    """The ASCII letter `ch` is drawn like, from its prototype, or None."""
    base, marks = prototype[:1], prototype[1:]
    if not (base.isascii() and base.isalpha()) or not all(unicodedata.combining(m)
                                                          for m in marks):
        return None
    if ch.isupper() and base.islower():
        # UTS #39 gives capital I the prototype "l"; a capital look-alike stays a capital.
        return "I" if base == "l" else base.upper()
    if ch.islower() and base.isupper():
        return None
    return base


@functools.lru_cache(maxsize=1)
def tables() -> Confusables:
    """Both folding tables, built once per process from the packaged confusables data."""
    data = load("confusables.json")
    to_latin: dict[str, str] = {}
    for ch, homoglyphs in data.items():
        if len(ch) != 1 or ch.isascii() or _kept(ch):
            continue
        if not (ch.isalpha() or unicodedata.category(ch) == "Nl"):
            continue
        for glyph in homoglyphs:
            latin = _latin_of(ch, glyph["c"])
            if latin:
                to_latin[ch] = latin
                break
    to_cyrillic: dict[str, str] = {}
    for ch, latin in sorted(to_latin.items()):
        lo, hi = _CYRILLIC_ALPHABET
        if lo <= ord(ch) <= hi and latin not in to_cyrillic:
            to_cyrillic[latin] = ch
    return Confusables(to_latin=to_latin, to_cyrillic=to_cyrillic)
