"""Text normalization at ingest: line endings, mojibake, entities, invisible junk, NFC, look-alikes.

Everything after this step measures offsets in the text it returns. Steps that can keep the
length do (look-alike folding maps one code point to one; NFC of composed text is a no-op);
the ones that cannot (CRLF -> LF, mojibake repair, dropping soft hyphens and zero-width
spaces, composing decomposed accents) only ever touch characters that are noise.
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata

import ftfy

from faultline.ingest.confusables import tables

# Keep quotes, dashes, ligatures and full-width forms as they are: only undo real damage.
# HTML entities ("&amp;", "&#39;") in text that holds no tags are scraper residue: unescaped.
_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html="auto",
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    normalization="NFC",
    explain=False,
)

# Damage leaves tell-tale marks, and clean text (most of it) skips ftfy: mojibake pairs from
# UTF-8 lead bytes read as Latin-1/cp1252 (Ã, â, Ð ...) or as cp1251 (Р, С followed by
# punctuation-like Cyrillic), C1 control characters, HTML entities.
_SUSPECT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152-\u0192\u02c6-\u02dc\u2013-\u2122]"
    "|[\u0080-\u009f]"
    "|[РС][\u0402-\u040f\u0450-\u045f\u00a0-\u00bf\u2013-\u2122]"
    "|&(?:[a-zA-Z]{2,8}|#[0-9]{2,7}|#x[0-9a-fA-F]{2,6});"
)
_NEWLINES = re.compile("\r\n?|[\u2028\u2029\x85\x0b\x0c]")
# Invisible characters that split words for the tokenizer: soft hyphen, zero-width space,
# word joiner, BOM, and C0 controls other than tab and newline.
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff\x00-\x08\x0e-\x1f\x7f]")

_L = r"[^\W\d_]"
_WORD = re.compile(rf"{_L}+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile("[\u0400-\u052f]")
_PARAGRAPH = re.compile(r"[^\n]+")


def normalize_text(text: str) -> str:
    """The text every later stage sees (and every offset refers to)."""
    text = _NEWLINES.sub("\n", text)
    if _SUSPECT.search(text):
        text = ftfy.fix_text(text, _FTFY_CONFIG)
        text = _NEWLINES.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return fold_confusables(text)


def fold_confusables(text: str) -> str:
    """Fold look-alike letters inside Latin words; length never changes.

    "іnvasion" (Cyrillic і), "NᎪTO" (Cherokee Ꭺ), "Wednesɗay" (d with hook) become
    "invasion", "NATO", "Wednesday"; "Kиїв" (Latin K) becomes "Київ". A word wholly in
    another script ("Київ", "СССР") is left alone, unless its paragraph holds disguised
    Latin words: then a wholly look-alike word ("а" for "a") is a disguise too.
    """
    if text.isascii():
        return text
    return _PARAGRAPH.sub(_fold_paragraph, text)


def _fold_paragraph(m: re.Match[str]) -> str:
    paragraph = m.group()
    if paragraph.isascii():
        return paragraph
    words = list(_WORD.finditer(paragraph))
    folded = [_fold_word(w.group(), whole=False) for w in words]
    disguised = any(f != w.group() and f.isascii() for f, w in zip(folded, words, strict=True))
    out, last = [], 0
    for w, f in zip(words, folded, strict=True):
        if disguised and f == w.group():
            f = _fold_word(f, whole=True)
        out.append(paragraph[last:w.start()])
        out.append(f)
        last = w.end()
    out.append(paragraph[last:])
    return "".join(out)


def _fold_word(word: str, *, whole: bool) -> str:
    """One word with its look-alikes folded (see `fold_confusables`); `whole`: fold a word
    with no ASCII letter too, when all its letters are look-alikes."""
    if word.isascii():
        return word
    to_latin = tables().to_latin
    has_ascii = bool(_ASCII_LETTER.search(word))
    foreign = [ch for ch in word if not ch.isascii()]
    if any(ch in to_latin for ch in foreign):
        if has_ascii and all(ch in to_latin or _latin_letter(ch) for ch in foreign):
            return "".join(to_latin.get(ch, ch) for ch in word)
        if whole and all(ch in to_latin for ch in foreign):
            return "".join(to_latin[ch] for ch in word)
    if has_ascii and _CYRILLIC.search(word):
        to_cyrillic = tables().to_cyrillic
        latin = _ASCII_LETTER.findall(word)
        if len(_CYRILLIC.findall(word)) > len(latin) and all(ch in to_cyrillic for ch in latin):
            return "".join(to_cyrillic.get(ch, ch) for ch in word)
    return word


def _latin_letter(ch: str) -> bool:
    """A real Latin letter with diacritics (é, ø, ł): it does not make a word foreign."""
    return unicodedata.name(ch, "").startswith("LATIN ")


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def _lines(text: str) -> tuple[list[str], list[int]]:
    """Lines without their endings, and where each starts."""
    lines, starts = [], []
    for m in _LINE.finditer(text):
        lines.append(m.group().rstrip("\r\n"))
        starts.append(m.start())
    return lines, starts


def source_anchors(original: str, text: str) -> list[list[int]] | None:
    """Anchors [text offset, original offset] from the article text back to its source.

    None when the two are the same string. Lines are aligned (difflib over whole lines,
    cheap); inside a line that survived unchanged, or that is a piece of its source line
    (a stripped date prefix), offsets map exactly; inside a line normalization rewrote
    (mojibake repaired), they map to the start of the source line.
    """
    if original == text:
        return None
    olines, ostarts = _lines(original)
    tlines, tstarts = _lines(text)
    anchors: list[list[int]] = []
    matcher = difflib.SequenceMatcher(None, olines, tlines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            anchors.extend([tstarts[j1 + k], ostarts[i1 + k]] for k in range(i2 - i1))
        elif tag == "replace" and i2 - i1 == j2 - j1:
            for k in range(i2 - i1):
                found = olines[i1 + k].find(tlines[j1 + k]) if tlines[j1 + k] else -1
                anchors.append([tstarts[j1 + k], ostarts[i1 + k] + max(found, 0)])
        elif j2 > j1:
            anchors.append([tstarts[j1], ostarts[i1] if i1 < len(ostarts) else len(original)])
    return anchors


def to_source(anchors: list[list[int]], offset: int) -> int:
    """An article-text offset as an offset into the source text, through `source_anchors`."""
    i = bisect.bisect_right(anchors, offset, key=lambda a: a[0]) - 1
    if i < 0:
        return offset
    text_at, source_at = anchors[i]
    return source_at + (offset - text_at)
