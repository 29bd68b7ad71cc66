"""Text normalization at ingest: line endings, mojibake, entities, invisible junk, NFC, look-alikes.

Everything after this step measures offsets in the text it returns. Steps that can keep the
length do (look-alike folding maps one code point to one; NFC of composed text is a no-op);
the ones that cannot (CRLF -> LF, mojibake repair, dropping soft hyphens and zero-width
spaces, composing decomposed accents) only ever touch characters that are noise.
"""

from __future__ import annotations

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
    cheap); a line that survived unchanged, or that is a piece of its source line (a
    stripped date prefix), gets one anchor; a line normalization rewrote (mojibake repaired,
    invisible characters dropped, accents composed) gets an anchor at each change and where
    the unchanged text resumes, so offsets map exactly there too. Read them with
    `faultline.offsets.to_source`.
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
            continue
        if j2 == j1:
            continue  # source lines with nothing in the text (a header): the next anchor skips
        if i2 - i1 != j2 - j1:  # lines split or joined (U+2028): align the stretch
            t_at, t_block = _block(text, tstarts, tlines, j1, j2)
            o_at, o_block = _block(original, ostarts, olines, i1, i2)
            anchors.extend(_char_anchors(t_at, t_block, o_at, o_block))
            continue
        for k in range(i2 - i1):
            oline, tline = olines[i1 + k], tlines[j1 + k]
            found = oline.find(tline) if tline else -1
            if found >= 0:  # a piece of its source line (a stripped date prefix)
                anchors.append([tstarts[j1 + k], ostarts[i1 + k] + found])
            else:  # a line normalization rewrote
                anchors.extend(_char_anchors(tstarts[j1 + k], tline, ostarts[i1 + k], oline))
    return anchors


def _block(text: str, starts: list[int], lines: list[str], i1: int, i2: int) -> tuple[int, str]:
    """Where lines i1..i2 (exclusive) start, and their text without the last line ending."""
    if i1 >= i2:
        return (starts[i1] if i1 < len(starts) else len(text)), ""
    start = starts[i1]
    return start, text[start:starts[i2 - 1] + len(lines[i2 - 1])]


_RESYNC = 4  # characters that must agree again after a change
_MAX_DROPPED = 32  # source characters one change may drop (a run of zero-width spaces)
_MAX_ADDED = 8  # text characters one change may add


def _char_anchors(t_at: int, t_block: str, o_at: int, o_block: str) -> list[list[int]]:
    """Exact anchors inside lines normalization rewrote: one where each run of unchanged
    characters starts, and one where each change starts (a repaired mojibake sequence, a
    dropped invisible character, a composed accent). Changes are small and in order, so a
    linear walk finds them: on a mismatch, the smallest pair of skips after which both sides
    agree again."""
    anchors = [[t_at, o_at]]
    i = j = 0
    n, m = len(o_block), len(t_block)
    while i < n and j < m:
        if o_block[i] == t_block[j]:
            i, j = i + 1, j + 1
            continue
        skip = _resync(o_block, t_block, i, j)
        if skip is None:
            anchors.append([t_at + j, o_at + i])
            return anchors  # past here, offsets count on from this change
        anchors.append([t_at + j, o_at + i])  # the change starts here on both sides
        i, j = i + skip[0], j + skip[1]
        anchors.append([t_at + j, o_at + i])  # and the unchanged text resumes here
    if j < m or i < n:
        anchors.append([t_at + j, o_at + i])
    return anchors


def _resync(o: str, t: str, i: int, j: int) -> tuple[int, int] | None:
    """The fewest characters to skip on each side (source, text) so that both agree again."""
    for total in range(1, _MAX_DROPPED + _MAX_ADDED + 1):
        for dt in range(min(total, _MAX_ADDED) + 1):
            do = total - dt
            if do > _MAX_DROPPED:
                continue
            a, b = i + do, j + dt
            length = min(_RESYNC, len(o) - a, len(t) - b)
            if length < 0:
                continue
            if length == 0:
                if a == len(o) and b == len(t):
                    return do, dt
                continue
            if o[a:a + length] == t[b:b + length] and (length == _RESYNC or (
                    a + length == len(o) and b + length == len(t))):
                return do, dt
    return None


def to_source(anchors: list[list[int]], offset: int) -> int:
    """An article-text offset as an offset into the source text (see faultline.offsets)."""
    from faultline.offsets import to_source as mapped

    return mapped(anchors, offset)
